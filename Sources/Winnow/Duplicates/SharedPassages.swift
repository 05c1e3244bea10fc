/// The passages two documents share, as runs of matching shingles.
enum SharedPassages {
    /// Longest first, at most `limit`, then in the order they stand in `a`.
    /// Documents known to hold the same words (`identical`) share one
    /// passage, all of it, found without shingling.
    static func find(_ a: DuplicateDocument, _ b: DuplicateDocument, k: Int, limit: Int, identical: Bool = false) -> [SharedPassage] {
        let (aTokens, bTokens) = (a.tokens, b.tokens)
        if identical {
            return aTokens.isEmpty ? [] : passages([(0 ..< aTokens.count, 0 ..< bTokens.count)], a, b)
        }
        let shingler = Shingler(size: k)
        let sa = shingler.shingles(of: aTokens)
        let sb = shingler.shingles(of: bTokens)
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
            let width = min(k, aTokens.count)
            runs.append((i ..< i + length + width - 1, j ..< j + length + min(k, bTokens.count) - 1))
            i += length
        }
        let chosen = runs.sorted { ($0.a.count, -$0.a.lowerBound) > ($1.a.count, -$1.a.lowerBound) }
            .prefix(limit).sorted { $0.a.lowerBound < $1.a.lowerBound }
        return passages(Array(chosen), a, b)
    }

    /// The passages of the given token runs of `a` and `b`.
    private static func passages(_ chosen: [(a: Range<Int>, b: Range<Int>)], _ a: DuplicateDocument,
                                 _ b: DuplicateDocument) -> [SharedPassage] {
        let (aLineOf, bLineOf) = (a.lines, b.lines)
        return chosen.map { run in
            let aLines = [Int(aLineOf[run.a.lowerBound]), Int(aLineOf[run.a.upperBound - 1])]
            let bLines = [Int(bLineOf[run.b.lowerBound]), Int(bLineOf[run.b.upperBound - 1])]
            return SharedPassage(aLines: aLines, bLines: bLines, text: text(of: a, lines: aLineOf[run.a]))
        }
    }

    /// The longest passage text given, in characters.
    static let textLimit = 300

    /// The text of the given lines of a document's page (ascending, repeats
    /// allowed), joined, cut at ``textLimit`` characters.
    static func text(of document: DuplicateDocument, lines: ArraySlice<Int32>) -> String {
        guard let page = document.page else { return "" }
        var joined = ""
        var previous: Int32 = -1
        var b = 0
        for line in lines where line != previous {
            previous = line
            while b < page.blocks.count && page.blocks[b].line < Int(line) { b += 1 }
            guard b < page.blocks.count, page.blocks[b].line == Int(line) else { continue }
            if !joined.isEmpty { joined += " " }
            joined += page.string(of: page.blocks[b])
            if joined.utf8.count > 8 * textLimit { break }  // enough: no character is 8 bytes
        }
        // Counting characters walks grapheme clusters: walk at most the limit.
        guard joined.utf8.count > textLimit,
              let cut = joined.index(joined.startIndex, offsetBy: textLimit - 1, limitedBy: joined.endIndex),
              cut < joined.endIndex, joined.index(after: cut) < joined.endIndex
        else { return joined }
        return String(joined[..<cut]) + "…"
    }
}
