import Glibc

/// A minimal JSON reader for one JSONL line: finds the members of the
/// top-level object and where each value lies, without building the values.
///
/// Knowing the byte range of each value lets Winnow replace the text field of a
/// record and leave every other byte of the line as it was.
struct JSONScanner {
    /// One member of the top-level object.
    struct Member {
        var key: String
        /// The value's bytes in the line, from its first to its last byte.
        var value: Range<Int>
    }

    /// A syntax error, at a 0-based byte offset of the line.
    struct SyntaxError: Error, Equatable {
        var offset: Int
        var message: String
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var i = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// The members of the object that the line holds.
    static func members(of line: UnsafeBufferPointer<UInt8>) throws(SyntaxError) -> [Member] {
        var scanner = JSONScanner(line)
        return try scanner.object()
    }

    private mutating func object() throws(SyntaxError) -> [Member] {
        skipSpace()
        try expect(UInt8(ascii: "{"), "a JSON object")
        var members: [Member] = []
        skipSpace()
        if peek() == UInt8(ascii: "}") {
            i += 1
        } else {
            while true {
                skipSpace()
                guard peek() == UInt8(ascii: "\"") else { throw fail("expected a member name in quotes") }
                let keyStart = i
                try skipString()
                let key = try Self.decodeString(UnsafeBufferPointer(rebasing: bytes[keyStart ..< i]))
                skipSpace()
                try expect(UInt8(ascii: ":"), "':' after a member name")
                skipSpace()
                let valueStart = i
                try skipValue()
                members.append(Member(key: key, value: valueStart ..< i))
                skipSpace()
                if peek() == UInt8(ascii: ",") { i += 1; continue }
                try expect(UInt8(ascii: "}"), "',' or '}'")
                break
            }
        }
        skipSpace()
        if i < bytes.count { throw fail("unexpected text after the object") }
        return members
    }

    private mutating func skipValue() throws(SyntaxError) {
        guard let c = peek() else { throw fail("expected a value") }
        switch c {
        case UInt8(ascii: "\""):
            try skipString()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            try skipNested()
        case UInt8(ascii: "-"), UInt8(ascii: "0") ... UInt8(ascii: "9"):
            let start = i
            while let d = peek(), d == UInt8(ascii: "-") || d == UInt8(ascii: "+") || d == UInt8(ascii: ".")
                || d == UInt8(ascii: "e") || d == UInt8(ascii: "E") || (UInt8(ascii: "0") ... UInt8(ascii: "9")).contains(d)
            { i += 1 }
            if i == start { throw fail("bad number") }
        default:
            for word in ["true", "false", "null"] where matches(word) {
                i += word.utf8.count
                return
            }
            throw fail("expected a value")
        }
    }

    private mutating func skipNested() throws(SyntaxError) {
        var depth = 0
        while let c = peek() {
            switch c {
            case UInt8(ascii: "\""):
                try skipString()
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { i += 1; return }
            default:
                break
            }
            i += 1
        }
        throw fail("unclosed object or array")
    }

    private mutating func skipString() throws(SyntaxError) {
        i += 1
        let n = bytes.count
        let raw = UnsafeRawPointer(bytes.baseAddress!)
        while i < n {
            // Eight bytes at a time up to the next quote, backslash or
            // control character (a byte at a time, a record's text took 2%
            // of reading a JSONL dump).
            if i + 8 <= n {
                let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let stops = ByteMask.matches(word, UInt8(ascii: "\\")) | ByteMask.matches(word, UInt8(ascii: "\""))
                    | ByteMask.below(word, 0x20)
                if stops == 0 {
                    i += 8
                    continue
                }
                i += stops.trailingZeroBitCount >> 3
            }
            switch bytes[i] {
            case UInt8(ascii: "\\"): i += 2
            case UInt8(ascii: "\""): i += 1; return
            case 0 ..< 0x20: throw fail("control character in a string")
            default: i += 1
            }
        }
        throw fail("unterminated string")
    }

    private func matches(_ word: String) -> Bool {
        let w = Array(word.utf8)
        return i + w.count <= bytes.count && Array(bytes[i ..< i + w.count]) == w
    }

    private func peek() -> UInt8? { i < bytes.count ? bytes[i] : nil }

    private mutating func expect(_ c: UInt8, _ what: String) throws(SyntaxError) {
        guard peek() == c else { throw fail("expected \(what)") }
        i += 1
    }

    private mutating func skipSpace() {
        while i < bytes.count, Self.isSpace(bytes[i]) { i += 1 }
    }

    private static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D }

    private func fail(_ message: String) -> SyntaxError { SyntaxError(offset: i, message: message) }

    // MARK: - Strings

    /// Decodes a JSON string literal, quotes included.
    static func decodeString(_ literal: UnsafeBufferPointer<UInt8>) throws(SyntaxError) -> String {
        String(decoding: try decodeBytes(literal), as: UTF8.self)
    }

    /// Decodes a JSON string literal, quotes included, to its bytes: the
    /// literal's bytes with its escapes decoded (a `\\u` escape as the
    /// scalar's UTF-8, a lone surrogate as U+FFFD). Valid UTF-8 when the
    /// literal is. The runs between escapes are copied whole.
    static func decodeBytes(_ literal: UnsafeBufferPointer<UInt8>) throws(SyntaxError) -> [UInt8] {
        guard literal.count >= 2, literal.first == UInt8(ascii: "\""), literal.last == UInt8(ascii: "\"") else {
            throw SyntaxError(offset: 0, message: "not a string")
        }
        let end = literal.count - 1
        let base = literal.baseAddress!
        var out: [UInt8] = []
        out.reserveCapacity(end - 1)
        var j = 1
        while j < end {
            let escape = memchr(base + j, Int32(UInt8(ascii: "\\")), end - j)
                .map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? end
            out.append(contentsOf: UnsafeBufferPointer(start: base + j, count: escape - j))
            j = escape
            guard j < end else { break }
            guard j + 1 < end else { throw SyntaxError(offset: j, message: "bad escape") }
            let e = literal[j + 1]
            j += 2
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var value = try hex4(literal, j)
                j += 4
                if (0xD800 ..< 0xDC00).contains(value), j + 6 <= end, literal[j] == UInt8(ascii: "\\"),
                    literal[j + 1] == UInt8(ascii: "u")
                {
                    let low = try hex4(literal, j + 2)
                    if (0xDC00 ..< 0xE000).contains(low) {
                        value = 0x10000 + (value - 0xD800) << 10 + (low - 0xDC00)
                        j += 6
                    }
                }
                let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
                out.append(contentsOf: String(scalar).utf8)
            default:
                throw SyntaxError(offset: j - 1, message: "bad escape")
            }
        }
        return out
    }

    private static func hex4(_ s: UnsafeBufferPointer<UInt8>, _ at: Int) throws(SyntaxError) -> UInt32 {
        guard at + 4 <= s.count else { throw SyntaxError(offset: at, message: "bad \\u escape") }
        var v: UInt32 = 0
        for k in at ..< at + 4 {
            let c = s[k]
            let d: UInt32
            switch c {
            case UInt8(ascii: "0") ... UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a") ... UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A") ... UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
            default: throw SyntaxError(offset: k, message: "bad \\u escape")
            }
            v = v << 4 | d
        }
        return v
    }

    /// Appends `string` as a JSON string literal.
    static func appendEncoded(_ string: some StringProtocol, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        if string.utf8.withContiguousStorageIfAvailable({ appendEscaped($0, to: &out) }) == nil {
            Array(string.utf8).withUnsafeBufferPointer { appendEscaped($0, to: &out) }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// The bytes with JSON's escapes, runs of plain bytes appended whole
    /// (appending byte by byte took most of the time of writing a report).
    private static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var plain = 0
        for i in bytes.indices {
            let byte = bytes[i]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plain ..< i]))
            plain = i + 1
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            default:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 15)]])
            }
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plain...]))
    }
}
