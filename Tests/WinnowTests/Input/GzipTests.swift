import Foundation
import Testing
@testable import Winnow

/// `.jsonl.gz` dumps: read through the system zlib, written back compressed.
@Suite struct GzipTests {
    static let fixture = "Fixtures/jsonl/quality-20.jsonl.gz"

    private func write(_ bytes: [UInt8], _ path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    @Test func gnuGzipOutputReadsAsTheOriginalPages() throws {
        let corpus = Corpus(inputs: try InputSet(paths: [Fixtures.path(Self.fixture)]))
        #expect(corpus.diagnostics.isEmpty)
        let pages = try FileManager.default.contentsOfDirectory(atPath: Fixtures.path("Fixtures/quality-80/pages")).sorted().prefix(20)
        #expect(corpus.pages.map(\.id) == Array(pages))
        for (page, name) in zip(corpus.pages, pages) {
            #expect(page.text == (try Fixtures.read("Fixtures/quality-80/pages/" + name)))
        }
    }

    @Test func cleaningACompressedDumpWritesTheSameRecordsCompressed() throws {
        let folder = Fixtures.temporaryFolder()
        let compressed = try Fixtures.read(Self.fixture)
        let plain = try Gzip.decompress(compressed)
        try write(plain, folder + "/dump.jsonl")
        try CleanJob(inputs: [Fixtures.path(Self.fixture)], output: folder + "/gz").run()
        try CleanJob(inputs: [folder + "/dump.jsonl"], output: folder + "/plain").run()
        let written = Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/gz/quality-20.jsonl.gz")))
        #expect(Gzip.isCompressed(written))
        #expect(try Gzip.decompress(written) == Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/plain/dump.jsonl"))))
    }

    @Test func concatenatedMembersReadAsOneStream() throws {
        let one = try Fixtures.read(Self.fixture)
        let both = try Gzip.decompress(one + one)
        #expect(both == (try Gzip.decompress(one)) + (try Gzip.decompress(one)))
    }

    @Test func cutAndCorruptFilesAreNamedAndTheRunGoesOn() throws {
        let folder = Fixtures.temporaryFolder()
        let whole = try Fixtures.read(Self.fixture)
        try write(Array(whole.prefix(whole.count / 2)), folder + "/cut.jsonl.gz")
        var corrupt = whole
        for i in 100 ..< 140 { corrupt[i] ^= 0x5A }
        try write(corrupt, folder + "/corrupt.jsonl.gz")
        try write(whole, folder + "/good.jsonl.gz")
        let corpus = Corpus(inputs: try InputSet(paths: [folder], glob: "*.jsonl.gz"))
        #expect(corpus.pages.count == 20)
        let messages = corpus.diagnostics.map(\.description)
        #expect(messages.contains("\(folder)/cut.jsonl.gz: error: gzip data is cut short"))
        #expect(messages.contains { $0.hasPrefix("\(folder)/corrupt.jsonl.gz: error: corrupt gzip data (") })
        #expect(messages.count == 2)
    }

    @Test func compressionRoundTripsEveryByte() throws {
        var generator = SplitMix64(seed: 8)
        for size in [0, 1, 1000, 300_000] {
            let bytes = (0 ..< size).map { _ in UInt8.random(in: 0 ... 255, using: &generator) }
            #expect(try Gzip.decompress(Gzip.compress(bytes)) == bytes)
        }
    }
}
