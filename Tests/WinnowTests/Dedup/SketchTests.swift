import Foundation
import Testing
@testable import Winnow

@Suite struct SketchTests {
    @Test func minHashEstimatesJaccard() {
        let a = (0 ..< 1000).map { UInt64($0) &* 0x9E37_79B9_7F4A_7C15 }
        let b = Array(a[250...]) + (5000 ..< 5250).map { UInt64($0) &* 0x9E37_79B9_7F4A_7C15 }  // J = 750/1250 = 0.6
        let m = MinHash(permutations: 256)
        let estimate = MinHash.estimate(m.signature(of: a), m.signature(of: b))
        #expect(abs(estimate - 0.6) < 0.1)
        #expect(m.signature(of: a) == MinHash(permutations: 256).signature(of: a))
    }

    @Test func bandingFollowsTheThreshold() {
        let low = LSHIndex.parameters(threshold: 0.3, permutations: 128)
        let high = LSHIndex.parameters(threshold: 0.8, permutations: 128)
        #expect(low.bands * low.rows <= 128 && high.bands * high.rows <= 128)
        #expect(low.rows < high.rows)
        #expect(low.bands > high.bands)
    }

    /// The search carries powers from one band count to the next; it must
    /// choose what integrating each pair's curve directly chooses.
    @Test func bandingMatchesTheDirectSearch() {
        func direct(_ threshold: Double, _ permutations: Int) -> (bands: Int, rows: Int) {
            func probability(_ s: Double, _ b: Int, _ r: Int) -> Double { 1 - pow(1 - pow(s, Double(r)), Double(b)) }
            func integrate(_ f: (Double) -> Double, _ lo: Double, _ hi: Double) -> Double {
                let dx = (hi - lo) / 200
                return (0 ..< 200).reduce(0) { $0 + f(lo + (Double($1) + 0.5) * dx) * dx }
            }
            var best = (bands: 1, rows: permutations), bestError = Double.infinity
            for b in 1 ... permutations {
                for r in 1 ... permutations / b {
                    let error = 0.5 * integrate({ probability($0, b, r) }, 0, threshold)
                        + 0.5 * integrate({ 1 - probability($0, b, r) }, threshold, 1)
                    if error < bestError { (bestError, best) = (error, (b, r)) }
                }
            }
            return best
        }
        for permutations in [16, 64, 128] {
            for t in stride(from: 0.05, through: 0.95, by: 0.05) {
                let found = LSHIndex.parameters(threshold: t, permutations: permutations)
                let expected = direct(t, permutations)
                #expect(found == expected, "threshold \(t), \(permutations) permutations")
            }
        }
    }

    @Test func lshPairsDocumentsThatShareABand() {
        var index = LSHIndex(bands: 4, rows: 2)
        let s1: [UInt64] = [1, 2, 3, 4, 5, 6, 7, 8]
        let s2: [UInt64] = [1, 2, 9, 9, 9, 9, 9, 9]
        let s3: [UInt64] = [0, 0, 0, 0, 0, 0, 0, 0]
        for (i, s) in [s1, s2, s3].enumerated() { index.insert(i, keys: index.bandKeys(s)) }
        #expect(index.candidatePairs().map { [$0.0, $0.1] } == [[0, 1]])
        #expect(index.query(keys: index.bandKeys(s1)) == [0, 1])
    }
}
