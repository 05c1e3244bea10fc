/// `winnow dups`: read a dump, clean it (unless raw), find near-duplicate clusters.
package struct DupsJob: Sendable {
    public var inputs: [String]
    public var read = ReadOptions()
    public var cleaner = CleanerOptions()
    public var duplicates = DuplicateOptions()
    public var glob = "*.txt"
    /// Measure similarity on the pages as they are, boilerplate included.
    public var raw = false
    /// An archive of earlier runs (`--index`): this run's pages are compared
    /// with its pages too, and added to it.
    public var index: String?
    /// Keep each page's cleaned text in the archive too, for the passages of later pairs.
    public var indexText = false
    /// The most bytes of word hashes the pages hold in memory (`--memory`);
    /// past it, further pages put theirs in a temporary file (``TokenSpill``),
    /// read back for the signatures and the pairs' verification.
    public var memory = DupsJob.defaultMemory
    /// The default ``memory``: 256 MiB, the word hashes of about 75,000 news pages.
    public static let defaultMemory = TokenSpill.defaultBudget
    /// The folder of the spill file; nil for `TMPDIR` (or /tmp).
    var spillFolder: String?

    public init(inputs: [String]) { self.inputs = inputs }

    /// What a run found.
    public struct Result: Sendable {
        public let report: DuplicateReport
        /// The number of pages read.
        public let pages: Int
        public let diagnostics: [Diagnostic]
        /// The dump as read and searched, held with the result: a command
        /// that exits once it has written the report is spared freeing it
        /// (page by page, 45 ms of a 23,000-page dump, with a core idle).
        let dump: (corpus: Corpus, documents: [DuplicateDocument], finder: DuplicateFinder)
    }

    /// The clusters as this run's pages make them: pairs with at least one
    /// document not named with `prefix` (the archive's), grouped again.
    static func involving(_ clusters: [DuplicateCluster], prefix: String) -> [DuplicateCluster] {
        DuplicateFinder.clusters(of: clusters.flatMap(\.pairs).filter { !$0.a.hasPrefix(prefix) || !$0.b.hasPrefix(prefix) })
    }

    /// The settings a report's clusters depend on, for its header.
    static func reportSettings(read: ReadOptions, cleaner: CleanerOptions, duplicates: DuplicateOptions,
                               raw: Bool, glob: String) -> [String: String] {
        var settings = read.settings.merging(["threshold": String(duplicates.threshold), "shingle_size": String(duplicates.shingleSize),
                                              "permutations": String(duplicates.permutations), "raw": String(raw), "glob": glob]) { $1 }
        if !raw { settings.merge(cleaner.settings) { $1 } }
        return settings
    }

    public func run() throws(WinnowError) -> Result {
        var clock = StageClock()
        let (set, cleaner) = try Corpus.list(inputs, glob: glob, threads: read.threads) { Cleaner(options: self.cleaner) }
        clock.mark("find \(set.files.count) files, make the cleaner")
        if raw && index != nil { throw .archive(index!, "holds cleaned pages: it cannot be used with --raw") }
        let session = try index.map { path throws(WinnowError) in
            try ArchiveSession(path: path, cleaner: self.cleaner, duplicates: duplicates)
        }
        // The in-page rules run as each page is read (while it is in the cache).
        let prepare: ((Page) -> Cleaner.PreparedPage)? = raw ? nil : { cleaner.prepare($0) }
        // Pages let go of their text once analysed: only the pages of the
        // pairs found need it again, for the passages they share.
        var read = read
        // (Unless the archive keeps the cleaned text.)
        read.releasesText = !(index != nil && indexText)
        let spill = TokenSpill(budget: memory, folder: spillFolder)
        read.spill = spill
        let (corpus, prepared) = try Corpus.load(set, options: read, visit: prepare)
        clock.mark("read \(corpus.pages.count) pages, \(spill.spilledBytes >> 20) MB of word hashes put in a temporary file")
        var documents: [DuplicateDocument]
        var cleaned: [CleanedPage] = []
        if raw {
            documents = corpus.pages.map { DuplicateDocument(raw: $0) }
        } else {
            let evidence = try session?.evidence(for: corpus.pages, prepared: prepared) ?? []
            clock.mark("archive: \(evidence.count) pages of evidence")
            cleaned = cleaner.clean(corpus.pages, prepared: prepared, evidence: evidence)
            clock.mark("clean")
            documents = Parallel.map(cleaned.count, threads: duplicates.threads) { DuplicateDocument(cleaned[$0]) }
        }
        clock.mark("documents")
        // Archived pages that share a band with this run's, searched with them.
        let (archived, bandKeys) = try session?.candidates(for: documents, pages: corpus.pages) ?? ([], [])
        clock.mark("archive: \(archived.count) candidates")
        var finder = DuplicateFinder(options: duplicates)
        finder.add(documents + archived)
        documents += archived
        clock.mark("shingles, signatures, LSH")
        var clusters = finder.clusters()
        // Pairs among archived pages were reported by the runs that added them.
        if session != nil { clusters = Self.involving(clusters, prefix: ArchivedPage.documentPrefix) }
        clock.mark("verify, evidence, clusters")
        try session?.add(cleaned, bandKeys: bandKeys, withText: indexText)
        if session != nil { clock.mark("archive: pages added") }
        // A file read again for its passages that no longer holds the text
        // analysed: its pairs stand, their passages are given without text.
        let changed = corpus.pages.filter(\.textChanged).map { page in
            Diagnostic(.error, page.origin, "changed while winnow ran: the passages it shares are given without their text")
        }
        let settings = Self.reportSettings(read: read, cleaner: self.cleaner, duplicates: duplicates, raw: raw, glob: glob)
        // The spill stopped (a full disk): the pages after kept their hashes in memory.
        let spilling = spill.failure.map { [Diagnostic(.warning, PageOrigin(path: inputs.first ?? "-"), $0 + "; the pages' word hashes were held in memory")] } ?? []
        return Result(report: DuplicateReport(clusters: clusters, header: ReportHeader(settings: settings)), pages: corpus.pages.count,
                      diagnostics: corpus.diagnostics + changed + spilling, dump: (corpus, documents, finder))
    }
}
