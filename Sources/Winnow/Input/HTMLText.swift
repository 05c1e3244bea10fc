import CLibXML2
import Glibc

/// The text of an HTML page, one block a line, as a scraper saves it: what
/// the cleaner reads. Parsed by libxml2's HTML parser (the one lxml and
/// trafilatura use), which tolerates broken markup and honours the page's
/// `<meta charset>`; a page with none that is valid UTF-8 is read as UTF-8.
///
/// Block elements (paragraphs, headings, list items, cells, `div`s, `br`)
/// end a line; the text of inline elements joins its line, runs of white
/// space folded to one space. Scripts, styles and other elements that hold
/// no reader's text are left out; the `<title>` is the first line. Each line
/// also gets what the markup says of it (``LineMarkup``), which the body
/// model reads. The page is read as the parser's stream of events: no tree
/// is built, and no recursion follows the nesting.
enum HTMLText {
    /// - Parameter charset: the charset the page was served with (an HTTP
    ///   header's), for bytes that are not UTF-8; else the page's own
    ///   `<meta charset>` decides.
    static func text(of bytes: [UInt8], charset: String? = nil) -> [UInt8] {
        read(bytes, charset: charset).text
    }

    /// The page's text, and what its markup says of each line of it
    /// (`markup[n - 1]` for line `n`).
    static func read(_ bytes: [UInt8], charset: String? = nil) -> (text: [UInt8], markup: [LineMarkup]) {
        // libxml2 takes a length in 32 bits; the readers refuse longer pages first.
        guard !bytes.isEmpty, bytes.count <= Int(Int32.max) else { return ([], []) }
        _ = libraryReady
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOBLANKS.rawValue)
        let utf8 = bytes.withUnsafeBufferPointer { TextDecoder.isValidUTF8($0) }
        let encoding: String? = utf8 ? "UTF-8" : charset.flatMap { name in
            // Only a charset libxml2 knows (its own or iconv's).
            guard let handler = xmlFindCharEncodingHandler(name) else { return nil }
            xmlCharEncCloseFunc(handler)
            return name
        }
        // Parsed as a stream of events (SAX): no tree is built and freed.
        // Scripts and styles, whose text no reader sees, are left out first:
        // a third of a news page's bytes, which the parser reads a character at a time.
        let bytes = RawText.withoutContents(bytes)
        let parser = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                htmlCreateMemoryParserCtxt($0, Int32(buffer.count))
            }
        }
        guard let parser else { return ([], []) }
        defer { htmlFreeParserCtxt(parser) }
        guard let sax = parser.pointee.sax else { return ([], []) }
        // Only the events the reader needs: no document is built.
        sax.pointee = xmlSAXHandler()
        sax.pointee.initialized = 1
        sax.pointee.startElement = { writer, name, attributes in
            guard let writer, let name else { return }
            writer.assumingMemoryBound(to: LineWriter.self).pointee.startElement(name, attributes)
        }
        sax.pointee.endElement = { writer, _ in
            writer?.assumingMemoryBound(to: LineWriter.self).pointee.endElement()
        }
        sax.pointee.characters = { writer, text, count in
            guard let writer, let text, count > 0 else { return }
            writer.assumingMemoryBound(to: LineWriter.self).pointee.append(UnsafeBufferPointer(start: text, count: Int(count)))
        }
        sax.pointee.cdataBlock = sax.pointee.characters
        htmlCtxtUseOptions(parser, options)
        if let encoding, let handler = xmlFindCharEncodingHandler(encoding) {
            xmlSwitchToEncoding(parser, handler)
        }
        var writer = LineWriter()
        withUnsafeMutablePointer(to: &writer) { pointer in
            parser.pointee.userData = UnsafeMutableRawPointer(pointer)
            _ = htmlParseDocument(parser)
            parser.pointee.userData = nil
        }
        if let document = parser.pointee.myDoc { xmlFreeDoc(document) }
        writer.endLine()
        return (writer.out, writer.markup)
    }

    /// libxml2 set up once, before any thread parses: its set-up is not
    /// safe to run on two threads at once.
    private static let libraryReady: Void = xmlInitParser()

    /// What the reader makes of an element: whether its text is seen, whether
    /// it ends a line, and what it says of the text inside it.
    struct Element {
        var skipped = false
        var block = false
        var tag: LineMarkup.Tag?
        var headingLevel: UInt8 = 0
        var section: LineMarkup.Sections = []
        var link = false
        /// `head`, whose text is only its title.
        var head = false

        /// The elements by name, looked up from the parser's bytes (no string made).
        private static let table: (keys: HashTable64<Int32>, names: [(UInt64, UInt64)], elements: [Element]) = {
            var elements: [String: Element] = [:]
            // Elements whose text no reader sees.
            for name in ["script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "select", "head"] {
                elements[name] = Element(skipped: true)
            }
            // Elements that end a line before and after their text.
            for name in ["address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd", "details", "dialog",
                         "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
                         "h6", "header", "hgroup", "hr", "legend", "li", "main", "menu", "nav", "ol", "p", "pre", "section",
                         "summary", "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "ul"] {
                elements[name] = Element(block: true)
            }
            func set(_ names: [String], _ change: (inout Element) -> Void) {
                for name in names { change(&elements[name, default: Element()]) }
            }
            set(["p"]) { $0.tag = .paragraph }
            for level in 1 ... 6 { set(["h\(level)"]) { $0.tag = .heading; $0.headingLevel = UInt8(level) } }
            set(["li"]) { $0.tag = .listItem }
            set(["td", "th"]) { $0.tag = .cell }
            set(["title"]) { $0.tag = .title }
            set(["figcaption", "caption"]) { $0.tag = .caption }
            set(["blockquote"]) { $0.tag = .blockquote }
            set(["pre"]) { $0.tag = .preformatted }
            set(["dt", "dd"]) { $0.tag = .definition }
            set(["div", "section"]) { $0.tag = .division }
            set(["a"]) { $0.link = true }
            set(["head"]) { $0.head = true }
            set(["nav", "menu"]) { $0.section = .nav }
            set(["header"]) { $0.section = .header }
            set(["footer"]) { $0.section = .footer }
            set(["aside"]) { $0.section = .aside }
            set(["article"]) { $0.section = .article }
            set(["main"]) { $0.section = .main }
            set(["form"]) { $0.section = .form }
            set(["figure"]) { $0.section = .figure }
            set(["ul", "ol", "dl"]) { $0.section = .list }
            set(["table"]) { $0.section = .table }
            set(["button", "label"]) { $0.section = .button }
            set(["time"]) { $0.section = .time }
            set(["b", "strong"]) { $0.section = .strong }
            var keys = HashTable64<Int32>(capacity: elements.count)
            var names: [(UInt64, UInt64)] = [], list: [Element] = []
            for (name, element) in elements.sorted(by: { $0.key < $1.key }) {
                let packed = name.utf8CString.withUnsafeBufferPointer {
                    $0.withMemoryRebound(to: UInt8.self) { pack($0.baseAddress!)! }
                }
                keys.set(packed.key, Int32(list.count))
                names.append(packed.name)
                list.append(element)
            }
            return (keys, names, list)
        }()

        /// A name of up to 16 bytes, lower-cased, in two words, and a hash of them.
        private static func pack(_ name: UnsafePointer<UInt8>) -> (name: (UInt64, UInt64), key: UInt64)? {
            var words: (UInt64, UInt64) = (0, 0)
            var i = 0
            while name[i] != 0 {
                guard i < 16 else { return nil }
                var b = UInt64(name[i])
                if b >= 0x41 && b <= 0x5A { b += 0x20 }
                if i < 8 { words.0 |= b << (8 * i) } else { words.1 |= b << (8 * (i - 8)) }
                i += 1
            }
            let key = (words.0 ^ (words.1 &* 0xC2B2AE3D27D4EB4F) ^ UInt64(i)) &* 0x9E3779B97F4A7C15
            return (words, key | 1)
        }

        /// The element called `name` (the parser's bytes), nil for one the reader does not know.
        static func named(_ name: UnsafePointer<UInt8>) -> Element? {
            guard let packed = pack(name), let index = table.keys[packed.key] else { return nil }
            let i = Int(index)
            guard table.names[i] == packed.name else { return nil }
            return table.elements[i]
        }
    }

    /// What the elements around a point of the tree say of its text.
    private struct Context {
        var depth = 0
        var tag = LineMarkup.Tag.other
        var headingLevel: UInt8 = 0
        var sections: LineMarkup.Sections = []
        /// Inside a link.
        var link = false
        /// Elements up to the nearest furniture and article class or id.
        var furniture = Int(LineMarkup.none)
        var content = Int(LineMarkup.none)
        /// The innermost block element, and the two holding it (numbered).
        var block: UInt32 = 0
        var parent: UInt32 = 0
        var grandparent: UInt32 = 0
        /// Inside an element whose text no reader sees; inside the head.
        var skipped = false
        var head = false
        /// Whether the element ends a line when it ends.
        var endsLine = false

        /// The context inside `element` (nil for one the reader does not
        /// know), `node`, the `number`th element of the page.
        func entering(_ element: Element?, _ attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?, number: UInt32,
                      classes: inout ClassWords.Cache) -> Context {
            var inner = self
            inner.depth += 1
            inner.endsLine = element?.block ?? false
            if inner.furniture != Int(LineMarkup.none) { inner.furniture = min(inner.furniture + 1, 254) }
            if inner.content != Int(LineMarkup.none) { inner.content = min(inner.content + 1, 254) }
            if let element {
                if let tag = element.tag {
                    inner.tag = tag
                    inner.headingLevel = element.headingLevel
                }
                if element.link { inner.link = true }
                inner.sections.formUnion(element.section)
                if element.block {
                    inner.sections.remove(.strong)
                    (inner.grandparent, inner.parent, inner.block) = (parent, block, number)
                }
            }
            // The names a container gives itself: attributes come as name, value, …, nil.
            var i = 0
            while let attributes, let name = attributes[i] {
                defer { i += 2 }
                guard let value = attributes[i + 1] else { continue }
                let first = name.pointee | 0x20
                if first == 0x63 && strcmp(name, "class") == 0 || first == 0x69 && strcmp(name, "id") == 0 {
                    let says = classes.judge(value)
                    if says.furniture { inner.furniture = 0 }
                    if says.content { inner.content = 0 }
                } else if first == 0x72 && strcmp(name, "role") == 0 {
                    switch String(cString: value).lowercased() {
                    case "navigation", "menu", "menubar": inner.sections.insert(.nav)
                    case "banner": inner.sections.insert(.header)
                    case "contentinfo": inner.sections.insert(.footer)
                    case "complementary": inner.sections.insert(.aside)
                    case "main": inner.sections.insert(.main)
                    case "article": inner.sections.insert(.article)
                    default: break
                    }
                }
            }
            return inner
        }
    }

    private struct LineWriter {
        var out: [UInt8] = []
        var markup: [LineMarkup] = []
        var line: [UInt8] = []
        var current = LineMarkup()
        /// Links begun on the line so far.
        var links = 0
        /// Elements entered so far.
        var elements: UInt32 = 0
        /// The context of each element open, innermost last.
        var stack: [Context] = []
        /// What the page's class and id values say, each judged once.
        var classes = ClassWords.Cache()
        var pendingSpace = false

        mutating func endLine() {
            if !line.isEmpty {
                out += line
                out.append(0x0A)
                current.bytes = UInt32(clamping: line.count)
                current.links = UInt16(clamping: links)
                markup.append(current)
            }
            links = 0
            line.removeAll(keepingCapacity: true)
            pendingSpace = false
        }

        /// Text, with runs of white space folded to one space. A link's
        /// bytes are counted as link text, not the space before it.
        mutating func append(_ text: UnsafeBufferPointer<UInt8>) {
            guard let context = stack.last, !context.skipped else { return }
            @inline(__always) func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C }
            var appended = 0
            var i = 0
            let n = text.count
            while i < n {
                if isSpace(text[i]) {
                    pendingSpace = true
                    i += 1
                    continue
                }
                // A run of bytes that are not white space, copied whole.
                var end = i + 1
                while end < n && !isSpace(text[end]) { end += 1 }
                if line.isEmpty { start(context) }
                if pendingSpace && !line.isEmpty {
                    line.append(0x20)
                    if appended > 0 { appended += 1 }
                }
                pendingSpace = false
                line.append(contentsOf: UnsafeBufferPointer(rebasing: text[i ..< end]))
                appended += end - i
                i = end
            }
            if context.link { current.linkBytes += UInt32(clamping: appended) }
        }

        /// A line's markup, from the context of its first text.
        mutating func start(_ context: Context) {
            current = LineMarkup(tag: context.tag, headingLevel: context.headingLevel, sections: context.sections,
                                 furnitureClassDistance: UInt8(context.furniture), contentClassDistance: UInt8(context.content),
                                 depth: UInt8(clamping: context.depth), parent: context.parent, grandparent: context.grandparent)
        }

        /// An element begins: a block ends the line before it; its context
        /// (what it and its attributes say) holds for the text inside it.
        mutating func startElement(_ name: UnsafePointer<UInt8>, _ attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?) {
            let outer = stack.last ?? Context()
            let element = Element.named(name)
            elements &+= 1
            var inner: Context
            if outer.skipped || outer.depth >= 1000 || element?.skipped == true {
                // Text no reader sees: only the title of the head is read.
                inner = outer
                inner.depth += 1
                inner.skipped = true
                inner.endsLine = false
                if outer.skipped && outer.head, let element, element.tag == .title {
                    endLine()
                    // At the head's depth: as if it stood in its place.
                    inner = outer.entering(element, attributes, number: elements, classes: &classes)
                    (inner.skipped, inner.head, inner.depth) = (false, false, outer.depth)
                } else if !outer.skipped {
                    inner.head = element?.head ?? false
                }
            } else {
                if element?.block == true { endLine() }
                inner = outer.entering(element, attributes, number: elements, classes: &classes)
                if element?.link == true && !outer.link { links += 1 }
            }
            stack.append(inner)
        }

        /// An element ends (the parser closes every element it opens, those
        /// the markup left open too): a block ends its line.
        mutating func endElement() {
            guard let inner = stack.popLast() else { return }
            if inner.endsLine { endLine() }
        }
    }
}

/// The raw text elements of HTML (`script`, `style`), found the way an HTML
/// tokenizer finds them: a start tag outside comments and other tags (quoted
/// attribute values skipped), then everything up to `</script` or `</style`.
enum RawText {
    /// `bytes` with the contents of every script and style left out (their tags kept).
    static func withoutContents(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBufferPointer { all -> [UInt8] in
            let n = all.count
            guard let base = all.baseAddress else { return bytes }
            var out: [UInt8] = []
            var copied = 0  // bytes before this are in `out`, or left out
            var i = 0
            func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b + 0x20 : b }
            func matches(_ at: Int, _ word: StaticString) -> Bool {
                let count = word.utf8CodeUnitCount
                guard at + count <= n else { return false }
                for k in 0 ..< count where lower(all[at + k]) != word.utf8Start[k] { return false }
                return true
            }
            func find(_ needle: StaticString, from: Int) -> Int? {
                var at = from
                while at < n, let hit = memchr(base + at, Int32(needle.utf8Start[0]), n - at) {
                    let k = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
                    if matches(k, needle) { return k }
                    at = k + 1
                }
                return nil
            }
            while i < n, let hit = memchr(base + i, 0x3C, n - i) {
                let lt = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
                if matches(lt, "<!--") {
                    guard let end = find("-->", from: lt + 4) else { break }
                    i = end + 3
                    continue
                }
                let first = lt + 1 < n ? lower(all[lt + 1]) : 0
                guard first >= 0x61 && first <= 0x7A else { i = lt + 1; continue }
                // A start tag: its name, then its end, past quoted values.
                var k = lt + 1
                while k < n, lower(all[k]) >= 0x61 && lower(all[k]) <= 0x7A || all[k] >= 0x30 && all[k] <= 0x39 || all[k] == 0x2D { k += 1 }
                let nameEnd = k
                var quote: UInt8 = 0
                while k < n {
                    let b = all[k]
                    if quote != 0 { if b == quote { quote = 0 } } else if b == 0x22 || b == 0x27 { quote = b } else if b == 0x3E { break }
                    k += 1
                }
                guard k < n else { break }
                let raw: StaticString?
                switch nameEnd - lt - 1 {
                case 6 where matches(lt + 1, "script"): raw = "</script"
                case 5 where matches(lt + 1, "style"): raw = "</style"
                default: raw = nil
                }
                i = k + 1
                guard let raw, all[k - 1] != 0x2F else { continue }
                // Its contents, to the end tag (or the end of the page), left out.
                let end = find(raw, from: i) ?? n
                if end > i {
                    if out.isEmpty { out.reserveCapacity(n) }
                    out.append(contentsOf: UnsafeBufferPointer(start: base + copied, count: i - copied))
                    copied = end
                }
                i = end
            }
            if copied == 0 { return bytes }
            out.append(contentsOf: UnsafeBufferPointer(start: base + copied, count: n - copied))
            return out
        }
    }
}

/// Class and id names that say what a container holds: furniture (menus,
/// shares, related links, comments, advertising), the article, or both
/// (`article-footer`). Words are
/// split at anything not a letter or digit and where lower case turns to
/// upper (`relatedPosts`); short words must match whole, longer ones may
/// begin a word (`navbar`, `comments`).
enum ClassWords {
    static let furniture: [String] = [
        "nav", "menu", "footer", "header", "masthead", "sidebar", "aside", "related", "share", "sharing", "social",
        "comment", "widget", "breadcrumb", "banner", "promo", "newsletter", "subscri", "signup", "cookie", "consent",
        "gdpr", "advert", "sponsor", "byline", "author", "caption", "popular", "recommend", "trending", "copyright",
        "login", "modal", "popup", "toolbar", "pagination", "pager", "outbrain", "taboola", "teaser", "footnote",
    ]
    static let furnitureWhole: [String] = ["ad", "ads", "tag", "tags", "meta", "more", "rss", "skip", "credit", "credits", "hidden"]
    static let content: [String] = ["article", "content", "post", "entry", "story", "body", "main", "prose", "blog", "detail"]

    /// The judgements of one page's class and id values (a page repeats a
    /// few dozen values over thousands of elements), by their hash.
    struct Cache {
        private var judged = HashTable64<UInt8>(capacity: 64)

        mutating func judge(_ value: UnsafePointer<UInt8>) -> (furniture: Bool, content: Bool) {
            let key = XXH3.hash(UnsafeRawPointer(value), count: strlen(UnsafeRawPointer(value).assumingMemoryBound(to: CChar.self)), seed: 0)
            if let bits = judged[key] { return (bits & 1 != 0, bits & 2 != 0) }
            let says = ClassWords.judge(value)
            judged.set(key, (says.furniture ? 1 : 0) | (says.content ? 2 : 0))
            return says
        }
    }

    /// The words by their first letter, for a word to be compared only with those that may match it.
    private static func byFirstByte(_ words: [String]) -> [[[UInt8]]] {
        var table = [[[UInt8]]](repeating: [], count: 256)
        for word in words { table[Int(word.utf8.first!)].append(Array(word.utf8)) }
        return table
    }
    private static let furnitureBytes = byFirstByte(furniture)
    private static let furnitureWholeBytes = byFirstByte(furnitureWhole)
    private static let contentBytes = byFirstByte(content)

    /// Whether the names of `value` (an attribute's, NUL-terminated) name furniture, the article, or both.
    static func judge(_ value: UnsafePointer<UInt8>) -> (furniture: Bool, content: Bool) {
        var found = (furniture: false, content: false)
        // Each word, lower-cased, in a small buffer; longer words are cut (only their start is matched).
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { word in
            var count = 0, words = 0
            var previousLower = false
            func judgeWord() {
                guard count > 0 else { return }
                let w = UnsafeBufferPointer(rebasing: word[..<count])
                let first = Int(w[0])
                if !found.furniture {
                    found.furniture = furnitureWholeBytes[first].contains { $0.elementsEqual(w) }
                        || furnitureBytes[first].contains { $0.count <= w.count && $0.elementsEqual(w.prefix($0.count)) }
                }
                if !found.content {
                    found.content = contentBytes[first].contains { $0.count <= w.count && $0.elementsEqual(w.prefix($0.count)) }
                }
                count = 0
                words += 1
            }
            var p = value
            while p.pointee != 0 && words < 32 {
                let b = p.pointee
                p += 1
                let upper = b >= 0x41 && b <= 0x5A, lower = b >= 0x61 && b <= 0x7A, digit = b >= 0x30 && b <= 0x39
                if upper && previousLower { judgeWord() }
                if upper || lower || digit {
                    if count < 32 { word[count] = upper ? b + 0x20 : b; count += 1 }
                } else {
                    judgeWord()
                }
                previousLower = lower
            }
            judgeWord()
        }
        return found
    }
}
