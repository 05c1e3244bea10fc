import Algorithms

/// The passages two documents share, as runs of matching shingles.
enum SharedPassages {
    /// Longest first, at most `limit`, then in the order they stand in `a`.
    /// Documents known to hold the same words (`identical`) share one
    /// passage, all of it, found without shingling.
    static func find(_ a: DuplicateDocument, _ b: DuplicateDocument, k: Int, limit: Int, identical: Bool = false) -> [SharedPassage] {
        if identical {  // one passage, all of it: the words are not needed, only their number
            let (aCount, bCount) = (a.tokenCount, b.tokenCount)
            return aCount == 0 ? [] : passages([(0 ..< aCount, 0 ..< bCount)], a, b)
        }
        let (aTokens, bTokens) = (a.tokens, b.tokens)
        let shingler = Shingler(size: k)
        return find(a, (shingler.shingles(of: aTokens), aTokens.count), b, (shingler.shingles(of: bTokens), bTokens.count),
                    k: k, limit: limit)
    }

    /// A document's shingle hashes in text order, and its number of words.
    typealias Shingled = (shingles: [UInt64], tokenCount: Int)

    /// Like ``find(_:_:k:limit:identical:)``, for documents already shingled.
    static func find(_ a: DuplicateDocument, _ aShingled: Shingled, _ b: DuplicateDocument, _ bShingled: Shingled,
                     k: Int, limit: Int) -> [SharedPassage] {
        let (sa, sb) = (aShingled.shingles, bShingled.shingles)
        guard !sa.isEmpty, !sb.isEmpty else { return [] }
        var first = HashTable64<Int32>(capacity: sb.count)
        for (j, h) in sb.enumerated() { first.update(h, initial: Int32(j)) { _ in } }
        var runs: [(a: Range<Int>, b: Range<Int>)] = []
        var i = 0
        while i < sa.count {
            guard let j = first[sa[i]].map(Int.init) else {
                i += 1
                continue
            }
            var length = 1
            while i + length < sa.count, j + length < sb.count, sa[i + length] == sb[j + length] { length += 1 }
            // Shingles i ..< i+length cover tokens i ..< i+length+k-1.
            runs.append((i ..< i + length + min(k, aShingled.tokenCount) - 1, j ..< j + length + min(k, bShingled.tokenCount) - 1))
            i += length
        }
        let chosen = runs.sorted { ($0.a.count, -$0.a.lowerBound) > ($1.a.count, -$1.a.lowerBound) }
            .prefix(limit).sorted { $0.a.lowerBound < $1.a.lowerBound }
        return passages(Array(chosen), a, b)
    }

    /// The passages of the given token runs of `a` and `b`.
    private static func passages(_ chosen: [(a: Range<Int>, b: Range<Int>)], _ a: DuplicateDocument,
                                 _ b: DuplicateDocument) -> [SharedPassage] {
        guard !chosen.isEmpty else { return [] }
        let (aRuns, bRuns) = (a.lineRuns, b.lineRuns)
        // The page's text, held or read again from its file (empty when the
        // file changed since: the page then reports it).
        let aText = a.page?.readText() ?? []
        return chosen.map { run in
            let (aFirst, aLast) = (runIndex(of: run.a.lowerBound, aRuns), runIndex(of: run.a.upperBound - 1, aRuns))
            let (bFirst, bLast) = (runIndex(of: run.b.lowerBound, bRuns), runIndex(of: run.b.upperBound - 1, bRuns))
            return SharedPassage(aLines: [Int(aRuns[aFirst].line), Int(aRuns[aLast].line)],
                                 bLines: [Int(bRuns[bFirst].line), Int(bRuns[bLast].line)],
                                 text: text(of: a, aText, lines: aRuns[aFirst ... aLast].lazy.map(\.line)))
        }
    }

    /// The run of ``DuplicateDocument/lineRuns`` that word `t` is in (a word of the document).
    private static func runIndex(of t: Int, _ runs: [(line: Int32, end: Int)]) -> Int {
        runs.partitioningIndex { $0.end > t }
    }

    /// The longest passage text given, in characters.
    static let textLimit = 300

    /// The text of the given lines of a document's page (ascending, repeats
    /// allowed), joined, cut at ``textLimit`` characters; `pageText` is the
    /// page's ``Page/text``.
    static func text(of document: DuplicateDocument, _ pageText: [UInt8], lines: some Sequence<Int32>) -> String {
        guard let page = document.page, pageText.count == page.textCount else { return "" }
        var joined: [UInt8] = []
        var previous: Int32 = -1
        var b = 0
        pageText.withUnsafeBufferPointer { text in
            for line in lines where line != previous {
                previous = line
                while b < page.blocks.count && page.blocks[b].line < Int(line) { b += 1 }
                guard b < page.blocks.count, page.blocks[b].line == Int(line) else { continue }
                if !joined.isEmpty { joined.append(0x20) }
                joined.append(contentsOf: UnsafeBufferPointer(rebasing: text[page.blocks[b].range]))
                if joined.count > 8 * textLimit { break }  // enough: no character is 8 bytes
            }
        }
        return cut(joined)
    }

    /// Valid UTF-8 as a string of at most ``textLimit`` characters: when it
    /// holds more, its first `textLimit - 1` and "…".
    ///
    /// Characters are grapheme clusters, and walking them is slow: when the
    /// first `textLimit + 1` scalars are each a character of their own (see
    /// ``isLoneCharacter(_:)``), as in most Latin and Vietnamese text, the
    /// scalars are counted instead, and only the part kept is made a string.
    static func cut(_ bytes: [UInt8]) -> String {
        guard bytes.count > textLimit else { return String(decoding: bytes, as: UTF8.self) }
        var i = 0, scalars = 0, cut = 0
        let simple = bytes.withUnsafeBufferPointer { p -> Bool in
            while scalars <= textLimit, i < p.count {
                let length = TextDecoder.sequenceLength(p.baseAddress!, i, p.count)
                guard length > 0, isLoneCharacter(TextDecoder.scalarValue(p.baseAddress!, i, length)) else { return false }
                if scalars == textLimit - 1 { cut = i }
                i += length
                scalars += 1
            }
            return true
        }
        if simple {
            return scalars <= textLimit ? String(decoding: bytes, as: UTF8.self) : String(decoding: bytes[..<cut], as: UTF8.self) + "…"
        }
        let joined = String(decoding: bytes, as: UTF8.self)
        // Counting characters walks grapheme clusters: walk at most the limit.
        guard let cut = joined.index(joined.startIndex, offsetBy: textLimit - 1, limitedBy: joined.endIndex),
              cut < joined.endIndex, joined.index(after: cut) < joined.endIndex
        else { return joined }
        return String(joined[..<cut]) + "…"
    }

    /// Whether a scalar is always a character of its own, whatever stands
    /// next to it: its grapheme cluster break property is Other, and it is
    /// no emoji (Latin, Vietnamese, Cyrillic and Han letters, most
    /// punctuation). A test checks each against the standard library.
    static func isLoneCharacter(_ v: UInt32) -> Bool {
        switch v {
        case 0x20 ... 0x7E, 0xA0 ... 0xA8, 0xAA ... 0xAC, 0xAF ... 0x2FF, 0x400 ... 0x482, 0x48A ... 0x52F,
             0x1E00 ... 0x1EFF, 0x2010 ... 0x2027, 0x2030 ... 0x203B, 0x203D ... 0x2048, 0x204A ... 0x205E,
             0x4E00 ... 0x9FFF:
            return true
        default:
            return false
        }
    }
}
