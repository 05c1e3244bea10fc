import Foundation
import Testing
@testable import Winnow

/// Pages read from HTML are judged with what their markup says of each
/// block (link text, the element, the sections and class names around it),
/// by a model trained on it; pages read as text by the text's features alone.
@Suite struct MarkupTests {
    private let paragraphs = [
        "The council of Portmore voted on Tuesday to rebuild the old harbour wall before the storms of the coming winter arrive.",
        "Engineers said the wall, which was built more than a century ago, has been losing stones for years and could fail soon.",
        "The work will cost about four million euros, most of which will come from a regional fund for coastal towns and ports.",
        "Fishermen welcomed the decision but asked that the harbour stay open to their boats for as long as the work allows.",
        "A shop owner said that the town had waited too long, and that a single storm could now do more damage than the repairs.",
        "The first stones are expected to be moved in March, and the council hopes to finish the new wall by next summer.",
    ]

    /// Other stories' summaries, written as sentences.
    private let teasers = [
        "The ferry terminal in the north was damaged by a storm on Sunday night, and crossings are cancelled until Friday.",
        "A new bridge over the river opened on Monday after three years of work and two delays caused by flooding.",
        "Fishing quotas for the coming season were cut again, the third cut in a row for the boats of the western coast.",
        "The mayor announced a plan for a new town library, to be built on the site of the old market by the harbour.",
    ]

    /// A news page: a menu, the article with a subheading after its third paragraph, `after` it, a footer.
    private func html(subheading: String, after: String) -> String {
        "<html><head><title>Harbour wall to be rebuilt | Portmore Daily</title></head><body>"
            + "<nav class=\"site-menu\"><ul><li><a href=/>Home</a></li><li><a href=/news>News</a></li><li><a href=/sport>Sport</a></li></ul></nav>"
            + "<main><article class=\"story\"><h1>Harbour wall to be rebuilt before winter</h1>"
            + paragraphs[..<3].map { "<p>\($0)</p>" }.joined() + "<h2>\(subheading)</h2>"
            + paragraphs[3...].map { "<p>\($0)</p>" }.joined()
            + "</article>\(after)</main>"
            + "<footer><p>© 2024 Portmore Daily. All rights reserved.</p></footer></body></html>"
    }

    @Test func eachLineOfAnHTMLPageCarriesItsMarkup() {
        let page = """
            <html><head><title>Harbour wall | Portmore</title></head><body>
            <nav><ul><li><a href="/">Home</a></li></ul></nav>
            <div class="article-body"><h2>Costs</h2><p>The work will cost <a href="/f">four million</a> euros in all.</p></div>
            <aside class="relatedPosts"><p>More stories</p></aside><footer><p>Contact us</p></footer></body></html>
            """
        let (text, markup) = HTMLText.read(Array(page.utf8))
        let lines = String(decoding: text, as: UTF8.self).split(separator: "\n").map(String.init)
        #expect(lines == ["Harbour wall | Portmore", "Home", "Costs", "The work will cost four million euros in all.", "More stories", "Contact us"])
        #expect(markup.count == lines.count)
        #expect(markup[0].tag == .title)
        #expect(markup[1].tag == .listItem && markup[1].sections.contains(.nav) && markup[1].linkShare == 1 && markup[1].links == 1)
        #expect(markup[2].tag == .heading && markup[2].headingLevel == 2 && markup[2].contentClassDistance == 1)
        #expect(markup[3].tag == .paragraph)
        #expect(markup[3].links == 1)
        #expect(markup[3].linkBytes == 12)
        #expect(markup[3].furnitureClassDistance == LineMarkup.none)
        #expect(markup[2].parent == markup[3].parent && markup[2].parent != 0)
        #expect(markup[4].furnitureClassDistance == 1 && markup[4].sections.contains(.aside))
        #expect(markup[5].sections.contains(.footer) && !markup[5].sections.contains(.nav))
    }

    @Test func markdownMarksHeadingsAndListItemsOfHTMLPages() throws {
        let folder = Fixtures.temporaryFolder()
        let page = html(subheading: "What the engineers found", after: "")
        try Data(page.utf8).write(to: URL(fileURLWithPath: folder + "/p.html"))
        let out = Fixtures.temporaryFolder() + "/out"
        var job = CleanJob(inputs: [folder], output: out)
        job.glob = "*.html"
        job.markdown = true
        _ = try job.run()
        let lines = try String(contentsOfFile: out + "/p.txt", encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.contains("# Harbour wall to be rebuilt before winter"))
        #expect(lines.contains("## What the engineers found"))
        #expect(lines.contains(paragraphs[0]))
        // A page read as text is written as it is.
        let text = Page(id: "t.txt", origin: PageOrigin(path: "t.txt"), bytes: Array(("## Not a heading\n" + paragraphs[0]).utf8))
        let cleaned = Cleaner().clean([text])[0]
        #expect(cleaned.markdown == cleaned.text)
        let list = HTMLText.read(Array("<ul><li>One item of a list</li></ul>".utf8))
        let listPage = Page(id: "l.html", origin: PageOrigin(path: "l.html"), bytes: list.text, markup: list.markup, analyzer: LineAnalyzer())
        #expect(String(decoding: CleanedPage(page: listPage, removals: [nil]).markdown, as: UTF8.self) == "- One item of a list\n")
    }

    @Test func classAndIdNamesAreReadWordByWord() {
        func judge(_ s: String) -> (Bool, Bool) { s.withCString { $0.withMemoryRebound(to: UInt8.self, capacity: s.utf8.count + 1) { ClassWords.judge($0) } } }
        #expect(judge("relatedLinks") == (true, false))
        #expect(judge("nav-bar main-navigation") == (true, true))
        #expect(judge("article-body entry") == (false, true))
        #expect(judge("article-footer") == (true, true))
        #expect(judge("shadow loading") == (false, false))  // "ad" only as a word of its own
        #expect(judge("ad-slot") == (true, false))
    }

    @Test func htmlPagesAreJudgedByTheMarkupModel() throws {
        let model = try #require(BodyModel.activeHTML)
        #expect(model.markup && model.first.features == BlockFeatures.count + BlockFeatures.markupNames.count)
        #expect(!BodyModel.active.markup)
        let text = Page(id: "t", origin: PageOrigin(path: "t"), bytes: Array("One line.\nAnother line.".utf8))
        #expect(BodyModel.judging(text).markup == false)
        #expect(throws: BodyModel.ParseError.self) {
            try BodyModel.parse("features " + (BlockFeatures.names + ["link_share"]).joined(separator: " ") + "\nthreshold 0.5\n")
        }
    }

    /// Other stories' headlines, linked, beside the article go when the page
    /// is read from HTML, and the article stays whole, its subheading too.
    @Test func linkedHeadlinesBesideTheArticleGoFromHTML() throws {
        let headlines = ["Storm damages ferry terminal", "New bridge opens after delays", "Fishing quotas cut again", "Mayor plans new library"]
        let items = zip(headlines, teasers).map { "<div class=\"item\"><h3><a href=\"/s\">\($0)</a></h3><p>\($1)</p></div>" }.joined()
        let page = html(subheading: "What the engineers found", after: "<div class=\"more\"><h2>In other news</h2>\(items)</div>")
        let folder = Fixtures.temporaryFolder()
        try Data(page.utf8).write(to: URL(fileURLWithPath: folder + "/p.html"))
        let corpus = Corpus(inputs: try InputSet(paths: [folder], glob: "*.html"))
        let cleaned = try #require(Cleaner().clean(corpus.pages).first)
        let kept = Set(String(decoding: cleaned.text, as: UTF8.self).split(separator: "\n").map(String.init))
        for p in paragraphs + ["What the engineers found", "Harbour wall to be rebuilt before winter"] {
            #expect(kept.contains(p), "lost: \(p)")
        }
        for h in headlines + ["Home", "In other news", "© 2024 Portmore Daily. All rights reserved."] {
            #expect(!kept.contains(h), "kept: \(h)")
        }
        #expect(cleaned.removedBlocks.filter { headlines.contains(cleaned.page.string(of: $0.block)) }.allSatisfy { $0.removal.reason == .outside })

    }
}
