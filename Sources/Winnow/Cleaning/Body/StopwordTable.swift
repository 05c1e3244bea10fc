/// The word lists by language (``Stopwords``, ``ReaderAddress``) as one
/// table from token hash to what lists the word: the languages whose
/// function words it is (one bit each) and whether it addresses the reader
/// (the top bit), so each token of a page is looked up once. Also the
/// language of a page: the one whose function words make up most of it.
struct StopwordTable: Sendable {
    /// Every token of every page is looked up, and most are in no list: the
    /// table is open-addressed at most a quarter full, so a miss nearly
    /// always ends at its first slot, and a slot is one word (the token's
    /// hash above, its entry below; entries are never 0, so 0 is a free
    /// slot). `HashTable64`, three quarters full at most, probed longer.
    private var slots: [UInt64] = []
    private var shift: UInt64 = 0
    /// The language codes, in bit order.
    let codes: [String]
    /// The bit of words that address the reader.
    static let addressBit: UInt32 = 1 << 31

    static let shared = StopwordTable()

    init(stopwords: [(language: String, words: String)] = Stopwords.lists,
         address: [(language: String, words: String)] = ReaderAddress.lists) {
        precondition(stopwords.count < 31, "one bit a language")
        codes = stopwords.map(\.language)
        let analyzer = LineAnalyzer()
        var entries: [TokenHash: UInt32] = [:]
        for (bit, list) in stopwords.enumerated() {
            for hash in CueMatcher.tokenHashes(list.words, analyzer) { entries[hash, default: 0] |= 1 << UInt32(bit) }
        }
        for list in address {
            for hash in CueMatcher.tokenHashes(list.words, analyzer) { entries[hash, default: 0] |= Self.addressBit }
        }
        var size = 64
        while size < entries.count * 4 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
        for (token, entry) in entries.sorted(by: { $0.key < $1.key }) {
            slots[slot(token)] = UInt64(token) << 32 | UInt64(entry)
        }
    }

    /// The slot of `token`, or of the free slot where it would go.
    @inline(__always)
    private func slot(_ token: TokenHash) -> Int {
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: (UInt64(token) &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while slots[s] != 0 && slots[s] >> 32 != UInt64(token) { s = (s + 1) & mask }
        return s
    }

    /// What lists `token`: language bits, and ``addressBit``.
    @inline(__always)
    func entry(_ token: TokenHash) -> UInt32 {
        let value = slots[slot(token)]
        return value >> 32 == UInt64(token) ? UInt32(truncatingIfNeeded: value) : 0
    }

    /// The bit of the language whose function words are most of the tokens
    /// whose entries are given, or 0 when none reaches one token in twenty
    /// (a page in a language not listed, or no prose at all).
    func dominantLanguage(_ entries: [UInt32]) -> UInt32 {
        var counts = [Int](repeating: 0, count: codes.count)
        for entry in entries {
            var bits = entry & ~Self.addressBit
            while bits != 0 {
                counts[bits.trailingZeroBitCount] += 1
                bits &= bits - 1
            }
        }
        guard let best = counts.indices.max(by: { counts[$0] < counts[$1] }),
              counts[best] * 20 >= entries.count, counts[best] > 0 else { return 0 }
        return 1 << UInt32(best)
    }
}
