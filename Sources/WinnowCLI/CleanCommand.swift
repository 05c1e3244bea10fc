import Foundation
import ArgumentParser
import Winnow

struct CleanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clean",
        abstract: "Cut a dump down to its article text.",
        discussion: """
            Writes one cleaned file per input page under OUT, keeping the relative names \
            (one .jsonl per JSONL input). Each kept block is written with its original bytes.
            """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var cleanerFlags: CleanerFlags

    @Option(help: "An archive of earlier runs (SQLite, created when missing): its pages count as evidence and duplicates, and this run's pages are added.")
    var index: String?

    @Flag(help: "With --index, keep each page's cleaned text in the archive too (compressed), for the passages of later pairs.")
    var indexText = false

    @Option(name: .shortAndLong, help: "The folder to write the cleaned pages to.")
    var output: String

    @Option(help: "Write a JSON report of every removed block and why ('-' for standard output).")
    var report: String?

    @Option(help: "How to write pages read from HTML: text (a block a line) or markdown (headings after #s, list items after - ).")
    var format: PageFormat = .text

    enum PageFormat: String, ExpressibleByArgument, CaseIterable { case text, markdown }

    @Flag(help: "Keep one page per cluster of near-duplicates (the longest); list the others in the report.")
    var dropDuplicates = false

    @Flag(help: "With --drop-duplicates, leave the dropped JSONL records out (they are written emptied and marked otherwise).")
    var keptOnly = false

    func validate() throws {
        if keptOnly && !dropDuplicates { throw ValidationError("--kept-only goes with --drop-duplicates") }
    }

    func run() throws {
        var job = CleanJob(inputs: input.paths, output: output)
        job.report = report
        job.read = input.readOptions
        job.glob = input.glob
        job.index = index
        job.indexText = indexText
        job.cleaner = try cleanerFlags.applied(to: job.cleaner, threads: input.threads)
        job.dropDuplicates = dropDuplicates
        job.markdown = format == .markdown
        job.keptOnly = keptOnly
        if let threads = input.threads { job.duplicates.threads = threads }
        let result = try input.withProgress { progress throws(WinnowError) in
            (job.read.progress, job.cleaner.progress, job.duplicates.progress) = (progress, progress, progress)
            return try job.run()
        }
        input.report(result.diagnostics)
        if !input.quiet {
            let share = result.words == 0 ? 0 : 100 * Double(result.keptWords) / Double(result.words)
            let summary = "cleaned \(result.pages) pages: kept \(result.keptWords) of \(result.words) words"
            warn(summary + " (\(String(format: "%.1f", share))%), wrote \(result.filesWritten) files to \(output)")
        }
        finish(failed: result.diagnostics.contains { $0.severity == .error })
    }
}
