import ArgumentParser
import Winnow

/// What makes two pages near-duplicates: for `dups`, and for `winnow stage`,
/// whose steps must find the pairs `dups` finds.
struct DuplicateFlags: ParsableArguments {
    @Option(help: "Report pairs whose Jaccard similarity or containment reaches this.")
    var threshold = 0.6

    @Option(help: "Words per shingle.")
    var shingleSize = 5

    func validate() throws {
        guard threshold > 0 && threshold <= 1 else { throw ValidationError("--threshold must be in (0, 1]") }
        guard shingleSize >= 1 else { throw ValidationError("--shingle-size must be at least 1") }
    }

    /// `options` with these flags applied, and `threads` when given.
    func applied(to options: DuplicateOptions, threads: Int?) -> DuplicateOptions {
        var options = options
        (options.threshold, options.shingleSize) = (threshold, shingleSize)
        if let threads { options.threads = threads }
        return options
    }
}
