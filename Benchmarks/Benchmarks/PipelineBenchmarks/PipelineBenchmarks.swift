import Benchmark
import BenchmarkSupport
import Foundation
import Winnow

/// `Fixtures/quality-80`: a labelled dump from the shared generator (95 pages).
let dump: String = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures/quality-80/pages").path

let dumpBytes: Int = {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: dump)) ?? []
    precondition(!names.isEmpty, "no pages found at \(dump)")
    return names.reduce(0) { total, name in
        total + ((try? FileManager.default.attributesOfItem(atPath: dump + "/" + name)[.size] as? Int) ?? 0)
    }
}()

let benchmarks: @Sendable () -> Void = {
    let config = configuration(maxSeconds: 5, maxIterations: 30)

    Benchmark("Read the dump (decode, split, tokenise, hash)", configuration: config) { benchmark in
        try measure(benchmark, bytes: dumpBytes) { blackHole(try Corpus.load([dump], glob: "*.txt", options: ReadOptions()).pages.count) }
    }

    Benchmark("clean end to end (read + every rule)", configuration: config) { benchmark in
        try measure(benchmark, bytes: dumpBytes) {
            let corpus = try Corpus.load([dump], glob: "*.txt", options: ReadOptions())
            blackHole(Cleaner().clean(corpus.pages).count)
        }
    }

    // Through the library's public API, as a user of the package writes it
    // (the command's job is the package's own).
    Benchmark("dups end to end (read + clean + MinHash/LSH + verify + evidence)", configuration: config) { benchmark in
        try measure(benchmark, bytes: dumpBytes) {
            let corpus = try Corpus.load([dump], glob: "*.txt", options: ReadOptions())
            var finder = DuplicateFinder()
            finder.add(Cleaner().clean(corpus.pages).map { DuplicateDocument($0) })
            blackHole(finder.clusters().count)
        }
    }
}
