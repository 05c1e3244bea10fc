#if arch(x86_64)
    import _Builtin_intrinsics.intel
#endif

/// What a block looks like on the surface, read from its bytes in one pass:
/// how it ends, how many sentences and commas it holds, how many of its
/// words start with a capital or a digit, and the marks of links, lists and
/// legal lines. Word counts come from the tokeniser (``Block/tokenCount``).
struct LineShape: Equatable {
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

    /// - Parameter vectorised: whether runs of plain bytes are read 16 at a
    ///   time (the same counts as one by one, which tests check).
    init(_ bytes: UnsafeBufferPointer<UInt8>, vectorised: Bool = true) {
        guard let p = bytes.baseAddress else { return }
        let n = bytes.count
        var i = 0
        var atWordStart = true
        var lastVisible = -1  // start of the last visible scalar
        let table = ScalarTable.shared
        while i < n {
            #if arch(x86_64)
                // Sixteen bytes at a time while they are plain: spaces, ASCII
                // and letters beyond it (most of a page in Vietnamese or
                // English). The loads reach 3 bytes past the
                // sixteen, for `http` and `www.` across their end.
                if vectorised && i > 0 && i + 19 <= n && countPlain(p, i, table, &atWordStart, &lastVisible) {
                    i += 16
                    continue
                }
            #endif
            // The rest of a scalar the sixteen bytes ended in was counted with its first byte.
            while i < n && p[i] & 0xC0 == 0x80 { i += 1 }
            let stop = i + 16 < n ? i + 16 : n
            while i < stop { i = step(p, n, i, table, &atWordStart, &lastVisible) }
        }
        end = lastVisible < 0 ? .none : Self.ending(p, upTo: lastVisible + 1)
    }

    #if arch(x86_64)
        /// Counts the 16 bytes at `i` as ``step`` would scalar by scalar,
        /// when they are plain: spaces, visible ASCII, and the bytes of
        /// letters (lead bytes from C3, other than the E2, E3 and EF of
        /// spaces, quotes and marks);
        /// else returns false, counting nothing. SSE2, which every x86-64
        /// has: one bit a byte for each question, the answers counted as bits.
        @inline(__always)
        private mutating func countPlain(_ p: UnsafePointer<UInt8>, _ i: Int, _ table: ScalarTable,
                                         _ atWordStart: inout Bool, _ lastVisible: inout Int) -> Bool {
            @inline(__always) func load(_ offset: Int) -> __m128i {
                _mm_loadu_si128(UnsafeRawPointer(p + i + offset).assumingMemoryBound(to: __m128i.self))
            }
            @inline(__always) func bits(_ v: __m128i) -> UInt32 { UInt32(truncatingIfNeeded: _mm_movemask_epi8(v)) }
            @inline(__always) func byte(_ b: UInt8) -> __m128i { _mm_set1_epi8(CChar(bitPattern: b)) }
            @inline(__always) func equal(_ v: __m128i, _ b: UInt8) -> __m128i { _mm_cmpeq_epi8(v, byte(b)) }
            // Compares are of signed bytes: 0x80 and above are negative.
            @inline(__always) func within(_ v: __m128i, _ low: UInt8, _ high: UInt8) -> __m128i {
                _mm_and_si128(_mm_cmpgt_epi8(v, byte(low &- 1)), _mm_cmplt_epi8(v, byte(high &+ 1)))
            }
            let c = load(0)
            var odd = _mm_or_si128(within(c, 0x00, 0x1F), equal(c, 0x7F))
            odd = _mm_or_si128(odd, _mm_or_si128(within(c, 0xC0, 0xC2), _mm_or_si128(equal(c, 0xE2), equal(c, 0xE3))))
            guard bits(_mm_or_si128(odd, equal(c, 0xEF))) == 0 else { return false }
            let space = bits(equal(c, 0x20))
            // The ASCII marks: sentence ends (followed by a space, a quote or
            // a bracket), commas, separators, `@`.
            let ends = bits(_mm_or_si128(equal(c, 0x2E), _mm_or_si128(equal(c, 0x21), equal(c, 0x3F))))
            if ends != 0 {
                let c1 = load(1)
                let closing = _mm_or_si128(_mm_or_si128(equal(c1, 0x20), equal(c1, 0x22)), _mm_or_si128(equal(c1, 0x27), equal(c1, 0x29)))
                sentences += (ends & bits(closing)).nonzeroBitCount
            }
            commas += bits(_mm_or_si128(equal(c, 0x2C), equal(c, 0x3B))).nonzeroBitCount
            separators += bits(_mm_or_si128(equal(c, 0x7C), equal(c, 0x3E))).nonzeroBitCount
            if bits(equal(c, 0x40)) != 0 { hasAddress = true }
            // A scalar's first byte: ASCII, or a lead byte (C0 and above).
            let first = ~bits(within(c, 0x80, 0xBF)) & 0xFFFF
            let starts = ~space & (space << 1 | (atWordStart ? 1 : 0)) & 0xFFFF
            if starts != 0 {
                let upper = bits(within(c, 0x41, 0x5A)), digit = bits(within(c, 0x30, 0x39))
                words += starts.nonzeroBitCount
                capitalised += (starts & upper).nonzeroBitCount
                numeric += (starts & digit).nonzeroBitCount
                // Words opening with a letter beyond ASCII: upper case when it lowercases to another scalar.
                var letters = starts & bits(c) & first
                while letters != 0 {
                    let k = i + letters.trailingZeroBitCount
                    letters &= letters - 1
                    let b = p[k], length = b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
                    let value = TextDecoder.scalarValue(p, k, length)
                    let entry = table.entry(value)
                    if entry.cls == .word, entry.foldedBytes != UInt32(truncatingIfNeeded: ScalarEntry.utf8(value).bytes) {
                        capitalised += 1
                    }
                }
            }
            if !hasAddress {
                let c1 = load(1), c2 = load(2), c3 = load(3)
                let http = bits(equal(c, 0x68)) & bits(equal(c1, 0x74)) & bits(equal(c2, 0x74)) & bits(equal(c3, 0x70))
                let www = bits(equal(c, 0x77)) & bits(equal(c1, 0x77)) & bits(equal(c2, 0x77)) & bits(equal(c3, 0x2E))
                if http | www != 0 { hasAddress = true }
            }
            let visible = ~space & first
            if visible != 0 { lastVisible = i + (UInt32.bitWidth - 1 - visible.leadingZeroBitCount) }
            atWordStart = space & 0x8000 != 0
            return true
        }
    #endif

    /// Reads the scalar at `i`; returns where the next one starts.
    @inline(__always)
    private mutating func step(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: Int, _ table: ScalarTable,
                               _ atWordStart: inout Bool, _ lastVisible: inout Int) -> Int {
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
            return i + 1
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
            return i + length
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
        return i + length
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
