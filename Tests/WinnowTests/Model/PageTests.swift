import Testing
@testable import Winnow

@Suite struct PageTests {
    private func page(_ bytes: [UInt8]) -> Page { Page(id: "p", origin: PageOrigin(path: "p"), bytes: bytes) }
    private func page(_ text: String) -> Page { page(Array(text.utf8)) }

    @Test func blocksAreNonBlankLinesWithNumbers() {
        let p = page("Title\n\n  \nFirst line.\n\u{00A0}\nSecond line.")
        #expect(p.blocks.map(\.line) == [1, 4, 6])
        #expect(p.blocks.map { p.string(of: $0) } == ["Title", "First line.", "Second line."])
    }

    @Test func crlfAndCREndLines() {
        let p = page("one\r\ntwo\rthree\nfour")
        #expect(p.blocks.map { p.string(of: $0) } == ["one", "two", "three", "four"])
        #expect(p.blocks.map(\.line) == [1, 2, 3, 4])
    }

    @Test func bomIsStripped() {
        let p = page([0xEF, 0xBB, 0xBF] + Array("Hello".utf8))
        #expect(p.text == Array("Hello".utf8))
    }

    @Test func invalidBytesAreReplacedAndCounted() {
        let p = page(Array("ok ".utf8) + [0xFF, 0xFE] + Array(" fine \u{FFFD}".utf8))
        #expect(p.invalidSequences == 2)
        #expect(String(decoding: p.text, as: UTF8.self).hasPrefix("ok \u{FFFD}\u{FFFD} fine"))
    }

    @Test func invalidBytesAreFoundOnEveryLineWhateverPrecedesThem() {
        // Line 2's bad byte follows a combining mark (the line goes to NFC first),
        // line 4's a truncated sequence at the line's end; line 3 is valid.
        let bytes = Array("Tin mới\nCafe\u{301} ".utf8) + [0xC0] + Array("\nĐà Nẵng\nend ".utf8) + [0xE1, 0xBA]
        let p = page(bytes)
        #expect(p.invalidSequences == 2)
        #expect(p.text.withUnsafeBufferPointer(TextDecoder.isValidUTF8))
        #expect(p.blocks.map { p.string(of: $0) } == ["Tin mới", "Cafe\u{301} \u{FFFD}", "Đà Nẵng", "end \u{FFFD}"])
        let clean = page("Tin mới\nCafe\u{301} x\nĐà Nẵng")
        #expect(clean.invalidSequences == 0)
        #expect(p.tokenHashes[..<3] == clean.tokenHashes[..<3])
    }

    @Test func blockKeysIgnorePunctuationSpacesAndCase() {
        let p = page("Giá vàng hôm nay tăng\n  GIÁ VÀNG: hôm nay, tăng!  \nGiá vàng hôm nay giảm")
        #expect(p.blocks[0].key == p.blocks[1].key)
        #expect(p.blocks[0].key != p.blocks[2].key)
    }

    @Test func keptBytesAreTheOriginal() {
        let text = "  Ðà Nẵng\u{00A0}— tin nóng  "
        let p = page(text)
        #expect(p.bytes(of: p.blocks[0]) == ArraySlice(Array(text.utf8)))
    }

    /// Blocks keep their offsets in 32 bits: 32 bytes a block, and every
    /// field read back as given, up to the largest a page of the size limit
    /// can have once repaired (three bytes for each invalid one).
    @Test func blocksAreThirtyTwoBytesAndKeepTheirFields() {
        #expect(MemoryLayout<Block>.stride == 32)
        let most = 3 * Page.maximumBytes
        let block = Block(line: most, range: most - 5 ..< most, key: .max, tokens: most - 2 ..< most)
        #expect(block.line == most)
        #expect(block.range == most - 5 ..< most)
        #expect(block.key == .max)
        #expect(block.tokens == most - 2 ..< most)
        #expect(block.tokenCount == 2)
        let page = Page(id: "p", origin: PageOrigin(path: "p"), bytes: Array("one two\n\nthree four five\n".utf8))
        #expect(page.blocks.map(\.line) == [1, 3])
        #expect(page.blocks.map(\.range) == [0 ..< 7, 9 ..< 24])
        #expect(page.blocks.map(\.tokens) == [0 ..< 2, 2 ..< 5])
    }

    /// The readers refuse a page over the size limit, with an error naming
    /// its size and the limit; a page of exactly the limit is read.
    @Test func pagesOverTheSizeLimitAreRefused() throws {
        #expect(Page.sizeError(Page.maximumBytes) == nil)
        let message = try #require(Page.sizeError(Page.maximumBytes + 1))
        #expect(message.contains("\(Page.maximumBytes + 1) bytes"))
        #expect(message.contains("1 GiB"))
    }
}

