/// The passages two documents share, as runs of matching shingles.
enum SharedPassages {
    /// Longest first, at most `limit`, then in the order they stand in `a`.
    static func find(_ a: DuplicateDocument, _ b: DuplicateDocument, k: Int, limit: Int) -> [SharedPassage] {
        let shingler = Shingler(size: k)
        let sa = shingler.shingles(of: a.tokens)
        let sb = shingler.shingles(of: b.tokens)
        guard !sa.isEmpty, !sb.isEmpty else { return [] }
        var first: [UInt64: Int] = [:]
        for (j, h) in sb.enumerated() where first[h] == nil { first[h] = j }
        var runs: [(a: Range<Int>, b: Range<Int>)] = []
        var i = 0
        while i < sa.count {
            guard let j = first[sa[i]] else {
                i += 1
                continue
            }
            var length = 1
            while i + length < sa.count, j + length < sb.count, sa[i + length] == sb[j + length] { length += 1 }
            // Shingles i ..< i+length cover tokens i ..< i+length+k-1.
            let width = min(k, a.tokens.count)
            runs.append((i ..< i + length + width - 1, j ..< j + length + min(k, b.tokens.count) - 1))
            i += length
        }
        let chosen = runs.sorted { ($0.a.count, -$0.a.lowerBound) > ($1.a.count, -$1.a.lowerBound) }
            .prefix(limit).sorted { $0.a.lowerBound < $1.a.lowerBound }
        return chosen.map { run in
            let aLines = [Int(a.lines[run.a.lowerBound]), Int(a.lines[run.a.upperBound - 1])]
            let bLines = [Int(b.lines[run.b.lowerBound]), Int(b.lines[run.b.upperBound - 1])]
            return SharedPassage(aLines: aLines, bLines: bLines, text: text(of: a, lines: Set(a.lines[run.a])))
        }
    }

    /// The text of the given lines of a document's page, joined, cut at 300 characters.
    static func text(of document: DuplicateDocument, lines: Set<Int32>) -> String {
        guard let page = document.page else { return "" }
        let parts = page.blocks.filter { lines.contains(Int32($0.line)) }.map { page.string(of: $0) }
        let joined = parts.joined(separator: " ")
        return joined.count > 300 ? String(joined.prefix(299)) + "…" : joined
    }
}
