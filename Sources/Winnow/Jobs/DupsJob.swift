/// `winnow dups`: read a dump, clean it (unless raw), find near-duplicate clusters.
package struct DupsJob: Sendable {
    public var inputs: [String]
    public var read = ReadOptions()
    public var cleaner = CleanerOptions()
    public var duplicates = DuplicateOptions()
    public var glob = "*.txt"
    /// Measure similarity on the pages as they are, boilerplate included.
    public var raw = false

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

    public func run() throws(WinnowError) -> Result {
        var clock = StageClock()
        let (set, cleaner) = try Corpus.list(inputs, glob: glob, threads: read.threads) { Cleaner(options: self.cleaner) }
        clock.mark("find \(set.files.count) files, make the cleaner")
        // The in-page rules run as each page is read (while it is in the cache).
        let prepare: ((Page) -> Cleaner.PreparedPage)? = raw ? nil : { cleaner.prepare($0) }
        // Pages let go of their text once analysed: only the pages of the
        // pairs found need it again, for the passages they share.
        var read = read
        read.releasesText = true
        let (corpus, prepared) = try Corpus.load(set, options: read, visit: prepare)
        clock.mark("read \(corpus.pages.count) pages")
        let documents: [DuplicateDocument]
        if raw {
            documents = corpus.pages.map { DuplicateDocument(raw: $0) }
        } else {
            let cleaned = cleaner.clean(corpus.pages, prepared: prepared)
            clock.mark("clean")
            documents = Parallel.map(cleaned.count, threads: duplicates.threads) { DuplicateDocument(cleaned[$0]) }
        }
        clock.mark("documents")
        var finder = DuplicateFinder(options: duplicates)
        finder.add(documents)
        clock.mark("shingles, signatures, LSH")
        let clusters = finder.clusters()
        clock.mark("verify, evidence, clusters")
        // A file read again for its passages that no longer holds the text
        // analysed: its pairs stand, their passages are given without text.
        let changed = corpus.pages.filter(\.textChanged).map { page in
            Diagnostic(.error, page.origin, "changed while winnow ran: the passages it shares are given without their text")
        }
        var settings = read.settings.merging(["threshold": String(duplicates.threshold), "shingle_size": String(duplicates.shingleSize),
                                              "permutations": String(duplicates.permutations), "raw": String(raw), "glob": glob]) { $1 }
        if !raw { settings.merge(self.cleaner.settings) { $1 } }
        return Result(report: DuplicateReport(clusters: clusters, header: ReportHeader(settings: settings)), pages: corpus.pages.count,
                      diagnostics: corpus.diagnostics + changed, dump: (corpus, documents, finder))
    }
}
