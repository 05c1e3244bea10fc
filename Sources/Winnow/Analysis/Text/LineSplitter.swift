/// One line of a page: its 1-based number and its bytes, without the terminator.
struct Line: Equatable {
    var number: Int
    var range: Range<Int>
}

/// Splits text into lines. LF, CRLF and a lone CR each end a line.
enum LineSplitter {
    static func lines(_ bytes: UnsafeBufferPointer<UInt8>) -> [Line] {
        var lines: [Line] = []
        forEachLine(bytes) { lines.append($0); return true }
        return lines
    }

    /// Calls `body` with each line in turn, without collecting them (an
    /// array per page cost an allocation and its regrowth); stops when
    /// `body` returns false. Returns whether it went through every line.
    @discardableResult
    static func forEachLine(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (Line) -> Bool) -> Bool {
        guard let p = bytes.baseAddress else { return true }
        let n = bytes.count
        var number = 0
        var start = 0
        var i = 0
        while i < n {
            // Eight bytes at a time up to the next CR or LF (a byte at a time
            // took 3% of a run: lines are long).
            if i + 8 <= n {
                let mask = breakMask(UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self))
                if mask == 0 {
                    i += 8
                    continue
                }
                i += mask.trailingZeroBitCount >> 3
            } else if p[i] != 0x0A && p[i] != 0x0D {
                i += 1
                continue
            }
            number += 1
            guard body(Line(number: number, range: start ..< i)) else { return false }
            if p[i] == 0x0D, i + 1 < n, p[i + 1] == 0x0A { i += 1 }
            start = i + 1
            i += 1
        }
        if start < n {
            return body(Line(number: number + 1, range: start ..< n))
        }
        return true
    }

    /// The high bit of each byte of `word` (little-endian) that may be CR or
    /// LF; the lowest bit set marks the first exactly (see ``ByteMask``).
    @inline(__always)
    static func breakMask(_ word: UInt64) -> UInt64 {
        ByteMask.matches(word, 0x0A) | ByteMask.matches(word, 0x0D)
    }
}
