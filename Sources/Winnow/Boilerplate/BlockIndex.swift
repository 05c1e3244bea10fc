/// Where every block key of a dump occurs, after the in-page rules.
///
/// The keys are split into shards by their low bits, and the shards are
/// built on all threads; a fixed shard count keeps the index the same at any
/// thread count.
struct BlockIndex: Sendable {
    /// One occurrence of a key.
    struct Occurrence: Sendable, Hashable {
        var page: Int32
        var block: Int32
    }

    /// The keys whose low bits are one value: where each occurs, and in how many pages.
    private struct Shard: Sendable {
        /// Occurrences per key, in page order.
        let occurrences: GroupedByKey<Occurrence>
        /// The number of distinct pages holding each key.
        let pageCounts: HashTable64<Int32>
    }

    /// Shards by the keys' low bits (the hash tables index by the high bits).
    private static let shardBits = 4
    private let shards: [Shard]
    let pageCount: Int

    init(_ states: [PageState], threads: Int) {
        pageCount = states.count
        let mask = UInt64(1 << Self.shardBits - 1)
        shards = Parallel.map(1 << Self.shardBits, threads: threads) { s in
            var items: [(UInt64, Occurrence)] = []
            for p in states.indices {
                states[p].blocks.withUnsafeBufferPointer { blocks in
                    for b in blocks.indices where blocks[b].key & mask == UInt64(s) {
                        items.append((blocks[b].key, Occurrence(page: Int32(p), block: Int32(b))))
                    }
                }
            }
            let occurrences = GroupedByKey(items)
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
            return Shard(occurrences: occurrences, pageCounts: counts)
        }
    }

    @inline(__always)
    private func shard(_ key: UInt64) -> Shard { shards[Int(truncatingIfNeeded: key) & (1 << Self.shardBits - 1)] }

    /// Where `key` occurs, in page order.
    func occurrences(_ key: UInt64) -> ArraySlice<Occurrence> { shard(key).occurrences[key] }

    /// The number of pages that hold `key`.
    func pages(_ key: UInt64) -> Int { Int(shard(key).pageCounts[key] ?? 0) }
}
