import Foundation
import Testing
import Winnow

/// The code of the documentation's getting-started article, run on the
/// seeds through the public API only (no `@testable`).
@Suite struct GettingStartedTests {
    @Test func theArticlesExampleCleansTheSeedsAndFindsACopy() throws {
        // The seeds, and one page again under another name, as a re-crawl would save it.
        let (folder, names) = try Fixtures.pagesWithACopy(of: "seeds", copyName: "recrawl.txt")

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
