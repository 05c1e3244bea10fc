import ArgumentParser
import Winnow

/// `winnow index`: the archive that `--index FILE` keeps across runs.
struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Build or describe an archive of earlier runs (the --index of clean and dups).",
        subcommands: [IndexStatsCommand.self, IndexAddCommand.self]
    )
}

/// `winnow index stats FILE`.
struct IndexStatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stats", abstract: "Print an archive's pages, sources, size and settings.")

    @Argument(help: "The archive (an SQLite file).")
    var file: String

    func run() throws {
        let stats = try IndexJob.stats(file)
        print("\(file): \(stats.pages) pages from \(stats.sources) sources, \(stats.bytes) bytes"
            + (stats.pages > 0 ? " (\(stats.bytes / stats.pages) a page)" : ""))
        for (key, value) in stats.settings.sorted(by: { $0.key < $1.key }) { print("  \(key): \(value)") }
    }
}

/// `winnow index add PATH… --index FILE`.
struct IndexAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Clean pages (with the archive's evidence) and add them to the archive, writing no report.")

    @OptionGroup var input: InputOptions
    @OptionGroup var cleanerFlags: CleanerFlags

    @Option(help: "The archive (an SQLite file, created when missing).")
    var index: String

    @Flag(help: "Keep each page's cleaned text in the archive too (compressed), for the passages of later pairs.")
    var indexText = false

    func run() throws {
        let cleaner = try cleanerFlags.applied(to: CleanerOptions(), threads: input.threads)
        let result = try IndexJob.add(input.paths, index: index, glob: input.glob, read: input.readOptions, cleaner: cleaner,
                                    withText: indexText)
        input.report(result.diagnostics)
        if !input.quiet { warn("added \(result.pages) pages to \(index)") }
        finish(failed: result.diagnostics.contains { $0.severity == .error })
    }
}
