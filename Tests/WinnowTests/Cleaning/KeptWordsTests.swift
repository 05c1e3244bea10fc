import Testing
@testable import Winnow

@Suite struct KeptWordsTests {
    /// A seed page with some blocks removed, so kept blocks are not contiguous.
    private func stream() throws -> KeptWords {
        let corpus = Corpus(inputs: try InputSet(paths: [Fixtures.path("seeds")]))
        let page = corpus.pages.max { $0.blocks.count < $1.blocks.count }!
        var state = PageState(page)
        for i in stride(from: 1, to: state.count, by: 3) { state.remove(i, Removal(.outside, "test")) }
        return KeptWords(state: state, blocks: (0 ..< state.count).filter { !state.isRemoved($0) })
    }

    /// Every shingle of the kept words read as one array, with the block each
    /// starts in and its first two words.
    private func expected(_ stream: KeptWords, _ shingler: Shingler) -> [(hash: UInt64, block: Int, opening: [TokenHash])] {
        let words = stream.blocks.flatMap { stream.state.tokens($0) }
        let owner = stream.blocks.flatMap { repeatElement($0, count: stream.state.tokenCount($0)) }
        return shingler.shingles(of: words).enumerated().map { ($1, owner[$0], Array(words[$0 ..< $0 + 2])) }
    }

    @Test func everyShingleOfTheKeptWordsIsFoundOnceAcrossBlockEnds() throws {
        let stream = try stream()
        let shingler = Shingler(size: 4)
        let all = expected(stream, shingler)
        #expect(all.count > 300)
        var found: [(UInt64, Int)] = []
        let words = stream.blocks.flatMap { stream.state.tokens($0) }
        stream.forEachShingle(shingler, startingWith: WordFilter(pairsOf: [words])) { found.append(($0, $1)) }
        #expect(found.map(\.0) == all.map(\.hash))
        #expect(found.map(\.1) == all.map(\.block))
        // Some shingles run into the next kept block: the stream is not block by block.
        let withinBlocks = stream.blocks.reduce(0) { $0 + max(0, stream.state.tokenCount($1) - 3) }
        #expect(all.count > withinBlocks)
    }

    @Test func theFilterPassesEveryShingleStartingWithItsPairs() throws {
        let stream = try stream()
        let shingler = Shingler(size: 4)
        let all = expected(stream, shingler)
        let sought = Set(all.enumerated().filter { $0.offset % 37 == 0 }.map(\.element.opening))
        var found: [UInt64] = []
        stream.forEachShingle(shingler, startingWith: WordFilter(pairsOf: Array(sought))) { h, _ in found.append(h) }
        let wanted = all.filter { sought.contains($0.opening) }.map(\.hash)
        #expect(Set(wanted).isSubset(of: Set(found)))
        #expect(Set(found).isSubset(of: Set(all.map(\.hash))))
        // Besides the pairs sought: the last position of each block, and few false positives.
        #expect(found.count < wanted.count + stream.blocks.count + all.count / 20)
    }
}
