/// Where every block key of a dump occurs, after the in-page rules.
///
/// The keys are split into shards by their low bits, and the shards are
/// grouped on all threads; a fixed shard count keeps the index the same at
/// any thread count. The shards are then laid out as one: each key gets an
/// id, below ``keyCount``, and its occurrences lie together, in page order.
///
/// A class over buffers of its own, read without reference counting: the
/// cross-page rules look up nearly every block of the dump, on all threads,
/// and when each lookup copied a shard out of an array (retaining its
/// arrays), the two cores took turns at the same reference counts: 4% of a
/// `dups` run. An ``Entry``'s occurrences are valid while the index lives.
final class BlockIndex: @unchecked Sendable {
    /// One occurrence of a key.
    struct Occurrence: Sendable, Hashable {
        var page: Int32
        var block: Int32
    }

    /// Where a key occurs, in page order, and in how many pages.
    struct Entry {
        let occurrences: UnsafeBufferPointer<Occurrence>
        let pages: Int
    }

    /// Shards by the keys' low bits (the hash tables index by the high bits).
    private static let shardBits = 4
    /// Every key's occurrences, by key id.
    private let occurrences: UnsafeMutableBufferPointer<Occurrence>
    /// Where each key id's occurrences start in ``occurrences`` (and the last end).
    private let starts: UnsafeMutableBufferPointer<Int32>
    /// The number of distinct pages holding each key.
    private let pageCounts: UnsafeMutableBufferPointer<Int32>
    /// Each block's key id, at its page's ``firstBlock`` plus its index: the
    /// rules look up the dump's blocks one after another, and a probe of
    /// hash tables (12 MB for the 119 MB dump) missed the cache nearly every time.
    private let keyOfBlock: UnsafeMutableBufferPointer<Int32>
    /// Where each page's blocks start in ``keyOfBlock``.
    private let firstBlock: UnsafeMutableBufferPointer<Int>
    let pageCount: Int
    /// The number of distinct keys.
    let keyCount: Int

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
        let firstBlock = UnsafeMutableBufferPointer<Int>.allocate(capacity: states.count + 1)
        firstBlock[0] = 0
        for p in states.indices { firstBlock[p + 1] = firstBlock[p] + states[p].count }
        let blockCount = firstBlock[states.count]
        let shards = Parallel.map(shardCount, threads: threads) { s in GroupedByKey(parts: sorted.map { $0[s] }) }
        // Each shard's keys and occurrences follow the earlier shards'.
        var firstKey = [0], firstOccurrence = [0]
        for shard in shards {
            firstKey.append(firstKey.last! + shard.keyCount)
            firstOccurrence.append(firstOccurrence.last! + shard.valueCount)
        }
        keyCount = firstKey.last!
        let occurrences = UnsafeMutableBufferPointer<Occurrence>.allocate(capacity: blockCount)
        let starts = UnsafeMutableBufferPointer<Int32>.allocate(capacity: keyCount + 1)
        let pageCounts = UnsafeMutableBufferPointer<Int32>.allocate(capacity: keyCount)
        let keyOfBlock = UnsafeMutableBufferPointer<Int32>.allocate(capacity: blockCount)
        starts[keyCount] = Int32(blockCount)
        // Each shard fills its own ranges, and the slots of its own blocks.
        Parallel.forEach(shardCount, threads: threads, worker: { () }) { _, s in
            let shard = shards[s]
            for g in 0 ..< shard.keyCount {
                let id = firstKey[s] + g
                let values = shard.values(ofGroup: g)
                let start = firstOccurrence[s] + values.startIndex
                starts[id] = Int32(start)
                var pages: Int32 = 0
                var last: Int32 = -1
                for (n, occurrence) in zip(start..., values) {
                    (occurrences.baseAddress! + n).initialize(to: occurrence)
                    keyOfBlock[firstBlock[Int(occurrence.page)] + Int(occurrence.block)] = Int32(id)
                    if occurrence.page != last {
                        pages += 1
                        last = occurrence.page
                    }
                }
                pageCounts[id] = pages
            }
        }
        (self.occurrences, self.starts, self.pageCounts, self.keyOfBlock, self.firstBlock)
            = (occurrences, starts, pageCounts, keyOfBlock, firstBlock)
    }

    deinit {
        occurrences.deallocate()
        starts.deallocate()
        pageCounts.deallocate()
        keyOfBlock.deallocate()
        firstBlock.deallocate()
    }

    /// The number of blocks of all pages.
    var blockCount: Int { keyOfBlock.count }

    /// A number for block `b` of page `p`, below ``blockCount``, unique in the dump:
    /// an index for what a caller keeps per block.
    @inline(__always)
    func blockID(page p: Int, block b: Int) -> Int { firstBlock[p] + b }

    /// A number for the key of block `b` of page `p`, below ``keyCount``,
    /// the same for every block with that key: an index for what a caller keeps per key.
    @inline(__always)
    func keyID(page p: Int, block b: Int) -> Int { Int(keyOfBlock[firstBlock[p] + b]) }

    @inline(__always)
    private static func shardIndex(_ key: UInt64) -> Int { Int(truncatingIfNeeded: key) & (1 << shardBits - 1) }

    /// Where the key of block `b` of page `p` occurs, and in how many pages.
    @inline(__always)
    func entry(page p: Int, block b: Int) -> Entry {
        let id = keyID(page: p, block: b)
        let (start, end) = (Int(starts[id]), Int(starts[id + 1]))
        return Entry(occurrences: UnsafeBufferPointer(rebasing: occurrences[start ..< end]), pages: Int(pageCounts[id]))
    }
}
