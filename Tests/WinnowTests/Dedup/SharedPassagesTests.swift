import Testing
@testable import Winnow

@Suite struct SharedPassagesTests {
    /// The cut as it was made before the fast path: a string of the whole,
    /// then the first `textLimit - 1` grapheme clusters and "…".
    private func reference(_ bytes: [UInt8]) -> String {
        let joined = String(decoding: bytes, as: UTF8.self)
        let limit = SharedPassages.textLimit
        guard joined.count > limit else { return joined }
        return String(joined.prefix(limit - 1)) + "…"
    }

    /// Every scalar taken as a character of its own is one next to every
    /// other such scalar, by the standard library's grapheme breaking.
    @Test func loneCharactersBreakFromTheirNeighbours() {
        let lone = (0 ... 0xA000).filter { SharedPassages.isLoneCharacter(UInt32($0)) }.compactMap(Unicode.Scalar.init)
        #expect(lone.count > 20000)
        let neighbours: [Unicode.Scalar] = ["a", " ", "ệ", "Ж", "中", "…", "\u{A0}", "~"]
        for scalar in lone {
            for other in neighbours {
                var view = String.UnicodeScalarView()
                view.append(scalar)
                view.append(other)
                view.append(scalar)
                #expect(String(view).count == 3, "U+\(String(scalar.value, radix: 16)) next to U+\(String(other.value, radix: 16))")
            }
        }
    }

    /// Cut texts of every kind the same as the grapheme walk: Vietnamese in
    /// NFC and NFD, emoji with joiners and skin tones, Hangul jamo, CRLF,
    /// flags; at, below and above the limit.
    @Test func passageTextsAreCutAsByGraphemeClusters() {
        let pieces = ["Tiếng Việt ", "có dấu ", "Tie\u{302}\u{301}ng ", "word ", "👩‍👩‍👧 ", "👍🏽", "\u{1100}\u{1161}\u{11A8}",
                      "\r\n", "🇻🇳", "中文", "…", "e\u{301}", "ß", "—", " "]
        var generator = SplitMix64(seed: 11)
        for round in 0 ..< 400 {
            let count = [50, 100, 150, 200, 290, 299, 300, 301, 302, 400][round % 10]
            // Mostly one kind of text, so that many texts take the fast path.
            let kinds = round % 3 == 0 ? pieces.count : 4
            var text = ""
            while text.unicodeScalars.count < count {
                text += pieces[Int(generator.next() % UInt64(kinds))]
            }
            let bytes = Array(text.utf8)
            #expect(SharedPassages.cut(bytes) == reference(bytes), "round \(round)")
        }
        let plain = Array(String(repeating: "a", count: 301).utf8)
        #expect(SharedPassages.cut(plain) == String(repeating: "a", count: 299) + "…")
        #expect(SharedPassages.cut(Array(plain.dropLast())) == String(repeating: "a", count: 300))
    }
}
