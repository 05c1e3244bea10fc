import Foundation
import Synchronization

/// Locality-sensitive hashing over MinHash signatures, by banding: two
/// documents are candidates when all `rows` slots of some band agree.
///
/// Each band has its own buckets, so a batch of documents goes in on all
/// threads, one band per task, in document order within a band: the index
/// is the same at any thread count. A band's table is also small enough to
/// stay in cache, where one table for all bands was not.
public struct LSHIndex: Sendable {
    public let bands: Int
    public let rows: Int
    private var buckets: [Buckets]

    /// One band's buckets as chains through flat arrays: band hash to the
    /// latest entry of its bucket; each entry's document and the entry before
    /// it in the same bucket (-1 for none).
    private struct Buckets: Sendable {
        var latest = HashTable64<Int32>()
        var documents: [Int32] = []
        var previous: [Int32] = []

        mutating func insert(_ document: Int, key: UInt64) {
            let entry = Int32(documents.count)
            var before: Int32 = -1
            latest.update(key, initial: -1) {
                before = $0
                $0 = entry
            }
            documents.append(Int32(document))
            previous.append(before)
        }
    }

    public init(bands: Int, rows: Int) {
        precondition(bands > 0 && rows > 0)
        self.bands = bands
        self.rows = rows
        buckets = Array(repeating: Buckets(), count: bands)
    }

    /// Bands and rows for `permutations` slots that minimise the sum of the
    /// false-positive area below `threshold` and the false-negative area above
    /// it, as datasketch's MinHashLSH chooses them.
    public static func parameters(threshold: Double, permutations: Int) -> (bands: Int, rows: Int) {
        let key = Parameters.Key(threshold: threshold, permutations: permutations)
        if let known = Parameters.known.withLock({ $0[key] }) { return known }
        let found = searchParameters(threshold: threshold, permutations: permutations)
        Parameters.known.withLock { $0[key] = found }
        return found
    }

    /// Chosen parameters, kept: the search takes milliseconds, which small dumps notice.
    private enum Parameters {
        struct Key: Hashable {
            var threshold: Double
            var permutations: Int
        }

        static let known = Mutex<[Key: (bands: Int, rows: Int)]>([:])
    }

    /// The search over every (bands, rows) with bands × rows ≤ permutations,
    /// integrating by the midpoint rule on 200 steps each side. For each
    /// `rows`, the grid's (1 - s^rows)^bands is carried from one `bands` to
    /// the next by one multiplication: calling `pow` for every pair and point
    /// took 15 ms, in the serial part of a run.
    private static func searchParameters(threshold: Double, permutations: Int) -> (bands: Int, rows: Int) {
        let steps = 200
        let lowStep = threshold / Double(steps), highStep = (1 - threshold) / Double(steps)
        let below: [Double] = (0 ..< steps).map { (Double($0) + 0.5) * lowStep }
        let above: [Double] = (0 ..< steps).map { threshold + (Double($0) + 0.5) * highStep }
        let points = below + above
        var best = (bands: 1, rows: permutations)
        var bestError = Double.infinity
        var missed = [Double](repeating: 0, count: points.count)  // (1 - s^rows), per point
        var noneAgree = [Double](repeating: 0, count: points.count)  // (1 - s^rows)^bands
        for r in 1 ... permutations {
            for k in points.indices {
                missed[k] = 1 - pow(points[k], Double(r))
                noneAgree[k] = 1
            }
            for b in 1 ... permutations / r {
                var falsePositive = 0.0, falseNegative = 0.0
                for k in 0 ..< steps {
                    noneAgree[k] *= missed[k]
                    falsePositive += 1 - noneAgree[k]
                }
                for k in steps ..< 2 * steps {
                    noneAgree[k] *= missed[k]
                    falseNegative += noneAgree[k]
                }
                let error = 0.5 * falsePositive * lowStep + 0.5 * falseNegative * highStep
                if error < bestError || (error == bestError && (b, r) < best) {
                    bestError = error
                    best = (b, r)
                }
            }
        }
        return best
    }

    /// The bucket keys of a signature, one per band.
    public func bandKeys(_ signature: [UInt64]) -> [UInt64] {
        [UInt64](unsafeUninitializedCapacity: bands) { keys, initialized in
            writeBandKeys(signature, to: keys.baseAddress!, stride: 1)
            initialized = bands
        }
    }

    /// Adds a document under its band keys.
    public mutating func insert(_ document: Int, keys: [UInt64]) {
        precondition(keys.count == bands)
        for b in 0 ..< bands { buckets[b].insert(document, key: keys[b]) }
    }

    /// Adds documents `first ..< first + count` in order, on up to `threads`
    /// threads. `keys` is band-major: document `first + i`'s key in band `b`
    /// is `keys[b * count + i]`. Documents with `included[i]` false are left out.
    /// (A band's tables are copied once per batch after the first: add documents
    /// in large batches.)
    public mutating func insert(first: Int, count: Int, bandMajorKeys keys: [UInt64], included: [Bool], threads: Int) {
        precondition(keys.count == bands * count && included.count == count)
        let held = buckets
        buckets = Parallel.map(bands, threads: threads) { b in
            var band = held[b]
            // Dense: 42 bands' tables at half load took 32 MB of fresh memory
            // for the 119 MB dump, whose page faults cost more than the probes.
            band.latest.reserve(band.latest.count + count, dense: true)
            band.documents.reserveCapacity(band.documents.count + count)
            band.previous.reserveCapacity(band.previous.count + count)
            for i in 0 ..< count where included[i] { band.insert(first + i, key: keys[b * count + i]) }
            return band
        }
    }

    /// Writes the bucket keys of a signature, one per band, `stride` apart.
    func writeBandKeys(_ signature: [UInt64], to out: UnsafeMutablePointer<UInt64>, stride: Int) {
        precondition(signature.count >= bands * rows)
        signature.withUnsafeBytes { raw in
            for band in 0 ..< bands {
                out[band * stride] = XXH3.hash(raw.baseAddress! + band * rows * 8, count: rows * 8, seed: UInt64(band))
            }
        }
    }

    /// The documents sharing a bucket with these keys, sorted, without duplicates.
    public func query(keys: [UInt64]) -> [Int] {
        var found: [UInt64] = []
        buckets.withUnsafeBufferPointer { bands in  // no copy of a band's tables per key
            for (b, key) in keys.enumerated() {
                let band = bands.baseAddress! + b
                var e = band.pointee.latest[key] ?? -1
                while e >= 0 {
                    found.append(UInt64(band.pointee.documents[Int(e)]))
                    e = band.pointee.previous[Int(e)]
                }
            }
        }
        found.sortAndRemoveDuplicates()
        return found.map { Int($0) }
    }

    /// Every pair (i < j) that shares a bucket, sorted.
    public func candidatePairs(threads: Int = 1) -> [(Int, Int)] {
        var pairs = Parallel.map(bands, threads: threads) { b in
            let band = buckets[b]
            var pairs: [UInt64] = []
            for entry in band.documents.indices {
                let d = UInt32(band.documents[entry])
                var e = band.previous[entry]
                while e >= 0 {
                    let other = UInt32(band.documents[Int(e)])
                    if other != d { pairs.append(UInt64(min(d, other)) << 32 | UInt64(max(d, other))) }
                    e = band.previous[Int(e)]
                }
            }
            return pairs
        }.flatMap { $0 }
        pairs.sortAndRemoveDuplicates()
        return pairs.map { (Int($0 >> 32), Int($0 & 0xFFFF_FFFF)) }
    }
}
