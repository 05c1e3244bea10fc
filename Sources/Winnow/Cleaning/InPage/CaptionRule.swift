/// Photo captions and credits.
///
/// A caption is a block that:
/// - ends in a credit: a closing parenthesis whose words open with a credit cue
///   ("(AFP PHOTO/…)", "(Nguồn: …)"), or a short "Photo: …" / "Ảnh: …" tail;
/// - opens with a credit cue and a colon ("Photograph: …");
/// - repeats the page's title and goes on (a caption glued to the title);
/// - is a fragment: every one of its words, in order, stands in another block
///   of the page (a caption cut from a paragraph).
/// `--keep-captions` turns the rule off.
struct CaptionRule: PageRule {
    /// Captions are short; a longer block with a credit-like ending is text.
    static let maximumWords = 80
    /// The longest credit after the cue ("Ảnh: Nguyễn Văn A/TTXVN").
    static let maximumCreditWords = 8

    func apply(to state: inout PageState, context: RuleContext) {
        guard !context.options.keepCaptions else { return }
        // An analyser for the words of credit-like ends: most pages have none.
        let analyzer = LineAnalyzer.onDemand()
        for i in 0 ..< state.count where !state.isRemoved(i) && !state.isHead(i) {
            guard state.tokenCount(i) <= Self.maximumWords else { continue }
            if let cue = credit(state.page.bytes(of: state.blocks[i]), context.cues, analyzer) {
                state.remove(i, Removal(.caption, "credit '\(cue)'"))
            } else if let title = state.title, gluedToTitle(i, title: title, state) {
                state.remove(i, Removal(.caption, .gluedToTitle(line: Int32(state.line(title)))))
            }
        }
        removeFragments(&state)
    }

    /// The longest credit tail or opener looked at, in bytes.
    static let creditWindow = 160

    /// The credit cue a block carries, if it ends or opens with one. Works on
    /// the block's bytes and looks only near its ends, where credits stand.
    func credit(_ bytes: ArraySlice<UInt8>, _ cues: CueMatcher, _ analyzer: () -> LineAnalyzer) -> String? {
        var lo = bytes.startIndex, hi = bytes.endIndex
        while lo < hi, bytes[lo] == 0x20 || bytes[lo] == 0x09 { lo += 1 }
        while hi > lo, bytes[hi - 1] == 0x20 || bytes[hi - 1] == 0x09 { hi -= 1 }
        guard lo < hi else { return nil }
        let text = bytes[lo ..< hi]
        let windowStart = max(lo, hi - Self.creditWindow)
        func words(_ slice: ArraySlice<UInt8>) -> [TokenHash] { analyzer().tokenHashes(of: slice) }
        func string(_ slice: ArraySlice<UInt8>) -> String { String(decoding: slice, as: UTF8.self) }
        // "… (AFP PHOTO/NAME)" or "… (Nguồn: X)"
        if text.last == UInt8(ascii: ")"), let open = text[windowStart...].lastIndex(of: UInt8(ascii: "(")) {
            let inner = text[(open + 1) ..< (hi - 1)]
            let tokens = words(inner)
            if tokens.count <= Self.maximumCreditWords + 2, cues.prefixMatch(.credit, tokens[...]) != nil {
                return string(inner)
            }
        }
        // "… Ảnh: ITV.com." near the end, or "Photograph: X" at the start:
        // the colons of the window, last first, then the block's first colon
        // if it opens the block before the window.
        func creditCue(at colon: Int) -> String? {
            // French sets a space before its colons ("Photo : AFP").
            var cueEnd = colon
            while cueEnd > lo, text[cueEnd - 1] == 0x20 { cueEnd -= 1 }
            var cueStart = cueEnd
            while cueStart > lo, ![0x20, UInt8(ascii: "("), UInt8(ascii: ".")].contains(text[cueStart - 1]) { cueStart -= 1 }
            let cueWords = words(text[cueStart ..< cueEnd])
            guard !cueWords.isEmpty, cues.prefixMatch(.credit, cueWords[...]) == cueWords.count else { return nil }
            // A credit names someone after its colon: "… in our video:" ends a sentence that introduces one.
            let afterWords = words(text[(colon + 1)...]).count
            guard afterWords > 0, afterWords <= Self.maximumCreditWords || (cueStart == lo && afterWords <= 40) else { return nil }
            return string(text[cueStart ..< cueEnd]) + ":"
        }
        var colon = hi
        while let found = Self.lastColon(in: text, windowStart ..< colon) {
            if let cue = creditCue(at: found) { return cue }
            colon = found
        }
        let openerEnd = min(hi, lo + 40)
        if let first = text[lo ..< openerEnd].firstIndex(of: UInt8(ascii: ":")), first < windowStart {
            return creditCue(at: first)
        }
        return nil
    }

    /// The last colon of `bytes[range]`. Nearly every block's window is
    /// searched, and most hold none: eight bytes are tested at a time, and
    /// only a word that holds a colon is looked at byte by byte.
    private static func lastColon(in bytes: ArraySlice<UInt8>, _ range: Range<Int>) -> Int? {
        bytes.withUnsafeBufferPointer { buffer in
            // Offsets into `buffer`, whose first byte is `bytes.startIndex`.
            let (lower, upper) = (range.lowerBound - bytes.startIndex, range.upperBound - bytes.startIndex)
            var i = upper
            while i > lower {
                if i - 8 >= lower {
                    let word = UnsafeRawPointer(buffer.baseAddress! + (i - 8)).loadUnaligned(as: UInt64.self)
                    if ByteMask.matches(word, UInt8(ascii: ":")) == 0 {
                        i -= 8
                        continue
                    }
                }
                i -= 1
                if buffer[i] == UInt8(ascii: ":") { return bytes.startIndex + i }
            }
            return nil
        }
    }

    /// The block starts with the title's words and goes on.
    private func gluedToTitle(_ i: Int, title: Int, _ state: PageState) -> Bool {
        let t = state.tokens(title)
        return t.count >= 3 && i != title && state.tokenCount(i) > t.count + 1 && state.tokens(i).starts(with: t)
    }

    /// Removes blocks all of whose words stand, in order, in other blocks.
    ///
    /// The kept blocks' words are read as one stream; a candidate (a short
    /// block) is covered when each of its 4-word shingles also starts in
    /// another block of the stream. Most candidates fail on their first or
    /// last shingle (a lead that opens with the title's words goes on with
    /// its own), so the stream is read once for the candidates' first and
    /// last shingles, and once more, for every shingle, only for those that
    /// pass both.
    private func removeFragments(_ state: inout PageState) {
        let shingler = Shingler(size: 4)
        let kept = (0 ..< state.count).filter { !state.isRemoved($0) }
        var candidates = kept.filter { !state.isHead($0) && (5 ... Self.maximumWords).contains(state.tokenCount($0)) }
        let stream = KeptWords(state: state, blocks: kept)
        guard !candidates.isEmpty, stream.count > shingler.size else { return }
        // Each candidate's first and last shingles, in turn, and their first two words.
        var ends: [UInt64] = []
        ends.reserveCapacity(2 * candidates.count)
        var openings = WordFilter()
        state.page.tokenHashes.withUnsafeBufferPointer { all in
            for i in candidates {
                let words = all.baseAddress! + state.blocks[i].tokens.lowerBound
                let last = words + state.tokenCount(i) - shingler.size
                ends.append(shingler.hash(words))
                ends.append(shingler.hash(last))
                openings.insert(words[0], words[1])
                openings.insert(last[0], last[1])
            }
        }
        let endHolders = holders(of: ends, startingWith: openings, in: stream, shingler)
        candidates = candidates.indices.filter { n in
            Self.otherHolder(of: ends[2 * n], besides: candidates[n], endHolders) != nil
                && Self.otherHolder(of: ends[2 * n + 1], besides: candidates[n], endHolders) != nil
        }.map { candidates[$0] }
        guard !candidates.isEmpty else { return }
        // Every shingle of the candidates left, one after another.
        var own: [UInt64] = []
        var ownStarts = [0]  // candidate n's shingles are own[ownStarts[n] ..< ownStarts[n + 1]]
        ownStarts.reserveCapacity(candidates.count + 1)
        state.page.tokenHashes.withUnsafeBufferPointer { all in
            for i in candidates {
                shingler.appendShingles(of: UnsafeBufferPointer(rebasing: all[state.blocks[i].tokens]), to: &own)
                ownStarts.append(own.count)
            }
        }
        let holders = holders(of: own, startingWith: WordFilter(pairsOf: candidates.map { state.tokens($0) }),
                              in: stream, shingler)
        // The blocks whose every shingle also starts in another block (in
        // page order), and those others, each once.
        var covered: [(block: Int, others: [Int])] = []
        var isCovered = [Bool](repeating: false, count: state.count)
        for (n, i) in candidates.enumerated() {
            var others: [Int] = []
            let all = own[ownStarts[n] ..< ownStarts[n + 1]].allSatisfy { h in
                guard let other = Self.otherHolder(of: h, besides: i, holders) else { return false }
                if !others.contains(other) { others.append(other) }
                return true
            }
            if all {
                covered.append((i, others))
                isCovered[i] = true
            }
        }
        // A sentence inside a longer caption is covered by the caption alone;
        // the caption is covered by text that nothing covers. Remove the latter.
        for (i, others) in covered {
            if let source = others.sorted().first(where: { !isCovered[$0] }) {
                state.remove(i, Removal(.caption, .wordsCopied(line: Int32(state.line(source)))))
            }
        }
    }

    /// Where each of `shingles` starts: the first two blocks of the stream
    /// (-1 for none). `filter` lets through the pairs of words the shingles start with.
    private func holders(of shingles: [UInt64], startingWith filter: WordFilter, in stream: KeptWords,
                         _ shingler: Shingler) -> Holders {
        var holders = Holders(capacity: shingles.count)
        for h in shingles { holders.set(h, Holder(first: -1, second: -1)) }
        stream.forEachShingle(shingler, startingWith: filter) { h, block in
            holders.modifyExisting(h) {
                if $0.first < 0 {
                    $0.first = Int32(block)
                } else if $0.second < 0 && $0.first != Int32(block) {
                    $0.second = Int32(block)
                }
            }
        }
        return holders
    }

    /// The first two blocks a shingle starts in (-1 for none). A struct, not
    /// a tuple: a table of tuples looked up the tuple's type at run time,
    /// for every page.
    struct Holder {
        var first: Int32
        var second: Int32
    }

    typealias Holders = HashTable64<Holder>

    /// A block other than `i` that shingle `h` starts in.
    private static func otherHolder(of h: UInt64, besides i: Int, _ holders: Holders) -> Int? {
        guard let found = holders[h], found.first >= 0 else { return nil }
        if found.first != Int32(i) { return Int(found.first) }
        return found.second >= 0 ? Int(found.second) : nil
    }
}
