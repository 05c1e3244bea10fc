import CLibXML2

/// The text of an HTML page, one block a line, as a scraper saves it: what
/// the cleaner reads. Parsed by libxml2's HTML parser (the one lxml and
/// trafilatura use), which tolerates broken markup and honours the page's
/// `<meta charset>`; a page with none that is valid UTF-8 is read as UTF-8.
///
/// Block elements (paragraphs, headings, list items, cells, `div`s, `br`)
/// end a line; the text of inline elements joins its line, runs of white
/// space folded to one space. Scripts, styles and other elements that hold
/// no reader's text are left out; the `<title>` is the first line.
enum HTMLText {
    /// - Parameter charset: the charset the page was served with (an HTTP
    ///   header's), for bytes that are not UTF-8; else the page's own
    ///   `<meta charset>` decides.
    static func text(of bytes: [UInt8], charset: String? = nil) -> [UInt8] {
        guard !bytes.isEmpty else { return [] }
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOBLANKS.rawValue)
        let utf8 = bytes.withUnsafeBufferPointer { TextDecoder.isValidUTF8($0) }
        let encoding: String? = utf8 ? "UTF-8" : charset.flatMap { name in
            // Only a charset libxml2 knows (its own or iconv's).
            guard let handler = xmlFindCharEncodingHandler(name) else { return nil }
            xmlCharEncCloseFunc(handler)
            return name
        }
        let parsed = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                if let encoding { return htmlReadMemory(pointer, Int32(buffer.count), nil, encoding, options) }
                return htmlReadMemory(pointer, Int32(buffer.count), nil, nil, options)
            }
        }
        guard let document = parsed else { return [] }
        defer { xmlFreeDoc(document) }
        var writer = LineWriter()
        writer.walk(xmlDocGetRootElement(document), depth: 0)
        writer.endLine()
        return writer.out
    }

    /// Elements whose text no reader sees.
    private static let skipped: Set<String> = [
        "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "select", "head",
    ]

    /// Elements that end a line before and after their text.
    private static let blocks: Set<String> = [
        "address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd", "details", "dialog",
        "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hgroup", "hr", "legend", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary",
        "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "ul",
    ]

    private struct LineWriter {
        var out: [UInt8] = []
        var line: [UInt8] = []
        var pendingSpace = false

        mutating func endLine() {
            if !line.isEmpty {
                out += line
                out.append(0x0A)
            }
            line.removeAll(keepingCapacity: true)
            pendingSpace = false
        }

        /// Text, with runs of white space folded to one space.
        mutating func append(_ text: UnsafePointer<UInt8>) {
            var p = text
            while p.pointee != 0 {
                let b = p.pointee
                if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C {
                    pendingSpace = true
                } else {
                    if pendingSpace && !line.isEmpty { line.append(0x20) }
                    pendingSpace = false
                    line.append(b)
                }
                p += 1
            }
        }

        mutating func walk(_ first: xmlNodePtr?, depth: Int) {
            var node = first
            while let current = node {
                defer { node = current.pointee.next }
                switch current.pointee.type {
                case XML_ELEMENT_NODE:
                    let name = String(cString: current.pointee.name).lowercased()
                    if name == "head" {
                        // Only the title of the head.
                        var child = current.pointee.children
                        while let c = child {
                            if c.pointee.type == XML_ELEMENT_NODE, String(cString: c.pointee.name).lowercased() == "title" {
                                endLine()
                                walk(c.pointee.children, depth: depth + 1)
                                endLine()
                            }
                            child = c.pointee.next
                        }
                        continue
                    }
                    if HTMLText.skipped.contains(name) || depth > 1000 { continue }
                    let block = HTMLText.blocks.contains(name)
                    if block { endLine() }
                    walk(current.pointee.children, depth: depth + 1)
                    if block { endLine() }
                case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                    if let content = current.pointee.content { append(content) }
                default:
                    break
                }
            }
        }
    }
}
