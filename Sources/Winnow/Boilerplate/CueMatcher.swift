/// Cue phrases folded and hashed like page text, for matching block starts.
struct CueMatcher: Sendable {
    enum Kind: CaseIterable { case section, appeal, byline, credit }

    private var phrases: [Kind: [FirstToken: [[TokenHash]]]] = [:]
    private typealias FirstToken = TokenHash

    init(_ cues: CuePhrases) {
        let analyzer = LineAnalyzer()
        for kind in Kind.allCases {
            var byFirst: [FirstToken: [[TokenHash]]] = [:]
            let list: [String]
            switch kind {
            case .section: list = cues.sections
            case .appeal: list = cues.appeals
            case .byline: list = cues.bylines
            case .credit: list = cues.credits
            }
            for phrase in list {
                let hashes = Self.tokenHashes(phrase, analyzer)
                guard let first = hashes.first else { continue }
                byFirst[first, default: []].append(hashes)
            }
            phrases[kind] = byFirst
        }
    }

    static func tokenHashes(_ text: String, _ analyzer: LineAnalyzer) -> [TokenHash] {
        analyzer.analyze(text)
        var hashes: [TokenHash] = []
        _ = analyzer.appendTokenHashes(to: &hashes)
        return hashes
    }

    /// The length in tokens of the longest phrase of `kind` that `tokens` starts with.
    func prefixMatch(_ kind: Kind, _ tokens: ArraySlice<TokenHash>) -> Int? {
        guard let first = tokens.first, let candidates = phrases[kind]?[first] else { return nil }
        var best: Int?
        for phrase in candidates where tokens.starts(with: phrase) {
            best = max(best ?? 0, phrase.count)
        }
        return best
    }
}
