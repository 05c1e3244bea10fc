import Testing
@testable import Winnow

@Suite struct PageStateTests {
    private func ending(_ text: String) -> BlockEnding { PageState.ending(of: ArraySlice(Array(text.utf8))) }

    @Test func endingsAreReadFromTheLastVisibleScalar() {
        #expect(ending("Người dân Đà Nẵng đón Tết.") == .period)
        #expect(ending("Xem thêm:  ") == .period)
        #expect(ending("Tin nóng hôm nay…") == .ellipsis)
        #expect(ending("Read more...") == .ellipsis)
        #expect(ending("Bạn nghĩ sao?\u{A0}") == .exclamation)
        #expect(ending("Ông nói: “Tốt lắm!”") == .exclamation)
        #expect(ending("Hà Nội") == .word)
        #expect(ending("Thủ đô Hà Nội (Việt Nam)") == .word)
        #expect(ending("Giá tăng 100%") == .other)
        #expect(ending("Năm 2024\u{200B}") == .word)
        #expect(ending("中文新闻") == .word)
        #expect(ending("Tin vắn 👍") == .other)
        #expect(ending("   ") == .other)
        #expect(ending("") == .other)
    }

    /// The scalar table answers without Unicode properties; the answer must
    /// be the properties' all the same (letters and digits end in a word).
    @Test func asciiEndingsAgreeWithUnicodeProperties() {
        let special = Set(" \t\"').]…:;,!?".unicodeScalars)
        for value in UInt32(0x21) ... 0x7E {
            let scalar = Unicode.Scalar(value)!
            guard !special.contains(scalar) else { continue }
            let letterOrDigit = scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            #expect(ending("Tin " + String(scalar)) == (letterOrDigit ? .word : .other), "\(scalar)")
            #expect(ending("Tin " + String(scalar) + "”") == .word, "\(scalar) in quotes")
        }
        #expect(ending("Chương Ⅻ") == .word)  // a numeric letter, through the properties
        #expect(ending("Bản quyền ©") == .other)
        // Every scalar of the table, and some above it.
        for value in UInt32(0) ..< 0x3200 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let letterOrNumber = scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            #expect(ScalarTable.shared.isAlphanumeric(scalar) == letterOrNumber, "U+\(String(value, radix: 16))")
        }
    }

    /// A page's state with `removed` blocks removed and the main run of prose at `body`, its head settled.
    private func settled(_ lines: [String], removed: [Int] = [], body: Range<Int>) -> [Int] {
        var state = PageState(Page(id: "p", origin: PageOrigin(path: "p"), bytes: Array(lines.joined(separator: "\n").utf8)))
        for i in removed { state.remove(i, Removal(.outside, .outside(score: 100, place: -1, blocks: 1))) }
        state.body = body
        state.settleHead()
        return Array(state.head)
    }

    private let paragraphs = [
        "The council voted on Tuesday to rebuild the old harbour wall before the storms of the coming winter.",
        "Engineers said the wall, which was built more than a century ago, has been losing stones for years.",
        "The work will cost about four million euros, most of it from a regional fund for coastal towns.",
    ]

    @Test func aKeptHeadlineOpeningThePageIsItsTitleWhateverFollows() {
        // The page's own short notice, a byline, and another story glued below with its title.
        let lines = ["Notice of auction of lot 7", "Lot: 456 square metres of land", "Viewing on 28 July",
                     "Anna Smith", "Council approves the harbour plan"] + paragraphs
        #expect(settled(lines, body: 5 ..< 8) == [0, 1])
        // A menu line is no title: the title is the headline above the main run.
        let menu = ["Home | News | Sport | Weather"] + lines.dropFirst()
        #expect(settled(menu, body: 5 ..< 8) == [4, 5])
        // Nor is a first line the rules removed (a site's <title> line).
        #expect(settled(lines, removed: [0], body: 5 ..< 8) == [4, 5])
    }

    @Test func theTitleStandsAboveTheParagraphsBeforeTheMainRun() {
        // A lead that ends in a source, not as a sentence, is the article's second block.
        let lead = "The council voted on Tuesday to rebuild the old harbour wall before winter, after engineers warned "
            + "that the stones were giving way, and the mayor said the town could not wait another year for the money (Reuters)"
        let lines = ["Home", "News", "Council approves the harbour plan", lead] + paragraphs
        #expect(settled(lines, body: 4 ..< 7) == [2, 3])
        // Without a headline above it, the nearest block above the main run opens the head.
        #expect(settled(["Home", "News", lead] + paragraphs, body: 3 ..< 6) == [2, 3])
    }
}
