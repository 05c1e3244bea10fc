/// Why a block was removed.
public enum RemovalReason: String, Sendable, Codable, CaseIterable {
    /// A later copy of a block of the same page, or a block printed twice.
    case `repeat`
    /// A block that recurs across pages telling different stories.
    case template
    /// Another page's title or lead, or part of a related-news list.
    case teaser
    /// A photo caption or credit.
    case caption
    /// After the article's end: bylines, appeals, lists, an appended article.
    case tail
    /// A line too short to be article text (navigation, labels).
    case short
    /// The whole page is a copy of another that was kept (`--drop-duplicates`).
    case duplicate
}

/// A removed block's reason and the evidence for it.
public struct Removal: Sendable, Hashable {
    public let reason: RemovalReason
    /// Human-readable evidence, such as "repeat of line 4".
    public let evidence: String

    public init(_ reason: RemovalReason, _ evidence: String) {
        self.reason = reason
        self.evidence = evidence
    }
}
