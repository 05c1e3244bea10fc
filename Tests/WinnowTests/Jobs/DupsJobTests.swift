import Foundation
import Testing
@testable import Winnow

/// `winnow dups`: pages let go of their text once analysed, and the pages
/// of the pairs found read theirs again for the passages they share.
@Suite struct DupsJobTests {
    /// The job finds what the cleaner and the finder find on pages that keep
    /// their text: the same clusters, pairs, measures and passage texts.
    @Test(arguments: [false, true])
    func clustersAreThoseOfPagesThatKeepTheirText(_ raw: Bool) throws {
        let pages = Fixtures.path("Fixtures/quality-80/pages")
        var job = DupsJob(inputs: [pages])
        job.raw = raw
        let result = try job.run()
        #expect(!result.dump.corpus.pages.contains { $0.holdsText })
        #expect(result.diagnostics.isEmpty)

        let corpus = Corpus(inputs: try InputSet(paths: [pages]))
        let documents = raw ? corpus.pages.map { DuplicateDocument(raw: $0) }
            : Cleaner().clean(corpus.pages).map { DuplicateDocument($0) }
        var finder = DuplicateFinder()
        finder.add(documents)
        let expected = finder.clusters()
        #expect(result.report.clusters == expected)
        let passages = expected.flatMap(\.pairs).flatMap(\.shared)
        #expect(passages.count > 10 && passages.allSatisfy { !$0.text.isEmpty })
    }

    /// Pages over the memory budget put their word hashes in a temporary
    /// file and read them back: the report is the same as with every page
    /// holding them, and the file, which has no name, leaves nothing behind.
    /// When the file cannot be made, the pages hold their hashes, and a
    /// warning says so: the report is still the same.
    @Test func pagesOverTheMemoryBudgetSpillTheirWordHashesWithTheSameReport() throws {
        let pages = Fixtures.path("Fixtures/quality-80/pages")
        var job = DupsJob(inputs: [pages])
        job.memory = 1 << 40
        let held = try job.run()
        #expect(held.report.clusters.count > 5)

        let folder = Fixtures.temporaryFolder()
        job.spillFolder = folder
        job.memory = 4096  // a page or two
        let spilled = try job.run()
        #expect(spilled.report.clusters == held.report.clusters)
        #expect(spilled.diagnostics.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
        // Nearly every page's hashes went to the file, and read back whole.
        let pagesHolding = spilled.dump.corpus.pages.filter { $0.tokenCount > 0 && $0.holdsTokens }
        #expect(pagesHolding.count <= 3)
        let again = Corpus(inputs: try InputSet(paths: [pages]))
        #expect(zip(spilled.dump.corpus.pages, again.pages).allSatisfy { $0.tokenHashes == $1.tokenHashes })

        job.spillFolder = folder + "/missing"
        let unspilled = try job.run()
        #expect(unspilled.report.clusters == held.report.clusters)
        #expect(unspilled.diagnostics.count == 1)
        #expect(unspilled.diagnostics.first?.severity == .warning)
        #expect(unspilled.diagnostics.first?.message.contains("cannot make a temporary file in \(folder)/missing") == true)
    }

    /// HTML pages let go of their text too, and read it again as their
    /// text, not their markup, for the passages of a pair.
    @Test func htmlPagesReadTheirTextAgainForTheirPassages() throws {
        let folder = Fixtures.temporaryFolder()
        let article = (1 ... 12).map { "<p>Paragraph \($0) of the story about the harbour, its piers and the ships that will dock there.</p>" }
        for (name, extra) in [("a.html", ""), ("b.html", "<p>A line only this copy has, added later.</p>")] {
            let page = "<html><head><title>Harbour</title></head><body>" + article.joined() + extra + "</body></html>"
            try Data(page.utf8).write(to: URL(fileURLWithPath: folder + "/" + name))
        }
        var job = DupsJob(inputs: [folder])
        job.glob = "*.html"
        let result = try job.run()
        #expect(result.diagnostics.isEmpty)
        let passages = result.report.clusters.flatMap(\.pairs).flatMap(\.shared)
        #expect(!passages.isEmpty && passages.allSatisfy { !$0.text.isEmpty && !$0.text.contains("<") })
    }
}
