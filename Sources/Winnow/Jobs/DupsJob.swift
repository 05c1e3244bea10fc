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
        let corpus = try Corpus.load(inputs, glob: glob, options: read)
        let documents: [DuplicateDocument]
        if raw {
            documents = corpus.pages.map { DuplicateDocument(raw: $0) }
        } else {
            documents = Cleaner(options: cleaner).clean(corpus.pages).map { DuplicateDocument($0) }
        }
        var finder = DuplicateFinder(options: duplicates)
        finder.add(documents)
        return (DuplicateReport(clusters: finder.clusters()), corpus.pages.count, corpus.diagnostics)
    }
}
