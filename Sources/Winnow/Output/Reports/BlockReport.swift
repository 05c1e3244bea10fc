/// The repeated blocks of a dump, ranked by pages × words: what a user reads
/// before trusting the cleaner.
package struct BlockReport: Codable, Sendable {
    public struct Row: Codable, Sendable {
        /// The block's text, as in its first occurrence.
        public let text: String
        public let words: Int
        /// How many pages hold it.
        public let pages: Int
        /// How many times it occurs in all.
        public let copies: Int
        /// What the cleaner makes of it: the most common removal reason, or
        /// "content" where it keeps the block most often.
        public let `class`: String
        /// Why, for one occurrence.
        public let evidence: String
        /// A few page ids holding it.
        public let examples: [String]
    }

    public let pages: Int
    /// Distinct blocks that occur more than once.
    public let repeatedBlocks: Int
    public let rows: [Row]
    public let winnow: ReportHeader

    /// Builds the report from a cleaned dump. `top` limits the rows. Pages
    /// are taken in file and line order (a block's first occurrence, its
    /// examples), whatever order the inputs were given in.
    public init(_ given: [CleanedPage], top: Int = 50, examples: Int = 3, header: ReportHeader) {
        winnow = header
        let cleaned = canonicalOrder(given).map { given[$0] }
        struct Tally {
            var first: (page: Int, block: Int)
            var pages = 0
            var lastPage = -1
            var copies = 0
            var reasons: [String: Int] = [:]
            var evidence = ""
            var examples: [String] = []
        }
        var tallies: [UInt64: Tally] = [:]
        for (p, page) in cleaned.enumerated() {
            for (b, block) in page.page.blocks.enumerated() {
                var tally = tallies[block.key] ?? Tally(first: (p, b))
                tally.copies += 1
                if tally.lastPage != p {
                    tally.pages += 1
                    tally.lastPage = p
                    if tally.examples.count < examples { tally.examples.append(page.page.id) }
                }
                let removal = page.removals[b]
                tally.reasons[removal?.reason.rawValue ?? "content", default: 0] += 1
                if tally.evidence.isEmpty, let removal { tally.evidence = removal.evidence }
                tallies[block.key] = tally
            }
        }
        let repeated = tallies.filter { $0.value.copies > 1 && cleaned[$0.value.first.page].page.blocks[$0.value.first.block].tokenCount > 0 }
        let ranked = repeated.values.map { tally -> Row in
            let page = cleaned[tally.first.page].page
            let block = page.blocks[tally.first.block]
            let cls = tally.reasons.max { a, b in a.value < b.value || (a.value == b.value && a.key > b.key) }!.key
            return Row(text: page.string(of: block), words: block.tokenCount, pages: tally.pages, copies: tally.copies,
                       class: cls, evidence: tally.evidence, examples: tally.examples)
        }.sorted { a, b in
            let sa = a.pages * a.words, sb = b.pages * b.words
            if sa != sb { return sa > sb }
            if a.copies != b.copies { return a.copies > b.copies }
            return a.text < b.text
        }
        pages = cleaned.count
        repeatedBlocks = ranked.count
        rows = Array(ranked.prefix(top))
    }

    /// A plain-text table.
    public func text(width: Int = 60) -> String {
        var out = "\(repeatedBlocks) repeated blocks in \(pages) pages; top \(rows.count) by pages × words\n\n"
        out += "pages  copies  words  class      text\n"
        for row in rows {
            var text = row.text.replacingTabs
            if text.count > width { text = String(text.prefix(width - 1)) + "…" }
            out += pad(row.pages, 5) + "  " + pad(row.copies, 6) + "  " + pad(row.words, 5) + "  "
            out += row.class.padding(9) + "  " + text + "\n"
            out += String(repeating: " ", count: 33) + "e.g. " + row.examples.joined(separator: ", ") + "\n"
        }
        return out
    }

    private func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: " ", count: max(0, width - s.count)) + s
    }
}

extension String {
    fileprivate var replacingTabs: String { map { $0 == "\t" ? " " : String($0) }.joined() }
    fileprivate func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}
