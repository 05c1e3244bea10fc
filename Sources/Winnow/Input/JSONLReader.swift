import Glibc

/// Reads JSONL: one object per line, with a text field and an optional id.
///
/// A file's lines are read in chunks on all threads (a dump is often one
/// JSONL file): first each chunk's lines are counted, so that every record
/// knows its line number, then each chunk's records are parsed and their
/// pages analysed.
/// A line of a JSONL file that gave no page, kept as it was.
struct PassedOverLine: Sendable {
    let line: Int
    let bytes: [UInt8]
}

enum JSONLReader {
    /// One file's records: its pages in line order, each with its record
    /// (when kept) and its visit, and what went wrong, in line order.
    struct Records<Visit> {
        var pages: [(Page, SourceRecord?)] = []
        var visits: [Visit?] = []
        var diagnostics: [Diagnostic] = []
        /// The lines that gave no page (blank, or a record that cannot be
        /// read), as they were, when records are kept: `clean` writes them
        /// back in place, so that every line of the input is in its output.
        var passedOver: [PassedOverLine] = []
    }

    /// The pages of a JSONL file's bytes, with what went wrong.
    static func read(_ data: [UInt8], file: InputFile, options: ReadOptions)
        -> (pages: [(Page, SourceRecord?)], diagnostics: [Diagnostic])
    {
        let records = read(data, file: file, options: options, visit: Optional<(Page) -> Void>.none)
        return (records.pages, records.diagnostics)
    }

    /// The records of a JSONL file's bytes, each page visited by `visit` as
    /// soon as it is analysed, on the thread that analysed it. The records'
    /// lines are kept (``SourceRecord``) unless `options` lets go of them.
    /// The progress meter advances by `shownBytes` (the file's size on
    /// disk, say) over the whole of `data`.
    /// `markup[n - 1]`, when given, is what the markup of line `n`'s page
    /// says of its text's lines (a WARC file's HTML records, read as JSONL).
    static func read<Visit>(_ data: [UInt8], file: InputFile, options: ReadOptions,
                            visit: ((Page) -> Visit)?, shownBytes: Int = 0, markup: [[LineMarkup]?]? = nil) -> Records<Visit> {
        data.withUnsafeBufferPointer { all in
            let chunks = chunks(of: all, threads: options.threads)
            let lineCounts = Parallel.map(chunks.count, threads: options.threads) { c in
                var count = 0
                LineSplitter.forEachLine(UnsafeBufferPointer(rebasing: all[chunks[c]])) { _ in count += 1; return true }
                return count
            }
            var linesBefore = 0
            let firstLines = lineCounts.map { count in
                defer { linesBefore += count }
                return linesBefore
            }
            let parts = Parallel.map(chunks.count, threads: options.threads, worker: LineAnalyzer.init) { analyzer, c in
                defer { options.progress?.advance(0, bytes: shownBytes * chunks[c].count / max(1, all.count)) }
                return read(UnsafeBufferPointer(rebasing: all[chunks[c]]), linesBefore: firstLines[c], file: file,
                            options: options, analyzer: analyzer, visit: visit, markup: markup)
            }
            if parts.count == 1 { return parts[0] }
            var records = Records<Visit>()
            records.pages.reserveCapacity(parts.reduce(0) { $0 + $1.pages.count })
            for part in parts {
                records.pages += part.pages
                records.visits += part.visits
                records.diagnostics += part.diagnostics
                records.passedOver += part.passedOver
            }
            return records
        }
    }

    /// Ranges of `all` (a leading BOM left out) that each end after a line
    /// feed, or at the end: a few per thread, of at least 1 MB.
    private static func chunks(of all: UnsafeBufferPointer<UInt8>, threads: Int) -> [Range<Int>] {
        let start = all.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let size = max(1 << 20, (all.count - start) / max(1, threads * 8))
        var chunks: [Range<Int>] = []
        var lower = start
        while lower < all.count {
            var upper = all.count
            if lower + size < all.count, let lf = memchr(all.baseAddress! + lower + size, 0x0A, all.count - lower - size) {
                upper = UnsafeRawPointer(lf) - UnsafeRawPointer(all.baseAddress!) + 1
            }
            chunks.append(lower ..< upper)
            lower = upper
        }
        return chunks
    }

    /// The records of `lines`, whose first line is line `linesBefore + 1` of the file.
    private static func read<Visit>(_ lines: UnsafeBufferPointer<UInt8>, linesBefore: Int, file: InputFile,
                                    options: ReadOptions, analyzer: LineAnalyzer,
                                    visit: ((Page) -> Visit)?, markup: [[LineMarkup]?]?) -> Records<Visit> {
        var records = Records<Visit>()
        let keep = !options.releasesText
        LineSplitter.forEachLine(lines) { line in
            let bytes = UnsafeBufferPointer(rebasing: lines[line.range])
            let number = linesBefore + line.number
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                if keep { records.passedOver.append(PassedOverLine(line: number, bytes: Array(bytes))) }
                return true
            }
            let origin = PageOrigin(path: file.path, line: number)
            let lines = markup.flatMap { number <= $0.count ? $0[number - 1] : nil }
            if let (page, record) = self.record(bytes, origin: origin, options: options, markup: lines, analyzer: analyzer,
                                                diagnostics: &records.diagnostics) {
                records.pages.append((page, record))
                if let visit { records.visits.append(visit(page)) }
                if let spill = options.spill { page.spillTokens(to: spill) }
            } else if keep {
                records.passedOver.append(PassedOverLine(line: number, bytes: Array(bytes)))
            }
            return true
        }
        return records
    }

    /// The page of one line's record, and the record when kept; nil, with
    /// a diagnostic, when it has none.
    ///
    /// A record kept is written back (`clean`), so its line must be valid
    /// UTF-8: one that is not is repaired first, then read. A record not
    /// kept is not checked: its text is, as the page is analysed.
    private static func record(_ line: UnsafeBufferPointer<UInt8>, origin: PageOrigin, options: ReadOptions,
                               markup: [LineMarkup]?, analyzer: LineAnalyzer,
                               diagnostics: inout [Diagnostic]) -> (Page, SourceRecord?)? {
        let keep = !options.releasesText
        if keep && !TextDecoder.isValidUTF8(line) {
            let repaired = TextDecoder.repair(Array(line))
            diagnostics.append(Diagnostic(.warning, origin, "replaced \(repaired.invalidSequences) invalid UTF-8 sequence(s)"))
            return repaired.bytes.withUnsafeBufferPointer {
                record($0, origin: origin, options: options, markup: markup, analyzer: analyzer, diagnostics: &diagnostics)
            }
        }
        do throws(JSONScanner.SyntaxError) {
            let members = try JSONScanner.members(of: line)
            let field = options.htmlField ?? options.textField
            guard let text = members.first(where: { $0.key == field }) else {
                diagnostics.append(Diagnostic(.error, origin, "no \"\(field)\" field"))
                return nil
            }
            // Tools disagree on which of two is the value (the first here, the last for most):
            // a record with two is cleaned by none.
            guard members.lazy.filter({ $0.key == field }).count == 1 else {
                diagnostics.append(Diagnostic(.error, origin, "two \"\(field)\" fields"))
                return nil
            }
            guard line[text.value.lowerBound] == UInt8(ascii: "\"") else {
                diagnostics.append(Diagnostic(.error, origin, "\"\(field)\" is not a string"))
                return nil
            }
            var bytes = try JSONScanner.decodeBytes(UnsafeBufferPointer(rebasing: line[text.value]))
            var markup = markup
            // Where the cleaned text goes: the text field's value, or a field added.
            var target = text.value, adds: String?
            if options.htmlField != nil {
                let html = HTMLText.read(bytes)
                (bytes, markup) = (html.text, html.markup)
                if let existing = members.first(where: { $0.key == options.textField }),
                   line[existing.value.lowerBound] == UInt8(ascii: "\"") {
                    target = existing.value
                } else {
                    let brace = line.lastIndex(of: UInt8(ascii: "}")) ?? line.endIndex
                    (target, adds) = (brace ..< brace, options.textField)
                }
            }
            var id = String(origin.line ?? 0)
            var invalid = 0  // in the id of a record not checked
            if let idMember = members.first(where: { $0.key == options.idField }) {
                let raw = UnsafeBufferPointer(rebasing: line[idMember.value])
                if !keep && !TextDecoder.isValidUTF8(raw) { invalid = TextDecoder.repair(Array(raw)).invalidSequences }
                id = raw.first == UInt8(ascii: "\"") ? try JSONScanner.decodeString(raw) : String(decoding: raw, as: UTF8.self)
            }
            if let tooLong = Page.sizeError(bytes.count) {
                diagnostics.append(Diagnostic(.error, origin, tooLong))
                return nil
            }
            let page = Page(id: id, origin: origin, bytes: bytes, markup: markup, analyzer: analyzer)
            invalid += page.invalidSequences
            if invalid > 0 {
                diagnostics.append(Diagnostic(.warning, origin, "replaced \(invalid) invalid UTF-8 sequence(s)"))
            }
            if page.blocks.isEmpty {
                diagnostics.append(Diagnostic(.warning, origin, "\"\(field)\" holds no text"))
            }
            return (page, keep ? SourceRecord(line: Array(line), textValue: target, addsField: adds) : nil)
        } catch {
            diagnostics.append(Diagnostic(.error, origin, "malformed JSON at column \(error.offset + 1): \(error.message)"))
            return nil
        }
    }
}
