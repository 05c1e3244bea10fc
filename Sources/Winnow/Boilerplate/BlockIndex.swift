/// Where every block key of a dump occurs, after the in-page rules.
struct BlockIndex: Sendable {
    /// One occurrence of a key.
    struct Occurrence: Sendable, Hashable {
        var page: Int32
        var block: Int32
    }

    /// Occurrences per key, in page order.
    let occurrences: GroupedByKey<Occurrence>
    /// The number of distinct pages holding each key.
    private let pageCounts: HashTable64<Int32>
    let pageCount: Int

    init(_ states: [PageState]) {
        pageCount = states.count
        occurrences = GroupedByKey(states.enumerated().lazy.flatMap { p, state in
            state.blocks.enumerated().lazy.map { b, block in (block.key, Occurrence(page: Int32(p), block: Int32(b))) }
        })
        var counts = HashTable64<Int32>(capacity: occurrences.keyCount)
        for (key, group) in occurrences.allGroups {
            var pages: Int32 = 0
            var last: Int32 = -1
            for occurrence in group where occurrence.page != last {
                pages += 1
                last = occurrence.page
            }
            counts.set(key, pages)
        }
        pageCounts = counts
    }

    /// The number of pages that hold `key`.
    func pages(_ key: UInt64) -> Int { Int(pageCounts[key] ?? 0) }
}
