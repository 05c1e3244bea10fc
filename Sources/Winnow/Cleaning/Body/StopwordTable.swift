/// The word lists by language (``Stopwords``, ``ReaderAddress``) as one
/// table from token hash to what lists the word: the languages whose
/// function words it is (one bit each) and whether it addresses the reader
/// (the top bit), so each token of a page is looked up once. Also the
/// language of a page: the one whose function words make up most of it.
struct StopwordTable: Sendable {
    private var entries = HashTable64<UInt32>()
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
        for (bit, list) in stopwords.enumerated() {
            for hash in CueMatcher.tokenHashes(list.words, analyzer) {
                entries.update(Self.key(hash), initial: 0) { $0 |= 1 << UInt32(bit) }
            }
        }
        for list in address {
            for hash in CueMatcher.tokenHashes(list.words, analyzer) {
                entries.update(Self.key(hash), initial: 0) { $0 |= Self.addressBit }
            }
        }
    }

    /// What lists `token`: language bits, and ``addressBit``.
    @inline(__always)
    func entry(_ token: TokenHash) -> UInt32 { entries[Self.key(token)] ?? 0 }

    /// A table key for a token: the table takes its slot from a key's high
    /// bits, which a 32-bit hash widened leaves zero (an odd multiplier
    /// keeps distinct tokens distinct).
    @inline(__always)
    private static func key(_ token: TokenHash) -> UInt64 { UInt64(token) &* 0x9E37_79B9_7F4A_7C15 }

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
