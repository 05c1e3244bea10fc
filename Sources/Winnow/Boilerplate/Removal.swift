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
///
/// The rules record the evidence as its parts (line numbers, counts, another
/// page's id) and it is written out only when a report asks for it: a dump's
/// hundreds of thousands of removals would otherwise each hold a string of
/// their own, made, copied and freed while nobody reads it.
public struct Removal: Sendable, Hashable {
    public let reason: RemovalReason
    private let detail: Evidence

    /// Evidence in parts.
    enum Evidence: Sendable {
        case text(String)
        /// "repeat of line N"
        case repeatOf(line: Int32)
        /// "printed twice (lines A and B)"
        case printedTwice(Int32, Int32)
        /// "part of a group repeated at line N"
        case groupRepeated(line: Int32)
        /// "copy of words in line N"
        case wordsCopied(line: Int32)
        /// "glued to the title at line N"
        case gluedToTitle(line: Int32)
        /// "template: in N of M pages"
        case template(pages: Int32, of: Int32)
        /// "teaser: title of ID" or "teaser: lead of ID"
        case teaser(title: Bool, of: String)
        /// "tail: after WHAT at line N", WHAT a literal ("byline")
        case tail(after: String, line: Int32)
        /// "tail: after the title of ID at line N"
        case tailAfterTitle(of: String, line: Int32)
        /// "short: 1 word", "short: N words"
        case short(words: Int32)
    }

    public init(_ reason: RemovalReason, _ evidence: String) {
        self.reason = reason
        detail = .text(evidence)
    }

    init(_ reason: RemovalReason, _ evidence: Evidence) {
        self.reason = reason
        detail = evidence
    }

    /// Human-readable evidence, such as "repeat of line 4".
    public var evidence: String {
        switch detail {
        case .text(let text): return text
        case .repeatOf(let line): return "repeat of line \(line)"
        case .printedTwice(let a, let b): return "printed twice (lines \(a) and \(b))"
        case .groupRepeated(let line): return "part of a group repeated at line \(line)"
        case .wordsCopied(let line): return "copy of words in line \(line)"
        case .gluedToTitle(let line): return "glued to the title at line \(line)"
        case .template(let pages, let of): return "template: in \(pages) of \(of) pages"
        case .teaser(let title, let id): return "teaser: \(title ? "title" : "lead") of \(id)"
        case .tail(let what, let line): return "tail: after \(what) at line \(line)"
        case .tailAfterTitle(let id, let line): return "tail: after the title of \(id) at line \(line)"
        case .short(let words): return words == 1 ? "short: 1 word" : "short: \(words) words"
        }
    }

    /// Removals are equal when they give the same reason and evidence, however it is held.
    public static func == (a: Removal, b: Removal) -> Bool { a.reason == b.reason && a.evidence == b.evidence }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(reason)
        hasher.combine(evidence)
    }
}
