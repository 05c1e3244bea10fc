import Foundation
import Testing
@testable import Winnow

@Suite struct LineAnalyzerTests {
    private func tokens(_ text: String) -> [String] {
        let analyzer = LineAnalyzer()
        analyzer.analyze(text)
        return analyzer.tokens
    }

    private func folded(_ text: String) -> [UInt8] {
        let analyzer = LineAnalyzer()
        analyzer.analyze(text)
        return analyzer.folded
    }

    @Test func invalidUTF8IsRefusedInTheSamePass() {
        let analyzer = LineAnalyzer()
        for bad: [UInt8] in [[0x61, 0x80], [0x61, 0xE1, 0xBA], [0xED, 0xA0, 0x80], [0xC1, 0x81], [0xF4, 0x90, 0x80, 0x80],
                             Array("e\u{301} ".utf8) + [0xFF]] {
            #expect(!bad.withUnsafeBufferPointer { analyzer.analyze($0) }, "\(bad)")
            #expect(analyzer.tokenCount == 0 && !analyzer.hasVisibleText)
        }
        for good in ["ascii only", "Đà Nẵng ngữ", "e\u{301} x", "👍 中文", ""] {
            #expect(Array(good.utf8).withUnsafeBufferPointer { analyzer.analyze($0) }, "\(good)")
        }
    }

    @Test func nfdHashesLikeNFC() {
        let nfc = "Tiếng Việt có dấu: Đà Nẵng, Huế, phở, ngữ"
        let nfd = nfc.decomposedStringWithCanonicalMapping
        #expect(Array(nfd.utf8) != Array(nfc.utf8))
        #expect(folded(nfd) == folded(nfc))
        #expect(tokens(nfd) == ["tiếng", "việt", "có", "dấu", "đà", "nẵng", "huế", "phở", "ngữ"])
    }

    @Test func vietnameseCaseFoldingKeepsToneMarks() {
        #expect(tokens("ĐÀ NẴNG Đà Nẵng") == ["đà", "nẵng", "đà", "nẵng"])
        // Tone marks tell words apart: ma, má, mà, mả, mã, mạ are six words.
        let words = tokens("MA MÁ MÀ MẢ MÃ MẠ")
        #expect(words == ["ma", "má", "mà", "mả", "mã", "mạ"])
        #expect(Set(words).count == 6)
    }

    @Test func unicodeSpacesSeparateWords() {
        let plain = tokens("giá vàng hôm nay")
        #expect(tokens("giá\u{00A0}vàng\u{2009}hôm\u{3000}nay") == plain)
        #expect(tokens("giá\u{200B}vàng hôm\u{202F}nay") == plain)
        #expect(tokens("soft\u{00AD}ware") == ["software"])
    }

    @Test func englishWordsAndPunctuation() {
        #expect(tokens("U.S. officials said: \"It's over\" — 3,500 troops.")
            == ["u", "s", "officials", "said", "it", "s", "over", "3", "500", "troops"])
        #expect(tokens("Theo_Người Đưa Tin") == ["theo", "người", "đưa", "tin"])
    }

    @Test func spacelessScriptsFallBackToCharacters() {
        #expect(tokens("東京都の天気") == ["東", "京", "都", "の", "天", "気"])
        #expect(tokens("北京 Beijing") == ["北", "京", "beijing"])
        // A Thai vowel sign stays with its consonant.
        #expect(tokens("กิน") == ["กิ", "น"])
    }

    @Test func asciiAndUnicodePathsAgree() {
        // The same words through the ASCII fast path and the Unicode path.
        #expect(tokens("Hello World") == ["hello", "world"])
        #expect(tokens("Hello World é").dropLast() == ["hello", "world"])
    }

    @Test func longLinesNormaliseInChunks() {
        let sentence = "Người dân Đà Nẵng đón Tết. "
        let long = String(repeating: sentence, count: 2000)
        let nfd = long.decomposedStringWithCanonicalMapping
        #expect(folded(nfd) == folded(long))
        #expect(tokens(long).count == 12000)
    }

    @Test func visibleTextIsNoticed() {
        let analyzer = LineAnalyzer()
        analyzer.analyze(" \u{00A0}\t ")
        #expect(!analyzer.hasVisibleText)
        analyzer.analyze(" *** ")
        #expect(analyzer.hasVisibleText)
        #expect(analyzer.tokenCount == 0)
    }

    /// The fold written plainly, for comparison: Swift's own UTF-8 decoding,
    /// NFC and lowercase mappings, one scalar at a time. Only the scalar
    /// classes (the tokeniser's policy) come from ``ScalarTable``.
    private func referenceFold(_ text: String) -> (folded: [UInt8], tokens: Int, visible: Bool) {
        var out: [UInt8] = []
        var tokens = 0
        var inWord = false
        var inIsolated = false
        var visible = false
        func endToken() {
            out.append(0x20)
            tokens += 1
            inWord = false
        }
        for scalar in text.precomposedStringWithCanonicalMapping.unicodeScalars {
            let properties = scalar.properties
            let lower = scalar.isASCII ? String(scalar).lowercased() : String(properties.lowercaseMapping.unicodeScalars.first!)
            let isMark = [.nonspacingMark, .spacingMark, .enclosingMark].contains(properties.generalCategory)
            switch ScalarTable.shared.entry(scalar.value).cls {
            case .word:
                if inIsolated, !isMark {
                    endToken()
                    inIsolated = false
                }
                out += lower.utf8
                inWord = true
                visible = true
            case .isolated:
                if inWord { endToken() }
                out += lower.utf8
                inWord = true
                inIsolated = true
                visible = true
            case .boundary:
                visible = visible || (scalar.isASCII ? scalar.value > 0x20 && scalar.value != 0x7F : !properties.isWhitespace)
                if inWord { endToken() }
                inIsolated = false
            case .ignorable:
                break
            }
        }
        if inWord { endToken() }
        return (out, tokens, visible)
    }

    /// Random lines of everything the fold treats apart (ASCII and not,
    /// sequences of every length, lowercase longer than the letter, marks,
    /// isolated letters, ignorables, Unicode spaces, scalars NFC changes,
    /// each near the line's end too), and random bytes that break UTF-8:
    /// the analyser refuses exactly the invalid ones, and folds the rest as
    /// the plain fold does. Lines of up to 24 pieces, and up to 300 (several
    /// of the vector kernel's 64-byte chunks); with the kernel and without
    /// it, to the same bytes, tokens and hashes.
    @Test(arguments: [24, 300])
    func foldAgreesWithAPlainFoldOnRandomLines(pieceCount: Int) {
        let pieces = [
            "a", "Z", "q", "7", " ", "  ", ".", ",", "_", "\t", "\u{1}", "\u{7F}", "-", "\"",
            "à", "Đ", "ư", "ờ", "Ạ", "ệ", "ß", "İ", "Ⱥ", "Σ", "ж", "Ж", "é", "e\u{301}", "a\u{323}\u{302}",
            "\u{301}", "\u{A0}", "\u{2009}", "\u{3000}", "\u{200B}", "\u{AD}", "\u{200D}", "\u{FEFF}",
            "中", "の", "ก", "\u{E34}", "한", "😀", "𐐀", "𝐀", "\u{1F3FB}", "\u{2F800}", "٣", "Ⅻ", "·", "—",
        ]
        let breakers: [UInt8] = [0x80, 0xBF, 0xC0, 0xC1, 0xC3, 0xE0, 0xE1, 0xED, 0xF0, 0xF4, 0xF5, 0xFF]
        var random = SplitMix64(seed: UInt64(29 + pieceCount))
        let analyzer = LineAnalyzer(), scalar = LineAnalyzer(vectorFold: false)
        var invalid = 0
        for _ in 0 ..< 4000 {
            let count = Int(random.next() % UInt64(pieceCount))
            let text = (0 ..< count).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
            var bytes = Array(text.utf8)
            if random.next() % 4 == 0 {
                let at = Int(random.next() % UInt64(bytes.count + 1))
                bytes.insert(breakers[Int(random.next() % UInt64(breakers.count))], at: at)
            }
            let valid = String(validating: bytes, as: UTF8.self)
            let analysed = bytes.withUnsafeBufferPointer { analyzer.analyze($0) }
            #expect(analysed == (valid != nil), "\(bytes)")
            #expect(bytes.withUnsafeBufferPointer { scalar.analyze($0) } == analysed)
            #expect(scalar.folded == analyzer.folded && scalar.tokenCount == analyzer.tokenCount, "\(bytes)")
            var hashes: [TokenHash] = [], scalarHashes: [TokenHash] = []
            #expect(analyzer.appendTokenHashes(to: &hashes) == scalar.appendTokenHashes(to: &scalarHashes))
            #expect(hashes == scalarHashes)
            guard let valid else {
                invalid += 1
                continue
            }
            let expected = referenceFold(valid)
            #expect(analyzer.folded == expected.folded, "\(valid.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(analyzer.tokenCount == expected.tokens)
            #expect(analyzer.hasVisibleText == expected.visible, "\(valid.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        #expect(invalid > 300)
    }

    /// Long lines of Vietnamese and English words (the vector kernel's
    /// chunks, capitals it lowercases by table, punctuation that closes
    /// words and runs of it that do not) fold as the scalar loop folds them.
    @Test func vectorFoldEqualsTheScalarLoopOnNewsText() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Fixtures.path("seeds")).sorted().map { "seeds/" + $0 }
            + ["Fixtures/real/pages/0400.txt"]
        let text = try files.map { try String(contentsOfFile: Fixtures.path($0), encoding: .utf8) }.joined(separator: "\n")
            + "\nTHE CITY COUNCIL said on Tuesday, 4 June: “Đà Nẵng & Hà Nội!!” — ĐƯỜNG SẮT ĐÔ THỊ (Ảnh: VOV) ... end"
        let analyzer = LineAnalyzer(), scalar = LineAnalyzer(vectorFold: false)
        var lines = 0
        for line in text.split(separator: "\n") where line.utf8.count > 67 {
            analyzer.analyze(String(line))
            scalar.analyze(String(line))
            #expect(analyzer.folded == scalar.folded && analyzer.tokens == scalar.tokens, "\(line)")
            lines += 1
        }
        #expect(lines > 100)
    }
}
