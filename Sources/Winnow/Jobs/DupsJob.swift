/// `winnow dups`: read a dump, clean it (unless raw), find near-duplicate clusters.
public struct DupsJob: Sendable {
    public var inputs: [String]
    public var read = ReadOptions()
    public var cleaner = CleanerOptions()
    public var duplicates = DuplicateOptions()
    public var glob = "*.txt"
    /// Measure similarity on the pages as they are, boilerplate included.
    public var raw = false

    public init(inputs: [String]) { self.inputs = inputs }

    public func run() throws(WinnowError) -> (report: DuplicateReport, pages: Int, diagnostics: [Diagnostic]) {
        var clock = StageClock()
        let corpus = try Corpus.load(inputs, glob: glob, options: read)
        clock.mark("read \(corpus.pages.count) pages")
        let documents: [DuplicateDocument]
        if raw {
            documents = corpus.pages.map { DuplicateDocument(raw: $0) }
        } else {
            let cleaned = Cleaner(options: cleaner).clean(corpus.pages)
            clock.mark("clean")
            documents = Parallel.map(cleaned.count, threads: duplicates.threads) { DuplicateDocument(cleaned[$0]) }
        }
        clock.mark("documents")
        var finder = DuplicateFinder(options: duplicates)
        finder.add(documents)
        clock.mark("shingles, signatures, LSH")
        let clusters = finder.clusters()
        clock.mark("verify, evidence, clusters")
        return (DuplicateReport(clusters: clusters), corpus.pages.count, corpus.diagnostics)
    }
}
