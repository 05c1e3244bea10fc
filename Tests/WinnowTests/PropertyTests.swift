import Foundation
import PropertyBased
import Testing
@testable import Winnow

/// Property-based tests: the normaliser, tokeniser, block splitter, cleaner
/// and JSONL reader driven with random bytes and random Unicode. Each run
/// draws new inputs; a failure prints the seed that reproduces it.
@Suite struct PropertyTests {
    /// Scalars that stress the text path: spaces and line ends of all kinds,
    /// combining marks, Vietnamese, Hangul (NFD splits it into jamo), scripts
    /// without spaces, singletons that NFC replaces (U+212B), emoji, BOM, U+FFFD.
    static let palette: [Unicode.Scalar] = [
        "a", "B", "z", "0", "7", " ", " ", "\n", "\r", "\t", ".", ",", "\"", "\\", "/", "-", "_", "(", ")",
        "\u{A0}", "\u{2028}", "\u{85}", "\u{200B}", "\u{FEFF}", "\u{FFFD}", "\u{0}", "\u{1F}",
        "\u{300}", "\u{301}", "\u{303}", "\u{309}", "\u{323}", "\u{302}", "\u{31B}", "\u{344}",
        "ạ", "ế", "ở", "ữ", "Đ", "đ", "ư", "Ơ", "é", "ß", "İ", "ﬁ", "Å", "\u{212B}", "Ω", "\u{2126}",
        "中", "文", "の", "カ", "ไ", "ท", "\u{E31}", "\u{E48}", "한", "국", "\u{1100}", "\u{1161}",
        "\u{23A}", "\u{958}", "\u{FB2C}", "Σ", "ς", "Я", "ё", "ا", "ل", "👍", "\u{1F3FD}", "\u{200D}", "🇻", "🇳",
    ]

    /// Random text: mostly palette scalars, some arbitrary scalars anywhere in Unicode.
    static let unicodeText = Gen<UInt32>.value().array(of: 0 ... 160).map { draws -> String in
        var scalars = String.UnicodeScalarView()
        for x in draws {
            if x % 4 != 0 {
                scalars.append(palette[Int(x / 4) % palette.count])
            } else {
                scalars.append(Unicode.Scalar(x / 4 % 0x11_0000) ?? "\u{FFFD}")  // surrogates: U+FFFD
            }
        }
        return String(scalars)
    }

    /// Random bytes, a third of them line ends and spaces, so pages have lines.
    static let randomBytes = Gen<UInt32>.value().array(of: 0 ... 400).map { draws -> [UInt8] in
        draws.map { x in x % 3 == 0 ? [0x0A, 0x0D, 0x20, 0x09][Int(x / 3) % 4] : UInt8(truncatingIfNeeded: x >> 8) }
    }

    /// The lines of decoded text, as the splitter sees them.
    private func lines(_ bytes: [UInt8]) -> Set<[UInt8]> {
        bytes.withUnsafeBufferPointer { all in Set(LineSplitter.lines(all).map { Array(all[$0.range]) }) }
    }

    @Test func anyBytesMakeAPageAndEveryCleanedLineIsAnInputLine() async {
        await propertyCheck(count: 300, input: Self.randomBytes) { bytes in
            let page = Page(id: "p", origin: PageOrigin(path: "p"), bytes: bytes)
            #expect(page.text.withUnsafeBufferPointer(TextDecoder.isValidUTF8))
            for block in page.blocks {
                #expect(block.range.upperBound <= page.text.count)
                #expect(!page.bytes(of: block).contains { $0 == 0x0A || $0 == 0x0D })
                #expect(block.tokens.upperBound <= page.tokenHashes.count)
            }
            let inputLines = lines(page.text)
            let cleaned = Cleaner().clean([page, page.renamed("q")])
            for output in cleaned {
                for line in output.text.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast() {
                    #expect(inputLines.contains(Array(line)))
                }
            }
        }
    }

    @Test func nfcAndNfdFormsHashAlike() async {
        await propertyCheck(count: 300, input: Self.unicodeText) { text in
            let nfc = text.precomposedStringWithCanonicalMapping
            let nfd = text.decomposedStringWithCanonicalMapping
            let a = Page(id: "nfc", origin: PageOrigin(path: "nfc"), bytes: Array(nfc.utf8))
            let b = Page(id: "nfd", origin: PageOrigin(path: "nfd"), bytes: Array(nfd.utf8))
            #expect(a.tokenHashes == b.tokenHashes, "\(Array(nfc.unicodeScalars))")
            #expect(a.blocks.map(\.key) == b.blocks.map(\.key))
        }
    }

    @Test func theAnalyserFoldsWhateverItIsGiven() async {
        let analyzer = LineAnalyzer()
        await propertyCheck(count: 300, input: Self.unicodeText) { text in
            analyzer.analyze(text)
            // Tokens are non-empty, hold no separator, and are their own fold.
            for token in analyzer.tokens {
                #expect(!token.isEmpty)
                #expect(!token.contains(" "))
            }
            let tokens = analyzer.tokens
            analyzer.analyze(tokens.joined(separator: " "))
            #expect(analyzer.tokens == tokens)
        }
    }

    @Test func jsonlRecordsRoundTripAnyText() async throws {
        let file = InputFile(path: "dump.jsonl", relativeName: "dump.jsonl", format: .jsonl)
        await propertyCheck(count: 200, input: Self.unicodeText.array(of: 1 ... 4)) { texts in
            // Encoded by Foundation's JSONSerialization, an independent writer.
            var data: [UInt8] = []
            for (n, text) in texts.enumerated() {
                let record: [String: Any] = ["id": "r\(n)", "text": text, "n": n]
                data += Array(try JSONSerialization.data(withJSONObject: record)) + [0x0A]
            }
            let read = JSONLReader.read(data, file: file, options: ReadOptions())
            #expect(read.diagnostics.filter { $0.severity == .error }.isEmpty)
            #expect(read.pages.map(\.0.id) == texts.indices.map { "r\($0)" })
            for ((page, _), text) in zip(read.pages, texts) {
                var expected = Array(text.utf8)
                if expected.starts(with: [0xEF, 0xBB, 0xBF]) { expected.removeFirst(3) }  // a BOM is stripped
                #expect(page.text == expected)
            }
        }
    }

    @Test func jsonlReaderNamesTheLineOfAnyBadRecord() async {
        let file = InputFile(path: "dump.jsonl", relativeName: "dump.jsonl", format: .jsonl)
        await propertyCheck(count: 300, input: Self.randomBytes) { bytes in
            let data = Array("{\"text\": \"a good record\"}\n".utf8) + bytes
            let read = JSONLReader.read(data, file: file, options: ReadOptions())
            let lineCount = data.withUnsafeBufferPointer { LineSplitter.lines($0).count }
            #expect(read.pages.first?.0.text == Array("a good record".utf8))
            for diagnostic in read.diagnostics where diagnostic.severity == .error {
                let line = diagnostic.origin.line ?? 0
                #expect(line >= 2 && line <= lineCount, "\(diagnostic)")
            }
        }
    }
}
