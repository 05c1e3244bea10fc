import Testing
@testable import Winnow

/// The pairs reported do not depend on the order the documents come in.
@Suite struct InputOrderTests {
    private func document(_ id: String, _ words: Range<UInt32>) -> DuplicateDocument {
        let tokens = words.map { TokenHash($0 &* 2_654_435_761) }
        return DuplicateDocument(id: id, tokens: tokens, lines: tokens.indices.map { Int32($0 / 10 + 1) })
    }

    private func pairs(_ documents: [DuplicateDocument]) -> [String] {
        var finder = DuplicateFinder()
        finder.add(documents)
        return finder.clusters().flatMap(\.pairs).map { "\($0.a)~\($0.b)\($0.identical ? " identical" : "")" }.sorted()
    }

    @Test func identicalCopiesJoinThroughTheSmallestIdInAnyOrder() {
        let copies = ["c", "a", "d", "b"].map { document($0, 0 ..< 200) }
        let other = document("e", 1000 ..< 1200)
        let forward = pairs(copies + [other])
        #expect(forward == ["a~b identical", "a~c identical", "a~d identical"])
        #expect(pairs(([other] + copies).reversed()) == forward)
        #expect(pairs([copies[2], other, copies[0], copies[3], copies[1]]) == forward)
    }
}
