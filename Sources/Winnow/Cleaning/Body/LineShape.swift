/// What a block looks like on the surface, read from its bytes in one pass:
/// how it ends, how many sentences and commas it holds, how many of its
/// words start with a capital or a digit, and the marks of links, lists and
/// legal lines. Word counts come from the tokeniser (``Block/tokenCount``).
struct LineShape {
    /// How a line ends, after trailing spaces and closing quotes or brackets.
    enum End: UInt8 {
        case none = 0, dot, exclamation, colon, comma, ellipsis, word, symbol
    }

    var end = End.none
    /// Sentence ends inside or at the end of the line: `.`, `!`, `?`, `。`
    /// followed by a space, a closing quote or the line's end.
    var sentences = 0
    var commas = 0
    /// Words, as runs of bytes between spaces, and those opening with an
    /// upper-case letter or a digit.
    var words = 0
    var capitalised = 0
    var numeric = 0
    /// List and path separators: `|`, `•`, `·`, `»`, `›`, `>`.
    var separators = 0
    /// A web or mail address: `http`, `www.`, `@`.
    var hasAddress = false
    /// `©`.
    var hasCopyright = false

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let p = bytes.baseAddress else { return }
        let n = bytes.count
        var i = 0
        var atWordStart = true
        var lastVisible = -1  // start of the last visible scalar
        let table = ScalarTable.shared
        while i < n {
            let b = p[i]
            if b > 0x20 && b < 0x80 && !Self.isMark(b) {
                // The common case, a plain ASCII letter, digit or mark: no scalar to decode.
                lastVisible = i
                if atWordStart {
                    words += 1
                    if b >= 0x41 && b <= 0x5A { capitalised += 1 } else if b >= 0x30 && b <= 0x39 { numeric += 1 }
                    atWordStart = false
                }
                if b == 0x68, i + 4 <= n, p[i + 1] == 0x74, p[i + 2] == 0x74, p[i + 3] == 0x70 { hasAddress = true }
                if b == 0x77, i + 4 <= n, p[i + 1] == 0x77, p[i + 2] == 0x77, p[i + 3] == 0x2E { hasAddress = true }
                i += 1
                continue
            }
            // A page's text is valid UTF-8: its lead byte gives a scalar's length.
            let length = b < 0xC0 ? 1 : min(n - i, b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4)
            if b >= 0xC3 && b != 0xE2 && b != 0xE3 && b != 0xEF {
                // A letter or sign of no mark below (the spaces and marks
                // other than ASCII start with C2, E2, E3 or EF): most of a
                // page in Vietnamese, say.
                lastVisible = i
                if atWordStart {
                    words += 1
                    let value = TextDecoder.scalarValue(p, i, length)
                    let entry = table.entry(value)
                    if entry.cls == .word, entry.foldedBytes != UInt32(truncatingIfNeeded: ScalarEntry.utf8(value).bytes) {
                        capitalised += 1
                    }
                    atWordStart = false
                }
                i += length
                continue
            }
            let value = length == 1 ? UInt32(b) : TextDecoder.scalarValue(p, i, length)
            let isSpace = value == 0x20 || value == 0x09 || value == 0xA0 || value == 0x3000
            if isSpace {
                atWordStart = true
            } else {
                lastVisible = i
                if atWordStart {
                    words += 1
                    if value < 0x80 {
                        if b >= 0x41 && b <= 0x5A { capitalised += 1 } else if b >= 0x30 && b <= 0x39 { numeric += 1 }
                    } else {
                        // Upper case: a letter whose lowercase is another scalar.
                        let entry = table.entry(value)
                        if entry.cls == .word, entry.foldedBytes != UInt32(truncatingIfNeeded: ScalarEntry.utf8(value).bytes) {
                            capitalised += 1
                        }
                    }
                    atWordStart = false
                }
                switch value {
                case 0x2E, 0x21, 0x3F, 0x3002, 0xFF01, 0xFF1F:  // . ! ? 。！？
                    let next = i + length
                    if next >= n || p[next] == 0x20 || p[next] == 0x22 || p[next] == 0x27 || p[next] == 0x29 || value >= 0x3000 {
                        sentences += 1
                    }
                case 0x2C, 0x3B, 0xFF0C, 0x3001: commas += 1
                case 0x7C, 0x2022, 0xB7, 0xBB, 0x203A, 0x3E: separators += 1
                case 0x40: hasAddress = true
                case 0xA9: hasCopyright = true
                default: break
                }
            }
            i += length
        }
        end = lastVisible < 0 ? .none : Self.ending(p, upTo: lastVisible + 1)
    }

    /// The ASCII marks the slow path looks at: `. ! ? , ; | > @`.
    @inline(__always)
    private static func isMark(_ b: UInt8) -> Bool {
        let low: UInt64 = 1 << 0x2E | 1 << 0x21 | 1 << 0x3F | 1 << 0x2C | 1 << 0x3B | 1 << 0x3E
        let high: UInt64 = 1 << (0x40 - 64) | 1 << (0x7C - 64)
        return (b < 64 ? low >> UInt64(b) : high >> UInt64(b - 64)) & 1 != 0
    }

    /// How the bytes before `limit` end: walks back over closing quotes and brackets.
    private static func ending(_ p: UnsafePointer<UInt8>, upTo limit: Int) -> End {
        var end = limit
        while end > 0 {
            var start = end - 1
            while start > 0, p[start] & 0xC0 == 0x80 { start -= 1 }
            let value = TextDecoder.scalarValue(p, start, end - start)
            switch value {
            case 0x20, 0x09, 0xA0, 0x22, 0x27, 0x29, 0x5D, 0x201D, 0x2019, 0xBB, 0x201C, 0x300D, 0x300F:
                end = start
                continue
            case 0x2026: return .ellipsis
            case 0x2E: return start >= 2 && p[start - 1] == 0x2E && p[start - 2] == 0x2E ? .ellipsis : .dot
            case 0x3002: return .dot
            case 0x21, 0x3F, 0xFF01, 0xFF1F: return .exclamation
            case 0x3A, 0xFF1A: return .colon
            case 0x2C, 0x3B, 0xFF0C: return .comma
            default:
                guard let scalar = Unicode.Scalar(value) else { return .symbol }
                return ScalarTable.shared.isAlphanumeric(scalar) ? .word : .symbol
            }
        }
        return .none
    }
}
