/// Cue phrases folded and hashed like page text, for matching block starts.
struct CueMatcher: Sendable {
    enum Kind: UInt64, CaseIterable { case section, appeal, byline, credit, label }

    /// The phrases by kind and first word, as indices into ``phrases``. The
    /// rules ask about nearly every block, most of which open with no cue:
    /// a `Dictionary` lookup hashed each key with SipHash, twice.
    private var groups = HashTable64<Int32>()
    /// The phrases of each (kind, first word), as token hashes.
    private var phrases: [[[TokenHash]]] = []
    /// A bit for each phrase's first word, of any kind, at the word hash's
    /// low bits: most blocks open with a word that starts no phrase, and
    /// one load answers for all five kinds before a table is probed.
    private var firstWords = [UInt64](repeating: 0, count: CueMatcher.firstWordBits / 64)
    private static let firstWordBits = 1 << 16
    @inline(__always) private static func firstWordIndex(_ word: TokenHash) -> Int { (Int(word) & (firstWordBits - 1)) >> 6 }
    @inline(__always) private static func firstWordBit(_ word: TokenHash) -> UInt64 { 1 << UInt64(word & 63) }

    init(_ cues: CuePhrases) {
        let analyzer = LineAnalyzer()
        for kind in Kind.allCases {
            let list: [String]
            switch kind {
            case .section: list = cues.sections
            case .appeal: list = cues.appeals
            case .byline: list = cues.bylines
            case .credit: list = cues.credits
            case .label: list = cues.labels
            }
            for phrase in list {
                let hashes = Self.tokenHashes(phrase, analyzer)
                guard let first = hashes.first else { continue }
                firstWords[Self.firstWordIndex(first)] |= Self.firstWordBit(first)
                let next = Int32(phrases.count)
                var group: Int32 = 0
                groups.update(Self.key(kind, first), initial: next) { group = $0 }
                if group == next { phrases.append([]) }
                phrases[Int(group)].append(hashes)
            }
        }
    }

    /// A table key for a kind and a first word: distinct pairs get distinct
    /// keys (the multiplier is odd), never 0, with well-mixed high bits.
    @inline(__always)
    private static func key(_ kind: Kind, _ first: TokenHash) -> UInt64 {
        ((kind.rawValue + 1) << 32 | UInt64(first)) &* 0x9E37_79B9_7F4A_7C15
    }

    static func tokenHashes(_ text: String, _ analyzer: LineAnalyzer) -> [TokenHash] {
        analyzer.analyze(text)
        var hashes: [TokenHash] = []
        _ = analyzer.appendTokenHashes(to: &hashes)
        return hashes
    }

    /// The length in tokens of the longest phrase of `kind` that `tokens` starts with.
    func prefixMatch(_ kind: Kind, _ tokens: ArraySlice<TokenHash>) -> Int? {
        guard let first = tokens.first,
              firstWords[Self.firstWordIndex(first)] & Self.firstWordBit(first) != 0,
              let group = groups[Self.key(kind, first)] else { return nil }
        var best: Int?
        for phrase in phrases[Int(group)] where tokens.starts(with: phrase) {
            best = max(best ?? 0, phrase.count)
        }
        return best
    }
}
