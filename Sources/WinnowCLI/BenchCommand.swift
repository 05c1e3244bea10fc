import ArgumentParser
import Foundation
@_spi(Benchmarks) import Winnow

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the hot loop on the same bytes, against raw XXH3.",
        discussion: "One thread. Each stage runs three times; the best is shown."
    )

    @Option(help: "Bytes of text to run on (at most 1 GiB: the text is analysed as one page).")
    var bytes = 32 << 20

    @Argument(help: "Pages to take the text from (default: generated text).")
    var paths: [String] = []

    func validate() throws {
        guard bytes >= 1 else { throw ValidationError("--bytes must be from 1 to \(Page.maximumBytes) (given \(bytes))") }
        guard bytes <= Page.maximumBytes else {
            throw ValidationError("--bytes is at most \(Page.maximumBytes) (1 GiB): the text is analysed as one page")
        }
    }

    func run() throws {
        var job = BenchJob()
        job.bytes = max(1 << 16, bytes)
        job.inputs = paths
        let result = try job.run()
        print(String(format: "%.1f", Double(result.textBytes) / 1e6) + " MB of \(result.source), libxxhash \(SystemXXH3.libraryVersion), \(Allocator.name), 1 thread")
        for stage in result.stages {
            let mbps = stage.bytesPerSecond / 1e6
            let name = stage.name.padding(toLength: 46, withPad: " ", startingAt: 0)
            print(name + String(format: "%9.1f MB/s   %6.4f × raw XXH3", mbps, result.ratio(stage)))
        }
        finish(failed: false)
    }
}
