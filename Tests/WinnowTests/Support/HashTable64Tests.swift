import Testing
@testable import Winnow

/// The hot-path containers, checked against the standard library's.
@Suite struct HashTable64Tests {
    /// Keys with the awkward cases: 0, equal high bits (one probe chain), and random ones.
    static func keys(_ n: Int) -> [UInt64] {
        var generator = SplitMix64(seed: 8)
        var keys: [UInt64] = [0, 1, 2, 3, UInt64.max, 0xFFFF_0000_0000_0000, 0xFFFF_0000_0000_0001]
        keys += (0 ..< 200).map { UInt64($0) }  // all in the lowest slot's neighbourhood
        keys += (0 ..< n).map { _ in UInt64.random(in: 0 ... .max, using: &generator) }
        return keys
    }

    @Test func agreesWithDictionaryThroughGrowth() {
        var table = HashTable64<Int>()  // starts at 16 slots, grows many times
        var reference: [UInt64: Int] = [:]
        for (n, key) in Self.keys(20_000).enumerated() {
            let delta = n % 7
            table.update(key, initial: 100) { $0 += delta }
            reference[key, default: 100] += delta
        }
        #expect(table.count == reference.count)
        for (key, value) in reference { #expect(table[key] == value) }
        let missing = (UInt64(1000) ..< 2000).filter { reference[$0] == nil }
        #expect(!missing.isEmpty && missing.allSatisfy { table[$0] == nil })
    }

    @Test func groupsKeepInsertionOrder() {
        let items: [(UInt64, Int)] = [(5, 0), (0, 1), (5, 2), (9, 3), (0, 4), (5, 5)]
        let grouped = GroupedByKey(items)
        #expect(grouped.keyCount == 3)
        #expect(grouped.allGroups.map(\.key) == [5, 0, 9])
        #expect(grouped.allGroups.map { Array($0.values) } == [[0, 2, 5], [1, 4], [3]])
        #expect((0 ..< 3).map { Array(grouped.values(ofGroup: $0)) } == [[0, 2, 5], [1, 4], [3]])
        #expect(GroupedByKey([(UInt64, Int)]()).keyCount == 0)
        // In parts, as if joined, whatever the cuts (empty parts too).
        let parts = GroupedByKey(parts: [Array(items.prefix(2)), [], Array(items.dropFirst(2))])
        #expect(parts.allGroups.map(\.key) == [5, 0, 9])
        #expect(parts.allGroups.map { Array($0.values) } == [[0, 2, 5], [1, 4], [3]])
    }

    @Test func radixSortMatchesSort() {
        for n in [0, 1, 64, 65, 1000, 100_000] {
            var values = Array(Self.keys(n).prefix(n))
            values += values.prefix(n / 3)  // repeats
            var sorted = values
            sorted.radixSort()
            #expect(sorted == values.sorted())
            var unique = values
            unique.sortAndRemoveDuplicates()
            #expect(unique == Array(Set(values)).sorted())
        }
    }
}
