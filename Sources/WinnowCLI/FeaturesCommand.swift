import ArgumentParser
import Foundation
@_spi(Training) import Winnow

/// `winnow features`: the body model's features of every block, as TSV, for
/// the training script in `Tools/body-model/`. Hidden: a developer's tool.
struct FeaturesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "features",
        abstract: "Write the body model's features of every block as TSV (for training the model).",
        shouldDisplay: false
    )

    @OptionGroup var input: InputOptions

    @Option(name: .shortAndLong, help: "Write the features here instead of standard output.")
    var output: String?

    @Flag(help: "Add each block's text as the last column (tabs as spaces), for labelling pages read from HTML.")
    var withText = false

    func run() throws {
        // Before any work: the report never lands on an input.
        if let output { try InputSet.checkOutput(output, against: input.paths) }
        let cleaner = Cleaner()
        let corpus = try Corpus.load(input.paths, glob: input.glob, options: input.readOptions)
        input.report(corpus.diagnostics)
        var out = ""
        for page in corpus.pages {
            let (names, values) = cleaner.features(page)
            if out.isEmpty { out = (["id", "line"] + names + (withText ? ["text"] : [])).joined(separator: "\t") + "\n" }
            for (b, block) in page.blocks.enumerated() {
                out += page.id + "\t" + String(block.line)
                for f in 0 ..< names.count { out += "\t" + String(values[b * names.count + f]) }
                if withText { out += "\t" + page.string(of: block).replacingOccurrences(of: "\t", with: " ") }
                out += "\n"
            }
        }
        try AtomicFile.writeOrPrint(Array(out.utf8), to: output ?? "-")
        finish(failed: corpus.diagnostics.contains { $0.severity == .error })
    }
}
