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
        var body = raw[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) {
            body = body.dropFirst(3)
        }
        if let valid = String(validating: body, as: UTF8.self) {
            _ = valid
            return DecodedText(bytes: Array(body), invalidSequences: 0)
        }
        let repaired = String(decoding: body, as: UTF8.self)
        let before = countReplacementCharacters(body)
        let after = countReplacementCharacters(repaired.utf8)
        return DecodedText(bytes: Array(repaired.utf8), invalidSequences: max(after - before, 1))
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
