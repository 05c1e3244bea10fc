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
        version: "0.1.0",
        subcommands: [CleanCommand.self, BlocksCommand.self, DupsCommand.self, BenchCommand.self, FeaturesCommand.self]
    )

    static func main() {
        // An interrupted run leaves no temporary files and no partial output.
        AtomicFile.removeTemporaryFilesOnInterrupt()
        StageClock.reportPeakMemoryAtExit()
        // A closed pipe is a write error the run reports (EPIPE), not a signal that ends it.
        signal(SIGPIPE, SIG_IGN)
        main(nil)
    }
}
