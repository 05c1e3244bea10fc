import ArgumentParser
import Winnow

/// Options every subcommand that reads a dump takes.
struct InputOptions: ParsableArguments {
    @Argument(help: "Files or folders to read ('-' for JSONL on standard input).")
    var paths: [String]

    @Option(help: "Which files to read in folders.")
    var glob = "*.txt"

    @OptionGroup var read: ReadFlags

    /// Worker threads, when given.
    var threads: Int? { read.threads }

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

    /// Prints the problems met reading: errors always, warnings unless `--quiet`.
    func report(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics where !quiet || diagnostic.severity == .error { warn(diagnostic.description) }
    }

    var readOptions: ReadOptions {
        var options = read.readOptions
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
