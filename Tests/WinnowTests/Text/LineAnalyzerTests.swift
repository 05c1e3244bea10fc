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
}
