/// Bytes of a page made into valid UTF-8.
struct DecodedText {
    /// Valid UTF-8, without a leading BOM.
    var bytes: [UInt8]
    /// How many invalid byte sequences were replaced by U+FFFD.
    var invalidSequences: Int
}

/// Decodes page bytes as UTF-8: strips a BOM and replaces invalid sequences
/// with U+FFFD, counting them so the caller can warn.
enum TextDecoder {
    static func decode<Bytes: Collection>(_ raw: Bytes) -> DecodedText where Bytes.Element == UInt8 {
        let bytes = withoutBOM(raw)
        return bytes.withUnsafeBufferPointer(isValidUTF8) ? DecodedText(bytes: bytes, invalidSequences: 0) : repair(bytes)
    }

    /// The bytes without a leading UTF-8 BOM; an array without one is used
    /// as it is (the common case: no copy).
    static func withoutBOM<Bytes: Collection>(_ raw: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
        let hasBOM = raw.starts(with: [0xEF, 0xBB, 0xBF])
        return !hasBOM ? (raw as? [UInt8]) ?? Array(raw) : Array(raw.dropFirst(3))
    }

    /// Bytes that are not valid UTF-8, with each invalid sequence replaced by U+FFFD.
    static func repair(_ bytes: [UInt8]) -> DecodedText {
        let repaired = String(decoding: bytes, as: UTF8.self)
        let before = countReplacementCharacters(bytes)
        let after = countReplacementCharacters(repaired.utf8)
        return DecodedText(bytes: Array(repaired.utf8), invalidSequences: max(after - before, 1))
    }

    /// Whether `bytes` is valid UTF-8 (no overlongs, surrogates or values past
    /// U+10FFFF), checking 8 ASCII bytes at a time.
    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let p = bytes.baseAddress else { return true }
        let n = bytes.count
        let raw = UnsafeRawPointer(p)
        var i = 0
        while i < n {
            if i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
                continue
            }
            let length = sequenceLength(p, i, n)
            if length == 0 { return false }
            i += length
        }
        return true
    }

    /// The length of the valid UTF-8 sequence at `p[i]` (of `n` bytes), or 0
    /// when it is not one: a stray continuation byte, a lead byte without its
    /// continuations, an overlong form, a surrogate, or a value past U+10FFFF.
    @inline(__always)
    static func sequenceLength(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> Int {
        let b0 = p[i]
        if b0 < 0x80 { return 1 }
        @inline(__always) func cont(_ k: Int) -> Bool { i + k < n && p[i + k] & 0xC0 == 0x80 }
        switch b0 {
        case 0xC2 ... 0xDF:
            return cont(1) ? 2 : 0
        case 0xE0 ... 0xEF:
            guard cont(1), cont(2) else { return 0 }
            let b1 = p[i + 1]
            if b0 == 0xE0 && b1 < 0xA0 { return 0 }  // overlong
            if b0 == 0xED && b1 > 0x9F { return 0 }  // surrogate
            return 3
        case 0xF0 ... 0xF4:
            guard cont(1), cont(2), cont(3) else { return 0 }
            let b1 = p[i + 1]
            if b0 == 0xF0 && b1 < 0x90 { return 0 }  // overlong
            if b0 == 0xF4 && b1 > 0x8F { return 0 }  // past U+10FFFF
            return 4
        default:
            return 0
        }
    }

    /// The value of the valid `length`-byte UTF-8 sequence at `p[i]`.
    @inline(__always)
    static func scalarValue(_ p: UnsafePointer<UInt8>, _ i: Int, _ length: Int) -> UInt32 {
        let b0 = UInt32(p[i])
        switch length {
        case 1: return b0
        case 2: return (b0 & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F)
        case 3: return (b0 & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F)
        default:
            return (b0 & 0x07) << 18 | UInt32(p[i + 1] & 0x3F) << 12 | UInt32(p[i + 2] & 0x3F) << 6
                | UInt32(p[i + 3] & 0x3F)
        }
    }

    /// Counts the U+FFFD already present, as its UTF-8 bytes EF BF BD.
    private static func countReplacementCharacters<C: Collection>(_ bytes: C) -> Int where C.Element == UInt8 {
        var count = 0
        var state = 0
        for byte in bytes {
            switch (state, byte) {
            case (_, 0xEF): state = 1
            case (1, 0xBF): state = 2
            case (2, 0xBD): count += 1; state = 0
            default: state = 0
            }
        }
        return count
    }
}
