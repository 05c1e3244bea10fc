import ArgumentParser
import Foundation
import Winnow

struct BlocksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "blocks",
        abstract: "Report the repeated blocks of a dump, ranked by pages × words.",
        discussion: "Each row gives the text, the pages it is in, its copies, what the cleaner makes of it, and example pages."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var input: InputOptions
    @OptionGroup var cleanerFlags: CleanerFlags

    @Option(help: "An archive of earlier runs (SQLite, created when missing): its pages count as evidence, and this run's pages are added.")
    var index: String?

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Option(help: "How many rows (at least 1).")
    var top = 50

    func validate() throws {
        guard top >= 1 else { throw ValidationError("--top must be at least 1 (given \(top))") }
    }

    @Option(name: .shortAndLong, help: "Write the report here instead of standard output.")
    var output: String?

    func run() throws {
        // Before any work: the report never lands on an input.
        if let output { try InputSet.checkOutput(output, against: input.paths) }
        var job = BlocksJob(inputs: input.paths)
        job.read = input.readOptions
        job.cleaner = try cleanerFlags.applied(to: job.cleaner, threads: input.threads)
        job.glob = input.glob
        job.top = top
        job.index = index
        let result = try input.withProgress { progress throws(WinnowError) in
            (job.read.progress, job.cleaner.progress) = (progress, progress)
            return try job.run()
        }
        input.report(result.diagnostics)
        let bytes: [UInt8]
        switch format {
        case .text:
            bytes = Array(result.report.text().utf8)
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            bytes = Array(try encoder.encode(result.report)) + [0x0A]
        }
        try AtomicFile.writeOrPrint(bytes, to: output ?? "-")
        finish(failed: result.diagnostics.contains { $0.severity == .error })
    }
}
