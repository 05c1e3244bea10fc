/// The records the distributed stages (``Stage``) pass between them, one JSON
/// object a line: what the cross-page rule needs of each page and of each
/// block key, so that a cluster can group them by key and by page, and no
/// machine ever holds the dump.
///
/// Pages are named by their place in the input (``PageSummary/order``), the
/// order one machine reads them in; keys by their 64-bit value.

/// A page's place in the input: its file's index in the input list, then the
/// line of its record in that file (0 for a file that is one page). Sorting
/// by it gives the order one machine reads the pages in.
typealias PageOrder = Int64

extension PageOrder {
    init(file: Int, line: Int) { self = Int64(file) << 32 | Int64(line) }
    var file: Int { Int(self >> 32) }
}

/// A page after the in-page rules: its blocks' keys, word counts, lines and
/// flags, and its head.
struct PageSummary: Codable, Sendable {
    var order: PageOrder
    var id: String
    /// The text's hash and length, for finding pages with the same text.
    var textHash: UInt64
    var textLength: Int
    var keys: [UInt64]
    var tokens: [Int32]
    var lines: [Int32]
    /// Per block: ``removedFlag``, ``bodyLikeFlag``.
    var flags: [UInt8]
    /// The title's and lead's blocks.
    var head: [Int32]

    static let removedFlag: UInt8 = 1
    static let bodyLikeFlag: UInt8 = 2

    var count: Int { keys.count }
    func isRemoved(_ i: Int) -> Bool { flags[i] & Self.removedFlag != 0 }
    func isBodyLike(_ i: Int) -> Bool { flags[i] & Self.bodyLikeFlag != 0 }
    func isHead(_ i: Int) -> Bool { head.contains(Int32(i)) }
    func headPart(_ i: Int) -> Int? { head.firstIndex(of: Int32(i)) }

    init(_ state: PageState, order: PageOrder) {
        self.order = order
        id = state.page.id
        textHash = state.page.textHash
        textLength = state.page.textCount
        keys = state.page.blocks.map(\.key)
        tokens = state.page.blocks.map { Int32($0.tokenCount) }
        lines = state.page.blocks.map { Int32($0.line) }
        flags = (0 ..< state.count).map { i in
            (state.isRemoved(i) ? Self.removedFlag : 0) | (state.isBodyLike(i) ? Self.bodyLikeFlag : 0)
        }
        head = state.head.map(Int32.init)
    }
}

/// One block of a page holding a key, as the key's group sees it.
struct KeyOccurrence: Codable, Sendable, Comparable {
    var order: PageOrder
    var block: Int32
    var removed: Bool
    /// The block's part of its page's head (0 title, 1 lead), if it is one.
    var headPart: Int8?
    /// The page's id (for a head: the teaser's evidence names it).
    var id: String?

    static func < (a: Self, b: Self) -> Bool { (a.order, a.block) < (b.order, b.block) }
}

/// What the cross-page rule knows of one key from every page holding it,
/// sent to each of those pages (``KeyedCrossPage/facts(key:_:)``).
struct KeyFacts: Codable, Sendable {
    var key: UInt64
    /// The number of distinct pages holding it.
    var pages: Int
    /// The pages holding it as their title (part 0) or lead (part 1), when
    /// it stands in few enough pages to be a story's head.
    var heads: [Head]
    /// Every occurrence, in page order, when it stands in few enough pages
    /// (``CrossPageRule/headMaximumPages``); nil otherwise.
    var occurrences: [KeyOccurrence]?

    struct Head: Codable, Sendable {
        var order: PageOrder
        var part: Int8
        var id: String
    }
}

/// A page's removals from the cross-page rule, by block (teasers and their
/// tails first, templates after).
struct CrossPageDecision: Codable, Sendable {
    var block: Int32
    var kind: Kind
    /// The page named: for a teaser and a tail after a title.
    var of: String?
    var title: Bool?
    var line: Int32?
    /// For a template: the pages holding it, of how many.
    var pages: Int32?
    var all: Int32?

    enum Kind: String, Codable, Sendable { case teaser, tailAfterTitle, template }
}

/// A page after the teaser rule: its copies (other stories' pages are not),
/// its teasers and tails, and the keys of the blocks it still keeps.
struct TeaserResult: Codable, Sendable {
    var order: PageOrder
    var copies: [PageOrder]
    var decisions: [CrossPageDecision]
    /// The distinct keys of its blocks kept after the teasers.
    var keptKeys: [UInt64]
}

/// The pages keeping a key after the teaser rule: how many, and the first
/// few in page order (enough to find one outside any page and its copies).
struct KeptFacts: Codable, Sendable {
    var key: UInt64
    var pages: Int
    var keeping: Int
    var first: [PageOrder]
}
