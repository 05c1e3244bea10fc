import Foundation

/// Locality-sensitive hashing over MinHash signatures, by banding: two
/// documents are candidates when all `rows` slots of some band agree.
public struct LSHIndex: Sendable {
    public let bands: Int
    public let rows: Int
    /// Band hash (band index mixed in) to the documents in that bucket.
    private var buckets: [UInt64: [Int32]] = [:]

    public init(bands: Int, rows: Int) {
        precondition(bands > 0 && rows > 0)
        self.bands = bands
        self.rows = rows
    }

    /// Bands and rows for `permutations` slots that minimise the sum of the
    /// false-positive area below `threshold` and the false-negative area above
    /// it, as datasketch's MinHashLSH chooses them.
    public static func parameters(threshold: Double, permutations: Int) -> (bands: Int, rows: Int) {
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

    public mutating func insert(_ document: Int, keys: [UInt64]) {
        for key in keys { buckets[key, default: []].append(Int32(document)) }
    }

    /// The documents sharing a bucket with these keys, sorted, without duplicates.
    public func query(keys: [UInt64]) -> [Int] {
        var found = Set<Int32>()
        for key in keys { found.formUnion(buckets[key] ?? []) }
        return found.map(Int.init).sorted()
    }

    /// Every pair (i < j) that shares a bucket, sorted.
    public func candidatePairs() -> [(Int, Int)] {
        var pairs = Set<UInt64>()
        for (_, members) in buckets where members.count > 1 {
            let sorted = Array(Set(members)).sorted()
            for x in 0 ..< sorted.count {
                for y in x + 1 ..< sorted.count {
                    pairs.insert(UInt64(UInt32(sorted[x])) << 32 | UInt64(UInt32(sorted[y])))
                }
            }
        }
        return pairs.sorted().map { (Int($0 >> 32), Int($0 & 0xFFFF_FFFF)) }
    }
}
