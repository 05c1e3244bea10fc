import Foundation

/// What to read from JSONL records.
public struct ReadOptions: Sendable {
    /// The field holding the page text.
    public var textField = "text"
    /// The field holding the page id; without it, the record's line number.
    public var idField = "id"
    /// Worker threads for decoding and hashing.
    public var threads = Parallel.defaultThreads

    public init() {}
}

/// A JSONL record, kept so its other fields can be written back untouched.
struct SourceRecord: Sendable {
    /// The record's line, as read.
    var line: [UInt8]
    /// Where the text field's value lies in ``line``.
    var textValue: Range<Int>
}

/// The pages of a dump, in input order, with what went wrong reading it.
public struct Corpus: Sendable {
    public let inputs: InputSet
    public private(set) var pages: [Page]
    /// For each page, the index of its file in ``InputSet/files``.
    public private(set) var fileIndex: [Int]
    /// Problems met while reading; the pages concerned are left out.
    public private(set) var diagnostics: [Diagnostic]
    /// The JSONL record behind each page (nil for text files).
    var records: [SourceRecord?]

    /// Reads every input. Unreadable files and bad records become diagnostics.
    public init(inputs: InputSet, options: ReadOptions = ReadOptions()) {
        self.inputs = inputs
        let perFile = Parallel.map(inputs.files.count, threads: options.threads) { index in
            Self.read(inputs.files[index], options: options)
        }
        var pages: [Page] = []
        var fileIndex: [Int] = []
        var records: [SourceRecord?] = []
        var diagnostics: [Diagnostic] = []
        for (index, result) in perFile.enumerated() {
            for (page, record) in result.pages {
                pages.append(page)
                records.append(record)
                fileIndex.append(index)
            }
            diagnostics += result.diagnostics
        }
        self.pages = pages
        self.fileIndex = fileIndex
        self.records = records
        self.diagnostics = diagnostics
    }

    /// Resolves `paths` and reads them; throws when they hold no page at all.
    public static func load(_ paths: [String], glob: String, options: ReadOptions) throws(WinnowError) -> Corpus {
        let corpus = Corpus(inputs: try InputSet(paths: paths, glob: glob), options: options)
        if corpus.pages.isEmpty && corpus.diagnostics.isEmpty { throw .noInput(paths) }
        return corpus
    }

    /// Reads the pages of one input file.
    static func read(_ file: InputFile, options: ReadOptions) -> (pages: [(Page, SourceRecord?)], diagnostics: [Diagnostic]) {
        let origin = PageOrigin(path: file.path)
        let data: [UInt8]
        do {
            data = try readBytes(file.path)
        } catch {
            return ([], [Diagnostic(.error, origin, error.description)])
        }
        switch file.format {
        case .text:
            let analyzer = LineAnalyzer()
            let page = Page(id: file.relativeName, origin: origin, bytes: data, analyzer: analyzer)
            var diagnostics: [Diagnostic] = []
            if page.invalidSequences > 0 {
                diagnostics.append(Diagnostic(.warning, origin, "replaced \(page.invalidSequences) invalid UTF-8 sequence(s)"))
            }
            return ([(page, nil)], diagnostics)
        case .jsonl:
            return JSONLReader.read(data, file: file, options: options)
        }
    }

    /// The whole file, or standard input for `-`.
    static func readBytes(_ path: String) throws(WinnowError) -> [UInt8] {
        if path == "-" {
            return Array(FileHandle.standardInput.readDataToEndOfFile())
        }
        do {
            return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            let fm = FileManager.default
            let reason: String
            if (try? fm.destinationOfSymbolicLink(atPath: path)) != nil, !fm.fileExists(atPath: path) {
                reason = "broken symbolic link"
            } else if !fm.isReadableFile(atPath: path) {
                reason = "permission denied"
            } else {
                reason = (error as NSError).localizedDescription
            }
            throw .cannotRead(path, reason: reason)
        }
    }
}
