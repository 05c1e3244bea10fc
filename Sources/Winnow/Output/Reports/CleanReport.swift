/// The `--report` of `winnow clean`: every removed block with its line,
/// text, reason and evidence, page by page.
package struct CleanReport: Codable, Sendable {
    public struct RemovedBlock: Codable, Sendable {
        public let line: Int
        public let reason: String
        public let evidence: String
        public let text: String
    }

    public struct PageEntry: Codable, Sendable {
        public let id: String
        public let blocks: Int
        public let kept: Int
        public let removed: [RemovedBlock]
    }

    public struct Summary: Codable, Sendable {
        public let pages: Int
        public let blocks: Int
        public let keptBlocks: Int
        public let words: Int
        public let keptWords: Int
        /// Removed blocks per reason.
        public let removedByReason: [String: Int]
        public let problems: [String]
    }

    public let summary: Summary
    public let pages: [PageEntry]
    public let winnow: ReportHeader

    /// Pages in file and line order, whatever order the inputs were given in.
    public init(_ cleaned: [CleanedPage], diagnostics: [Diagnostic], header: ReportHeader) {
        winnow = header
        var byReason: [String: Int] = [:]
        var blocks = 0, kept = 0, words = 0, keptWords = 0
        pages = canonicalOrder(cleaned).map { cleaned[$0] }.map { page in
            let removed = page.removedBlocks.map { block, removal in
                byReason[removal.reason.rawValue, default: 0] += 1
                return RemovedBlock(line: block.line, reason: removal.reason.rawValue,
                                    evidence: removal.evidence, text: page.page.string(of: block))
            }
            blocks += page.page.blocks.count
            kept += page.page.blocks.count - removed.count
            words += page.page.tokenCount
            keptWords += page.keptBlocks.reduce(0) { $0 + $1.tokenCount }
            return PageEntry(id: page.page.id, blocks: page.page.blocks.count,
                             kept: page.page.blocks.count - removed.count, removed: removed)
        }
        summary = Summary(pages: cleaned.count, blocks: blocks, keptBlocks: kept, words: words, keptWords: keptWords,
                          removedByReason: byReason, problems: diagnostics.map(\.description))
    }
}
