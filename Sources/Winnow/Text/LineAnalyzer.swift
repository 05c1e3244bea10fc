import Foundation

/// Turns one line of UTF-8 into folded tokens, for hashing only.
///
/// The steps, all on bytes:
/// 1. Lines whose scalars are all NFC-stable (ASCII always is) are used as
///    they are, in one pass; any other line is put in NFC by ``NFCNormalizer``.
/// 2. Letters are lowercased with their diacritics kept (Vietnamese tone marks
///    tell words apart).
/// 3. Words are maximal runs of letters, marks and digits; everything else
///    (punctuation, `_`, symbols, no-break and other Unicode spaces) separates them.
///    Letters of scripts written without spaces are one token each.
///
/// The result is the folded tokens' bytes, each followed by one space, and
/// where each token ends in them. The analyser keeps its buffers between
/// lines (sized for the worst case up front, so the loop writes through raw
/// pointers without checks), so one analyser per thread allocates almost nothing.
final class LineAnalyzer {
    /// Folded bytes: at most twice the line's bytes (see ``reserve(_:)``).
    private var out: UnsafeMutablePointer<UInt8>
    private var outCapacity: Int
    /// End offsets (exclusive, before the space) of the tokens in `out`.
    private var ends: UnsafeMutablePointer<Int32>
    /// The hashes of the tokens, as ``appendTokenHashes(to:)`` makes them.
    private var tokenHashes: UnsafeMutablePointer<UInt64>
    private var endsCapacity: Int
    private var length = 0
    /// The number of tokens of the last line analysed.
    private(set) var tokenCount = 0
    /// Whether the last line held any visible character (not only spaces).
    private(set) var hasVisibleText = false

    private var nfcBuffer: [UInt8] = []
    private var normalizer = NFCNormalizer()
    /// A page's blocks and token hashes while ``Page`` reads it.
    var pageBlocks: [Block] = []
    var pageHashes: [UInt64] = []
    private let table = ScalarTable.shared

    init() {
        outCapacity = 4096
        endsCapacity = 1024
        out = .allocate(capacity: outCapacity)
        ends = .allocate(capacity: endsCapacity)
        tokenHashes = .allocate(capacity: endsCapacity)
    }

    deinit {
        out.deallocate()
        ends.deallocate()
        tokenHashes.deallocate()
    }

    /// The folded tokens of the last line, each followed by a single space byte.
    var foldedBytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: out, count: length) }

    /// A copy of ``foldedBytes``, for tests.
    var folded: [UInt8] { Array(foldedBytes) }

    /// The byte range of token `i` in ``foldedBytes``.
    @inline(__always)
    func tokenRange(_ i: Int) -> Range<Int> {
        let start = i == 0 ? 0 : Int(ends[i - 1]) + 1
        return start ..< Int(ends[i])
    }

    /// Appends the hash of each token of the last line to `hashes`, and
    /// returns the line's block key (the hash of all its folded tokens).
    /// The hashes go through a buffer of the analyser's and onto `hashes` in
    /// one copy: appending them one by one cost more than hashing them.
    @inline(__always)
    func appendTokenHashes(to hashes: inout [UInt64]) -> UInt64 {
        var start = 0
        for t in 0 ..< tokenCount {
            let end = Int(ends[t])
            tokenHashes[t] = XXH3.hash(out + start, count: end - start, seed: HashSeeds.token)
            start = end + 1
        }
        hashes.append(contentsOf: UnsafeBufferPointer(start: tokenHashes, count: tokenCount))
        return XXH3.hash(out, count: length, seed: HashSeeds.block)
    }

    /// Makes room for the worst case of a line of `count` bytes. A scalar's
    /// lowercase is at most 1.5 times its UTF-8 length (U+023A, 2 bytes, to
    /// U+2C65, 3 bytes), and a token adds one space, so the folded bytes are
    /// at most twice the line; a token takes at least two bytes of the line
    /// (a letter and a separator) or three (an isolated letter), so there are
    /// at most half as many tokens as bytes, plus one.
    private func reserve(_ count: Int) {
        let needed = count * 2 + 8
        if needed > outCapacity {
            out.deallocate()
            outCapacity = max(needed, min(outCapacity * 2, 1 << 20))
            out = .allocate(capacity: outCapacity)
        }
        let tokens = count / 2 + 2
        if tokens > endsCapacity {
            ends.deallocate()
            tokenHashes.deallocate()
            endsCapacity = max(tokens, min(endsCapacity * 2, 1 << 18))
            ends = .allocate(capacity: endsCapacity)
            tokenHashes = .allocate(capacity: endsCapacity)
        }
    }

    /// Analyses one line (without its line terminator). Returns false, having
    /// analysed nothing, when the line is not valid UTF-8: the check is part
    /// of the one pass over the bytes, so valid text is never read twice.
    @discardableResult
    func analyze(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        reset(reserving: line.count)
        switch fold(line, checkingNFC: true) {
        case .folded:
            return true
        case .invalid:
            reset(reserving: 0)
            return false
        case .needsNFC:
            // Only a line holding a scalar that may change under NFC is
            // normalised (its rest is not checked yet) and folded again.
            guard TextDecoder.isValidUTF8(line) else {
                reset(reserving: 0)
                return false
            }
            normalizer.normalize(line, into: &nfcBuffer)
            let normalized = nfcBuffer
            reset(reserving: normalized.count)
            normalized.withUnsafeBufferPointer { _ = fold($0, checkingNFC: false) }
            return true
        }
    }

    private func reset(reserving count: Int) {
        length = 0
        tokenCount = 0
        hasVisibleText = false
        reserve(count)
    }

    /// Analyses a string; a convenience for tests and small inputs.
    func analyze(_ string: String) {
        var copy = string
        copy.withUTF8 { _ = analyze($0) }
    }

    /// The tokens of the last line, as strings; for tests and reports.
    var tokens: [String] {
        (0 ..< tokenCount).map { String(decoding: UnsafeBufferPointer(rebasing: foldedBytes[tokenRange($0)]), as: UTF8.self) }
    }

    // MARK: - Unicode

    /// How a fold ended.
    private enum FoldResult {
        case folded
        /// Stopped at a scalar that may change under NFC.
        case needsNFC
        /// Stopped at bytes that are not valid UTF-8.
        case invalid
    }

    /// Folds the line, checking that it is valid UTF-8; stops early when
    /// `checkingNFC` and the line holds a scalar that may change under NFC.
    ///
    /// The loop keeps its state in locals and writes it back once: stored
    /// properties of a class would cost an exclusivity check per access.
    private func fold(_ line: UnsafeBufferPointer<UInt8>, checkingNFC: Bool) -> FoldResult {
        guard let p = line.baseAddress else { return .folded }
        let n = line.count
        let out = self.out
        let ends = self.ends
        let table = self.table
        var o = 0
        var count = 0
        var visible = false
        var i = 0
        var inWord = false
        var inIsolated = false  // the open token is one isolated letter (and its marks)
        @inline(__always) func endToken() {
            ends[count] = Int32(truncatingIfNeeded: o)
            count += 1
            out[o] = 0x20
            o += 1
        }
        @inline(__always) func append(_ v: UInt32) {
            switch v {
            case 0 ..< 0x80:
                out[o] = UInt8(truncatingIfNeeded: v)
                o += 1
            case 0x80 ..< 0x800:
                out[o] = UInt8(truncatingIfNeeded: 0xC0 | v >> 6)
                out[o + 1] = UInt8(truncatingIfNeeded: 0x80 | v & 0x3F)
                o += 2
            case 0x800 ..< 0x10000:
                out[o] = UInt8(truncatingIfNeeded: 0xE0 | v >> 12)
                out[o + 1] = UInt8(truncatingIfNeeded: 0x80 | v >> 6 & 0x3F)
                out[o + 2] = UInt8(truncatingIfNeeded: 0x80 | v & 0x3F)
                o += 3
            default:
                out[o] = UInt8(truncatingIfNeeded: 0xF0 | v >> 18)
                out[o + 1] = UInt8(truncatingIfNeeded: 0x80 | v >> 12 & 0x3F)
                out[o + 2] = UInt8(truncatingIfNeeded: 0x80 | v >> 6 & 0x3F)
                out[o + 3] = UInt8(truncatingIfNeeded: 0x80 | v & 0x3F)
                o += 4
            }
        }
        while i < n {
            let b0 = p[i]
            // ASCII inline: letters and digits are words, the rest separates.
            if b0 < 0x80 {
                i += 1
                let lower = b0 | 0x20
                let isLetter = lower &- 0x61 < 26
                if isLetter || b0 &- 0x30 < 10 {
                    if inIsolated {
                        endToken()
                        inIsolated = false
                    }
                    out[o] = isLetter ? lower : b0
                    o += 1
                    inWord = true
                    visible = true
                } else {
                    visible = visible || (b0 > 0x20 && b0 != 0x7F)
                    if inWord { endToken() }
                    inWord = false
                    inIsolated = false
                }
                continue
            }
            let len = TextDecoder.sequenceLength(p, i, n)
            if len == 0 { return .invalid }
            let v = TextDecoder.scalarValue(p, i, len)
            i += len
            let (cls, lower, nfcUnsafe) = table.lookup(v)
            if checkingNFC && nfcUnsafe { return .needsNFC }
            switch cls {
            case .word:
                visible = true
                if inIsolated, !isMark(v) {
                    endToken()
                    inIsolated = false
                    inWord = false
                }
                append(lower)
                inWord = true
            case .isolated:
                visible = true
                if inWord { endToken() }
                append(lower)
                inWord = true
                inIsolated = true
            case .boundary:
                if !isSpace(v) { visible = true }
                if inWord { endToken() }
                inWord = false
                inIsolated = false
            case .ignorable:
                break
            }
        }
        if inWord { endToken() }
        length = o
        tokenCount = count
        hasVisibleText = visible
        return .folded
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
