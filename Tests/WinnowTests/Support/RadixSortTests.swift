import Testing
@testable import Winnow

@Suite struct RadixSortTests {
    /// The shingle hashes of the seeds: real hashes, with the repeats pages have.
    private static let seedShingles: [UInt64] = {
        let corpus = Corpus(inputs: try! InputSet(paths: [Fixtures.path("seeds")]))
        return corpus.pages.flatMap { Shingler(size: 5).shingles(of: $0.tokenHashes) }
    }()

    @Test func hashesSortAsSortDoes() {
        var hashes = Self.seedShingles
        #expect(hashes.count > 2_000 && Set(hashes).count < hashes.count)
        hashes.sortHashes()
        #expect(hashes == Self.seedShingles.sorted())
        var radix = Self.seedShingles
        radix.radixSort()
        #expect(radix == hashes)
    }

    @Test func bunchedValuesStillSort() {
        // All in the first bucket, in reverse: the insertion sort would be quadratic.
        var small = Array((0 ..< 50_000).map { UInt64($0) * 3 }.reversed())
        small.sortHashes()
        #expect(small == (0 ..< 50_000).map { UInt64($0) * 3 })
        var short: [UInt64] = [9, 3, 3, 0, .max, 7]
        short.sortHashes()
        #expect(short == [0, 3, 3, 7, 9, .max])
    }

    @Test func duplicatesAreDroppedEitherWay() {
        var a = Self.seedShingles, b = Self.seedShingles
        a.sortAndRemoveDuplicates(hashes: true)
        b.sortAndRemoveDuplicates()
        #expect(a == b && a == Array(Set(Self.seedShingles)).sorted())
    }
}
