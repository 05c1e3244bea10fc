import Testing
@testable import Winnow

/// `LineShape` reads runs of plain bytes 16 at a time; the counts must be
/// those of reading them one by one.
@Suite struct LineShapeTests {
    static let pieces = [
        "the", "The", "Đường", "đã", "Ấn", "über", "Zürich", "2024", "3,5", "a.", "end.", "Why?", "so!", "\"quoted.\"",
        "(aside.)", "x,", "y;", "a|b", ">", "»", "•", "·", "›", "@name", "http://x.org", "www.example.com", "©", "—",
        "“Chào”", "…", "...", "。", "東京", "！", "，", "\t", "\u{A0}", "\u{3000}", "😀", "ǅ", "İ", "ΣΑΣ", "Москва", "\u{7F}",
    ]

    static func line(using rng: inout some RandomNumberGenerator) -> String {
        (0 ..< Int.random(in: 0 ... 40, using: &rng)).map { _ in
            pieces.randomElement(using: &rng)! + (Int.random(in: 0 ..< 4, using: &rng) == 0 ? "" : " ")
        }.joined()
    }

    @Test func sixteenAtATimeCountsAsOneByOne() {
        var rng = SplitMix64(seed: 16)
        for _ in 0 ..< 3000 {
            let line = Self.line(using: &rng)
            let bytes = Array(line.utf8)
            let (fast, slow) = bytes.withUnsafeBufferPointer { (LineShape($0), LineShape($0, vectorised: false)) }
            #expect(fast == slow, "\(line)")
        }
    }

    @Test func plainRunsAreCounted() {
        let line = "Đường phố Hà Nội đông đúc, người dân đi làm sớm. Xem thêm tại www.example.vn hoặc http://a.vn"
        let shape = Array(line.utf8).withUnsafeBufferPointer { LineShape($0) }
        #expect(shape.words == 17 && shape.capitalised == 4 && shape.commas == 1 && shape.sentences == 1)
        #expect(shape.hasAddress && shape.end == .word)
    }
}
