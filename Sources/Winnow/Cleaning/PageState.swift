/// How a block's text ends, for telling sentences from titles and labels.
enum BlockEnding {
    /// `.`, `:`, `;` or `,`, possibly inside closing quotes.
    case period
    /// `…` or `...`: a cut-off headline or teaser.
    case ellipsis
    /// `!` or `?`, possibly inside closing quotes.
    case exclamation
    /// A letter, digit, or a closing bracket or quote after one.
    case word
    /// Anything else (a symbol, or no visible text).
    case other
}

/// A page's title and lead: up to two block indices, with their keys, held
/// in place. The rules ask whether a block is in the head for nearly every
/// block, and the cross-page rule reads every page's head keys: an array
/// was an allocation a page and a pointer to follow each time.
struct Head: RandomAccessCollection, Sendable {
    private var blocks: (Int32, Int32) = (-1, -1)
    /// The key of each block, in the same order.
    private var blockKeys: (UInt64, UInt64) = (0, 0)
    private(set) var count = 0

    var startIndex: Int { 0 }
    var endIndex: Int { count }
    subscript(position: Int) -> Int { Int(position == 0 ? blocks.0 : blocks.1) }

    /// The key of the `position`th block.
    func key(_ position: Int) -> UInt64 { position == 0 ? blockKeys.0 : blockKeys.1 }

    /// Adds a block (up to two).
    mutating func append(_ block: Int, key: UInt64) {
        precondition(count < 2, "a head has two blocks at most")
        if count == 0 { (blocks.0, blockKeys.0) = (Int32(block), key) } else { (blocks.1, blockKeys.1) = (Int32(block), key) }
        count += 1
    }

    /// Whether block `i` is in the head.
    func contains(_ i: Int) -> Bool { (count > 0 && Int(blocks.0) == i) || (count > 1 && Int(blocks.1) == i) }
}

/// A page while the cleaner decides on its blocks.
struct PageState: Sendable {
    private(set) var page: Page
    /// The removal of each block, nil while it is kept.
    private(set) var removals: [Removal?]
    /// How each block ends.
    private(set) var endings: [BlockEnding]
    /// The title and lead: the first two blocks of three or more words with distinct keys.
    private(set) var head = Head()
    /// Each block's score from the body model (``BodyRule/score(_:context:)``),
    /// empty until it has run: how likely the block is article text.
    var bodyScores: [Float] = []
    /// The page's main run of prose (``BodyLocator``).
    var body: Range<Int> = 0 ..< 0

    /// The score from which the body model that judged the page keeps a
    /// block against the repeat and tail rules (``BodyModel/overrules``):
    /// set with ``bodyScores``, nil for a model that reads no markup.
    var modelKeepsFrom: Float?

    /// Whether the body model is sure enough that block `i` is article text
    /// to keep it against the repeat and tail rules.
    func modelKeeps(_ i: Int) -> Bool {
        guard bodyScores.count == count, let bar = modelKeepsFrom else { return false }
        return bodyScores[i] >= bar
    }

    init(_ page: Page) {
        self.page = page
        removals = Array(repeating: nil, count: page.blocks.count)
        endings = page.text.withUnsafeBufferPointer { text in
            page.blocks.map { Self.ending(of: UnsafeBufferPointer(rebasing: text[$0.range])) }
        }
        findHead()
    }

    /// The state of a page of the archive, judged on an earlier day: its
    /// blocks as they stood when templates were judged, and its head.
    init(archived: ArchivedPage) {
        page = Page(archived: archived)
        removals = Array(repeating: nil, count: archived.blocks.count)
        endings = Array(repeating: .other, count: archived.blocks.count)
        head = Head()
        for part in 0 ..< 2 {
            if let b = archived.blocks.firstIndex(where: { $0.headPart == part }) { head.append(b, key: archived.blocks[b].key) }
        }
    }

    /// The head: the first two blocks of three or more words with distinct
    /// keys, among those kept.
    private mutating func findHead() {
        head = Head()
        for (i, block) in page.blocks.enumerated() where block.tokenCount >= 3 && removals[i] == nil {
            if head.count == 1 && head.key(0) == block.key { continue }
            head.append(i, key: block.key)
            if head.count == 2 { break }
        }
    }

    /// Finds the head again from the article body, among the blocks the
    /// in-page rules kept: the title is the nearest kept block of three
    /// words or more above the main run of prose (or the body's first, when
    /// none is), the lead the next one. On a page that opens with menus, a
    /// `<title>` line or a date, the first lines are not the article's title
    /// and lead, and a site's menu line taken for a title would make all its
    /// pages look like one story.
    ///
    /// A headline-like first line that the rules kept (no menu of items
    /// between separators) is the title, wherever the main run starts: a
    /// page's own short text (a notice, a list of facts) can stand above a
    /// longer story glued below it, whose title is not this page's.
    /// Paragraphs between the title and the main run (a lead, a paragraph
    /// that ends in a byline or a quote, not as a sentence) are the
    /// article's too: above them, the nearest headline-like block is the
    /// title.
    mutating func settleHead() {
        guard !body.isEmpty else { return findHead() }
        let kept = (0 ..< body.lowerBound).filter { removals[$0] == nil && blocks[$0].tokenCount >= 3 }
        var start = kept.last
        if kept.first == 0, isTitleLike(0), !BodyRule.isList(0, self) {
            start = 0
        } else if let last = kept.last, !isTitleLike(last),
           let title = kept.last(where: { isTitleLike($0) }),
           kept.drop(while: { $0 <= title }).allSatisfy({ !isTitleLike($0) && tokenCount($0) >= Self.paragraphWords }) {
            start = title
        }
        head = Head()
        for i in (start ?? body.lowerBound) ..< count where removals[i] == nil && blocks[i].tokenCount >= 3 {
            if head.count == 1 && head.key(0) == blocks[i].key { continue }
            head.append(i, key: blocks[i].key)
            if head.count == 2 { break }
        }
    }

    /// The same state for a page that shares this one's text (a copy, the
    /// page renamed): its blocks are this page's.
    func rebased(on page: Page) -> PageState {
        precondition(page.sharesText(with: self.page), "a state moves only to a page of the same text")
        var state = self
        state.page = page
        return state
    }

    /// Lets go of what only the rules need, once they are done (on all
    /// threads: freeing a dump's states one by one took 8 ms with a core idle).
    mutating func releaseRuleData() {
        endings = []
        bodyScores = []
    }

    var blocks: [Block] { page.blocks }
    var count: Int { page.blocks.count }

    func isRemoved(_ i: Int) -> Bool { removals[i] != nil }
    func isHead(_ i: Int) -> Bool { head.contains(i) }
    /// The page's title block, if any.
    var title: Int? { head.first }

    /// Removes block `i` unless an earlier rule already has.
    mutating func remove(_ i: Int, _ removal: Removal) {
        if removals[i] == nil { removals[i] = removal }
    }

    func tokens(_ i: Int) -> ArraySlice<TokenHash> { page.tokenHashes[page.blocks[i].tokens] }
    func tokenCount(_ i: Int) -> Int { page.blocks[i].tokenCount }
    func line(_ i: Int) -> Int { page.blocks[i].line }
    func string(_ i: Int) -> String { page.string(of: page.blocks[i]) }

    /// Ends like a sentence: with `.`, `!`, `?` or the like.
    func endsSentence(_ i: Int) -> Bool { endings[i] == .period || endings[i] == .exclamation }

    /// A short line that is not a sentence: navigation, a label, a byline.
    func isShortLabel(_ i: Int) -> Bool { tokenCount(i) <= 4 && !endsSentence(i) }

    /// Reads like a headline: 4 to 30 words, not ending in `.` or `:`.
    func isTitleLike(_ i: Int) -> Bool {
        (4 ... 30).contains(tokenCount(i)) && endings[i] != .period && endings[i] != .other
    }

    /// How many blocks of sentence text after the head show that the
    /// article's own text has begun, so that what comes next may be its end.
    static let bodyBlocksBeforeTail = 2

    /// The fewest words of a paragraph: of article text (``isBodyLike(_:)``),
    /// and of the paragraphs above the main run that the title may stand above (``settleHead()``).
    static let paragraphWords = 8

    /// Blocks of ``paragraphWords`` words or more that end as sentences: article text.
    func isBodyLike(_ i: Int) -> Bool { tokenCount(i) >= Self.paragraphWords && endsSentence(i) }

    static func ending(of bytes: ArraySlice<UInt8>) -> BlockEnding {
        bytes.withUnsafeBufferPointer { ending(of: $0) }
    }

    /// How a block's bytes (valid UTF-8) end. Read in place: a slice of the
    /// page's text per block, and an array to compare "..." with, cost more
    /// than the walk.
    static func ending(of bytes: UnsafeBufferPointer<UInt8>) -> BlockEnding {
        guard let base = bytes.baseAddress else { return .other }
        // Walk back over whole scalars: skip spaces and closing quotes/brackets.
        var end = bytes.count
        var sawClosing = false
        while end > 0 {
            var start = end - 1
            while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
            let scalar = Unicode.Scalar(TextDecoder.scalarValue(base, start, end - start)) ?? " "
            switch scalar {
            case " ", "\t", "\u{A0}", "\u{200B}", "\u{FEFF}":
                break
            case "\"", "'", "\u{201D}", "\u{2019}", "\u{BB}", ")", "]":
                sawClosing = true
            case "\u{2026}":
                return .ellipsis
            case ".":
                return start >= 2 && bytes[start - 1] == 0x2E && bytes[start - 2] == 0x2E ? .ellipsis : .period
            case ":", ";", ",":
                return .period
            case "!", "?":
                return .exclamation
            default:
                // From the scalar table: asking the properties per block was 1.5% of a run.
                return ScalarTable.shared.isAlphanumeric(scalar) || sawClosing ? .word : .other
            }
            end = start
        }
        return .other
    }
}
