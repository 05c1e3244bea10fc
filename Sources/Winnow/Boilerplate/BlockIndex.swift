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
        let shardCount = 1 << Self.shardBits
        // Each run of pages sorts its blocks into the shards; each shard then
        // joins its part of every run, in page order, and groups it.
        let runs = stride(from: 0, to: states.count, by: 256).map { $0 ..< min($0 + 256, states.count) }
        let sorted = Parallel.map(runs.count, threads: threads) { r in
            var parts = [[(UInt64, Occurrence)]](repeating: [], count: shardCount)
            for p in runs[r] {
                states[p].blocks.withUnsafeBufferPointer { blocks in
                    for b in blocks.indices {
                        let key = blocks[b].key
                        parts[Self.shardIndex(key)].append((key, Occurrence(page: Int32(p), block: Int32(b))))
                    }
                }
            }
            return parts
        }
        shards = Parallel.map(shardCount, threads: threads) { s in
            let occurrences = GroupedByKey(sorted.lazy.flatMap { $0[s] })
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
    private static func shardIndex(_ key: UInt64) -> Int { Int(truncatingIfNeeded: key) & (1 << shardBits - 1) }

    @inline(__always)
    private func shard(_ key: UInt64) -> Shard { shards[Self.shardIndex(key)] }

    /// Where `key` occurs, in page order.
    func occurrences(_ key: UInt64) -> ArraySlice<Occurrence> { shard(key).occurrences[key] }

    /// The number of pages that hold `key`.
    func pages(_ key: UInt64) -> Int { Int(shard(key).pageCounts[key] ?? 0) }
}
