import Synchronization

/// One block of a page: a line with visible text.
public struct Block: Sendable, Hashable {
    // Offsets in 32 bits (a page holds at most ``Page/maximumBytes``, and
    // repairing invalid bytes at most triples them): 32 bytes a block, not
    // 48. A dump of a million blocks holds 16 MB less, and the cross-page
    // rule, which reads blocks of pages at random, misses the cache less.
    private let lineNumber: UInt32
    private let start: UInt32
    private let end: UInt32
    private let firstToken: UInt32
    /// A 64-bit key of the block's folded words: blocks that differ only in
    /// case, Unicode form, spaces or punctuation share a key.
    public let key: UInt64
    private let endToken: UInt32

    /// The 1-based line number in the page.
    public var line: Int { Int(lineNumber) }
    /// The block's bytes in ``Page/text``, without the line terminator.
    public var range: Range<Int> { Int(start) ..< Int(end) }
    /// The block's tokens, as a range of ``Page/tokenHashes``.
    public var tokens: Range<Int> { Int(firstToken) ..< Int(endToken) }

    public init(line: Int, range: Range<Int>, key: UInt64, tokens: Range<Int>) {
        lineNumber = UInt32(line)
        start = UInt32(range.lowerBound)
        end = UInt32(range.upperBound)
        firstToken = UInt32(tokens.lowerBound)
        endToken = UInt32(tokens.upperBound)
        self.key = key
    }

    /// The number of word tokens.
    public var tokenCount: Int { Int(endToken &- firstToken) }
}

/// One page of a dump: its text, split into blocks and hashed.
///
/// Immutable, so it behaves as a value; a class, so that the many places
/// holding a page (the cleaner's state, a cleaned page, a duplicate search's
/// document) share it through one reference count rather than five.
public final class Page: Sendable {
    /// The page's id: its path relative to the input folder, or its JSONL id.
    public let id: String
    /// Where the page came from, for messages.
    public let origin: PageOrigin
    /// The page's text as valid UTF-8 (BOM stripped, invalid bytes replaced).
    ///
    /// Every page a library user is given holds its text. Only a job that
    /// reads the text of few pages after analysing them (`dups`) lets go of
    /// it, and reads those pages again (`readText()`).
    public var text: [UInt8] {
        guard let bytes = storage.bytes else { preconditionFailure("the text of \(id) was let go of") }
        return bytes
    }
    /// The text, shared with the page's copies.
    private let storage: SharedText
    /// The blocks, in order.
    public let blocks: [Block]
    /// The hash of every token of every block, in order (read back from
    /// the run's ``TokenSpill`` if the page put them there: hot loops read
    /// them with ``withTokenHashes(_:)``).
    public var tokenHashes: [TokenHash] { words.held ?? withTokenHashes { Array($0) } }
    /// The word hashes, shared with the page's copies.
    private let words: SharedWords
    /// How many invalid UTF-8 sequences were replaced.
    public let invalidSequences: Int
    /// ``ExactCopies/hash(_:)`` of ``text``, for finding pages with the same text.
    let textHash: UInt64
    /// What the markup of a page read from HTML says of each line of its
    /// text (`markup[block.line - 1]`); nil for a page read as text.
    let markup: [LineMarkup]?
    /// Whether ``readText()`` found the page's file changed since it was read.
    private let changed = Atomic<Bool>(false)

    /// The most bytes a page may have (1 GiB). The readers refuse a longer
    /// file or record with an error naming it; a news page is a few
    /// kilobytes, and blocks keep their offsets in 32 bits.
    public static let maximumBytes = 1 << 30

    /// The readers' error for a text of `bytes` bytes, if it is over ``maximumBytes``.
    static func sizeError(_ bytes: Int) -> String? {
        bytes <= maximumBytes ? nil : "page of \(bytes) bytes is over the \(maximumBytes)-byte (1 GiB) limit, skipped"
    }

    /// Reads `bytes` as a page: decodes, splits into blocks, folds and hashes.
    /// `bytes` holds at most ``maximumBytes``.
    public convenience init<Bytes: Collection>(id: String, origin: PageOrigin, bytes: Bytes) where Bytes.Element == UInt8 {
        self.init(id: id, origin: origin, bytes: bytes, analyzer: LineAnalyzer())
    }

    /// `bytesHash`, when given, is ``ExactCopies/hash(_:)`` of `bytes`
    /// (which a reader looking for identical files has already made): it is
    /// the text's hash too unless a BOM is stripped or bytes are replaced.
    init<Bytes: Collection>(id: String, origin: PageOrigin, bytes: Bytes, bytesHash: UInt64? = nil, markup: [LineMarkup]? = nil,
                            analyzer: LineAnalyzer)
    where Bytes.Element == UInt8 {
        precondition(bytes.count <= Self.maximumBytes, "a page holds at most \(Self.maximumBytes) bytes")
        self.id = id
        self.origin = origin
        self.markup = markup
        // The analyser checks UTF-8 as it folds; only a page with invalid
        // bytes is repaired and analysed again.
        var text = TextDecoder.withoutBOM(bytes)
        var invalid = 0
        var analysed = Self.analyze(text, analyzer)
        if analysed == nil {
            let repaired = TextDecoder.repair(text)
            text = repaired.bytes
            invalid = repaired.invalidSequences
            analysed = Self.analyze(text, analyzer)
        }
        storage = SharedText(text)
        self.invalidSequences = invalid
        textHash = invalid == 0 && text.count == bytes.count ? bytesHash ?? ExactCopies.hash(text) : ExactCopies.hash(text)
        let hashes: [TokenHash]
        (blocks, hashes) = analysed!
        words = SharedWords(hashes)
    }

    /// The blocks and token hashes of `text`; nil when it is not valid UTF-8.
    ///
    /// They grow in the analyser's buffers, kept from page to page, and are
    /// copied out at their final size: arrays grown by doubling would each
    /// be copied a few times and keep up to half their room unused.
    private static func analyze(_ text: [UInt8], _ analyzer: LineAnalyzer) -> (blocks: [Block], hashes: [TokenHash])? {
        analyzer.pageBlocks.removeAll(keepingCapacity: true)
        analyzer.pageHashes.removeAll(keepingCapacity: true)
        // A page too large for the buffers to be kept (``Array/takeContents()``
        // hands them over) would grow them by doubling, each step a copy and
        // fresh memory. Room is made up front for a word every four bytes
        // (news text has one every five to seven) and a block every 64 (a
        // line of news text is longer; a list of short lines grows them once
        // more); memory never written is never mapped.
        if text.count > 1 << 20 {
            analyzer.pageHashes.reserveCapacity(text.count / 4)
            analyzer.pageBlocks.reserveCapacity(text.count / 64)
        }
        let valid = text.withUnsafeBufferPointer { all in
            LineSplitter.forEachLine(all) { line in
                guard analyzer.analyze(UnsafeBufferPointer(rebasing: all[line.range])) else { return false }
                guard analyzer.hasVisibleText else { return true }
                let first = analyzer.pageHashes.count
                let key = analyzer.appendTokenHashes(to: &analyzer.pageHashes)
                analyzer.pageBlocks.append(Block(line: line.number, range: line.range, key: key,
                                                 tokens: first ..< analyzer.pageHashes.count))
                return true
            }
        }
        return valid ? (analyzer.pageBlocks.takeContents(), analyzer.pageHashes.takeContents()) : nil
    }

    private init(copying page: Page, id: String, origin: PageOrigin) {
        self.id = id
        self.origin = origin
        storage = page.storage
        blocks = page.blocks
        words = page.words
        invalidSequences = page.invalidSequences
        textHash = page.textHash
        markup = page.markup
    }

    /// A page of the archive, as evidence for the cross-page rule: its
    /// blocks' keys and word counts, with no text (``ArchivedPage``).
    init(archived: ArchivedPage) {
        id = ArchivedPage.documentPrefix + archived.id
        origin = PageOrigin(path: ArchivedPage.documentPrefix + archived.source)
        storage = SharedText([])
        var blocks: [Block] = []
        var tokens = 0
        for block in archived.blocks {
            blocks.append(Block(line: Int(block.line), range: 0 ..< 0, key: block.key, tokens: tokens ..< tokens + Int(block.tokens)))
            tokens += Int(block.tokens)
        }
        self.blocks = blocks
        words = SharedWords([TokenHash](repeating: 0, count: tokens))
        invalidSequences = 0
        textHash = archived.contentHash
        markup = nil
    }

    /// The same page under another id.
    public func renamed(_ id: String) -> Page { Page(copying: self, id: id, origin: origin) }

    /// A page read from elsewhere with the same bytes: it shares this page's
    /// text and hashes.
    func copy(id: String, origin: PageOrigin) -> Page { Page(copying: self, id: id, origin: origin) }

    /// The number of bytes of ``text``, held or not.
    var textCount: Int { storage.count }

    /// The number of word hashes (``tokenHashes``' count), held or not.
    var tokenCount: Int { words.count }

    /// Whether the page holds its word hashes (not put in a spill file).
    var holdsTokens: Bool { words.held != nil }

    /// Calls `body` with the word hashes where they lie, or, for a page
    /// that put them in the run's spill file, read back into a buffer.
    func withTokenHashes<R>(_ body: (UnsafeBufferPointer<TokenHash>) throws -> R) rethrows -> R {
        if let held = words.held { return try held.withUnsafeBufferPointer(body) }
        return try withUnsafeTemporaryAllocation(of: TokenHash.self, capacity: words.count) { buffer in
            words.spill!.read(buffer, at: words.offset)
            return try body(UnsafeBufferPointer(buffer))
        }
    }

    /// Puts the word hashes in `spill`'s file, if the pages' hashes are over
    /// its budget. Only the thread that made the page may call this, before
    /// the page is shared, as ``releaseText()``.
    func spillTokens(to spill: TokenSpill) { words.spill(to: spill) }

    /// Whether the page still holds its text.
    var holdsText: Bool { storage.bytes != nil }

    /// Lets go of the text, for a job that needs it again for few pages
    /// (see ``text``). Only the thread that made the page may call this,
    /// before the page is shared; and only for a page read from a text file
    /// (not standard input), which ``readText()`` can read again.
    func releaseText() { storage.release() }

    /// Whether the two pages share one text: one is a copy of the other (a
    /// file with the same bytes, a page renamed), or both of a third.
    func sharesText(with other: Page) -> Bool { storage === other.storage }

    /// The text: held, or read again from the page's file when let go of.
    /// Nil when the file no longer holds the text that was analysed (it
    /// changed since, or went): then ``textChanged`` is true.
    func readText() -> [UInt8]? {
        if let bytes = storage.bytes { return bytes }
        // Read as it was the first time: an HTML page as its text.
        if case .bytes(let raw, _) = Corpus.contents(of: InputFile(path: origin.path, relativeName: origin.path, format: InputSet.format(of: origin.path))) {
            // The text is the bytes without a BOM, repaired only if they were
            // (checking that they are valid UTF-8 took more than reading them):
            // the hash below tells whether they are still the text analysed.
            let bytes = TextDecoder.withoutBOM(raw)
            let text = invalidSequences == 0 ? bytes : TextDecoder.repair(bytes).bytes
            if text.count == storage.count && ExactCopies.hash(text) == textHash { return text }
        }
        changed.store(true, ordering: .relaxed)
        return nil
    }

    /// Whether ``readText()`` found the page's file changed since it was read.
    var textChanged: Bool { changed.load(ordering: .relaxed) }

    /// Whether two pages have the same text, byte for byte (pages with
    /// equal ``textHash``, mostly), reading again a text let go of.
    static func sameText(_ a: Page, _ b: Page) -> Bool {
        if a.sharesText(with: b) { return true }
        guard a.textCount == b.textCount, let x = a.readText(), let y = b.readText() else { return false }
        return ExactCopies.same(x, y)
    }

    /// The exact bytes of a block.
    public func bytes(of block: Block) -> ArraySlice<UInt8> { text[block.range] }

    /// The text of a block.
    public func string(of block: Block) -> String { String(decoding: text[block.range], as: UTF8.self) }
}

/// A page's text, one object for the page and its copies, so that pages
/// sharing a text are known by identity (``Page/sharesText(with:)``).
private final class SharedText: @unchecked Sendable {
    /// The text, or nil once let go of. Set only by the thread that made the
    /// page, before the page is shared (``Page/releaseText()``).
    private(set) var bytes: [UInt8]?
    /// The number of bytes of the text.
    let count: Int

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        count = bytes.count
    }

    func release() { bytes = nil }
}

/// A page's word hashes, one object for the page and its copies: held, or
/// in the run's ``TokenSpill`` at an offset.
private final class SharedWords: @unchecked Sendable {
    /// The hashes, or nil once put in ``spill``. Set only by the thread that
    /// made the page, before the page is shared (``Page/spillTokens(to:)``).
    private(set) var held: [TokenHash]?
    private(set) var spill: TokenSpill?
    private(set) var offset = 0
    let count: Int

    init(_ hashes: [TokenHash]) {
        held = hashes
        count = hashes.count
    }

    func spill(to spill: TokenSpill) {
        guard let held, let offset = held.withUnsafeBufferPointer({ spill.place($0) }) else { return }
        (self.spill, self.offset, self.held) = (spill, offset, nil)
    }
}

/// Where a page was read from.
public struct PageOrigin: Sendable, Hashable, CustomStringConvertible {
    /// The file's path as given or found (`-` for standard input).
    public let path: String
    /// The 1-based line of a JSONL record; nil for a text file.
    public let line: Int?

    public init(path: String, line: Int? = nil) {
        self.path = path
        self.line = line
    }

    public var description: String { line.map { "\(path):\($0)" } ?? path }
}
