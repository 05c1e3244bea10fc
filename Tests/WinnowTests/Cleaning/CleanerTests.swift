import Foundation
import Testing
@testable import Winnow

@Suite struct CleanerTests {
    private func cleanFolder(_ folder: String, options: CleanerOptions = CleanerOptions()) throws -> [CleanedPage] {
        let corpus = Corpus(inputs: try InputSet(paths: [Fixtures.path(folder)]))
        return Cleaner(options: options).clean(corpus.pages)
    }

    private func keptLines(_ page: CleanedPage) -> [String] {
        String(decoding: page.text, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    @Test func aPageCrawledTwiceIsCleanedAsItsOriginalAndChangesNothingElse() throws {
        // Three stories of one site, sharing a line written as a sentence
        // (the body model keeps it on each page alone; the pages together show it).
        let banner = "The town council meets every Tuesday evening in the old library on the market square."
        let pages = (1 ... 3).map { n in
            let text = """
                Story number \(n) makes the front page today
                The lead of story \(n) tells what happened and where it happened in a sentence.
                \(banner)
                The body of story \(n) goes on with the details that the reporters found out on the ground.
                """
            return Page(id: "p\(n)", origin: PageOrigin(path: "p\(n)"), bytes: Array(text.utf8))
        }
        let once = Cleaner().clean(pages)
        #expect(once[0].removals[2] == Removal(.template, "template: in 3 of 3 pages"))
        // The first page crawled twice more is no new evidence: the banner stands in 3 stories still.
        let twice = Cleaner().clean(pages + [pages[0].renamed("again/p1"), pages[0].renamed("again2/p1")])
        #expect(twice.prefix(3).map(\.removals) == once.map(\.removals))
        #expect(twice.dropFirst(3).map(\.removals) == [once[0].removals, once[0].removals])
        #expect(twice.map(\.page.id) == ["p1", "p2", "p3", "again/p1", "again2/p1"])
    }

    @Test func pagesPreparedAsTheyAreReadAreCleanedAsPagesPreparedLater() throws {
        // The generated dump, and one of its pages saved twice (a copy is not prepared: it shares its original's work).
        let (folder, _) = try Fixtures.pagesWithACopy(of: "Fixtures/quality-80/pages", copyName: "zz-copy.txt")
        let cleaner = Cleaner()
        let (corpus, prepared) = try Corpus.load(try InputSet(paths: [folder]), options: ReadOptions(), visit: cleaner.prepare)
        #expect(prepared.count == corpus.pages.count)
        #expect(prepared.indices.filter { prepared[$0] == nil }.map { corpus.pages[$0].id } == ["zz-copy.txt"])
        let later = cleaner.clean(corpus.pages)
        let now = cleaner.clean(corpus.pages, prepared: prepared)
        #expect(now.map(\.page.id) == later.map(\.page.id))
        #expect(now.map(\.removals) == later.map(\.removals))
        #expect(later.contains { $0.removals.contains { $0?.reason == .caption } })
        // Work prepared on a page since renamed is done again, on the page given
        // (the copy, last, is left out: copies are cleaned as their originals).
        let renamed = corpus.pages.dropLast().map { $0.renamed("renamed/" + $0.id) }
        let again = cleaner.clean(renamed, prepared: Array(prepared.dropLast()))
        #expect(again.map(\.page.id) == renamed.map(\.id))
        // The same removals, but for the evidence that names another page, which has its new name.
        let described = { (pages: ArraySlice<CleanedPage>) in
            pages.map { $0.removals.map { $0.map { "\($0.reason): " + $0.evidence.replacingOccurrences(of: "renamed/", with: "") } } }
        }
        #expect(described(again[...]) == described(later.dropLast()))
    }

    @Test func seedsKeepEveryContentLine() throws {
        let gold = try GoldScorer(goldPath: Fixtures.path("Fixtures/seeds-gold.json"))
        let cleaned = try cleanFolder("seeds")
        #expect(cleaned.count == 5)
        var total = GoldScorer.Score()
        for page in cleaned {
            let name = String(page.page.id.dropLast(4))
            let kept = Set(keptLines(page).map(GoldScorer.normalize))
            for (label, text) in gold.docs[name] ?? [] where label == "content" {
                #expect(kept.contains(GoldScorer.normalize(text)), "\(name) lost: \(text)")
            }
            let s = gold.score(page: name, kept: keptLines(page))
            total.truePositives += s.truePositives
            total.falsePositives += s.falsePositives
            total.falseNegatives += s.falseNegatives
        }
        #expect(total.recall == 1.0)
        #expect(total.f1 >= 0.995)
    }

    @Test func seedsLoseEveryInPageRepeat() throws {
        for page in try cleanFolder("seeds") {
            let keys = page.keptBlocks.map(\.key)
            #expect(Set(keys).count == keys.count, "\(page.page.id) keeps a repeated block")
        }
    }

    @Test func seedsWithoutCrossPageEvidenceAreTheSame() throws {
        var alone = CleanerOptions()
        alone.crossPage = false
        let a = try cleanFolder("seeds").map(\.text)
        let b = try cleanFolder("seeds", options: alone).map(\.text)
        #expect(a == b)
    }

    @Test func everyRemovalHasAReasonAndEvidence() throws {
        for page in try cleanFolder("seeds") {
            for (_, removal) in page.removedBlocks {
                #expect(!removal.evidence.isEmpty)
            }
        }
    }

    @Test func keepCaptionsKeepsCreditedCaptions() throws {
        var options = CleanerOptions()
        options.keepCaptions = true
        let page = try cleanFolder("Fixtures/clean/input", options: options).first { $0.page.id == "vi-teasers.txt" }!
        #expect(keptLines(page).contains("Công nhân làm việc tại công trường. Ảnh: TTXVN."))
        let without = try cleanFolder("Fixtures/clean/input").first { $0.page.id == "vi-teasers.txt" }!
        #expect(!keptLines(without).contains("Công nhân làm việc tại công trường. Ảnh: TTXVN."))
    }

    /// A credit names someone after its colon: a paragraph that ends by
    /// introducing a video ("… in our video:") is text, and a caption with
    /// its credit still goes.
    @Test func aParagraphEndingInAColonAfterACreditWordIsNoCaption() {
        let text = """
            Harbour project adds two new piers this year
            The harbour project will add two new piers by the end of the year, the port authority said on Monday.
            Engineers expect the first ships to dock at the new piers in October, and how they will look you can see in our video:
            Cranes unload the first steel beams at the north quay. Photo: Jane Doe
            The port authority said the new piers will cost less than the old ones did to build.
            Dock workers welcomed the news and said the first ships would bring jobs back to the town.
            """
        let page = Page(id: "p", origin: PageOrigin(path: "p"), bytes: Array(text.utf8))
        let cleaned = Cleaner().clean([page])[0]
        #expect(cleaned.removals[2] == nil)
        #expect(cleaned.removals[3] == Removal(.caption, "credit 'Photo:'"))
    }

    /// French sets a space before a colon: "Photo : AFP" is a credit as "Photo: AFP" is.
    @Test func aFrenchCreditWithASpaceBeforeItsColonIsACaption() {
        let text = """
            Le port ajoute deux nouvelles jetées cette année
            Le port ajoutera deux nouvelles jetées d'ici la fin de l'année, a indiqué lundi l'autorité portuaire.
            Les ingénieurs prévoient que les premiers navires accosteront aux nouvelles jetées en octobre prochain.
            Des grues déchargent les premières poutres sur le quai nord. Photo : Jean Dupont
            L'autorité portuaire a déclaré que les nouvelles jetées coûteront moins cher que les anciennes.
            Les dockers ont salué la nouvelle et dit que les navires ramèneraient des emplois dans la ville.
            """
        let page = Page(id: "p", origin: PageOrigin(path: "p"), bytes: Array(text.utf8))
        #expect(Cleaner().clean([page])[0].removals[3] == Removal(.caption, "credit 'Photo:'"))
    }

    @Test func aCaptionCutFromTheTextIsRemovedAndAPartialOneKept() {
        let text = """
            Harbour project adds two new piers this year
            The harbour project will add two new piers by the end of the year, the port authority said on Monday.
            Engineers expect the first ships to dock at the new piers in October, after a long review of the plans.
            Two new piers by the end of the year, the port authority said on Monday. Engineers expect the first ships
            The port authority said the new piers will cost less than the old ones did to build.
            Dock workers welcomed the news and said the first ships would bring jobs back to the town.
            """
        let page = Page(id: "p", origin: PageOrigin(path: "p"), bytes: Array(text.utf8))
        let cleaned = Cleaner().clean([page])[0]
        // Line 4's words all stand in lines 2 and 3 (its last shingles run from one into the other).
        #expect(cleaned.removals[3] == Removal(.caption, "copy of words in line 2"))
        // Lines 5 and 6 share only a few words with the rest: kept.
        #expect(cleaned.removals[4] == nil && cleaned.removals[5] == nil)
    }

    @Test func anArticleGluedToAnotherPageIsTailThereAndStoryInItsOwnPageAndItsCopy() {
        let (harbour, bridge) = (Fixtures.harbourStory, Fixtures.bridgeStory)
        let page = { (id: String, text: String) in Page(id: id, origin: PageOrigin(path: id), bytes: Array(text.utf8)) }
        // The harbour story, republished with a line of its own, and glued to the end of the bridge story.
        let pages = [page("harbour", harbour), page("harbour-again", harbour + "\nRead the harbour story on our site."),
                     page("bridge", bridge + "\n" + harbour)]
        let cleaned = Cleaner().clean(pages)
        // The harbour story's pages are copies: they keep what they share.
        #expect(cleaned[0].removals.allSatisfy { $0 == nil })
        #expect(cleaned[1].removals.prefix(4).allSatisfy { $0 == nil })
        // The bridge page shares two of the harbour story's paragraphs, but it carries
        // that story's title below its own head: no copy of it. The title is a teaser,
        // and what follows it is tail.
        #expect(cleaned[2].removals.prefix(4).allSatisfy { $0 == nil })
        #expect(cleaned[2].removals[4] == Removal(.teaser, "teaser: title of harbour"))
        #expect(cleaned[2].removals[5 ... 7].allSatisfy { $0 == Removal(.tail, "tail: after the title of harbour at line 5") })
    }

    /// A copy republished under a title of its own, without the lead: its
    /// head's second block is a paragraph the original holds below its own
    /// head. Carrying another page's lead is no sign of another story (a
    /// teaser or a glued article opens with its title), so the two are
    /// copies and keep the text they share.
    @Test func aCopyWithATitleOfItsOwnAndNoLeadKeepsWhatItShares() {
        let paragraphs = [
            "The harbour project will add two new piers by the end of the year, the port authority said on Monday.",
            "Engineers expect the first ships to dock at the new piers in October, after a long review of the plans.",
            "Dock workers welcomed the news and said the first ships would bring jobs back to the town by winter.",
            "The port authority said the work would cost about twelve million euros and be paid for by the region.",
            "Fishermen asked that the old quay stay open to their boats while the new piers are being built.",
        ]
        let page = { (id: String, lines: [String]) in
            Page(id: id, origin: PageOrigin(path: id), bytes: Array(lines.joined(separator: "\n").utf8))
        }
        let pages = [page("original", ["Harbour project adds two new piers this year"] + paragraphs),
                     page("republished", ["Two new piers for the harbour by the end of the year"] + paragraphs.dropFirst()),
                     page("bridge", Fixtures.bridgeStory.split(separator: "\n").map(String.init))]
        let cleaned = Cleaner().clean(pages)
        #expect(cleaned[1].head == [0, 1])
        #expect(cleaned[0].removals.allSatisfy { $0 == nil }, "\(cleaned[0].removals)")
        #expect(cleaned[1].removals.allSatisfy { $0 == nil }, "\(cleaned[1].removals)")
    }

    /// A glued article's title that the in-page rules removed already (by
    /// its look) still opens the tail when the story it names follows it;
    /// the same title followed by other text cuts nothing.
    @Test(arguments: [true, false])
    func aGluedTitleRemovedInPageStillOpensTheTailWhenItsStoryFollows(_ storyFollows: Bool) {
        let (harbour, bridge) = (Fixtures.harbourStory, Fixtures.bridgeStory)
        let after = storyFollows ? harbour
            : "Harbour project adds two new piers this year\nBus drivers on the longer road said the new timetable would add ten minutes to each trip."
        let page = { (id: String, text: String) in Page(id: id, origin: PageOrigin(path: id), bytes: Array(text.utf8)) }
        let pages = [page("harbour", harbour), page("bridge", bridge + "\n" + after)]
        let cleaner = Cleaner()
        var states = pages.map { cleaner.prepare($0).state }
        // The in-page rules judged the glued title by its look.
        #expect(states[1].removals[4] == nil && !states[1].isHead(4))
        states[1].remove(4, Removal(.outside, "a headline-like line"))
        CrossPageRule.apply(to: &states, context: RuleContext(options: CleanerOptions(), cues: CueMatcher(CuePhrases.builtIn)))
        #expect(states[1].removals[4] == Removal(.outside, "a headline-like line"))
        #expect(states[1].removals.prefix(4).allSatisfy { $0 == nil })
        if storyFollows {
            #expect(states[1].removals[5...].allSatisfy { $0 == Removal(.tail, "tail: after the title of harbour at line 5") })
        } else {
            #expect(states[1].removals[5] == nil)
        }
    }

    @Test func singleShortLinesInsideTheTextDoNotCutIt() {
        let text = """
            A headline about the harbour project
            The harbour project will add two new piers by the end of the year, the port said.
            Work began in spring after a long review of the environmental impact.
            Video of the day
            Engineers expect the first ships to dock at the new piers in October next year.
            """
        let page = Page(id: "p", origin: PageOrigin(path: "p"), bytes: Array(text.utf8))
        let cleaned = Cleaner().clean([page])[0]
        // The label goes on its own; the sentence after it stays.
        #expect(cleaned.keptBlocks.map(\.line) == [1, 2, 3, 5])
        #expect(cleaned.removals[3]?.reason == .outside)
    }

    /// A site's widget label that one page's head holds (its article stands
    /// under it) is furniture, not that page's title: the other pages, which
    /// carry it between two paragraphs, keep the article after it. Pages of a
    /// language with no word lists (pseudo-words: no stopword, cue or reader
    /// address is known), where the head is found by shape alone.
    @Test func aWidgetLabelInManyPagesIsNoTitleThatCutsTheirArticles() {
        var random = SplitMix64(seed: 29)
        let letters = Array("abcdefghiklmnoprstuvy")
        let vocabulary = (0 ..< 3000).map { _ in String((0 ..< Int.random(in: 2 ... 9, using: &random)).map { _ in letters.randomElement(using: &random)! }) }
        func sentence(_ words: Int) -> String {
            let text = (0 ..< words).map { _ in vocabulary.randomElement(using: &random)! }.joined(separator: " ")
            return text.prefix(1).uppercased() + text.dropFirst() + "."
        }
        let label = "Vokadi tresa LIVO"
        var pages: [Page] = []
        let count = 120  // more pages than any title stands in
        #expect(count > CrossPageRule.headMaximumPages)
        for n in 0 ..< count {
            // A lead that speaks of what the title names, as a page's lead does.
            var lines = [String(sentence(8).dropLast()), String(sentence(12).dropLast()) + " of vokadi tresa livo, " + sentence(18).lowercased()]
            lines += (0 ..< 5).map { _ in sentence(Int.random(in: 20 ... 40, using: &random)) }
            // The label under most pages' third paragraph; one page's article stands under it.
            if n == 0 { lines = [label] + lines.dropFirst() } else { lines.insert(label, at: 4) }
            lines += (0 ..< 4).map { _ in sentence(Int.random(in: 20 ... 40, using: &random)) }
            pages.append(Page(id: "p\(n)", origin: PageOrigin(path: "p\(n)"), bytes: Array(lines.joined(separator: "\n").utf8)))
        }
        let cleaned = Cleaner().clean(pages)
        // The pattern holds: the label is the first page's title.
        #expect(cleaned[0].head.first == 0)
        for page in cleaned.dropFirst() {
            // Every paragraph after the label is kept; the label itself goes.
            #expect(page.removals[4] != nil)
            #expect(page.removals[5...].allSatisfy { $0 == nil }, "\(page.page.id): \(page.removals[5...])")
        }
    }

    /// A labelled dump from the shared generator (80 articles, seed 11), committed.
    @Test func qualityOnAGeneratedDump() throws {
        let gold = try GoldScorer(goldPath: Fixtures.path("Fixtures/quality-80/gold.json"))
        let cleaned = try cleanFolder("Fixtures/quality-80/pages")
        #expect(cleaned.count == gold.docs.count)
        var total = GoldScorer.Score()
        for page in cleaned {
            let s = gold.score(page: String(page.page.id.dropLast(4)), kept: keptLines(page))
            total.truePositives += s.truePositives
            total.falsePositives += s.falsePositives
            total.falseNegatives += s.falseNegatives
        }
        #expect(total.f1 >= 0.98, "F1 \(total.f1)")
        #expect(total.recall >= 0.98, "recall \(total.recall)")
        #expect(total.precision >= 0.98, "precision \(total.precision)")
    }
}
