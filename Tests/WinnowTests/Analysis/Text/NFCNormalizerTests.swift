import Foundation
import Testing
@testable import Winnow

@Suite struct NFCNormalizerTests {
    // Results are compared as bytes: Swift's String equality is canonical
    // equivalence, under which NFD and NFC text are equal.

    private func normalized(_ text: String, with normalizer: inout NFCNormalizer) -> [UInt8] {
        var out: [UInt8] = []
        Array(text.utf8).withUnsafeBufferPointer { normalizer.normalize($0, into: &out) }
        return out
    }

    private func normalized(_ text: String) -> [UInt8] {
        var normalizer = NFCNormalizer()
        return normalized(text, with: &normalizer)
    }

    /// The seeds' Vietnamese, decomposed, composes back to the seeds' bytes,
    /// line by line, the second time from the cache.
    @Test func decomposedSeedsComposeBack() throws {
        var normalizer = NFCNormalizer()
        var lines = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: Fixtures.path("seeds")).sorted() {
            let text = String(decoding: try Fixtures.read("seeds/" + name), as: UTF8.self)
            for line in text.split(separator: "\n") {
                let nfc = String(line).precomposedStringWithCanonicalMapping
                let nfd = nfc.decomposedStringWithCanonicalMapping
                guard Array(nfd.utf8) != Array(nfc.utf8) else { continue }
                lines += 1
                #expect(normalized(nfd, with: &normalizer) == Array(nfc.utf8))
                #expect(normalized(nfd, with: &normalizer) == Array(nfc.utf8))
            }
        }
        #expect(lines > 50)
    }

    /// Text whose segments are not a letter and its marks: marks out of
    /// canonical order, marks with nothing before them, Hangul jamo, Indic
    /// and Brahmi vowel signs, kana voicing marks, compatibility ideographs.
    @Test func agreesWithFoundationOnHardCases() {
        let cases = [
            "a\u{0323}\u{0302} a\u{0302}\u{0323} o\u{031B}\u{0309} \u{01A1}\u{0309}",  // order of marks
            "\u{0301}\u{0301}x \u{0301}",  // marks that start the line or follow a space
            "\u{1112}\u{1161}\u{11AB}\u{1100}\u{1173}\u{11AF} 한\u{11AB}",  // Hangul jamo
            "\u{0915}\u{093C} \u{09C7}\u{09BE} \u{0B47}\u{0B56} \u{0DD9}\u{0DCF}",  // Indic vowel signs
            "\u{11131}\u{11127} \u{11347}\u{1133E}",  // Chakma, Grantha
            "\u{304B}\u{3099} \u{30CF}\u{309A}",  // kana with voicing marks
            "\u{2F800}\u{F900} \u{212B}\u{2126}",  // singletons NFC replaces
            "Tiê\u{0301}ng Viê\u{0323}t",  // a composed letter taking one more mark
        ]
        for text in cases {
            #expect(normalized(text) == Array(text.precomposedStringWithCanonicalMapping.utf8), "\(text.unicodeScalars.map(\.value))")
        }
    }

    /// Random strings over letters, composed letters and marks in any order
    /// (a fixed seed): segment by segment equals the whole string at once.
    @Test func randomMixesAgreeWithFoundation() {
        let pool: [Unicode.Scalar] = ["a", "o", "u", "A", " ", ".", "\u{00E2}", "\u{01A1}", "\u{01B0}", "\u{1EA1}",
                                      "\u{0300}", "\u{0301}", "\u{0302}", "\u{0303}", "\u{0309}", "\u{0323}",
                                      "\u{031B}", "\u{0306}", "\u{1100}", "\u{1161}", "\u{11A8}", "\u{AC00}",
                                      "\u{0915}", "\u{093C}", "\u{0E01}", "\u{0E48}", "\u{0E34}"]
        var generator = SplitMix64(seed: 7)
        var normalizer = NFCNormalizer()
        for _ in 0 ..< 2000 {
            var text = String.UnicodeScalarView()
            for _ in 0 ..< Int(generator.next() % 12) + 1 { text.append(pool[Int(generator.next() % UInt64(pool.count))]) }
            let string = String(text)
            #expect(normalized(string, with: &normalizer) == Array(string.precomposedStringWithCanonicalMapping.utf8),
                    "\(string.unicodeScalars.map(\.value))")
        }
    }

    /// A long line of a script written without spaces is cut between its
    /// segments, never inside a scalar.
    @Test func longThaiLineWithoutSpaces() {
        let thai = String(repeating: "ที่นี่มีน้ำ", count: 400)  // about 13,000 bytes, tone marks throughout
        #expect(thai.utf8.count > 10_000 && !thai.contains(" "))
        #expect(normalized(thai) == Array(thai.precomposedStringWithCanonicalMapping.utf8))
    }

    /// Lines with nothing to compose come back byte for byte.
    @Test func stableTextIsCopied() {
        for text in ["", "plain ascii", "Đà Nẵng đón Tết", "東京 👍", "\u{0E01}\u{0E34}"] {
            #expect(normalized(text) == Array(text.utf8))
        }
    }
}
