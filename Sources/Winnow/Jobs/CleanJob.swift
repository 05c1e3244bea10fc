import Foundation

/// `winnow clean`: read a dump, clean it, write one output per input.
public struct CleanJob: Sendable {
    public var inputs: [String]
    public var output: String
    /// Where the JSON report goes (`-` for standard output), if anywhere.
    public var report: String?
    public var read = ReadOptions()
    public var cleaner = CleanerOptions()
    public var glob = "*.txt"

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

    public func run() throws(WinnowError) -> Result {
        let set = try InputSet(paths: inputs, glob: glob)
        try set.checkOutput(output)
        if let report, report != "-" { try set.checkOutput(report) }
        let corpus = Corpus(inputs: set, options: read)
        if corpus.pages.isEmpty && corpus.diagnostics.isEmpty { throw .noInput(inputs) }
        let cleaned = Cleaner(options: cleaner).clean(corpus.pages)
        var written = 0
        // Text pages: one file each. JSONL: one file per input file.
        var jsonl: [Int: [UInt8]] = [:]
        for (i, page) in cleaned.enumerated() {
            let file = set.files[corpus.fileIndex[i]]
            if let record = corpus.records[i] {
                jsonl[corpus.fileIndex[i], default: []] += JSONLWriter.line(for: record, cleaned: page)
            } else {
                try AtomicFile.write(page.text, to: output + "/" + file.relativeName)
                written += 1
            }
        }
        for (index, bytes) in jsonl.sorted(by: { $0.key < $1.key }) {
            try AtomicFile.write(bytes, to: output + "/" + set.files[index].relativeName)
            written += 1
        }
        if let report {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            let data = (try? encoder.encode(CleanReport(cleaned, diagnostics: corpus.diagnostics))) ?? Data()
            try AtomicFile.writeOrPrint(Array(data) + [0x0A], to: report)
        }
        let words = cleaned.reduce(0) { $0 + $1.page.tokenHashes.count }
        let kept = cleaned.reduce(0) { $0 + $1.keptBlocks.reduce(0) { $0 + $1.tokenCount } }
        return Result(pages: cleaned.count, filesWritten: written, keptWords: kept, words: words,
                      diagnostics: corpus.diagnostics)
    }
}
