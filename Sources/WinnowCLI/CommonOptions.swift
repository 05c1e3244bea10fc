import ArgumentParser
import Winnow

/// Options every subcommand that reads a dump takes.
struct InputOptions: ParsableArguments {
    @Argument(help: "Files or folders to read ('-' for JSONL on standard input).")
    var paths: [String]

    @Option(help: "Which files to read in folders.")
    var glob = "*.txt"

    @Option(help: "The JSONL field holding the page text.")
    var textField = "text"

    @Option(help: "The JSONL field holding the page as HTML, read for its text and markup; clean writes the cleaned text to --text-field.")
    var htmlField: String?

    @Option(help: "The JSONL field holding the page id (default: the line number).")
    var idField = "id"

    @Option(help: "Worker threads (default: all cores). Output does not depend on it.")
    var threads: Int?

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    @Flag(help: "Stop at the first input that cannot be read, instead of going on with the others.")
    var strict = false

    /// Runs a job with progress on standard error (when it is a terminal,
    /// unless `--quiet`), clearing the line before anything else is printed;
    /// the job's error ends the command (`Error: …`, exit status 1).
    func withProgress<Result>(_ job: (ProgressMeter?) throws(WinnowError) -> Result) throws(WinnowError) -> Result {
        let progress = quiet ? nil : ProgressMeter.forTerminal()
        defer { progress?.finish() }
        return try job(progress)
    }

    /// Checks the numbers given, naming their range.
    func validate() throws {
        if let threads, !(1 ... 1024).contains(threads) {
            throw ValidationError("--threads must be from 1 to 1024 (given \(threads))")
        }
    }

    /// Prints the problems met reading: errors always, warnings unless `--quiet`.
    func report(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics where !quiet || diagnostic.severity == .error { warn(diagnostic.description) }
    }

    var readOptions: ReadOptions {
        var options = ReadOptions()
        options.textField = textField
        options.idField = idField
        options.htmlField = htmlField
        if let threads { options.threads = threads }
        options.strict = strict
        return options
    }
}

extension ParsableCommand {
    /// Ends a command whose output is written: exit status 1 when some input
    /// could not be read, 0 otherwise. It exits at once rather than return and
    /// free the dump's pages, hashes and report object by object, which took
    /// 4% of `dups` on a 119 MB dump: the system takes the memory back whole
    /// (compilers do the same). Output files are renamed into place and
    /// standard output is flushed by then.
    func finish(failed: Bool) -> Never {
        do throws(WinnowError) { try StandardStreams.flushOutput() } catch {
            warn("Error: \(error)")
            Self.exit(withError: ExitCode(1))
        }
        Self.exit(withError: failed ? ExitCode(1) : nil)
    }
}

/// Prints to standard error.
func warn(_ message: String) {
    var stderr = StandardError()
    print(message, to: &stderr)
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandleWriter.writeToStderr(string)
    }
}
