/// One line of a page: its 1-based number and its bytes, without the terminator.
struct Line: Equatable {
    var number: Int
    var range: Range<Int>
}

/// Splits text into lines. LF, CRLF and a lone CR each end a line.
enum LineSplitter {
    static func lines(_ bytes: UnsafeBufferPointer<UInt8>) -> [Line] {
        var lines: [Line] = []
        var start = 0
        var i = 0
        let n = bytes.count
        while i < n {
            let byte = bytes[i]
            if byte == 0x0A || byte == 0x0D {
                lines.append(Line(number: lines.count + 1, range: start ..< i))
                if byte == 0x0D, i + 1 < n, bytes[i + 1] == 0x0A { i += 1 }
                start = i + 1
            }
            i += 1
        }
        if start < n {
            lines.append(Line(number: lines.count + 1, range: start ..< n))
        }
        return lines
    }
}
