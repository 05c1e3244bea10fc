import ArgumentParser
import Winnow

/// How records are read and on how many threads: for every command that
/// reads pages, and for `winnow stage`, whose steps must read them as the
/// command would.
struct ReadFlags: ParsableArguments {
    @Option(help: "The JSONL field holding the page text.")
    var textField = "text"

    @Option(help: "The JSONL field holding the page as HTML, read for its text and markup; clean writes the cleaned text to --text-field.")
    var htmlField: String?

    @Option(help: "The JSONL field holding the page id (default: the line number).")
    var idField = "id"

    @Option(help: "Worker threads (default: all cores). Output does not depend on it.")
    var threads: Int?

    /// Checks the numbers given, naming their range.
    func validate() throws {
        if let threads, !(1 ... 1024).contains(threads) {
            throw ValidationError("--threads must be from 1 to 1024 (given \(threads))")
        }
    }

    var readOptions: ReadOptions {
        var options = ReadOptions()
        options.textField = textField
        options.idField = idField
        options.htmlField = htmlField
        if let threads { options.threads = threads }
        return options
    }
}
