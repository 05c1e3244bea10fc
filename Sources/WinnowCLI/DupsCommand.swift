import ArgumentParser
import Foundation
import Winnow

struct DupsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dups",
        abstract: "Find near-duplicate articles, in clusters, with the passages they share.",
        discussion: """
            Pages are cleaned first (as by 'winnow clean'), then compared by MinHash over \
            k-word shingles with LSH banding; every candidate pair is verified on the exact \
            shingle sets, and no pair below the threshold is reported.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, csv }

    @OptionGroup var input: InputOptions
    @OptionGroup var cleanerFlags: CleanerFlags

    @Option(help: "An archive of earlier runs (SQLite, created when missing): its pages count as evidence and duplicates, and this run's pages are added.")
    var index: String?

    @Flag(help: "With --index, keep each page's cleaned text in the archive too (compressed), for the passages of later pairs.")
    var indexText = false

    @OptionGroup var duplicateFlags: DuplicateFlags

    @Option(help: "Output format: text, json or csv (pairs).")
    var format: Format = .text

    @Option(name: .shortAndLong, help: "Write the report here instead of standard output.")
    var output: String?

    @Flag(help: "Compare the pages as they are, without cleaning them first.")
    var raw = false

    @Option(help: ArgumentHelp("The most memory the pages' word hashes may take (e.g. 512M, 2G); past it, further pages put theirs in a temporary file (in TMPDIR), read back when needed. Output does not depend on it.", valueName: "size"))
    var memory = ByteSize(bytes: DupsJob.defaultMemory)

    func run() throws {
        // Before any work: the report never lands on an input.
        if let output { try InputSet.checkOutput(output, against: input.paths) }
        var job = DupsJob(inputs: input.paths)
        job.read = input.readOptions
        job.cleaner = try cleanerFlags.applied(to: job.cleaner, threads: input.threads)
        job.glob = input.glob
        job.index = index
        job.indexText = indexText
        job.raw = raw
        job.memory = memory.bytes
        job.duplicates = duplicateFlags.applied(to: job.duplicates, threads: input.threads)
        let result = try input.withProgress { progress throws(WinnowError) in
            (job.read.progress, job.cleaner.progress, job.duplicates.progress) = (progress, progress, progress)
            return try job.run()
        }
        input.report(result.diagnostics)
        let bytes: [UInt8]
        switch format {
        case .text: bytes = Array(result.report.text().utf8)
        case .json: bytes = result.report.json(threads: job.duplicates.threads)
        case .csv: bytes = result.report.csv()
        }
        try AtomicFile.writeOrPrint(bytes, to: output ?? "-")
        if !input.quiet, let output {
            warn("\(result.report.clusters.count) clusters among \(result.pages) pages, written to \(output)")
        }
        finish(failed: result.diagnostics.contains { $0.severity == .error })
    }
}
