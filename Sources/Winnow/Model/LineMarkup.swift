/// What an HTML page's markup says of one line of its text (``HTMLText``):
/// the element the line is a block of, the sections it stands in, how much
/// of it is link text, and whether its containers' class and id names read
/// as furniture (`nav`, `related`, `share`…) or as the article (`content`,
/// `story`…). The body model adds these to the text's own features for
/// pages read from HTML; a page read as text has none.
struct LineMarkup: Sendable, Equatable {
    /// The block element a line is the text of.
    enum Tag: UInt8, Sendable {
        case other, paragraph, heading, listItem, cell, title, caption, blockquote, preformatted, division, definition
    }

    /// The sections a line stands in (any ancestor), as bits.
    struct Sections: OptionSet, Sendable {
        let rawValue: UInt16
        static let nav = Sections(rawValue: 1 << 0)
        static let header = Sections(rawValue: 1 << 1)
        static let footer = Sections(rawValue: 1 << 2)
        static let aside = Sections(rawValue: 1 << 3)
        static let article = Sections(rawValue: 1 << 4)
        static let main = Sections(rawValue: 1 << 5)
        static let form = Sections(rawValue: 1 << 6)
        static let figure = Sections(rawValue: 1 << 7)
        static let list = Sections(rawValue: 1 << 8)
        static let table = Sections(rawValue: 1 << 9)
        static let button = Sections(rawValue: 1 << 10)
        static let time = Sections(rawValue: 1 << 11)
        /// Bold or strong text holds the whole line's start.
        static let strong = Sections(rawValue: 1 << 12)
    }

    var tag: Tag = .other
    /// 1–6 for a heading, else 0.
    var headingLevel: UInt8 = 0
    var sections: Sections = []
    /// The line's bytes, and those inside links.
    var bytes: UInt32 = 0
    var linkBytes: UInt32 = 0
    /// The number of links the line's text holds.
    var links: UInt16 = 0
    /// How many elements up the nearest container whose class or id names
    /// furniture stands (0: the line's own block), ``none`` when none does.
    var furnitureClassDistance: UInt8 = Self.none
    /// The same for a class or id that names the article.
    var contentClassDistance: UInt8 = Self.none
    /// The element depth of the line's block.
    var depth: UInt8 = 0
    /// The block elements that hold the line's block, and the one above
    /// (numbered in the page's order; 0 for none): the article's paragraphs
    /// share theirs.
    var parent: UInt32 = 0
    var grandparent: UInt32 = 0

    static let none: UInt8 = 255

    /// The share of the line's bytes inside links.
    var linkShare: Float { bytes == 0 ? 0 : Float(linkBytes) / Float(bytes) }
}
