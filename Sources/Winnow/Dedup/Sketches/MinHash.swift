/// MinHash signatures of shingle sets, by one-permutation hashing with
/// optimal densification (Li, Owen & Zhang 2012; Shrivastava 2017).
///
/// Each shingle hash (already a uniform 64-bit XXH3 value) falls into one of
/// the `permutations` bins by its top bits, and each bin keeps its smallest
/// hash: one comparison per shingle instead of one per slot. An empty bin
/// takes the value of the first filled bin on its own fixed probe sequence,
/// so two sets agree in a slot with probability equal to their Jaccard
/// similarity, as with independent permutations. Everything is seeded, so
/// signatures are stable across runs and machines.
public struct MinHash: Sendable {
    public let permutations: Int

    public init(permutations: Int = 128) {
        precondition(permutations > 0)
        self.permutations = permutations
    }

    /// The signature of a shingle set; all `UInt64.max` for an empty set.
    public func signature(of shingles: [UInt64]) -> [UInt64] {
        var signature = [UInt64](repeating: .max, count: permutations)
        shingles.withUnsafeBufferPointer { fill(&signature, from: $0) }
        return signature
    }

    func fill(_ signature: inout [UInt64], from shingles: UnsafeBufferPointer<UInt64>) {
        let k = permutations
        let bins = UInt64(k)
        var filled = [Bool](repeating: false, count: k)
        signature.withUnsafeMutableBufferPointer { sig in
            filled.withUnsafeMutableBufferPointer { isFilled in
                // Without branches: shingles come in text order, where a bin's
                // minimum changes at random, and a branch on it mispredicted
                // often enough to double the loop's time.
                for h in shingles {
                    let bin = Int(truncatingIfNeeded: ((h >> 32) &* bins) >> 32)
                    sig[bin] = Swift.min(sig[bin], h)
                    isFilled[bin] = true
                }
                let filledCount = isFilled.reduce(0) { $0 + ($1 ? 1 : 0) }
                guard filledCount > 0, filledCount < k else { return }
                // Optimal densification: bin i probes bins h(i, 1), h(i, 2), …
                for i in 0 ..< k where !isFilled[i] {
                    var attempt: UInt64 = 1
                    while true {
                        let j = Int(truncatingIfNeeded: (Self.mix(UInt64(i) << 32 | attempt) >> 32 &* bins) >> 32)
                        if isFilled[j] {
                            sig[i] = sig[j]
                            break
                        }
                        attempt += 1
                    }
                }
            }
        }
    }

    /// SplitMix64's finaliser: a fixed, well-mixed probe sequence.
    @inline(__always)
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The share of equal slots: an estimate of the Jaccard similarity.
    public static func estimate(_ x: [UInt64], _ y: [UInt64]) -> Double {
        guard !x.isEmpty, x.count == y.count else { return 0 }
        return Double(zip(x, y).filter { $0 == $1 }.count) / Double(x.count)
    }
}
