import Foundation
import Testing
@testable import Winnow

/// `winnow bench`: every stage on the same bytes, and the ratios to raw XXH3.
@Suite struct BenchJobTests {
    @Test func everyStageRunsOnTheSameBytesOfTheGivenPages() throws {
        var job = BenchJob()
        job.bytes = 1 << 16
        job.inputs = [Fixtures.path("seeds")]
        job.repeats = 1
        let (text, source) = try job.sample()
        #expect(text.count == 1 << 16)
        #expect(source == Fixtures.path("seeds"))
        // The seeds' pages, in name order, each followed by a line break.
        let first = try FileManager.default.contentsOfDirectory(atPath: Fixtures.path("seeds")).sorted()[0]
        let page = try Fixtures.read("seeds/" + first)
        #expect(Array(text.prefix(page.count + 1)) == page + [0x0A])

        let result = try job.run()
        #expect(result.textBytes == 1 << 16)
        #expect(result.stages.map(\.name) == [
            "raw XXH3 (libxxhash, streaming)", "normalise + tokenise + token hashes",
            "shingle hashes (k=5) from token hashes", "text to shingles (tokenise + hash + shingle)",
            "MinHash-128 signatures",
        ])
        #expect(result.stages.allSatisfy { $0.seconds > 0 && $0.bytesPerSecond > 0 })
    }

    @Test func generatedTextIsSeededAndMixesBothLanguages() {
        let text = BenchJob.generatedText(bytes: 20_000)
        #expect(text.count >= 20_000)
        #expect(text == BenchJob.generatedText(bytes: 20_000))
        let string = String(decoding: text, as: UTF8.self)
        #expect(string.contains("người") && string.contains(" the "))
    }

    @Test func pathsWithoutPagesAreAnError() throws {
        var job = BenchJob()
        job.inputs = [Fixtures.temporaryFolder()]
        #expect(throws: WinnowError.self) { try job.run() }
    }

    /// The command prints one line per stage, and names the allocator: the
    /// executable links mimalloc to replace the C library's malloc, and this
    /// fails if the link order lets glibc's answer instead.
    @Test func theCommandPrintsEveryStageAndItsAllocator() throws {
        let run = try Fixtures.run(try Fixtures.winnowBinary(), ["bench", "--bytes", "65536"], withStdout: true)
        #expect(run.status == 0)
        let lines = run.printed.split(separator: "\n").map(String.init)
        #expect(lines.count == 6)
        #expect(lines.first?.hasPrefix("0.1 MB of generated Vietnamese and English news text, libxxhash ") == true)
        #expect(lines.first?.contains(", mimalloc 2.") == true, "\(lines.first ?? "")")
        #expect(lines.dropFirst().allSatisfy { $0.contains(" MB/s ") && $0.hasSuffix("× raw XXH3") })
    }
}
