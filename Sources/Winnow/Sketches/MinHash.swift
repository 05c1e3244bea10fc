/// MinHash signatures of shingle sets.
///
/// Permutation `i` maps a shingle hash `h` (already a uniform 64-bit XXH3
/// value) to `a[i] &* h &+ b[i]` with odd `a[i]`, a bijection of 64-bit
/// integers; the signature keeps the minimum per permutation. The
/// coefficients come from XXH3 of the permutation index with a fixed seed, so
/// signatures are stable across runs and machines.
public struct MinHash: Sendable {
    public let permutations: Int
    private let a: [UInt64]
    private let b: [UInt64]

    public init(permutations: Int = 128) {
        precondition(permutations > 0)
        self.permutations = permutations
        var a: [UInt64] = []
        var b: [UInt64] = []
        for i in 0 ..< permutations {
            var index = UInt64(i).littleEndian
            a.append(withUnsafeBytes(of: &index) { XXH3.hash($0.baseAddress!, count: 8, seed: HashSeeds.minHash) } | 1)
            b.append(withUnsafeBytes(of: &index) { XXH3.hash($0.baseAddress!, count: 8, seed: HashSeeds.minHash ^ 0xB) })
        }
        self.a = a
        self.b = b
    }

    /// The signature of a shingle set; all `UInt64.max` for an empty set.
    public func signature(of shingles: [UInt64]) -> [UInt64] {
        var signature = [UInt64](repeating: .max, count: permutations)
        let n = permutations
        signature.withUnsafeMutableBufferPointer { sig in
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    for h in shingles {
                        for i in 0 ..< n {
                            let v = a[i] &* h &+ b[i]
                            if v < sig[i] { sig[i] = v }
                        }
                    }
                }
            }
        }
        return signature
    }

    /// The share of equal slots: an estimate of the Jaccard similarity.
    public static func estimate(_ x: [UInt64], _ y: [UInt64]) -> Double {
        guard !x.isEmpty, x.count == y.count else { return 0 }
        return Double(zip(x, y).filter { $0 == $1 }.count) / Double(x.count)
    }
}
