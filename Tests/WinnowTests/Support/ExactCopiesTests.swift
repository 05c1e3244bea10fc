import Testing
@testable import Winnow

@Suite struct ExactCopiesTests {
    @Test func eachItemPointsAtTheFirstWithTheSameBytes() {
        let items: [[UInt8]] = [Array("abc".utf8), [], Array("abd".utf8), Array("abc".utf8), [], Array("abc".utf8), [0]]
        #expect(ExactCopies.originals(count: items.count, threads: 2) { items[$0] } == [0, 1, 2, 0, 1, 0, 6])
    }

    @Test func contentIsComparedAsBytesNotElements() {
        // Equal as bytes only when every element is: 1 and 256 differ in one byte of eight.
        let items: [[UInt64]] = [[1, 2], [256, 2], [1, 2], [1, 2, 0]]
        #expect(ExactCopies.originals(count: items.count, threads: 2) { items[$0] } == [0, 1, 0, 3])
    }

    @Test func recordsBatchByBatchAndSkipsWhatIsLeftOut() {
        var copies = ExactCopies()
        let items: [[UInt8]] = [Array("page one".utf8), Array("page two".utf8), Array("page one".utf8),
                                Array("page two".utf8), Array("page one".utf8), []]
        #expect(copies.add(2, threads: 1) { items[$0] } == [nil, nil])
        #expect(copies.add(4, threads: 3, include: { $0 != 4 }) { items[$0] } == [0, 1, nil, nil])
        #expect(copies.count == 6)
    }
}
