/// Where every block key of a dump occurs, after the in-page rules.
struct BlockIndex: Sendable {
    /// One occurrence of a key.
    struct Occurrence: Sendable, Hashable {
        var page: Int32
        var block: Int32
    }

    /// Occurrences per key, in page order.
    private(set) var occurrences: [UInt64: [Occurrence]] = [:]
    /// The number of distinct pages holding each key.
    private(set) var pageCounts: [UInt64: Int32] = [:]
    let pageCount: Int

    init(_ states: [PageState]) {
        pageCount = states.count
        for (p, state) in states.enumerated() {
            var seen = Set<UInt64>()
            for (b, block) in state.blocks.enumerated() {
                occurrences[block.key, default: []].append(Occurrence(page: Int32(p), block: Int32(b)))
                if seen.insert(block.key).inserted { pageCounts[block.key, default: 0] += 1 }
            }
        }
    }

    /// The number of pages that hold `key`.
    func pages(_ key: UInt64) -> Int { Int(pageCounts[key] ?? 0) }
}
