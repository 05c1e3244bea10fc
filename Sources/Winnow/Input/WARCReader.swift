import Foundation

/// Reads a WARC file (ISO 28500, WARC/1.0 and 1.1), plain or gzipped (a
/// gzip member a record, as crawlers write them, or one stream), as the
/// JSONL of its pages: a line a page, `{"id", "url", "date", "text"}`, which
/// the JSONL reader then reads, and `clean` writes back with the text
/// cleaned (`NAME.jsonl` or `.jsonl.gz` for `NAME.warc` or `.warc.gz`).
///
/// A page is a `response` record whose HTTP payload is HTML (read as its
/// text, ``HTMLText``) or plain text, or a `resource` or `conversion` record
/// of HTML or plain text. Other records (requests, metadata, `warcinfo`,
/// images, scripts) are not pages and are counted, not read. The page's id
/// is its `WARC-Record-ID`; its URL `WARC-Target-URI`; its date `WARC-Date`.
///
/// A record that cannot be read (corrupt gzip, no WARC header, a length
/// that runs past the end of the file) is an error naming the file and the
/// record's offset; the records around it are read.
enum WARCReader {
    struct Pages {
        /// The pages as JSONL, a line each.
        var jsonl: [UInt8] = []
        /// What the markup of each page (each line of ``jsonl``) says of its
        /// text's lines; nil for a page of plain text.
        var markup: [[LineMarkup]?] = []
        var pages = 0
        /// Records that are not pages.
        var otherRecords = 0
        var diagnostics: [Diagnostic] = []
    }

    /// A record read, its text not yet extracted.
    private struct Record {
        let header: Header
        let block: ArraySlice<UInt8>
    }

    /// The pages of a WARC file's bytes; their text is extracted on `threads`
    /// threads, a batch of records (``batchBytes`` decompressed) at a time:
    /// a gzipped WARC is never held decompressed whole (a crawl's file is
    /// a gigabyte compressed, several decompressed).
    static func read(_ data: [UInt8], path: String, threads: Int = 1, batchBytes: Int = Self.batchBytes) -> Pages {
        var result = Pages()
        let origin = PageOrigin(path: path)
        var found: [Record] = []
        var held = 0
        func flush() {
            let texts = Parallel.map(found.count, threads: threads) { pageText(found[$0].header, found[$0].block) }
            for (record, text) in zip(found, texts) {
                if let text {
                    append(record.header, text: text.text, to: &result.jsonl)
                    result.markup.append(text.markup)
                    result.pages += 1
                } else {
                    result.otherRecords += 1
                }
            }
            found.removeAll()
            held = 0
        }
        if Gzip.isCompressed(data) {
            Gzip.forEachMember(data) { member in
                switch member.bytes {
                case .success(let bytes):
                    records(bytes, base: member.offset, compressed: true, origin: origin, into: &found, &result.diagnostics)
                    held += bytes.count
                    if held >= batchBytes { flush() }
                case .failure(let failure):
                    result.diagnostics.append(Diagnostic(.error, origin, "record at offset \(member.offset): \(failure.reason)"))
                }
            }
        } else {
            records(data, base: 0, compressed: false, origin: origin, into: &found, &result.diagnostics)
        }
        flush()
        return result
    }

    /// The decompressed bytes of records held before their pages are taken out.
    static let batchBytes = 64 << 20

    /// The records of `bytes`: a gzip member's (its offset in the file
    /// `base`), or the whole plain file.
    private static func records(_ bytes: [UInt8], base: Int, compressed: Bool, origin: PageOrigin,
                                into found: inout [Record], _ diagnostics: inout [Diagnostic]) {
        var i = 0
        func offset(_ at: Int) -> String { compressed && at > 0 ? "\(base) (byte \(at) of its gzip member)" : "\(base + at)" }
        while true {
            // Records are separated by two line ends; blank lines before a header are skipped.
            while i < bytes.count && (bytes[i] == 0x0D || bytes[i] == 0x0A) { i += 1 }
            guard i < bytes.count else { return }
            let start = i
            guard let header = Header(bytes, at: start) else {
                diagnostics.append(Diagnostic(.error, origin, "record at offset \(offset(start)): no WARC header"))
                guard let next = nextHeader(bytes, after: start) else { return }
                i = next
                continue
            }
            guard let length = header.contentLength else {
                diagnostics.append(Diagnostic(.error, origin, "record at offset \(offset(start)): no Content-Length"))
                guard let next = nextHeader(bytes, after: start) else { return }
                i = next
                continue
            }
            guard header.end + length <= bytes.count else {
                diagnostics.append(Diagnostic(.error, origin,
                    "record at offset \(offset(start)): cut short (Content-Length \(length), \(bytes.count - header.end) bytes left)"))
                return
            }
            found.append(Record(header: header, block: bytes[header.end ..< header.end + length]))
            i = header.end + length
        }
    }

    /// The text of a record that is a page, and what its markup says of its lines.
    private static func pageText(_ header: Header, _ block: ArraySlice<UInt8>) -> (text: [UInt8], markup: [LineMarkup]?)? {
        switch header.field("warc-type")?.lowercased() {
        case "response":
            guard let http = HTTPMessage(block) else { return nil }
            return text(of: http.body, type: http.field("content-type"))
        case "resource", "conversion":
            return text(of: Array(block), type: header.field("content-type"))
        default:
            return nil
        }
    }

    /// HTML as its text, plain text as it is; nil for any other type.
    private static func text(of body: [UInt8], type: String?) -> (text: [UInt8], markup: [LineMarkup]?)? {
        let type = type?.lowercased() ?? ""
        let charset = type.split(separator: ";").dropFirst().lazy
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .first { $0.hasPrefix("charset=") }
            .map { String($0.dropFirst("charset=".count)).trimmingCharacters(in: CharacterSet(charactersIn: "\"' ")) }
        if type.hasPrefix("text/html") || type.hasPrefix("application/xhtml") {
            let html = HTMLText.read(body, charset: charset)
            return (html.text, html.markup)
        }
        if type.hasPrefix("text/plain") { return (body, nil) }
        // No type given: markup is read as HTML.
        if type.isEmpty, let first = body.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }), first == 0x3C {
            let html = HTMLText.read(body, charset: charset)
            return (html.text, html.markup)
        }
        return nil
    }

    private static func append(_ header: Header, text: [UInt8], to out: inout [UInt8]) {
        out += Array("{\"id\":".utf8)
        JSONScanner.appendEncoded(header.field("warc-record-id") ?? "", to: &out)
        out += Array(",\"url\":".utf8)
        JSONScanner.appendEncoded(header.field("warc-target-uri") ?? "", to: &out)
        out += Array(",\"date\":".utf8)
        JSONScanner.appendEncoded(header.field("warc-date") ?? "", to: &out)
        out += Array(",\"text\":".utf8)
        JSONScanner.appendEncoded(String(decoding: text, as: UTF8.self), to: &out)
        out += Array("}\n".utf8)
    }

    /// The next line that starts a WARC header after `offset`.
    private static func nextHeader(_ bytes: [UInt8], after offset: Int) -> Int? {
        let magic = Array("WARC/".utf8)
        var i = offset + 1
        while i + magic.count <= bytes.count {
            if bytes[i - 1] == 0x0A && bytes[i...].starts(with: magic) { return i }
            i += 1
        }
        return nil
    }

    /// Header lines, `Name: value`, up to a blank line: a record's WARC header, or an HTTP message's.
    struct Fields {
        var names: [String] = []
        var values: [String] = []

        /// The value of the first field named `name` (in lower case).
        func field(_ name: String) -> String? { names.firstIndex(of: name).map { values[$0] } }

        /// Reads fields from `start` on; returns where the body starts, or nil without a blank line.
        static func read(_ bytes: ArraySlice<UInt8>, from start: Int, into fields: inout Fields) -> Int? {
            var i = start
            while i < bytes.endIndex {
                guard let newline = bytes[i...].firstIndex(of: 0x0A) else { return nil }
                var lineEnd = newline
                if lineEnd > i && bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                if lineEnd == i { return newline + 1 }  // the blank line
                let line = bytes[i ..< lineEnd]
                if let colon = line.firstIndex(of: 0x3A) {
                    fields.names.append(String(decoding: line[..<colon], as: UTF8.self).trimmingCharacters(in: .whitespaces).lowercased())
                    fields.values.append(String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingCharacters(in: .whitespaces))
                }
                i = newline + 1
            }
            return nil
        }
    }

    /// A record's WARC header: its version line and fields.
    struct Header {
        var fields = Fields()
        /// Where the record's block starts.
        let end: Int

        init?(_ bytes: [UInt8], at start: Int) {
            let magic = Array("WARC/".utf8)
            guard bytes[start...].starts(with: magic),
                  let lineEnd = bytes[start...].firstIndex(of: 0x0A),
                  let end = Fields.read(bytes[...], from: lineEnd + 1, into: &fields) else { return nil }
            self.end = end
        }

        func field(_ name: String) -> String? { fields.field(name) }
        var contentLength: Int? { field("content-length").flatMap { Int($0) }.flatMap { $0 >= 0 ? $0 : nil } }
    }

    /// An HTTP response as a `response` record holds it: status line,
    /// headers, body (de-chunked and decompressed as its headers say).
    struct HTTPMessage {
        var fields = Fields()
        let body: [UInt8]

        init?(_ block: ArraySlice<UInt8>) {
            guard block.starts(with: Array("HTTP/".utf8)), let lineEnd = block.firstIndex(of: 0x0A),
                  let start = Fields.read(block, from: lineEnd + 1, into: &fields) else { return nil }
            var body = Array(block[start...])
            if fields.field("transfer-encoding")?.lowercased().contains("chunked") == true {
                body = Self.dechunked(body) ?? body
            }
            if let encoding = fields.field("content-encoding")?.lowercased(), encoding.contains("gzip"),
               let decompressed = try? Gzip.decompress(body) {
                body = decompressed
            }
            self.body = body
        }

        func field(_ name: String) -> String? { fields.field(name) }

        /// A chunked body's chunks joined; nil when it is not chunked after all.
        static func dechunked(_ bytes: [UInt8]) -> [UInt8]? {
            var out: [UInt8] = []
            var i = 0
            while i < bytes.count {
                guard let newline = bytes[i...].firstIndex(of: 0x0A) else { return nil }
                let sizeText = String(decoding: bytes[i ..< newline], as: UTF8.self)
                    .split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
                guard let size = Int(sizeText, radix: 16), size >= 0 else { return nil }
                if size == 0 { return out }
                let chunk = newline + 1
                guard chunk + size <= bytes.count else { return nil }
                out += bytes[chunk ..< chunk + size]
                i = chunk + size
                while i < bytes.count && (bytes[i] == 0x0D || bytes[i] == 0x0A) && i < chunk + size + 2 { i += 1 }
            }
            return out
        }
    }
}
