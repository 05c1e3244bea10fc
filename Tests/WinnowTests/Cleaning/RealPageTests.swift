import Foundation
import Testing
@testable import Winnow

/// The ways the cleaner failed on real pages of sites it never saw, one test
/// a failure class, each on a page built from the pattern (menus, a title
/// line, cues, subheadings, link lists, notices), and a fixture of real pages
/// from the public labelled set with the passages they must keep and lose.
@Suite struct RealPageTests {
    private func page(_ id: String, _ lines: [String]) -> Page {
        Page(id: id, origin: PageOrigin(path: id), bytes: Array(lines.joined(separator: "\n").utf8))
    }

    private func kept(_ cleaned: CleanedPage) -> [String] {
        String(decoding: cleaned.text, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// A site's menu: one word a line.
    private let menu = ["Home", "News", "Politics", "Business", "Sport", "Culture", "Opinion", "Weather", "Video", "Search"]

    /// An article's paragraphs, on `topic`.
    private func paragraphs(_ topic: String) -> [String] {
        [
            "The council of \(topic) voted on Tuesday to rebuild the old harbour wall before the storms of the coming winter arrive.",
            "Engineers in \(topic) said the wall, which was built more than a century ago, has been losing stones for years and could fail.",
            "The work in \(topic) will cost about four million euros, most of which will come from a regional fund for coastal towns.",
            "Fishermen in \(topic) welcomed the decision but asked that the harbour stay open to their boats for as long as possible.",
            "A shop owner in \(topic) said that the town had waited too long, and that a single storm could now do more damage than the repairs.",
            "The first stones in \(topic) are expected to be moved in March, and the council hopes to finish the new wall by next summer.",
        ]
    }

    private func assertKeepsArticle(_ cleaned: CleanedPage, _ article: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        let lines = Set(kept(cleaned))
        for line in article {
            #expect(lines.contains(line), "lost: \(line)", sourceLocation: sourceLocation)
        }
    }

    // 1. One cue no longer cuts the rest of the page.
    @Test func aLoneCueBeforeOrInsideTheArticleTakesAtMostItself() {
        let body = paragraphs("Portmore")
        var lines: [String] = menu
        lines += ["Advertisement", "By", "Harbour wall to be rebuilt before winter"]
        lines += body[0 ..< 2]
        lines.append("Advertisement")
        lines += body[2 ..< 4]
        lines.append("Read More")
        lines += body[4...]
        lines += ["Share this article", "Most Popular"]
        let cleaned = Cleaner().clean([page("p", lines)])[0]
        assertKeepsArticle(cleaned, body)
        let left = Set(kept(cleaned))
        #expect(!left.contains("Advertisement"))
        #expect(!left.contains("Read More"))
        // No tail was cut inside the article: a tail starts after its last paragraph, if at all.
        let lastParagraph = lines.lastIndex(of: body[5])! + 1
        #expect(!cleaned.removedBlocks.contains { $0.removal.reason == RemovalReason.tail && $0.block.line <= lastParagraph })
    }

    // 2. The first line is not taken for the title: pages of one site that
    // open with the same menu line tell different stories, and keep them.
    @Test func aSharedMenuLineDoesNotMakeASitesPagesCopies() {
        let topics = ["Portmore", "Kilbride", "Ardmore"]
        let navigation = "Home | News | Politics | Business | Sport | Culture | Opinion | Weather"
        let cookies = "Cookies help us deliver our services. By using our services, you agree to our use of cookies."
        let pages = topics.enumerated().map { n, topic in
            page("p\(n)", [navigation] + menu + ["The \(topic) harbour wall will be rebuilt this winter"] + paragraphs(topic)
                + [cookies])
        }
        let cleaned = Cleaner().clean(pages)
        // The pages are no copies: each keeps its story, and loses what the site prints on all.
        for (n, topic) in topics.enumerated() {
            assertKeepsArticle(cleaned[n], paragraphs(topic))
            #expect(!kept(cleaned[n]).contains(navigation))
            #expect(!kept(cleaned[n]).contains(cookies))
        }
    }

    // 3. An article printed twice keeps one copy of each paragraph.
    @Test func anArticlePrintedTwiceKeepsOneCopy() {
        let body = paragraphs("Portmore")
        let title = "Harbour wall to be rebuilt before winter"
        let cleaned = Cleaner().clean([page("p", menu + [title] + body + [title] + body + ["Contact us", "Imprint"])])[0]
        assertKeepsArticle(cleaned, body)
        let lines = kept(cleaned)
        for line in body { #expect(lines.filter { $0 == line }.count == 1) }
    }

    // 4. Subheadings between paragraphs of the body are content.
    @Test func subheadingsBetweenParagraphsAreKept() {
        let body = paragraphs("Portmore")
        let subheads = ["What the engineers found", "Costs and funding"]
        let article = [body[0], body[1], subheads[0], body[2], body[3], subheads[1], body[4], body[5]]
        let cleaned = Cleaner().clean([page("p", menu + ["Harbour wall to be rebuilt before winter"] + article + ["Newsletter", "Privacy"])])[0]
        assertKeepsArticle(cleaned, article)
        #expect(!kept(cleaned).contains("Privacy"))
    }

    // 5. Runs of headline-like lines around the body are link lists, and
    // notices written as sentences are not article text.
    @Test func linkListsAndNoticesAroundTheBodyGo() {
        let body = paragraphs("Portmore")
        let related = [
            "Storm damages ferry terminal in the north",
            "New bridge opens after three years of work",
            "Fishing quotas cut again for the coming season",
            "Mayor announces plan for a new town library",
            "Coastal towns ask for more money to fight floods",
        ]
        let notices = [
            "We use cookies to improve your experience on our website. By continuing to browse, you agree to our use of cookies.",
            "© 2024 Portmore Daily News. All rights reserved. This material may not be published, broadcast or redistributed.",
        ]
        var lines = [notices[0]] + menu
        lines += ["Harbour wall to be rebuilt before winter"] + body
        lines += ["Related stories"] + related + [notices[1]]
        let cleaned = Cleaner().clean([page("p", lines)])[0]
        assertKeepsArticle(cleaned, body)
        let left = Set(kept(cleaned))
        for line in related + notices + menu { #expect(!left.contains(line), "kept: \(line)") }
    }

    // 1. A section label takes itself and, after its colon, the headline of
    // another story; a sentence that opens with the same words stays.
    @Test func aSectionLabelTakesItselfAndTheLinkBehindIt() {
        let body = paragraphs("Portmore")
        let sentence = "Read more about the plan in the council's report, which was published on Monday."
        let link = "Read more: Storm damages ferry terminal in the north"
        let header = "Lesen Sie auch"
        var lines = menu + ["Harbour wall to be rebuilt before winter"] + body[0 ..< 2]
        lines += [link] + body[2 ..< 4] + [sentence, header] + body[4...]
        let cleaned = Cleaner().clean([page("p", lines)])[0]
        assertKeepsArticle(cleaned, body + [sentence])
        let removed = Dictionary(cleaned.removedBlocks.map { (lines[$0.block.line - 1], $0.removal) }) { a, _ in a }
        #expect(removed[link] == Removal(.teaser, "link after a section label"))
        #expect(removed[header] == Removal(.outside, "section header"))
    }

    // 1. The built-in section labels of languages beyond the European ones
    // go the same way, in their own scripts.
    @Test(arguments: ["Читайте также", "Читайте також", "Czytaj także", "Pročitajte još", "相关新闻", "関連記事",
                      "관련 기사", "यह भी पढ़ें", "اقرأ أيضا", "İlgili haberler", "Διαβάστε επίσης"])
    func sectionLabelsOfOtherLanguagesGo(header: String) {
        #expect(removalInTheArticle(header) == Removal(.outside, "section header"))
    }

    // 1. A label, a colon and another story's headline go in these scripts
    // too, the full-width colon of Chinese and Japanese included.
    @Test(arguments: ["相关阅读：中国经济今年将增长百分之五", "関連記事：東京で新しい橋の工事が始まる",
                      "Читайте также: Шторм повредил паромный терминал на севере"])
    func aLinkBehindALabelGoesInOtherScripts(link: String) {
        #expect(removalInTheArticle(link) == Removal(.teaser, "link after a section label"))
    }

    /// What `line`, set between the third and fourth paragraphs of an
    /// article, is removed as; the article itself must be kept whole.
    private func removalInTheArticle(_ line: String, sourceLocation: SourceLocation = #_sourceLocation) -> Removal? {
        let body = paragraphs("Portmore")
        let lines = menu + ["Harbour wall to be rebuilt before winter"] + body[0 ..< 3] + [line] + body[3...]
        let cleaned = Cleaner().clean([page("p", lines)])[0]
        assertKeepsArticle(cleaned, body, sourceLocation: sourceLocation)
        return cleaned.removedBlocks.first { lines[$0.block.line - 1] == line }?.removal
    }

    // 1. A link label ("Watch:", "Lea:") goes with the headline behind its
    // colon; the same word opening a sentence stays, and so does a page's
    // own title that opens with one.
    @Test func aLinkLabelTakesTheHeadlineBehindIt() {
        let body = paragraphs("Portmore")
        let links = ["WATCH: Storm damages ferry terminal in the north", "Lea: Nuevo puente abre tras tres años de obras"]
        let sentence = "Watch: the council will vote on the plan on Monday, the mayor said."
        let title = "Video: Harbour wall to be rebuilt before winter"
        let lines = [title] + body[0 ..< 2] + [links[0]] + body[2 ..< 4] + [sentence, links[1]] + body[4...]
        let cleaned = Cleaner().clean([page("p", lines)])[0]
        assertKeepsArticle(cleaned, [title] + body + [sentence])
        let removed = Dictionary(cleaned.removedBlocks.map { (lines[$0.block.line - 1], $0.removal) }) { a, _ in a }
        for link in links { #expect(removed[link] == Removal(.teaser, "link after a section label"), "\(link)") }
    }

    // 1. A blog's navigation ("Older Post", "Nächster Beitrag") or the
    // header of its comment form ("Leave a Reply") ends its article: what
    // follows goes as tail.
    @Test(arguments: ["Older Post", "Nächster Beitrag", "Article suivant", "Leave a Reply", "Schreibe einen Kommentar"])
    func postNavigationEndsTheArticle(navigation: String) {
        let body = paragraphs("Portmore")
        let archive = ["March 2024 (7)", "February 2024 (12)", "January 2024 (9)", "December 2023 (15)"]
        let lines = menu + ["Harbour wall to be rebuilt before winter"] + body + [navigation] + archive
        let cleaned = Cleaner().clean([page("p", lines)])[0]
        assertKeepsArticle(cleaned, body)
        let removed = Dictionary(cleaned.removedBlocks.map { (lines[$0.block.line - 1], $0.removal) }) { a, _ in a }
        #expect(removed[navigation]?.reason == .tail, "\(navigation)")
        for line in archive { #expect(removed[line]?.reason == .tail, "\(line)") }
    }

    // 1. A byline or source line inside the article cuts no tail while more
    // of the article follows it than stands before it.
    @Test func aBylineWithMostOfTheArticleAfterItCutsNothing() {
        let body = paragraphs("Portmore") + paragraphs("Kilbride")
        var lines = menu + ["Harbour wall to be rebuilt before winter"] + body[0 ..< 4]
        lines += ["Source: Portmore Harbour Office", "What the engineers found"] + body[4...]
        let cleaned = Cleaner().clean([page("p", lines)])[0]
        assertKeepsArticle(cleaned, body + ["What the engineers found"])
        #expect(!cleaned.removedBlocks.contains { $0.removal.reason == .tail })
    }

    // Every removal the body model makes says where the block stood.
    @Test func bodyRemovalsGiveTheirScoreAndPlace() {
        let lines = menu + ["Harbour wall to be rebuilt before winter"] + paragraphs("Portmore") + ["Contact us", "Imprint"]
        let cleaned = Cleaner().clean([page("p", lines)])[0]
        let evidence = cleaned.removedBlocks.filter { $0.removal.reason == .outside }.map(\.removal.evidence)
        #expect(evidence.contains { $0.hasPrefix("score 0.") && $0.hasSuffix("before the article body") })
        #expect(evidence.contains { $0.hasSuffix("after the article body") })
    }

    /// Real pages from the public labelled set (`Fixtures/real/`): every
    /// passage they must keep is kept, and few they must lose.
    @Test func realPagesKeepTheirArticlePassages() throws {
        let corpus = Corpus(inputs: try InputSet(paths: [Fixtures.path("Fixtures/real/pages")]))
        try assertPassages(Cleaner().clean(corpus.pages), extension: ".txt")
    }

    /// The same pages read from their HTML, judged with what their markup says.
    @Test func realHTMLPagesKeepTheirArticlePassages() throws {
        let corpus = Corpus(inputs: try InputSet(paths: [Fixtures.path("Fixtures/real/html")], glob: "*.html.gz"))
        #expect(corpus.pages.allSatisfy { $0.markup != nil })
        try assertPassages(Cleaner().clean(corpus.pages), extension: ".html.gz")
    }

    private func assertPassages(_ cleaned: [CleanedPage], extension: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        struct Labels: Decodable { let id: String; let with: [String]; let without: [String] }
        let labels = try JSONDecoder().decode([Labels].self, from: Data(try Fixtures.read("Fixtures/real/labels.json")))
        #expect(cleaned.count == labels.count, sourceLocation: sourceLocation)
        func fold(_ s: String) -> String { s.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        var keptWithout = 0, without = 0
        for label in labels {
            guard let page = cleaned.first(where: { $0.page.id == label.id + `extension` }) else {
                Issue.record("no page \(label.id)", sourceLocation: sourceLocation)
                continue
            }
            let text = fold(String(decoding: page.text, as: UTF8.self))
            for passage in label.with {
                #expect(text.contains(fold(passage)), "\(label.id) lost: \(passage)", sourceLocation: sourceLocation)
            }
            keptWithout += label.without.filter { text.contains(fold($0)) }.count
            without += label.without.count
        }
        #expect(keptWithout * 5 <= without, "kept \(keptWithout) of \(without) boilerplate passages", sourceLocation: sourceLocation)
    }
}
