import Foundation
import Synchronization

/// Locality-sensitive hashing over MinHash signatures, by banding: two
/// documents are candidates when all `rows` slots of some band agree.
public struct LSHIndex: Sendable {
    public let bands: Int
    public let rows: Int
    /// Buckets as chains through flat arrays: band hash (band index mixed
    /// in) to the latest entry of its bucket; each entry's document and the
    /// entry before it in the same bucket (-1 for none).
    private var latest = HashTable64<Int32>()
    private var documents: [Int32] = []
    private var previous: [Int32] = []

    public init(bands: Int, rows: Int) {
        precondition(bands > 0 && rows > 0)
        self.bands = bands
        self.rows = rows
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
        precondition(signature.count >= bands * rows)
        return signature.withUnsafeBytes { raw in
            (0 ..< bands).map { band in
                XXH3.hash(raw.baseAddress! + band * rows * 8, count: rows * 8, seed: UInt64(band))
            }
        }
    }

    /// Makes room for `documents` more documents.
    public mutating func reserve(documents more: Int) {
        latest.reserve(latest.count + more * bands)
        documents.reserveCapacity(documents.count + more * bands)
        previous.reserveCapacity(previous.count + more * bands)
    }

    public mutating func insert(_ document: Int, keys: [UInt64]) {
        for key in keys {
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

    /// The documents sharing a bucket with these keys, sorted, without duplicates.
    public func query(keys: [UInt64]) -> [Int] {
        var found: [UInt64] = []
        for key in keys {
            var e = latest[key] ?? -1
            while e >= 0 {
                found.append(UInt64(documents[Int(e)]))
                e = previous[Int(e)]
            }
        }
        found.sortAndRemoveDuplicates()
        return found.map { Int($0) }
    }

    /// Every pair (i < j) that shares a bucket, sorted.
    public func candidatePairs() -> [(Int, Int)] {
        var pairs: [UInt64] = []
        for entry in documents.indices {
            let d = UInt32(documents[entry])
            var e = previous[entry]
            while e >= 0 {
                let other = UInt32(documents[Int(e)])
                if other != d { pairs.append(UInt64(min(d, other)) << 32 | UInt64(max(d, other))) }
                e = previous[Int(e)]
            }
        }
        pairs.sortAndRemoveDuplicates()
        return pairs.map { (Int($0 >> 32), Int($0 & 0xFFFF_FFFF)) }
    }
}
