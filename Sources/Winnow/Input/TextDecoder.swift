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

    /// For each byte, the length of the sequence it leads when checking that
    /// its continuation bytes are 10xxxxxx is all it takes: 1 for ASCII, 2 for
    /// C2–DF, 3 for E1–EC and EE–EF, 4 for F1–F3. 0 for the rest: continuation
    /// bytes, bytes no sequence starts with, and E0, ED, F0 and F4, whose
    /// second byte needs a range check (``sequenceLength(_:_:_:)`` does it).
    /// Written once, then only read.
    nonisolated(unsafe) static let plainLeadLengths: UnsafePointer<UInt8> = {
        let lengths = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        for byte in 0 ..< 256 {
            switch byte {
            case 0 ..< 0x80: lengths[byte] = 1
            case 0xC2 ... 0xDF: lengths[byte] = 2
            case 0xE1 ... 0xEC, 0xEE ... 0xEF: lengths[byte] = 3
            case 0xF1 ... 0xF3: lengths[byte] = 4
            default: lengths[byte] = 0
            }
        }
        return UnsafePointer(lengths)
    }()

    /// The scalar of a sequence of `length` bytes (2 to 4) whose lead byte
    /// has that ``plainLeadLengths``, from `word`, its first four bytes loaded
    /// at once (first byte lowest); nil when its continuation bytes are not
    /// 10xxxxxx. Every length is decoded by the same steps, without a branch
    /// on it: in Vietnamese text two- and three-byte letters alternate at random.
    @inline(__always)
    static func scalarValue(plainSequence word: UInt32, length: Int) -> UInt32? {
        // Bytes 1 ..< length must be continuation bytes.
        let inSequence = UInt32(truncatingIfNeeded: (1 as UInt64) &<< UInt64(truncatingIfNeeded: 8 &* length) &- 1)
        guard word & 0xC0C0_C000 & inSequence == 0x8080_8000 & inSequence else { return nil }
        // The sequence's bytes, first byte highest; their payload bits gathered.
        let x = word.byteSwapped &>> UInt32(truncatingIfNeeded: 32 &- 8 &* length)
        let payload = (x & 0x3F) | (x &>> 2 & 0xFC0) | (x &>> 4 & 0x3_F000) | (x &>> 6 & 0x1C_0000)
        return payload & (1 &<< UInt32(truncatingIfNeeded: 5 &* length &+ 1) &- 1)
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
