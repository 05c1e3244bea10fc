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

    private static func searchParameters(threshold: Double, permutations: Int) -> (bands: Int, rows: Int) {
        func probability(_ s: Double, _ b: Int, _ r: Int) -> Double { 1 - pow(1 - pow(s, Double(r)), Double(b)) }
        func integrate(_ f: (Double) -> Double, _ lo: Double, _ hi: Double) -> Double {
            let steps = 200
            let dx = (hi - lo) / Double(steps)
            return (0 ..< steps).reduce(0) { $0 + f(lo + (Double($1) + 0.5) * dx) * dx }
        }
        var best = (bands: 1, rows: permutations)
        var bestError = Double.infinity
        for b in 1 ... permutations {
            let maxRows = permutations / b
            guard maxRows > 0 else { continue }
            for r in 1 ... maxRows {
                let falsePositive = integrate({ probability($0, b, r) }, 0, threshold)
                let falseNegative = integrate({ 1 - probability($0, b, r) }, threshold, 1)
                let error = 0.5 * falsePositive + 0.5 * falseNegative
                if error < bestError {
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
            band.latest.reserve(band.latest.count + count)
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
