import ArgumentParser
import Winnow

/// The cleaner's options, for every command that cleans: `clean`, and
/// `dups` and `blocks`, which clean as `clean` does.
struct CleanerFlags: ParsableArguments {
    @Flag(help: "Keep photo captions and credits.")
    var keepCaptions = false

    @Flag(help: "Judge each page alone, without evidence from the other pages.")
    var noCrossPage = false

    @Option(help: "A file of extra cue phrases ([sections], [appeals], [bylines], [credits], [labels]).")
    var cues: [String] = []

    @Flag(help: "Use only the cue phrases given with --cues.")
    var noBuiltinCues = false

    /// `options` with these flags applied, and `threads` when given.
    /// - Throws: ``WinnowError/badCueFile(_:line:reason:)`` for a cue file it cannot use.
    func applied(to options: CleanerOptions, threads: Int?) throws(WinnowError) -> CleanerOptions {
        var options = options
        if let threads { options.threads = threads }
        options.keepCaptions = keepCaptions
        options.crossPage = !noCrossPage
        options.cues = try CuePhrases.load(files: cues, builtIn: !noBuiltinCues)
        (options.cueFiles, options.builtinCues) = (cues, !noBuiltinCues)
        return options
    }
}
