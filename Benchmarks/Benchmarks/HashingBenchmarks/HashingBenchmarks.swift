import Benchmark
import BenchmarkSupport
import Foundation
@_spi(Benchmarks) import Winnow

/// About 4 MB of real page text: the seeds (Vietnamese news pages), repeated.
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

/// About 2 MB of English page text: a real page of the labelled set
/// (`Fixtures/real/pages/0400.txt`, an English music site), repeated.
let englishSample: [UInt8] = {
    let page = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/real/pages/0400.txt")
    let text = (try? Data(contentsOf: page)).map(Array.init) ?? []
    precondition(!text.isEmpty, "no page found at \(page.path)")
    var out: [UInt8] = []
    while out.count < 2 << 20 { out += text }
    return out
}()

/// About 1 MB of seeded text in scripts that lie above the tokeniser's
/// table or take its one-scalar-at-a-time path: Chinese, Japanese kana and
/// Korean, in lines of 20 to 60 characters.
let spacelessSample: [UInt8] = {
    var state: UInt64 = 0x5EED
    func next(_ n: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int(state >> 33) % n
    }
    let ranges: [ClosedRange<UInt32>] = [0x4E00 ... 0x5DFF, 0x3041 ... 0x3096, 0xAC00 ... 0xB7FF]
    var text = ""
    while text.utf8.count < 1 << 20 {
        let range = ranges[next(ranges.count)]
        for _ in 0 ..< 20 + next(40) {
            text.unicodeScalars.append(Unicode.Scalar(range.lowerBound + UInt32(next(range.count)))!)
            if range.lowerBound == 0xAC00, next(4) == 0 { text += " " }
        }
        text += "。\n"
    }
    return Array(text.utf8)
}()

let sampleTokens = Page(id: "sample", origin: PageOrigin(path: "sample"), bytes: sample).tokenHashes
let sampleShingles: [UInt64] = {
    var out: [UInt64] = []
    sampleTokens.withUnsafeBufferPointer { Shingler(size: 5).appendShingles(of: $0, to: &out) }
    return out
}()

/// The sample cut into "documents" of 300 shingles, as a dump's pages would
/// be. The sample repeats the seeds, so each document's shingles are mixed
/// with a constant of its own; documents 2n and 2n+1 share it, so every
/// document has one exact copy, like a dump where each story is republished once.
let documents: [[UInt64]] = stride(from: 0, to: sampleShingles.count, by: 300).enumerated().map { n, start in
    let salt = UInt64(n / 2) &* 0x9E37_79B9_7F4A_7C15
    return sampleShingles[start ..< min(start + 300, sampleShingles.count)].map { $0 ^ salt }
}
let minHash = MinHash(permutations: 128)
let banding = LSHIndex.parameters(threshold: 0.24, permutations: 128)
let signatures = documents.map { minHash.signature(of: $0) }

let benchmarks: @Sendable () -> Void = {
    let config = configuration(maxSeconds: 3, maxIterations: 50)

    Benchmark("Raw XXH3 (libxxhash), baseline", configuration: config) { benchmark in
        measure(benchmark, bytes: sample.count) {
            blackHole(sample.withUnsafeBytes { SystemXXH3.hash($0.baseAddress!, count: $0.count, seed: 1) })
        }
    }

    Benchmark("Normalise + tokenise + token hashes, Vietnamese text", configuration: config) { benchmark in
        measure(benchmark, bytes: sample.count) {
            blackHole(Page(id: "p", origin: PageOrigin(path: "p"), bytes: sample).tokenHashes.count)
        }
    }

    Benchmark("Normalise + tokenise + token hashes, English text", configuration: config) { benchmark in
        measure(benchmark, bytes: englishSample.count) {
            blackHole(Page(id: "p", origin: PageOrigin(path: "p"), bytes: englishSample).tokenHashes.count)
        }
    }

    Benchmark("Normalise + tokenise + token hashes, CJK text", configuration: config) { benchmark in
        measure(benchmark, bytes: spacelessSample.count) {
            blackHole(Page(id: "p", origin: PageOrigin(path: "p"), bytes: spacelessSample).tokenHashes.count)
        }
    }

    Benchmark("Shingle hashes (k=5)", configuration: config) { benchmark in
        let shingler = Shingler(size: 5)
        var out: [UInt64] = []
        measure(benchmark, bytes: sample.count) {
            out.removeAll(keepingCapacity: true)
            sampleTokens.withUnsafeBufferPointer { shingler.appendShingles(of: $0, to: &out) }
            blackHole(out.count)
        }
    }

    Benchmark("MinHash-128 signatures", configuration: config) { benchmark in
        measure(benchmark, bytes: sample.count) {
            for document in documents { blackHole(minHash.signature(of: document)) }
        }
    }

    Benchmark("LSH insert (band keys + buckets)", configuration: config) { benchmark in
        measure(benchmark, bytes: sample.count) {
            var index = LSHIndex(bands: banding.bands, rows: banding.rows)
            for (n, signature) in signatures.enumerated() { index.insert(n, keys: index.bandKeys(signature)) }
            blackHole(index.candidatePairs().count)
        }
    }

    Benchmark("LSH query", configuration: config) { benchmark in
        var index = LSHIndex(bands: banding.bands, rows: banding.rows)
        for (n, signature) in signatures.enumerated() { index.insert(n, keys: index.bandKeys(signature)) }
        let keys = signatures.map { index.bandKeys($0) }
        measure(benchmark, bytes: sample.count) {
            for k in keys { blackHole(index.query(keys: k).count) }
        }
    }
}
