import Foundation
import Testing
import Winnow

/// The code of the documentation's getting-started article, run on the
/// seeds through the public API only (no `@testable`).
@Suite struct GettingStartedTests {
    @Test func theArticlesExampleCleansTheSeedsAndFindsACopy() throws {
        let folder = Fixtures.temporaryFolder()
        let seeds = Fixtures.path("seeds")
        let names = try FileManager.default.contentsOfDirectory(atPath: seeds).filter { $0.hasSuffix(".txt") }.sorted()
        for name in names { try FileManager.default.copyItem(atPath: seeds + "/" + name, toPath: folder + "/" + name) }
        // One page again under another name, as a re-crawl would save it.
        try FileManager.default.copyItem(atPath: seeds + "/" + names[0], toPath: folder + "/recrawl.txt")

        let corpus = try Corpus.load([folder], glob: "*.txt", options: ReadOptions())
        let cleaned = Cleaner().clean(corpus.pages)
        #expect(cleaned.count == names.count + 1)
        for page in cleaned {
            // Every seed carries furniture, and every removal says why.
            #expect(!page.removedBlocks.isEmpty, "\(page.page.id)")
            for (_, removal) in page.removedBlocks { #expect(!removal.evidence.isEmpty) }
            #expect(page.keptBlocks.count > 3, "\(page.page.id)")
        }

        var finder = DuplicateFinder()
        finder.add(cleaned.map { DuplicateDocument($0) })
        let clusters = finder.clusters()
        #expect(clusters.map { Set($0.documents) }.contains(Set([names[0], "recrawl.txt"])))
        let pair = try #require(clusters.flatMap(\.pairs).first { Set([$0.a, $0.b]) == Set([names[0], "recrawl.txt"]) })
        #expect(pair.identical)
        #expect(pair.jaccard == 1)
    }
}
