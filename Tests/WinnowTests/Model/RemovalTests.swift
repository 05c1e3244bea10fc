import Testing
@testable import Winnow

@Suite struct RemovalTests {
    /// A page holds one optional removal per block, kept or not: its size is
    /// the cleaner's memory per block.
    @Test func anOptionalRemovalTakesSixteenBytes() {
        #expect(MemoryLayout<Removal?>.stride == 16)
    }

    /// The evidence held in parts reads as the reports have always written it.
    @Test func evidenceReadsTheSameWhateverItsParts() {
        let other = Page(id: "news/harbour.txt", origin: PageOrigin(path: "news/harbour.txt"), bytes: Array("Harbour\n".utf8))
        let cases: [(Removal.Evidence, String)] = [
            (.repeatOf(line: 4), "repeat of line 4"),
            (.printedTwice(3, 9), "printed twice (lines 3 and 9)"),
            (.groupRepeated(line: 12), "part of a group repeated at line 12"),
            (.wordsCopied(line: 2), "copy of words in line 2"),
            (.gluedToTitle(line: 1), "glued to the title at line 1"),
            (.template(pages: 7, of: 20), "template: in 7 of 20 pages"),
            (.teaser(of: other, title: true), "teaser: title of news/harbour.txt"),
            (.teaser(of: other, title: false), "teaser: lead of news/harbour.txt"),
            (.tail(after: .sectionHeader, line: 30), "tail: after section header at line 30"),
            (.tail(after: .appeal, line: 31), "tail: after appeal at line 31"),
            (.tail(after: .byline, line: 32), "tail: after byline at line 32"),
            (.tailAfterTitle(of: other, line: 8), "tail: after the title of news/harbour.txt at line 8"),
            (.outside(score: 120, place: -1, blocks: 1), "score 0.12, 1 block before the article body"),
            (.outside(score: 12, place: 1, blocks: 3), "score 0.01, 3 blocks after the article body"),
            (.outside(score: 480, place: 0, blocks: 0), "score 0.48, within the article body"),
        ]
        for (parts, text) in cases {
            let removal = Removal(.teaser, parts)
            #expect(removal.evidence == text)
            // Equal to the same evidence given as text, and hashed alike.
            #expect(removal == Removal(.teaser, text))
            #expect(removal.hashValue == Removal(.teaser, text).hashValue)
        }
        #expect(Removal(.caption, "credit 'AFP'").evidence == "credit 'AFP'")
        #expect(Removal(.caption, "credit 'AFP'") != Removal(.tail, "credit 'AFP'"))
    }
}
