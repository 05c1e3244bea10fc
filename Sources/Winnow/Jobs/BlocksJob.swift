/// `winnow blocks`: read and clean a dump, report its repeated blocks.
package struct BlocksJob: Sendable {
    public var inputs: [String]
    public var read = ReadOptions()
    public var cleaner = CleanerOptions()
    public var glob = "*.txt"
    public var top = 50

    public init(inputs: [String]) { self.inputs = inputs }

    public func run() throws(WinnowError) -> (report: BlockReport, diagnostics: [Diagnostic]) {
        let (set, cleaner) = try Corpus.list(inputs, glob: glob, threads: read.threads) { Cleaner(options: self.cleaner) }
        let (corpus, prepared) = try Corpus.load(set, options: read, visit: cleaner.prepare)
        let cleaned = cleaner.clean(corpus.pages, prepared: prepared)
        let settings = read.settings.merging(self.cleaner.settings) { $1 }.merging(["top": String(top), "glob": glob]) { $1 }
        return (BlockReport(cleaned, top: top, header: ReportHeader(settings: settings)), corpus.diagnostics)
    }
}
