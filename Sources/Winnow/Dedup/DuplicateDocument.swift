/// A document for near-duplicate search: its id, the hash of each of its
/// words, and the line each word stands on (for evidence).
///
/// A document made from a page refers to the page's blocks and the cleaner's
/// removals rather than copying their word hashes: a dump's documents would
/// otherwise hold its words twice. (Holding the removals also spares freeing
/// them, a block at a time, between cleaning and the search.)
public struct DuplicateDocument: Sendable {
    public let id: String
    /// The page the words came from, for the text of shared passages.
    public let page: Page?
    private let words: Words

    private enum Words: Sendable {
        case given(tokens: [TokenHash], lines: [Int32])
        /// The page's blocks that the removals keep (a nil entry); all of them when none are given.
        case kept(removals: [Removal?]?)
    }

    public init(id: String, tokens: [TokenHash], lines: [Int32], page: Page? = nil) {
        precondition(tokens.count == lines.count, "one line per token")
        self.id = id
        self.page = page
        words = .given(tokens: tokens, lines: lines)
    }

    /// The words of a cleaned page's kept blocks.
    public init(_ cleaned: CleanedPage) {
        id = cleaned.page.id
        page = cleaned.page
        words = .kept(removals: cleaned.removals)
    }

    /// All the words of a page, boilerplate included (`--raw`).
    public init(raw page: Page) {
        id = page.id
        self.page = page
        words = .kept(removals: nil)
    }

    /// Calls `body` with each block whose words make the document, in order.
    /// (Read through buffers: a removal taken out of its array to be compared
    /// with nil was copied, its evidence retained and released, per block.)
    private func forEachBlock(_ body: (Block) -> Void) {
        guard case .kept(let removals) = words, let page else { return }
        page.blocks.withUnsafeBufferPointer { blocks in
            guard let removals else { return blocks.forEach(body) }
            removals.withUnsafeBufferPointer { removals in
                for b in blocks.indices {
                    if case .none = removals[b] { body(blocks[b]) }
                }
            }
        }
    }

    /// The hash of every word, in order.
    public var tokens: [TokenHash] {
        if case .given(let tokens, _) = words { return tokens }
        var tokens: [TokenHash] = []
        tokens.reserveCapacity(tokenCount)
        forEachTokenRun { tokens.append(contentsOf: $0) }
        return tokens
    }

    /// The number of words.
    var tokenCount: Int {
        if case .given(let tokens, _) = words { return tokens.count }
        var count = 0
        forEachBlock { count += $0.tokenCount }
        return count
    }

    /// Calls `body` with the document's word hashes in runs (a kept block's
    /// each), in order, where they lie: no copy of them is made.
    func forEachTokenRun(_ body: (UnsafeBufferPointer<TokenHash>) -> Void) {
        if case .given(let tokens, _) = words {
            tokens.withUnsafeBufferPointer(body)
            return
        }
        guard let page else { return }
        page.withTokenHashes { all in
            forEachBlock { body(UnsafeBufferPointer(rebasing: all[$0.tokens])) }
        }
    }

    /// Whether the document has no words.
    public var isEmpty: Bool { tokenCount == 0 }

    /// The document's words by line, in order: each run of words on one
    /// line, as its line and where the run ends (the number of words up to
    /// its end). What a passage needs of the lines, without a line per word.
    var lineRuns: [(line: Int32, end: Int)] {
        var runs: [(line: Int32, end: Int)] = []
        var end = 0
        if case .given(_, let lines) = words {
            for line in lines {
                end += 1
                if runs.last?.line == line { runs[runs.count - 1].end = end } else { runs.append((line, end)) }
            }
            return runs
        }
        forEachBlock { block in
            guard block.tokenCount > 0 else { return }
            end += block.tokenCount
            runs.append((Int32(block.line), end))
        }
        return runs
    }

    /// The line each word stands on.
    public var lines: [Int32] {
        if case .given(_, let lines) = words { return lines }
        var lines: [Int32] = []
        forEachBlock { lines += repeatElement(Int32($0.line), count: $0.tokenCount) }
        return lines
    }
}

/// A passage two documents share: where it stands in each, and its text.
public struct SharedPassage: Sendable, Hashable, Codable {
    public let aLines: [Int]
    public let bLines: [Int]
    public let text: String

    enum CodingKeys: String, CodingKey {
        case aLines = "a_lines", bLines = "b_lines", text
    }

    /// The passage with its two sides exchanged.
    var swapped: SharedPassage { SharedPassage(aLines: bLines, bLines: aLines, text: text) }
}

/// Two documents found to be near-duplicates, with the measured similarity.
public struct DuplicatePair: Sendable, Hashable, Codable {
    public let a: String
    public let b: String
    /// |A ∩ B| / |A ∪ B| over the shingle sets, exact.
    public let jaccard: Double
    /// |A ∩ B| / min(|A|, |B|): how much of the shorter one the other holds.
    public let containment: Double
    public let shared: [SharedPassage]
    /// The two hold exactly the same words, in the same order (after cleaning).
    public let identical: Bool

    public init(a: String, b: String, jaccard: Double, containment: Double, shared: [SharedPassage], identical: Bool = false) {
        self.a = a
        self.b = b
        self.jaccard = jaccard
        self.containment = containment
        self.shared = shared
        self.identical = identical
    }

    /// This pair's measures for `other`, an identical copy of the document
    /// `probe` was paired with.
    func with(other: String, of probe: String) -> DuplicatePair {
        // Ids stay in order; the passages' sides follow the probe.
        let probeFirst = probe <= other
        let probeWasFirst = probe == a
        return DuplicatePair(a: probeFirst ? probe : other, b: probeFirst ? other : probe, jaccard: jaccard,
                             containment: containment, shared: probeFirst == probeWasFirst ? shared : shared.map(\.swapped),
                             identical: identical)
    }
}

/// Documents that carry the same story, joined through verified pairs.
public struct DuplicateCluster: Sendable, Hashable, Codable {
    public let documents: [String]
    public let pairs: [DuplicatePair]
}
