import Foundation
import Testing
@testable import Winnow

/// Pages that let go of their text once analysed (as `dups` reads them) and
/// read it again from their files: the same text as a page that kept it,
/// or, for a file changed since, none and a flag.
@Suite struct ReleasedTextTests {
    private let good = Array("A headline for the good page\nThe good page has a sentence of real article text in it.\n".utf8)

    /// A folder of pages that read again differently from plain UTF-8: a
    /// BOM, invalid bytes, a gzip file, and files with the same bytes.
    private func folder() throws -> String {
        let root = Fixtures.temporaryFolder()
        let files: [String: [UInt8]] = [
            "plain.txt": good, "again/plain.txt": good, "bom.txt": [0xEF, 0xBB, 0xBF] + good,
            "bad.txt": Array("Tiêu đề\n".utf8) + [0xC3, 0x28] + Array(" câu văn.\n".utf8),
            "zipped.txt.gz": Gzip.compress(Array("Một trang nén\nCó một câu văn thật sự ở đây.\n".utf8)),
        ]
        for (name, bytes) in files {
            let path = root + "/" + name
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        }
        return root
    }

    private func read(_ root: String, releasing: Bool, threads: Int = 2) throws -> Corpus {
        var options = ReadOptions()
        options.releasesText = releasing
        options.threads = threads
        return Corpus(inputs: try InputSet(paths: [root], glob: "*.txt*"), options: options)
    }

    @Test func pagesReadAgainHoldTheTextAnalysed() throws {
        let root = try folder()
        let kept = try read(root, releasing: false), released = try read(root, releasing: true)
        #expect(released.pages.map(\.id) == ["again/plain.txt", "bad.txt", "bom.txt", "plain.txt", "zipped.txt.gz"])
        #expect(released.pages.map(\.id) == kept.pages.map(\.id))
        for (page, keeper) in zip(released.pages, kept.pages) {
            #expect(!page.holdsText && keeper.holdsText, "\(page.id)")
            #expect(page.textCount == keeper.text.count, "\(page.id)")
            #expect(page.readText() == keeper.text, "\(page.id)")
            #expect(page.blocks == keeper.blocks && page.tokenHashes == keeper.tokenHashes, "\(page.id)")
            #expect(!page.textChanged, "\(page.id)")
        }
        // The two files of the same bytes share one text, held or not.
        #expect(released.pages[0].sharesText(with: released.pages[3]))
        #expect(!released.pages[0].sharesText(with: released.pages[2]))
        #expect(Page.sameText(released.pages[0], released.pages[3]))
        // A BOM is not part of the text: the pages have the same text, read again to be compared.
        #expect(Page.sameText(released.pages[2], released.pages[3]))
        #expect(!Page.sameText(released.pages[1], released.pages[3]))
        #expect(released.diagnostics.map(\.description) == kept.diagnostics.map(\.description))
    }

    @Test func aFileChangedSinceItWasReadIsFound() throws {
        let root = try folder()
        let released = try read(root, releasing: true)
        let byID = Dictionary(uniqueKeysWithValues: released.pages.map { ($0.id, $0) })
        // Same length, other bytes; and a file gone.
        var changed = good
        changed[changed.count - 3] = UInt8(ascii: "X")
        try Data(changed).write(to: URL(fileURLWithPath: root + "/plain.txt"))
        try FileManager.default.removeItem(atPath: root + "/bad.txt")
        #expect(byID["plain.txt"]!.readText() == nil)
        #expect(byID["plain.txt"]!.textChanged)
        #expect(byID["bad.txt"]!.readText() == nil)
        #expect(byID["bad.txt"]!.textChanged)
        // Its copy elsewhere still reads: the flag is the page's, not the text's.
        #expect(byID["again/plain.txt"]!.readText() == good)
        #expect(!byID["again/plain.txt"]!.textChanged)
        // Pages whose texts cannot both be read are not the same.
        #expect(!Page.sameText(byID["bom.txt"]!, byID["plain.txt"]!))
    }

    /// The cleaner's in-page rules run as each page is read, before it lets
    /// go of its text; the cleaner then moves each state to the page that
    /// stands first among those of the same text (a page renamed, a copy).
    @Test func releasedPagesAreCleanedAsKeptOnes() throws {
        let root = try folder()
        let pages = Fixtures.path("Fixtures/quality-80/pages")
        let inputs = try InputSet(paths: [pages, root, pages], glob: "*.txt*")  // pages read twice: renamed
        let cleaner = Cleaner()
        var options = ReadOptions()
        options.releasesText = true
        let (released, prepared) = try Corpus.load(inputs, options: options, visit: cleaner.prepare)
        let kept = Corpus(inputs: inputs)
        #expect(released.pages.map(\.id) == kept.pages.map(\.id))
        #expect(released.pages.contains { $0.id.hasSuffix("~2") })
        let a = cleaner.clean(released.pages, prepared: prepared), b = cleaner.clean(kept.pages)
        #expect(a.map(\.removals) == b.map(\.removals))
        #expect(!released.pages.contains { $0.holdsText })
    }

    /// A page with no prepared state of its own, that shares its text with
    /// one that has (the reader analysed the later of two identical files),
    /// takes that state: its text, let go of, is not needed again.
    @Test func aCopyTakesThePreparedStateOfTheFileAnalysed() throws {
        let cleaner = Cleaner()
        let analysed = Page(id: "b.txt", origin: PageOrigin(path: "b.txt"), bytes: good, analyzer: LineAnalyzer())
        let state = cleaner.prepare(analysed)
        analysed.releaseText()
        let copy = analysed.copy(id: "a.txt", origin: PageOrigin(path: "a.txt"))
        let cleaned = cleaner.clean([copy, analysed], prepared: [nil, state])
        let expected = cleaner.clean([Page(id: "a.txt", origin: PageOrigin(path: "a.txt"), bytes: good)])
        #expect(cleaned.map(\.page.id) == ["a.txt", "b.txt"])
        #expect(cleaned[0].page === copy && cleaned[1].page === analysed)
        #expect(cleaned[0].removals == expected[0].removals && cleaned[1].removals == expected[0].removals)
    }

    /// However the threads meet identical files, each page shares the text
    /// of the first file of its bytes and no other.
    @Test(arguments: [1, 2])
    func identicalFilesShareOneTextAtAnyThreadCount(_ threads: Int) throws {
        let root = Fixtures.temporaryFolder()
        for i in 0 ..< 60 {
            let text = Array("Headline \(i % 7)\nThe story number \(i % 7) has a sentence of article text.\n".utf8)
            try Data(text).write(to: URL(fileURLWithPath: root + "/p\(String(format: "%02d", i)).txt"))
        }
        let corpus = try read(root, releasing: true, threads: threads)
        #expect(corpus.pages.count == 60)
        for (i, page) in corpus.pages.enumerated() {
            #expect(page.sharesText(with: corpus.pages[i % 7]) && page.readText() == corpus.pages[i % 7].readText())
            #expect(!page.sharesText(with: corpus.pages[(i + 1) % 7]))
        }
    }
}
