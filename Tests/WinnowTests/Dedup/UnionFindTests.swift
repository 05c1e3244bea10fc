import Testing
@testable import Winnow

@Suite struct UnionFindTests {
    /// The groups are the sets of two or more members, each sorted, in the
    /// order of their first members, as a plain grouping by root gives them.
    @Test func groupsAreTheSetsOfTwoOrMoreInOrder() {
        var generator = SplitMix64(seed: 5)
        for n in [1, 2, 10, 300] {
            var sets = UnionFind(n)
            for _ in 0 ..< n / 2 {
                sets.union(Int(generator.next() % UInt64(n)), Int(generator.next() % UInt64(n)))
            }
            var byRoot: [Int: [Int]] = [:]
            for x in 0 ..< n { byRoot[sets.find(x), default: []].append(x) }
            let expected = byRoot.values.filter { $0.count > 1 }.sorted { $0[0] < $1[0] }
            let groups = sets.groups()
            #expect(groups == expected)
            #expect(n < 300 || groups.count > 10)
        }
    }
}
