import ArgumentParser
import Foundation
import Winnow

/// `winnow stage NAME`: one step of `clean` as a cluster runs it
/// (`spark/winnow_spark.py`): JSON lines in on standard input, JSON lines
/// out on standard output (``Stage``). Hidden: the Spark driver's tool.
struct StageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stage",
        abstract: "Run one step of clean over JSON lines (for spark/winnow_spark.py).",
        shouldDisplay: false
    )

    enum Name: String, ExpressibleByArgument, CaseIterable {
        case list, prepare, occurrences, facts, teasers, kept, templates, write, sign, verify, report
        case beginOutput = "begin-output", commitOutput = "commit-output"
    }

    @Argument(help: "The step: \(Name.allCases.map(\.rawValue).joined(separator: ", ")).")
    var name: Name

    @Argument(help: "For list and report: the inputs; for begin-output and commit-output: the output folder.")
    var paths: [String] = []

    @Option(help: "Which files to read in folders (list).")
    var glob = "*.txt"

    @Option(help: "The output folder clean will write (list: checked against the inputs).")
    var output: String?

    @Option(help: "The folder begin-output made (write, commit-output).")
    var staging: String?

    @Option(help: "The number of pages named per key (kept).")
    var limit = 2

    @Option(help: "The number of distinct pages of the dump (templates).")
    var pageCount = 0

    @Flag(help: "Write pages read from HTML as Markdown-lite (write).")
    var markdown = false

    @Option(help: "The report's format: text, json or csv (report).")
    var format = "text"

    @OptionGroup var readFlags: ReadFlags

    @OptionGroup var cleanerFlags: CleanerFlags

    /// For sign, verify and report.
    @OptionGroup var duplicateFlags: DuplicateFlags

    func run() throws {
        let read = readFlags.readOptions
        let cleaner = try cleanerFlags.applied(to: CleanerOptions(), threads: readFlags.threads)
        let duplicates = duplicateFlags.applied(to: DuplicateOptions(), threads: readFlags.threads)
        let lines: () -> [Substring] = {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            return String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true)
        }
        let out: [String]
        switch name {
        case .list: out = try Stage.list(paths, glob: glob, output: output)
        case .prepare: out = try Stage.prepare(lines(), options: read, cleaner: cleaner)
        case .occurrences: out = try Stage.occurrences(lines())
        case .facts: out = try Stage.facts(lines())
        case .teasers: out = try Stage.teasers(lines())
        case .kept: out = try Stage.kept(lines(), limit: limit)
        case .templates: out = try Stage.templates(lines(), pageCount: pageCount)
        case .sign: out = try Stage.sign(lines(), options: read, cleaner: cleaner, duplicates: duplicates)
        case .verify: out = try Stage.verify(lines(), options: read, cleaner: cleaner, duplicates: duplicates)
        case .report:
            try Stage.report(lines(), inputs: paths, output: output ?? "-", format: format, read: read, cleaner: cleaner,
                             duplicates: duplicates, glob: glob)
            out = []
        case .write:
            guard let staging, let target = output else { throw ValidationError("write needs --staging and --output") }
            out = try Stage.write(lines(), staging: staging, target: target, options: read, cleaner: cleaner, markdown: markdown)
        case .beginOutput:
            guard paths.count == 1 else { throw ValidationError("begin-output takes the output folder") }
            out = [try Stage.beginOutput(paths[0])]
        case .commitOutput:
            guard paths.count == 1, let staging else { throw ValidationError("commit-output takes the output folder and --staging") }
            try Stage.commitOutput(staging: staging, target: paths[0])
            out = []
        }
        var text = out.joined(separator: "\n")
        if !text.isEmpty { text += "\n" }
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
