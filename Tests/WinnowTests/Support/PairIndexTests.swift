import Testing
@testable import Winnow

@Suite struct PairIndexTests {
    @Test func containsExactlyThePairsGiven() {
        // A relation among 50 pages, drawn from the seeds' token hashes so it is irregular.
        let corpus = Corpus(inputs: try! InputSet(paths: [Fixtures.path("seeds")]))
        let draws = corpus.pages.flatMap(\.tokenHashes).prefix(400)
        let given = Set(draws.map { (Int($0 % 50), Int(($0 >> 20) % 50)) }.map { [$0.0, $0.1] })
        var packed = given.map { UInt64($0[0]) << 32 | UInt64($0[1]) }
        packed.sortAndRemoveDuplicates()
        let index = PairIndex(sorted: packed, count: 50)
        for a in 0 ..< 50 {
            for b in 0 ..< 50 {
                #expect(index.contains(a, b) == given.contains([a, b]), "\(a) \(b)")
            }
        }
        #expect(!PairIndex(sorted: [], count: 3).contains(2, 1))
    }
}
