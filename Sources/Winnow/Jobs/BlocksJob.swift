/// `winnow blocks`: read and clean a dump, report its repeated blocks.
package struct BlocksJob: Sendable {
    public var inputs: [String]
    public var read = ReadOptions()
    public var cleaner = CleanerOptions()
    public var glob = "*.txt"
    public var top = 50
    /// An archive of earlier runs (`--index`): its pages are evidence for
    /// what the cleaner makes of each block, and this run's pages are added to it.
    public var index: String?

    public init(inputs: [String]) { self.inputs = inputs }

    public func run() throws(WinnowError) -> (report: BlockReport, diagnostics: [Diagnostic]) {
        let (set, cleaner) = try Corpus.list(inputs, glob: glob, threads: read.threads) { Cleaner(options: self.cleaner) }
        let session = try index.map { path throws(WinnowError) in
            try ArchiveSession(path: path, cleaner: self.cleaner, duplicates: DuplicateOptions())
        }
        let (corpus, prepared) = try Corpus.load(set, options: read, visit: cleaner.prepare)
        let cleaned = cleaner.clean(corpus.pages, prepared: prepared, evidence: try session?.evidence(for: corpus.pages, prepared: prepared) ?? [])
        try session?.add(cleaned)
        let settings = read.settings.merging(self.cleaner.settings) { $1 }.merging(["top": String(top), "glob": glob]) { $1 }
        return (BlockReport(cleaned, top: top, header: ReportHeader(settings: settings)), corpus.diagnostics)
    }
}
