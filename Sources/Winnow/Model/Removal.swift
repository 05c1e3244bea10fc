import Foundation

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
    /// Not article text by its look and where it stands: menus and link
    /// lists around the body, notices, prompts and teasers (`BodyRule`).
    case outside
    /// The whole page is a copy of another that was kept (`--drop-duplicates`).
    case duplicate
}

/// A removed block's reason and the evidence for it.
///
/// The rules record the evidence as its parts (line numbers, counts, another
/// page) and it is written out only when a report asks for it: a dump's
/// hundreds of thousands of removals would otherwise each hold a string of
/// their own, made, copied and freed while nobody reads it.
///
/// A page holds one optional removal per block, so the parts are kept to
/// 16 bytes: another page is held by reference (its id is read when the
/// evidence is written), a tail's cut by kind, and free text in a box.
/// With strings in place, a removal took 40 bytes: 16 MB of the 119 MB
/// comparison dump's 680,000 blocks. (So a removal that names another page,
/// a teaser's source, keeps that page alive as long as it lives.)
public struct Removal: Sendable, Hashable {
    // The evidence first: the reason's byte then fills its tail padding
    // (the other way round, it took a word of its own: 24 bytes).
    private let detail: Evidence
    public let reason: RemovalReason

    /// Evidence in parts.
    enum Evidence: Sendable {
        case text(Text)
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
        /// "teaser: title of ID" or "teaser: lead of ID", ID the page's (the
        /// page first: a flag before it would pad it out to 16 bytes)
        case teaser(of: Page, title: Bool)
        /// "tail: after WHAT at line N"
        case tail(after: TailCut, line: Int32)
        /// "tail: after the title of ID at line N", ID the page's
        case tailAfterTitle(of: Page, line: Int32)
        /// "score 0.12, 40 blocks before the article body": the body
        /// model's score in thousandths, and where the block stands
        /// (-1 before the body, 0 within it, 1 after it).
        case outside(score: Int16, place: Int8, blocks: Int32)
        /// "section header" or "link after a section label"
        case sectionLabel(link: Bool)
    }

    /// Evidence given as text, boxed: a string in place would double a removal's size.
    final class Text: Sendable {
        let text: String
        init(_ text: String) { self.text = text }
    }

    /// What a tail was cut after.
    enum TailCut: UInt8, Sendable {
        case sectionHeader, appeal, byline

        var description: String {
            switch self {
            case .sectionHeader: return "section header"
            case .appeal: return "appeal"
            case .byline: return "byline"
            }
        }
    }

    public init(_ reason: RemovalReason, _ evidence: String) {
        self.reason = reason
        detail = .text(Text(evidence))
    }

    init(_ reason: RemovalReason, _ evidence: Evidence) {
        self.reason = reason
        detail = evidence
    }

    /// Human-readable evidence, such as "repeat of line 4".
    public var evidence: String {
        switch detail {
        case .text(let text): return text.text
        case .repeatOf(let line): return "repeat of line \(line)"
        case .printedTwice(let a, let b): return "printed twice (lines \(a) and \(b))"
        case .groupRepeated(let line): return "part of a group repeated at line \(line)"
        case .wordsCopied(let line): return "copy of words in line \(line)"
        case .gluedToTitle(let line): return "glued to the title at line \(line)"
        case .template(let pages, let of): return "template: in \(pages) of \(of) pages"
        case .teaser(let page, let title): return "teaser: \(title ? "title" : "lead") of \(page.id)"
        case .tail(let what, let line): return "tail: after \(what.description) at line \(line)"
        case .tailAfterTitle(let page, let line): return "tail: after the title of \(page.id) at line \(line)"
        case .outside(let score, let place, let blocks):
            let where_ = place == 0 ? "within the article body"
                : "\(blocks) block\(blocks == 1 ? "" : "s") \(place < 0 ? "before" : "after") the article body"
            return "score \(String(format: "%.2f", Double(score) / 1000)), \(where_)"
        case .sectionLabel(let link): return link ? "link after a section label" : "section header"
        }
    }

    /// Removals are equal when they give the same reason and evidence, however it is held.
    public static func == (a: Removal, b: Removal) -> Bool { a.reason == b.reason && a.evidence == b.evidence }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(reason)
        hasher.combine(evidence)
    }
}
