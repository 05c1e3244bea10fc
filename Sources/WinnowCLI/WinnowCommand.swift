import ArgumentParser
import Foundation
import Winnow

@main
struct WinnowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "winnow",
        abstract: "Clean scraped news dumps and report duplicate stories.",
        discussion: """
            Pages are .txt files (folders are read recursively), .jsonl files with a "text" \
            field, or JSONL on standard input as '-'.
            """,
        version: ReportHeader.currentVersion,
        subcommands: [CleanCommand.self, BlocksCommand.self, DupsCommand.self, IndexCommand.self, BenchCommand.self, FeaturesCommand.self,
                      StageCommand.self]
    )

    static func main() {
        // An interrupted run leaves no temporary files and no partial output.
        AtomicFile.removeTemporaryFilesOnInterrupt()
        StageClock.reportPeakMemoryAtExit()
        // A closed pipe is a write error the run reports (EPIPE), not a signal that ends it.
        signal(SIGPIPE, SIG_IGN)
        // `winnow dups -page.txt` would be read as the short options -p -a -g …
        // (with -h among them, as help and exit 0): a file of that name is named instead.
        let arguments = CommandLine.arguments.dropFirst().prefix { $0 != "--" }
        if let name = arguments.first(where: { $0.count > 2 && $0.hasPrefix("-") && !$0.hasPrefix("--")
            && FileManager.default.fileExists(atPath: $0) }) {
            warn("Error: '\(name)' would be read as options: to read the file, write ./\(name) (or put it after --)")
            Foundation.exit(64)
        }
        main(nil)
    }
}
