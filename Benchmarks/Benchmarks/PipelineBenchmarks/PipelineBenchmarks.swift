import Benchmark
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

let megabytesPerSecond = BenchmarkMetric.custom("MB/s of page text", polarity: .prefersLarger, useScalingFactor: false)

func measure(_ benchmark: Benchmark, _ body: () throws -> Void) rethrows {
    let start = ContinuousClock.now
    for _ in benchmark.scaledIterations { try body() }
    let elapsed = ContinuousClock.now - start
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    benchmark.measurement(megabytesPerSecond, Int(Double(dumpBytes * benchmark.scaledIterations.count) / 1e6 / seconds))
}

let benchmarks: @Sendable () -> Void = {
    let config = Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident, megabytesPerSecond],
        scalingFactor: .one,
        maxDuration: .seconds(5),
        maxIterations: 30
    )

    Benchmark("Read the dump (decode, split, tokenise, hash)", configuration: config) { benchmark in
        try measure(benchmark) { blackHole(try Corpus.load([dump], glob: "*.txt", options: ReadOptions()).pages.count) }
    }

    Benchmark("clean end to end (read + every rule)", configuration: config) { benchmark in
        try measure(benchmark) {
            let corpus = try Corpus.load([dump], glob: "*.txt", options: ReadOptions())
            blackHole(Cleaner().clean(corpus.pages).count)
        }
    }

    Benchmark("dups end to end (read + clean + MinHash/LSH + verify + evidence)", configuration: config) { benchmark in
        try measure(benchmark) { blackHole(try DupsJob(inputs: [dump]).run().report.clusters.count) }
    }
}
