import Testing
@testable import Winnow

/// Lines end at LF, CRLF or a lone CR, wherever the break falls in the
/// eight-byte words the splitter reads.
@Suite struct LineSplitterTests {
    private func split(_ text: [UInt8]) -> [String] {
        text.withUnsafeBufferPointer { all in
            LineSplitter.lines(all).map { String(decoding: all[$0.range], as: UTF8.self) }
        }
    }

    /// A byte at a time, as the splitter did before it read words.
    private func reference(_ text: [UInt8]) -> [Line] {
        var lines: [Line] = []
        var start = 0
        var i = 0
        while i < text.count {
            if text[i] == 0x0A || text[i] == 0x0D {
                lines.append(Line(number: lines.count + 1, range: start ..< i))
                if text[i] == 0x0D, i + 1 < text.count, text[i + 1] == 0x0A { i += 1 }
                start = i + 1
            }
            i += 1
        }
        if start < text.count { lines.append(Line(number: lines.count + 1, range: start ..< text.count)) }
        return lines
    }

    @Test func everyKindOfBreak() {
        #expect(split(Array("one\ntwo\r\nthree\rfour".utf8)) == ["one", "two", "three", "four"])
        #expect(split(Array("a\n\nb\r\n\r\n".utf8)) == ["a", "", "b", ""])
        #expect(split(Array("\r\r\n\n".utf8)) == ["", "", ""])
        #expect(split([]) == [])
        #expect(split(Array("no break at all, longer than one word".utf8)) == ["no break at all, longer than one word"])
    }

    @Test func aBreakAtEveryOffsetOfAWord() {
        for length in 1 ..< 40 {
            for tail in ["\n", "\r", "\r\n"] {
                let line = String(repeating: "ư", count: length / 2) + String(repeating: "x", count: length % 2)
                let text = Array((line + tail + "after" + tail + line).utf8)
                #expect(split(text) == [line, "after", line], "length \(length), \(tail.debugDescription)")
            }
        }
    }

    /// Bytes next to the breaks (0x0B, 0x0C, 0x0E, 0x8A, 0x8D) whose
    /// subtraction borrows would flag them wrongly are not breaks.
    @Test func randomBytesSplitAsOneByteAtATimeDoes() {
        var random = SplitMix64(seed: 11)
        let alphabet: [UInt8] = [0x0A, 0x0D, 0x0B, 0x0C, 0x0E, 0x09, 0x00, 0x01, 0x8A, 0x8D, 0xFF, 0x20, 0x61]
        for _ in 0 ..< 3_000 {
            let count = Int(random.next() % 70)
            let text = (0 ..< count).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
            #expect(text.withUnsafeBufferPointer { LineSplitter.lines($0) } == reference(text), "\(text)")
        }
    }
}
