import Benchmark
import Foundation
import Winnow

/// About 4 MB of real page text: the seeds, repeated.
let sample: [UInt8] = {
    let seeds = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("seeds")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: seeds.path))?.sorted() ?? []
    var text: [UInt8] = []
    for name in names where name.hasSuffix(".txt") {
        text += (try? Data(contentsOf: seeds.appendingPathComponent(name))).map(Array.init) ?? []
    }
    precondition(!text.isEmpty, "no seeds found at \(seeds.path)")
    var out: [UInt8] = []
    while out.count < 4 << 20 { out += text }
    return out
}()

let sampleTokens = Page(id: "sample", origin: PageOrigin(path: "sample"), bytes: sample).tokenHashes

let benchmarks: @Sendable () -> Void = {
    // Throughput counts bytes of page text: scaledIterations * sample.count per run.
    let megabytes = sample.count
    let config = Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
        scalingFactor: .one,
        maxDuration: .seconds(3),
        maxIterations: 50
    )

    Benchmark("Raw XXH3 (libxxhash) over 4 MB", configuration: config) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(sample.withUnsafeBytes { SystemXXH3.hash($0.baseAddress!, count: $0.count, seed: 1) })
        }
    }

    Benchmark("Normalise + tokenise + token hashes, 4 MB", configuration: config) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(Page(id: "p", origin: PageOrigin(path: "p"), bytes: sample).tokenHashes.count)
        }
    }

    Benchmark("Shingle hashes (k=5) of 4 MB of tokens", configuration: config) { benchmark in
        let shingler = Shingler(size: 5)
        var out: [UInt64] = []
        for _ in benchmark.scaledIterations {
            out.removeAll(keepingCapacity: true)
            sampleTokens.withUnsafeBufferPointer { shingler.appendShingles(of: $0, to: &out) }
            blackHole(out.count)
        }
    }
    _ = megabytes
}
