import Foundation

/// How the tokeniser treats one Unicode scalar.
@usableFromInline
enum ScalarClass: UInt8 {
    /// Ends a token: spaces (no-break and other Unicode spaces too), punctuation, symbols.
    case boundary = 0
    /// Part of a word: letters, marks and digits.
    case word = 1
    /// A letter of a script written without spaces (Han, kana, Thai, Lao, Khmer,
    /// Myanmar): a token on its own, so such text still shingles, as character n-grams.
    case isolated = 2
    /// Invisible format characters (soft hyphen, joiners, BOM): skipped, no boundary.
    case ignorable = 3
}

/// Per-scalar facts for the hot loop, precomputed once for the scalars that
/// news text uses, so that the loop never calls into Unicode property APIs.
///
/// An entry packs the simple lowercase mapping (21 bits), the ``ScalarClass``
/// (2 bits), whether the scalar may change under NFC (1 bit) and whether it
/// is a letter or number by its properties (1 bit, for block endings).
@usableFromInline
struct ScalarTable: @unchecked Sendable {
    /// Scalars below this have a table entry; the rest are classified on the spot.
    static let tableLimit: UInt32 = 0x3100

    private static let classShift: UInt32 = 24
    private static let unsafeBit: UInt32 = 1 << 26
    private static let alphanumericBit: UInt32 = 1 << 27

    static let shared = ScalarTable()

    /// Written once, then only read; lives as long as the process.
    private let entries: UnsafeMutablePointer<UInt32>

    private init() {
        entries = .allocate(capacity: Int(Self.tableLimit))
        for value in 0 ..< Self.tableLimit {
            let properties = Unicode.Scalar(value)?.properties
            let alphanumeric = properties.map { $0.isAlphabetic || $0.numericType != nil } ?? false
            entries[Int(value)] = Self.computeEntry(value) | (alphanumeric ? Self.alphanumericBit : 0)
        }
    }

    /// Alphabetic, or with a numeric type: a letter or a number, as block
    /// endings ask. From the table below ``tableLimit``, from the properties above.
    func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < Self.tableLimit { return entries[Int(value)] & Self.alphanumericBit != 0 }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// The class, lowercase and NFC-safety of `value`.
    @inline(__always)
    func lookup(_ value: UInt32) -> (cls: ScalarClass, lower: UInt32, nfcUnsafe: Bool) {
        let entry = value < Self.tableLimit ? entries[Int(value)] : Self.computeEntry(value)
        return (
            ScalarClass(rawValue: UInt8(truncatingIfNeeded: (entry >> Self.classShift) & 3)).unsafelyUnwrapped,
            entry & 0x1F_FFFF,
            entry & Self.unsafeBit != 0
        )
    }

    private static func computeEntry(_ value: UInt32) -> UInt32 {
        guard let scalar = Unicode.Scalar(value) else { return 0 }
        // Fast answers for the large blocks above the table.
        // (Not the compatibility ideographs at U+2F800, which NFC changes.)
        if (0x4E00 ... 0x9FFF).contains(value) || (0x3400 ... 0x4DBF).contains(value)
            || (0x20000 ... 0x2F7FF).contains(value) || (0x30000 ... 0x3FFFF).contains(value)
        {
            return value | UInt32(ScalarClass.isolated.rawValue) << classShift
        }
        if (0xAC00 ... 0xD7A3).contains(value) {  // Hangul syllables: NFC, spaced words
            return value | UInt32(ScalarClass.word.rawValue) << classShift
        }
        if (0x1F000 ... 0x1FFFF).contains(value) {  // emoji and pictographs
            return value
        }
        let properties = scalar.properties
        let cls = classify(scalar, properties)
        var lower = value
        let mapping = properties.lowercaseMapping.unicodeScalars
        if mapping.count >= 1, let first = mapping.first, first.value != value {
            lower = first.value
        }
        var entry = lower | UInt32(cls.rawValue) << classShift
        if value >= 0x300, nfcUnsafe(scalar, properties) {
            entry |= unsafeBit
        }
        return entry
    }

    private static func classify(_ scalar: Unicode.Scalar, _ p: Unicode.Scalar.Properties) -> ScalarClass {
        let v = scalar.value
        if v == 0x200B { return .boundary }  // zero-width space separates words
        switch p.generalCategory {
        case .format:
            return .ignorable
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            return isSpacelessScript(v) ? .isolated : .word
        case .nonspacingMark, .spacingMark, .enclosingMark,
            .decimalNumber, .letterNumber, .otherNumber:
            return .word
        default:
            return .boundary
        }
    }

    /// Scripts written without spaces between words.
    private static func isSpacelessScript(_ v: UInt32) -> Bool {
        (0x0E00 ... 0x0EFF).contains(v)  // Thai, Lao
            || (0x1000 ... 0x109F).contains(v)  // Myanmar
            || (0x1780 ... 0x17FF).contains(v)  // Khmer
            || (0x3040 ... 0x30FF).contains(v)  // Hiragana, Katakana
            || (0x3400 ... 0x4DBF).contains(v) || (0x4E00 ... 0x9FFF).contains(v)
            || (0xF900 ... 0xFAFF).contains(v) || (0x2F800 ... 0x2FA1F).contains(v)  // CJK
    }

    /// Conservative NFC quick check: true when the scalar has a non-zero
    /// combining class, is not its own NFC form, or belongs to a script whose
    /// vowel signs compose.
    private static func nfcUnsafe(_ scalar: Unicode.Scalar, _ p: Unicode.Scalar.Properties) -> Bool {
        let v = scalar.value
        if p.canonicalCombiningClass != .notReordered { return true }
        if (0x0900 ... 0x0DFF).contains(v) || (0x1000 ... 0x109F).contains(v)
            || (0x1100 ... 0x11FF).contains(v) || (0x1B00 ... 0x1B7F).contains(v)
            || (0x3099 ... 0x309A).contains(v)
            || (0x11000 ... 0x11FFF).contains(v)  // Brahmi and its kin, whose vowel signs compose too
        {
            return true
        }
        let single = String(Character(scalar))
        return single.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(single.unicodeScalars) == false
    }
}
