import Foundation

/// Turns one line of UTF-8 into folded tokens, for hashing only.
///
/// The steps, all on bytes:
/// 1. Lines that are ASCII, or whose scalars are all NFC-stable, are used as
///    they are; any other line is put in NFC by Foundation, in chunks cut at
///    spaces (Foundation's normaliser is quadratic on long strings).
/// 2. Letters are lowercased with their diacritics kept (Vietnamese tone marks
///    tell words apart).
/// 3. Words are maximal runs of letters, marks and digits; everything else
///    (punctuation, `_`, symbols, no-break and other Unicode spaces) separates them.
///    Letters of scripts written without spaces are one token each.
///
/// The result is ``folded``: the tokens' bytes, each followed by one space,
/// and ``tokenEnds``, where each token ends in it. The analyser keeps its
/// buffers between lines, so one analyser per thread allocates almost nothing.
struct LineAnalyzer {
    /// The folded tokens, each followed by a single space byte.
    private(set) var folded: [UInt8] = []
    /// The end offset (exclusive, before the space) of each token in ``folded``.
    private(set) var tokenEnds: [Int32] = []
    /// Whether the last line held any visible character (not only spaces).
    private(set) var hasVisibleText = false

    private var nfcBuffer: [UInt8] = []
    private let table = ScalarTable.shared

    /// The number of tokens of the last line analysed.
    var tokenCount: Int { tokenEnds.count }

    /// The byte range of token `i` in ``folded``.
    @inline(__always)
    func tokenRange(_ i: Int) -> Range<Int> {
        let start = i == 0 ? 0 : Int(tokenEnds[i - 1]) + 1
        return start ..< Int(tokenEnds[i])
    }

    /// Analyses one line (without its line terminator).
    mutating func analyze(_ line: UnsafeBufferPointer<UInt8>) {
        folded.removeAll(keepingCapacity: true)
        tokenEnds.removeAll(keepingCapacity: true)
        hasVisibleText = false
        if isASCII(line) {
            foldASCII(line)
            return
        }
        if needsNFC(line) {
            normalizeNFC(line)
            let normalized = nfcBuffer
            normalized.withUnsafeBufferPointer { fold($0) }
        } else {
            fold(line)
        }
    }

    /// Analyses a string; a convenience for tests and small inputs.
    mutating func analyze(_ string: String) {
        var copy = string
        copy.withUTF8 { analyze($0) }
    }

    /// The tokens of the last line, as strings; for tests and reports.
    var tokens: [String] {
        (0 ..< tokenCount).map { String(decoding: folded[tokenRange($0)], as: UTF8.self) }
    }

    // MARK: - ASCII

    @inline(__always)
    private func isASCII(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = line.count
        guard let base = line.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        while i + 8 <= n {
            if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 {
                return false
            }
            i += 8
        }
        while i < n {
            if base[i] >= 0x80 { return false }
            i += 1
        }
        return true
    }

    private mutating func foldASCII(_ line: UnsafeBufferPointer<UInt8>) {
        var inWord = false
        for byte in line {
            if byte > 0x20 && byte != 0x7F { hasVisibleText = true }
            let isDigit = byte &- 0x30 < 10
            let lower = byte | 0x20
            let isLetter = lower &- 0x61 < 26
            if isDigit || isLetter {
                folded.append(isLetter ? lower : byte)
                inWord = true
            } else if inWord {
                endToken()
                inWord = false
            }
        }
        if inWord { endToken() }
    }

    @inline(__always)
    private mutating func endToken() {
        tokenEnds.append(Int32(folded.count))
        folded.append(0x20)
    }

    // MARK: - Unicode

    /// Decodes the scalar at `i` of valid UTF-8; returns it and its length.
    @inline(__always)
    private static func decode(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> (UInt32, Int) {
        let b0 = UInt32(p[i])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xE0, i + 1 < n { return ((b0 & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F), 2) }
        if b0 < 0xF0, i + 2 < n {
            return ((b0 & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F), 3)
        }
        if i + 3 < n {
            return (
                (b0 & 0x07) << 18 | UInt32(p[i + 1] & 0x3F) << 12 | UInt32(p[i + 2] & 0x3F) << 6
                    | UInt32(p[i + 3] & 0x3F), 4
            )
        }
        return (0xFFFD, 1)
    }

    @inline(__always)
    private mutating func appendUTF8(_ v: UInt32) {
        switch v {
        case 0 ..< 0x80:
            folded.append(UInt8(v))
        case 0x80 ..< 0x800:
            folded.append(UInt8(0xC0 | v >> 6))
            folded.append(UInt8(0x80 | v & 0x3F))
        case 0x800 ..< 0x10000:
            folded.append(UInt8(0xE0 | v >> 12))
            folded.append(UInt8(0x80 | v >> 6 & 0x3F))
            folded.append(UInt8(0x80 | v & 0x3F))
        default:
            folded.append(UInt8(0xF0 | v >> 18))
            folded.append(UInt8(0x80 | v >> 12 & 0x3F))
            folded.append(UInt8(0x80 | v >> 6 & 0x3F))
            folded.append(UInt8(0x80 | v & 0x3F))
        }
    }

    private func needsNFC(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let p = line.baseAddress else { return false }
        let n = line.count
        var i = 0
        while i < n {
            if p[i] < 0x80 {
                i += 1
                continue
            }
            let (v, len) = Self.decode(p, i, n)
            if table.mayChangeUnderNFC(v) { return true }
            i += len
        }
        return false
    }

    /// Puts the line in NFC, in chunks that start at an ASCII space, so the
    /// normaliser never sees a long string (it is quadratic on Linux).
    private mutating func normalizeNFC(_ line: UnsafeBufferPointer<UInt8>) {
        nfcBuffer.removeAll(keepingCapacity: true)
        let chunk = 2048
        var start = 0
        let n = line.count
        while start < n {
            var end = min(start + chunk, n)
            if end < n {
                // Cut before a space; a space never composes with its neighbours.
                var cut = end
                while cut > start + 1, line[cut] != 0x20 { cut -= 1 }
                if cut > start + 1 { end = cut }
            }
            let piece = String(decoding: UnsafeBufferPointer(rebasing: line[start ..< end]), as: UTF8.self)
            nfcBuffer.append(contentsOf: piece.precomposedStringWithCanonicalMapping.utf8)
            start = end
        }
    }

    private mutating func fold(_ line: UnsafeBufferPointer<UInt8>) {
        guard let p = line.baseAddress else { return }
        let n = line.count
        var i = 0
        var inWord = false
        var inIsolated = false  // the open token is one isolated letter (and its marks)
        while i < n {
            let (v, len) = Self.decode(p, i, n)
            i += len
            let (cls, lower, _) = table.lookup(v)
            switch cls {
            case .word:
                hasVisibleText = true
                if inIsolated, !isMark(v) {
                    endToken()
                    inIsolated = false
                    inWord = false
                }
                appendUTF8(lower)
                inWord = true
            case .isolated:
                hasVisibleText = true
                if inWord { endToken() }
                appendUTF8(lower)
                inWord = true
                inIsolated = true
            case .boundary:
                if !isSpace(v) { hasVisibleText = true }
                if inWord { endToken() }
                inWord = false
                inIsolated = false
            case .ignorable:
                break
            }
        }
        if inWord { endToken() }
    }

    @inline(__always)
    private func isMark(_ v: UInt32) -> Bool {
        guard let scalar = Unicode.Scalar(v) else { return false }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    @inline(__always)
    private func isSpace(_ v: UInt32) -> Bool {
        if v < 0x80 { return v == 0x20 || (0x09 ... 0x0D).contains(v) }
        return Unicode.Scalar(v)?.properties.isWhitespace ?? false
    }
}
