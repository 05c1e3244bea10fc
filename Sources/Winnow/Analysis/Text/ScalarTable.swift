import CFold
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

/// What the tokeniser needs to know of one scalar, packed in 64 bits so the
/// hot loop reads it with one load and acts on it without branches:
/// - bits 0–31: what a token gets of it, first byte lowest, so the loop
///   stores all four bytes and moves on by ``foldedLength``: the UTF-8 of its
///   simple lowercase mapping for letters, marks and digits; a space (and a
///   length of 0) for boundaries, which write a space only when they close a token;
/// - bits 32–34: that length (0–4);
/// - bits 35–36: its ``ScalarClass`` (word 1 and boundary 0 leave bit 36 clear);
/// - bit 37: it may change under NFC;
/// - bit 38: it is a mark (general category M);
/// - bit 39: it is visible: not a space or control character;
/// - bit 40: it is a letter or a number by its properties (for block endings).
struct ScalarEntry {
    let bits: UInt64

    @inline(__always) init(bits: UInt64) { self.bits = bits }

    static let classShift: UInt64 = 35
    /// Set for isolated and ignorable scalars, which the loop's branch-free
    /// step does not handle.
    static let specialBit: UInt64 = 1 << 36
    static let nfcUnsafeBit: UInt64 = 1 << 37
    static let markBit: UInt64 = 1 << 38
    static let visibleBit: UInt64 = 1 << 39
    static let alphanumericBit: UInt64 = 1 << 40

    @inline(__always) var foldedBytes: UInt32 { UInt32(truncatingIfNeeded: bits) }
    @inline(__always) var foldedLength: Int { Int(truncatingIfNeeded: bits >> 32 & 7) }
    @inline(__always) var cls: ScalarClass {
        ScalarClass(rawValue: UInt8(truncatingIfNeeded: bits >> Self.classShift & 3)).unsafelyUnwrapped
    }
    @inline(__always) var nfcUnsafe: Bool { bits & Self.nfcUnsafeBit != 0 }
    @inline(__always) var isMark: Bool { bits & Self.markBit != 0 }
    @inline(__always) var isVisible: Bool { bits & Self.visibleBit != 0 }
    @inline(__always) var isAlphanumeric: Bool { bits & Self.alphanumericBit != 0 }

    init(lowercase: UInt32, cls: ScalarClass, nfcUnsafe: Bool, isMark: Bool, isVisible: Bool, isAlphanumeric: Bool) {
        let (utf8, length) = cls == .boundary ? (0x20, 0) : Self.utf8(lowercase)
        var bits = utf8 | length << 32 | UInt64(cls.rawValue) << Self.classShift
        if nfcUnsafe { bits |= Self.nfcUnsafeBit }
        if isMark { bits |= Self.markBit }
        if isVisible { bits |= Self.visibleBit }
        if isAlphanumeric { bits |= Self.alphanumericBit }
        self.bits = bits
    }

    /// The UTF-8 bytes of `value`, first byte lowest, and their number. By
    /// arithmetic, without a String: entries are built for every scalar above
    /// the table as it is met (CJK text is all there).
    @inline(__always)
    static func utf8(_ value: UInt32) -> (bytes: UInt64, length: UInt64) {
        let v = UInt64(value)
        switch v {
        case 0 ..< 0x80: return (v, 1)
        case 0x80 ..< 0x800: return (0xC0 | v >> 6 | (0x80 | v & 0x3F) << 8, 2)
        case 0x800 ..< 0x10000: return (0xE0 | v >> 12 | (0x80 | v >> 6 & 0x3F) << 8 | (0x80 | v & 0x3F) << 16, 3)
        default:
            return (0xF0 | v >> 18 | (0x80 | v >> 12 & 0x3F) << 8 | (0x80 | v >> 6 & 0x3F) << 16 | (0x80 | v & 0x3F) << 24, 4)
        }
    }
}

/// Per-scalar facts for the hot loop, precomputed once for the scalars that
/// news text uses, so that the loop never calls into Unicode property APIs.
@usableFromInline
struct ScalarTable: @unchecked Sendable {
    /// Scalars below this have a table entry; the rest are classified on the spot.
    static let tableLimit: UInt32 = 0x3100

    static let shared = ScalarTable()

    /// Written once, then only read; lives as long as the process. After
    /// the ``tableLimit`` scalars' entries come 256 more, at
    /// ``leadLengthsOffset``: each byte's ``TextDecoder/plainLeadLengths``,
    /// so that the tokeniser's loop reads both through one pointer (with two,
    /// one of them did not fit in a register, and was reloaded for every scalar).
    let entries: UnsafeMutablePointer<UInt64>
    static let leadLengthsOffset = Int(tableLimit)
    /// What the vector fold (`CFold`) does with each scalar below the
    /// table's limit, a byte each (12 KB, where the entries take 98): fold
    /// it as a word's (`WINNOW_FOLD_WORD`, or `WINNOW_FOLD_WORD_CHANGED`
    /// when its folded bytes differ from its own), pass it as a boundary
    /// (`WINNOW_FOLD_BOUNDARY`), or leave it to the scalar loop
    /// (`WINNOW_FOLD_SCALAR_LOOP`: isolated, ignorable, unsafe under NFC, or
    /// folded to bytes of another length).
    let foldClasses: UnsafeMutablePointer<UInt8>
    private init() {
        entries = .allocate(capacity: Int(Self.tableLimit) + 256)
        foldClasses = .allocate(capacity: Int(Self.tableLimit))
        for value in 0 ..< Self.tableLimit {
            let entry = Self.computeEntry(value)
            entries[Int(value)] = entry.bits
            foldClasses[Int(value)] = Self.foldClass(value, entry)
        }
        for byte in 0 ..< 256 {
            entries[Self.leadLengthsOffset + byte] = UInt64(TextDecoder.plainLeadLengths[byte])
        }
    }

    private static func foldClass(_ value: UInt32, _ entry: ScalarEntry) -> UInt8 {
        if entry.nfcUnsafe { return UInt8(WINNOW_FOLD_SCALAR_LOOP) }
        switch entry.cls {
        case .boundary: return UInt8(WINNOW_FOLD_BOUNDARY)
        case .isolated, .ignorable: return UInt8(WINNOW_FOLD_SCALAR_LOOP)
        case .word:
            let (bytes, length) = ScalarEntry.utf8(value)
            guard entry.foldedLength == Int(length) else { return UInt8(WINNOW_FOLD_SCALAR_LOOP) }
            return UInt64(entry.foldedBytes) == bytes ? UInt8(WINNOW_FOLD_WORD) : UInt8(WINNOW_FOLD_WORD_CHANGED)
        }
    }

    /// Alphabetic, or with a numeric type: a letter or a number, as block
    /// endings ask. From the table below ``tableLimit``, from the properties above.
    func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < Self.tableLimit { return ScalarEntry(bits: entries[Int(value)]).isAlphanumeric }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// The entry of the scalar `value`, which must be a valid scalar value.
    @inline(__always)
    func entry(_ value: UInt32) -> ScalarEntry {
        if value < Self.tableLimit { return ScalarEntry(bits: entries[Int(value)]) }
        // The common ideographs and the Hangul syllables, whole texts of
        // which lie above the table, without a call.
        if value &- 0x4E00 < 0x5200 { return Self.plainLetter(value, .isolated) }
        if value &- 0xAC00 < 0x2BA4 { return Self.plainLetter(value, .word) }
        return Self.computeEntry(value)
    }

    /// The entry of a letter that is its own lowercase and NFC-stable.
    @inline(__always)
    private static func plainLetter(_ value: UInt32, _ cls: ScalarClass) -> ScalarEntry {
        let (utf8, length) = ScalarEntry.utf8(value)
        return ScalarEntry(bits: utf8 | length << 32 | UInt64(cls.rawValue) << ScalarEntry.classShift
            | ScalarEntry.visibleBit | ScalarEntry.alphanumericBit)
    }

    private static func computeEntry(_ value: UInt32) -> ScalarEntry {
        guard let scalar = Unicode.Scalar(value) else {
            return ScalarEntry(lowercase: 0, cls: .boundary, nfcUnsafe: false, isMark: false, isVisible: true, isAlphanumeric: false)
        }
        if value < 0x80 {  // the loop's ASCII rules: letters and digits are words
            let lower = value | 0x20
            let isLetter = (0x61 ... 0x7A).contains(lower)
            let isDigit = (0x30 ... 0x39).contains(value)
            return ScalarEntry(
                lowercase: isLetter ? lower : value, cls: isLetter || isDigit ? .word : .boundary, nfcUnsafe: false,
                isMark: false, isVisible: value > 0x20 && value != 0x7F, isAlphanumeric: isLetter || isDigit)
        }
        // Fast answers for the large blocks above the table.
        // (Not the compatibility ideographs at U+2F800, which NFC changes.)
        if (0x4E00 ... 0x9FFF).contains(value) || (0x3400 ... 0x4DBF).contains(value)
            || (0x20000 ... 0x2F7FF).contains(value) || (0x30000 ... 0x3FFFF).contains(value)
        {
            return plainLetter(value, .isolated)
        }
        if (0xAC00 ... 0xD7A3).contains(value) {  // Hangul syllables: NFC, spaced words
            return plainLetter(value, .word)
        }
        if (0x1F000 ... 0x1FFFF).contains(value) {  // emoji and pictographs
            return ScalarEntry(lowercase: value, cls: .boundary, nfcUnsafe: false, isMark: false, isVisible: true, isAlphanumeric: false)
        }
        let properties = scalar.properties
        var lower = value
        let mapping = properties.lowercaseMapping.unicodeScalars
        if mapping.count >= 1, let first = mapping.first, first.value != value {
            lower = first.value
        }
        let isMark: Bool
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: isMark = true
        default: isMark = false
        }
        return ScalarEntry(
            lowercase: lower, cls: classify(scalar, properties), nfcUnsafe: value >= 0x300 && nfcUnsafe(scalar, properties),
            isMark: isMark, isVisible: !properties.isWhitespace,
            isAlphanumeric: properties.isAlphabetic || properties.numericType != nil)
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
    ///
    /// A starter is not its own NFC form exactly when it is excluded from
    /// composition (Full_Composition_Exclusion: a singleton, a non-starter
    /// decomposition, or a listed exclusion); a test checks this against
    /// Foundation's NFC over the table and beyond. Asking Foundation to
    /// normalise each of the table's scalars instead took half the table's
    /// build: 5 of 10 ms at the start of every run.
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
        return p.isFullCompositionExclusion
    }
}
