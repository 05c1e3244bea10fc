import Foundation

/// `winnow clean`: read a dump, clean it, write one output per input.
package struct CleanJob: Sendable {
    public var inputs: [String]
    public var output: String
    /// Where the JSON report goes (`-` for standard output), if anywhere.
    public var report: String?
    public var read = ReadOptions()
    public var cleaner = CleanerOptions()
    public var glob = "*.txt"
    /// Keep one page per cluster of near-duplicates: the longest, ties broken by id.
    public var dropDuplicates = false
    /// With ``dropDuplicates``, leave the dropped JSONL records out of the
    /// output (they are written, emptied and marked, by default).
    public var keptOnly = false
    public var duplicates = DuplicateOptions()
    /// An archive of earlier runs (`--index`): its pages stand as evidence
    /// for the cross-page rule, and this run's pages are added to it.
    public var index: String?
    /// Keep each page's cleaned text in the archive too, for the passages of later pairs.
    public var indexText = false
    /// Write pages read from HTML as Markdown-lite (``CleanedPage/markdown``).
    public var markdown = false

    public init(inputs: [String], output: String) {
        self.inputs = inputs
        self.output = output
    }

    /// What a run did.
    public struct Result: Sendable {
        public let pages: Int
        public let filesWritten: Int
        public let keptWords: Int
        public let words: Int
        public let diagnostics: [Diagnostic]
    }

    /// The pages that are copies of a longer page of their cluster, each with
    /// the id of the page kept for it.
    static func duplicatesToDrop(_ cleaned: [CleanedPage], options: DuplicateOptions) -> [Int: String] {
        var finder = DuplicateFinder(options: options)
        finder.add(cleaned.map { DuplicateDocument($0) })
        var index: [String: Int] = [:]
        for (i, page) in cleaned.enumerated() { index[page.page.id] = index[page.page.id] ?? i }
        var dropped: [Int: String] = [:]
        for cluster in finder.clusters() {
            let members = cluster.documents.compactMap { index[$0] }
            let words = { (i: Int) in cleaned[i].keptBlocks.reduce(0) { $0 + $1.tokenCount } }
            guard let keep = members.min(by: { (-words($0), cleaned[$0].page.id) < (-words($1), cleaned[$1].page.id) }) else { continue }
            for i in members where i != keep { dropped[i] = cleaned[keep].page.id }
        }
        return dropped
    }

    /// What `clean` writes of the pages `writes` lets through: the pages
    /// that are files of their own (text, HTML), by index, and each JSONL
    /// file's bytes, by file index: every line in its place, a record
    /// cleaned or a line that gave no page as it was.
    static func outputs(_ corpus: Corpus, _ cleaned: [CleanedPage], markdown: Bool,
                        writes: (Int) -> Bool = { _ in true }) -> (pages: [Int], jsonl: [(file: Int, bytes: [UInt8])]) {
        var jsonl: [Int: [(line: Int, bytes: [UInt8])]] = [:]
        for (index, lines) in corpus.passedOver { jsonl[index] = lines.map { ($0.line, $0.bytes + [0x0A]) } }
        var pages: [Int] = []
        for (i, page) in cleaned.enumerated() where writes(i) {
            if let record = corpus.records[i] {
                jsonl[corpus.fileIndex[i], default: []].append((page.page.origin.line ?? 0, JSONLWriter.line(for: record, cleaned: page, markdown: markdown)))
            } else {
                pages.append(i)
            }
        }
        let files = jsonl.sorted { $0.key < $1.key }.map { ($0.key, $0.value.sorted { $0.line < $1.line }.flatMap(\.bytes)) }
        return (pages, files)
    }

    /// Writes an input file's output into `folder`, which holds its
    /// subfolder already, compressed when the input was.
    static func write(_ bytes: [UInt8], for file: InputFile, into folder: OutputFolder) throws(WinnowError) {
        try folder.write(file.compressed ? Gzip.compress(bytes) : bytes, to: file.outputName)
    }

    /// Whether `output` names a file rather than a folder: `-` (standard
    /// output), or a name ending in `.jsonl`, `.ndjson`, `.txt` (or those
    /// with `.gz`) that is not an existing folder.
    static func isFileOutput(_ output: String) -> Bool {
        if output == "-" { return true }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory), isDirectory.boolValue { return false }
        let gz = InputSet.hasSuffix(output, ".gz") ? 3 : 0
        return InputSet.hasSuffix(output, ".jsonl", droppingLast: gz) || InputSet.hasSuffix(output, ".ndjson", droppingLast: gz)
            || InputSet.hasSuffix(output, ".txt", droppingLast: gz)
    }

    /// The settings a report's figures depend on.
    var reportSettings: [String: String] {
        var settings = read.settings.merging(cleaner.settings) { $1 }
        settings["glob"] = glob
        settings["drop_duplicates"] = String(dropDuplicates)
        settings["kept_only"] = String(keptOnly)
        if dropDuplicates { settings["threshold"] = String(duplicates.threshold) }
        return settings
    }

    public func run() throws(WinnowError) -> Result {
        var clock = StageClock()
        let (set, cleaner) = try Corpus.list(inputs, glob: glob, threads: read.threads) { Cleaner(options: self.cleaner) }
        try set.checkOutput(output)
        try set.checkDistinctOutputNames()
        if let report, report != "-" {
            try set.checkOutput(report)
            let (out, placed) = (InputSet.canonical(output), InputSet.canonical(report))
            if placed == out || placed.hasPrefix(out + "/") { throw .reportInsideOutput(report: report, output: output) }
        }
        // One input file may be written as one file (or to standard output);
        // a folder is built beside its target and swapped in at the end,
        // refused here, before any work, if it holds files of the user's.
        let toFile = Self.isFileOutput(output)
        if toFile && set.files.count != 1 {
            throw .cannotWrite(output, reason: "a file takes one input file, not \(set.files.count): give a folder")
        }
        if toFile, let report, report == output, report != "-" { throw .reportInsideOutput(report: report, output: output) }
        let folder = toFile ? nil : try OutputFolder.begin(output)
        var committed = false
        defer { if !committed { folder?.abandon() } }
        // The archive's settings are checked before any work.
        let session = try index.map { path throws(WinnowError) in
            try ArchiveSession(path: path, cleaner: self.cleaner, duplicates: duplicates)
        }
        clock.mark("list")
        let (corpus, prepared) = try Corpus.load(set, options: read, visit: cleaner.prepare)
        let evidence = try session?.evidence(for: corpus.pages, prepared: prepared) ?? []
        clock.mark("archive: \(evidence.count) pages of evidence")
        var cleaned = cleaner.clean(corpus.pages, prepared: prepared, evidence: evidence)
        let judged = cleaned
        clock.mark("clean")
        let dropped = dropDuplicates ? Self.duplicatesToDrop(cleaned, options: duplicates) : [:]
        for (i, keeper) in dropped { cleaned[i] = cleaned[i].droppedAsDuplicate(of: keeper) }
        // Text pages: one file each, written on all threads (a dump's files
        // are many and small, and their system calls a large part of a run).
        // JSONL: one file per input file.
        // Every line of a JSONL input is written back in its place: a
        // record cleaned, or a line that gave no page as it was.
        var (textPages, jsonl) = Self.outputs(corpus, cleaned, markdown: markdown) { i in
            dropped[i] == nil || (corpus.records[i] != nil && !keptOnly)
        }
        if toFile {
            // The one file: its page, or its JSONL lines, compressed if the name ends in .gz.
            let bytes = textPages.first.map { markdown ? cleaned[$0].markdown : cleaned[$0].text } ?? jsonl.first?.bytes ?? []
            try AtomicFile.writeOrPrint(InputSet.hasSuffix(output, ".gz") ? Gzip.compress(bytes) : bytes, to: output)
            textPages = []
            jsonl = []
        }
        if let folder { try folder.makeFolders(for: textPages.map { set.files[corpus.fileIndex[$0]].outputName }) }
        let failures = Parallel.map(textPages.count, threads: read.threads) { k -> WinnowError? in
            let i = textPages[k]
            let file = set.files[corpus.fileIndex[i]]
            do throws(WinnowError) {
                if let folder { try Self.write(markdown ? cleaned[i].markdown : cleaned[i].text, for: file, into: folder) }
                return nil
            } catch {
                return error
            }
        }
        // The first failure in page order, whatever the threads did.
        if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
        var written = toFile ? 1 : textPages.count
        clock.mark("write pages")
        for (index, bytes) in jsonl {
            let file = set.files[index]
            if let folder {
                try folder.makeFolders(for: [file.outputName])
                try Self.write(bytes, for: file, into: folder)
            }
            written += 1
        }
        try folder?.commit()
        committed = true
        // The archive takes this run's pages once the output stands.
        try session?.add(judged, withText: indexText)
        clock.mark("archive: pages added")
        if let report {
            try CleanReportWriter.write(cleaned, diagnostics: corpus.diagnostics,
                                        header: ReportHeader(settings: reportSettings), to: report)
        }
        let words = cleaned.reduce(0) { $0 + $1.page.tokenCount }
        let kept = cleaned.reduce(0) { $0 + $1.keptBlocks.reduce(0) { $0 + $1.tokenCount } }
        return Result(pages: cleaned.count, filesWritten: written, keptWords: kept, words: words,
                      diagnostics: corpus.diagnostics)
    }
}
