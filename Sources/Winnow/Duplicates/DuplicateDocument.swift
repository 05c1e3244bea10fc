/// A document for near-duplicate search: its id, the hash of each of its
/// words, and the line each word stands on (for evidence).
public struct DuplicateDocument: Sendable {
    public let id: String
    public let tokens: [UInt64]
    public let lines: [Int32]
    /// The page the words came from, for the text of shared passages.
    public let page: Page?

    public init(id: String, tokens: [UInt64], lines: [Int32], page: Page? = nil) {
        precondition(tokens.count == lines.count, "one line per token")
        self.id = id
        self.tokens = tokens
        self.lines = lines
        self.page = page
    }

    /// The words of a cleaned page's kept blocks.
    public init(_ cleaned: CleanedPage) {
        self.init(cleaned.page, blocks: cleaned.keptBlocks)
    }

    /// All the words of a page, boilerplate included (`--raw`).
    public init(raw page: Page) {
        self.init(page, blocks: page.blocks)
    }

    private init(_ page: Page, blocks: [Block]) {
        var tokens: [UInt64] = []
        var lines: [Int32] = []
        for block in blocks {
            tokens += page.tokenHashes[block.tokens]
            lines += repeatElement(Int32(block.line), count: block.tokenCount)
        }
        self.init(id: page.id, tokens: tokens, lines: lines, page: page)
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
}

/// Documents that carry the same story, joined through verified pairs.
public struct DuplicateCluster: Sendable, Hashable, Codable {
    public let documents: [String]
    public let pairs: [DuplicatePair]
}
