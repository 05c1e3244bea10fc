import Foundation
import Testing
@testable import Winnow

/// The cross-page rule computed a page at a time from its keys' facts, as
/// the distributed stages compute it, gives the removals the rule gives on
/// one machine: the same blocks, reasons and evidence.
@Suite struct KeyedCrossPageTests {
    /// The removals of `pages` (distinct texts) through the keyed rule, the
    /// groupings done here as a cluster does them.
    static func keyedRemovals(_ pages: [Page], _ cleaner: Cleaner = Cleaner()) -> [[Removal?]] {
        let summaries = pages.enumerated().map { PageSummary(cleaner.prepare($1).state, order: PageOrder(file: $0, line: 0)) }
        var groups: [UInt64: [KeyOccurrence]] = [:]
        for summary in summaries {
            for (key, occurrence) in KeyedCrossPage.occurrences(of: summary) { groups[key, default: []].append(occurrence) }
        }
        let facts = Dictionary(uniqueKeysWithValues: groups.map { ($0, KeyedCrossPage.facts(key: $0, $1.shuffled())) })
        let teasers = summaries.map { summary in
            KeyedCrossPage.teasers(summary, facts: Dictionary(summary.keys.map { ($0, facts[$0]!) }, uniquingKeysWith: { a, _ in a }))
        }
        let limit = (teasers.map(\.copies.count).max() ?? 0) + 2
        var holders: [UInt64: [(order: PageOrder, keeps: Bool)]] = [:]
        for (summary, result) in zip(summaries, teasers) {
            let kept = Set(result.keptKeys)
            for key in Set(summary.keys) { holders[key, default: []].append((summary.order, kept.contains(key))) }
        }
        let keptFacts = Dictionary(uniqueKeysWithValues: holders.map { ($0, KeyedCrossPage.keptFacts(key: $0, $1.shuffled(), limit: limit)) })
        return pages.indices.map { i in
            let summary = summaries[i]
            let decisions = teasers[i].decisions + KeyedCrossPage.templates(
                summary, teasers[i], kept: Dictionary(summary.keys.map { ($0, keptFacts[$0]!) }, uniquingKeysWith: { a, _ in a }),
                pageCount: pages.count)
            var state = cleaner.prepare(pages[i]).state
            KeyedCrossPage.apply(decisions, to: &state)
            return state.removals
        }
    }

    static func expectSameRemovals(_ pages: [Page]) {
        #expect(Set(pages.map(\.textHash)).count == pages.count, "distinct texts only")
        let expected = Cleaner().clean(pages)
        let keyed = keyedRemovals(pages)
        for (page, removals) in zip(expected, keyed) {
            #expect(page.removals == removals, "\(page.page.id)")
        }
    }

    /// A stage given a line it cannot read says which stage and shows the line.
    @Test func aStageRefusesALineItCannotRead() throws {
        #expect(throws: WinnowError.self) { try Stage.teasers(["{\"page\": 3}"]) }
        do {
            _ = try Stage.facts(["not json"])
            Issue.record("no error")
        } catch {
            #expect(error.description.hasPrefix("stage facts: cannot read a line of its input (not json"))
        }
        // A page sent without the facts of its keys is refused, not judged on half its evidence.
        let page = Page(id: "p", origin: PageOrigin(path: "p"), bytes: Array("A headline of the page\nA sentence of the page, long enough to be read.".utf8))
        let summary = PageSummary(Cleaner().prepare(page).state, order: 0)
        let encoded = String(decoding: try JSONEncoder().encode(Stage.PageWithFacts(page: summary, facts: [])), as: UTF8.self)
        #expect(throws: WinnowError.self) { try Stage.teasers([Substring(encoded)]) }
    }

    /// A file that changed between the stages that judged its pages and the
    /// one that writes them is an error naming it, not blocks of another
    /// text removed (or an index out of range).
    @Test func aFileChangedBetweenStagesIsNamed() throws {
        let folder = Fixtures.temporaryFolder()
        let path = folder + "/page.txt"
        try Data("A headline of the page here\nA sentence of the page, long enough to be read as text.\n".utf8)
            .write(to: URL(fileURLWithPath: path))
        let listed = try Stage.list([folder], glob: "*.txt", output: nil)
        let file = try JSONDecoder().decode(Stage.FileRecord.self, from: Data(listed[0].utf8))
        let summary = try JSONDecoder().decode(PageSummary.self, from: Data(try Stage.prepare([Substring(listed[0])], options: ReadOptions(),
                                                                                             cleaner: CleanerOptions())[0].utf8))
        let staging = Fixtures.temporaryFolder()
        func write(hash: UInt64, block: Int32) throws -> [String] {
            let decisions = Stage.PageDecisions(order: summary.order, textHash: hash,
                                                decisions: [CrossPageDecision(block: block, kind: .template, pages: 2, all: 2)])
            let line = String(decoding: try JSONEncoder().encode(Stage.FileWithDecisions(file: file, pages: [decisions])), as: UTF8.self)
            return try Stage.write([Substring(line)], staging: staging, target: folder + "-out", options: ReadOptions(),
                                   cleaner: CleanerOptions(), markdown: false)
        }
        #expect(try write(hash: summary.textHash, block: 1).isEmpty)
        #expect(try String(contentsOfFile: staging + "/page.txt", encoding: .utf8) == "A headline of the page here\n")
        do {
            _ = try write(hash: summary.textHash &+ 1, block: 1)
            Issue.record("no error")
        } catch {
            #expect(String(describing: error).contains("page.txt: changed while the job ran"), "\(error)")
        }
        #expect(throws: WinnowError.self) { try write(hash: summary.textHash, block: 7) }
    }

    @Test func theLabelledFixtureDump() throws {
        let corpus = Corpus(inputs: try InputSet(paths: [Fixtures.path("Fixtures/quality-80/pages")]))
        // The fixture dump has teasers, templates, republished copies and appended articles.
        let removals = Cleaner().clean(corpus.pages).flatMap { $0.removals.compactMap { $0?.reason } }
        #expect(Set(removals).isSuperset(of: [.teaser, .template, .tail]))
        Self.expectSameRemovals(corpus.pages)
    }

    /// A republished story (copies keep what they share), the same story
    /// glued to the end of another page (its title a teaser, the rest tail),
    /// and a site line in every page (a template).
    @Test func copiesTeasersTailsAndTemplates() {
        let (harbour, bridge) = (Fixtures.harbourStory, Fixtures.bridgeStory)
        let site = "Follow the Town Courier on every network you use for more local news each morning."
        let page = { (id: String, text: String) in Page(id: id, origin: PageOrigin(path: id), bytes: Array((text + "\n" + site).utf8)) }
        let pages = [page("harbour", harbour), page("harbour-again", harbour + "\nRead the harbour story on our site."),
                     page("bridge", bridge + "\n" + harbour), page("bridge-alone", bridge.replacingOccurrences(of: "Tuesday", with: "Monday"))]
        let cleaned = Cleaner().clean(pages)
        #expect(cleaned[2].removals.contains { $0?.reason == .tail })
        #expect(cleaned[0].removals.contains { $0?.reason == .template })
        Self.expectSameRemovals(pages)
    }
}

/// The pieces of `dups` the stages call one at a time give what the finder
/// gives over the whole dump: its pairs verified one by one, its identical
/// copies' pairs, and the clusters those pairs make.
@Suite struct StagedDuplicatesTests {
    @Test func pairsVerifiedOneByOneMakeTheFindersClusters() throws {
        let folder = Fixtures.temporaryFolder()
        let source = Fixtures.path("Fixtures/quality-80/pages")
        let names = try FileManager.default.contentsOfDirectory(atPath: source).sorted()
        for name in names { try FileManager.default.copyItem(atPath: source + "/" + name, toPath: folder + "/" + name) }
        // Two identical documents under other names.
        for name in names.prefix(2) { try FileManager.default.copyItem(atPath: source + "/" + name, toPath: folder + "/copy-" + name) }
        let corpus = Corpus(inputs: try InputSet(paths: [folder]))
        let documents = Cleaner().clean(corpus.pages).map { DuplicateDocument($0) }
        var finder = DuplicateFinder()
        finder.add(documents)
        let expected = finder.clusters()
        let pairs = expected.flatMap(\.pairs)
        #expect(pairs.contains { $0.identical } && pairs.contains { !$0.identical })
        #expect(DuplicateFinder.clusters(of: pairs.shuffled()) == expected)
        let byID = Dictionary(uniqueKeysWithValues: documents.map { ($0.id, $0) })
        for pair in pairs {
            let (a, b) = (byID[pair.a]!, byID[pair.b]!)
            if pair.identical {
                let copy = pair.a.hasPrefix("copy-") ? a : b
                let standing = pair.a.hasPrefix("copy-") ? b : a
                #expect(finder.identicalPair(copy, standing) == pair)
                #expect(finder.identity(of: copy).wordsHash == finder.identity(of: standing).wordsHash)
            } else {
                #expect(finder.verifiedPair(b, a) == pair)
                // A candidate: the two share a band bucket.
                #expect(!Set(finder.identity(of: a).bandKeys).isDisjoint(with: finder.identity(of: b).bandKeys))
            }
        }
    }
}
