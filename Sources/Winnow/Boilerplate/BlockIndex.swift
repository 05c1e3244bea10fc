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
        /// The number of distinct pages holding each key, by its group in `occurrences`.
        let pageCounts: [Int32]
    }

    /// Where a key occurs, in page order, and in how many pages.
    struct Entry {
        let occurrences: ArraySlice<Occurrence>
        let pages: Int
    }

    /// Shards by the keys' low bits (the hash tables index by the high bits).
    private static let shardBits = 4
    private let shards: [Shard]
    /// Each block's group in its key's shard, at its page's ``firstBlock``
    /// plus its index: the rules look up the dump's blocks, one after
    /// another, and a probe of the shards' hash tables (12 MB for the 119 MB
    /// dump) missed the cache nearly every time.
    private let groupOfBlock: [Int32]
    /// Where each page's blocks start in ``groupOfBlock``.
    private let firstBlock: [Int]
    /// Where each shard's keys start among all keys, for ``keyID(page:block:key:)``.
    private let firstKey: [Int]
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
        var firstBlock = [Int](repeating: 0, count: states.count + 1)
        for p in states.indices { firstBlock[p + 1] = firstBlock[p] + states[p].count }
        var groupOfBlock = [Int32](repeating: 0, count: firstBlock[states.count])
        shards = groupOfBlock.withUnsafeMutableBufferPointer { buffer in
            let groupOf = UncheckedBuffer(buffer)  // each block is in one shard
            return Parallel.map(shardCount, threads: threads) { s in
                let occurrences = GroupedByKey(parts: sorted.map { $0[s] })
                let counts = (0 ..< occurrences.keyCount).map { g in
                    var pages: Int32 = 0
                    var last: Int32 = -1
                    for occurrence in occurrences.values(ofGroup: g) {
                        groupOf.base[firstBlock[Int(occurrence.page)] + Int(occurrence.block)] = Int32(g)
                        if occurrence.page != last {
                            pages += 1
                            last = occurrence.page
                        }
                    }
                    return pages
                }
                return Shard(occurrences: occurrences, pageCounts: counts)
            }
        }
        self.groupOfBlock = groupOfBlock
        self.firstBlock = firstBlock
        var firstKey = [0]
        for shard in shards { firstKey.append(firstKey.last! + shard.occurrences.keyCount) }
        self.firstKey = firstKey
    }

    /// The number of distinct keys.
    var keyCount: Int { firstKey.last! }

    /// The number of blocks of all pages.
    var blockCount: Int { groupOfBlock.count }

    /// A number for block `b` of page `p`, below ``blockCount``, unique in the dump:
    /// an index for what a caller keeps per block.
    @inline(__always)
    func blockID(page p: Int, block b: Int) -> Int { firstBlock[p] + b }

    /// A number for the key of block `b` of page `p` (`key`), below ``keyCount``,
    /// the same for every block with that key: an index for what a caller keeps per key.
    @inline(__always)
    func keyID(page p: Int, block b: Int, key: UInt64) -> Int {
        firstKey[Self.shardIndex(key)] + Int(groupOfBlock[firstBlock[p] + b])
    }

    @inline(__always)
    private static func shardIndex(_ key: UInt64) -> Int { Int(truncatingIfNeeded: key) & (1 << shardBits - 1) }

    @inline(__always)
    private func shard(_ key: UInt64) -> Shard { shards[Self.shardIndex(key)] }

    /// Where the key of block `b` of page `p` (`key`) occurs, and in how many pages.
    func entry(page p: Int, block b: Int, key: UInt64) -> Entry {
        let shard = shard(key)
        let g = Int(groupOfBlock[firstBlock[p] + b])
        return Entry(occurrences: shard.occurrences.values(ofGroup: g), pages: Int(shard.pageCounts[g]))
    }
}
