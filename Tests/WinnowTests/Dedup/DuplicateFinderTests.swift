import Foundation
import Testing
@testable import Winnow

@Suite struct DuplicateFinderTests {
    private static func cleanedDocuments(_ folder: String) throws -> [DuplicateDocument] {
        let corpus = Corpus(inputs: try InputSet(paths: [Fixtures.path(folder)]))
        return Cleaner().clean(corpus.pages).map { DuplicateDocument($0) }
    }

    private static func clusters(_ documents: [DuplicateDocument], threads: Int = 2, threshold: Double = 0.5) -> [DuplicateCluster] {
        var options = DuplicateOptions()
        options.threads = threads
        options.threshold = threshold
        var finder = DuplicateFinder(options: options)
        finder.add(documents)
        return finder.clusters()
    }

    /// Exact Jaccard with Swift sets, independent of the finder's merge.
    private static func exactJaccard(_ a: DuplicateDocument, _ b: DuplicateDocument) -> (Double, Double) {
        let sa = Set(Shingler(size: 5).shingles(of: a.tokens)), sb = Set(Shingler(size: 5).shingles(of: b.tokens))
        let inter = Double(sa.intersection(sb).count)
        return (inter / Double(sa.union(sb).count), inter / Double(min(sa.count, sb.count)))
    }

    @Test func generatedDumpClustersMatchTheLabels() throws {
        let documents = try Self.cleanedDocuments("Fixtures/quality-80/pages")
        let gold = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Fixtures.path("Fixtures/quality-80/gold.json")))) as! [String: Any]
        let truth = Set((gold["clusters"] as! [[String]]).map { $0.map { $0 + ".txt" }.sorted() })
        let found = Set(Self.clusters(documents).map(\.documents))
        #expect(found == truth)
    }

    @Test func verifiedSimilarityIsTheExactJaccard() throws {
        let documents = try Self.cleanedDocuments("Fixtures/quality-80/pages")
        let byID = Dictionary(uniqueKeysWithValues: documents.map { ($0.id, $0) })
        let pairs = Self.clusters(documents).flatMap(\.pairs)
        #expect(!pairs.isEmpty)
        for pair in pairs {
            let (jaccard, containment) = Self.exactJaccard(byID[pair.a]!, byID[pair.b]!)
            #expect(abs(pair.jaccard - jaccard) < 1e-12)
            #expect(abs(pair.containment - containment) < 1e-12)
            // The passages found on the pair's shingles, made as it was verified,
            // are those found from the two documents alone.
            #expect(pair.shared == SharedPassages.find(byID[pair.a]!, byID[pair.b]!, k: 5, limit: 5, identical: pair.identical))
        }
        #expect(pairs.contains { $0.shared.count > 1 })
    }

    @Test(arguments: [0.3, 0.7, 0.9, 0.97])
    func noPairBelowTheThresholdIsReported(_ threshold: Double) throws {
        let documents = try Self.cleanedDocuments("Fixtures/quality-80/pages")
        for pair in Self.clusters(documents, threshold: threshold).flatMap(\.pairs) {
            #expect(max(pair.jaccard, pair.containment) >= threshold)
        }
    }

    @Test func aPairJustBelowTheThresholdIsLeftOut() {
        // Two documents sharing 10 of 30 distinct shingles each: Jaccard 0.2, containment 1/3.
        let common = (0 ..< 14).map { TokenHash($0) }
        let a = DuplicateDocument(id: "a", tokens: common + (100 ..< 120).map(TokenHash.init), lines: Array(repeating: 1, count: 34))
        let b = DuplicateDocument(id: "b", tokens: common + (200 ..< 220).map(TokenHash.init), lines: Array(repeating: 1, count: 34))
        let (jaccard, containment) = Self.exactJaccard(a, b)
        #expect(containment < 0.35 && jaccard < 0.35)
        #expect(Self.clusters([a, b], threshold: 0.35).isEmpty)
        var options = DuplicateOptions()
        options.threshold = 0.3
        var finder = DuplicateFinder(options: options)
        finder.add([a])
        let matches = finder.query(b)
        #expect(matches.allSatisfy { max($0.jaccard, $0.containment) >= 0.3 })
    }

    @Test func sameClustersForAnyThreadCountAndInputOrder() throws {
        let documents = try Self.cleanedDocuments("Fixtures/quality-80/pages")
        let one = Self.clusters(documents, threads: 1)
        #expect(!one.isEmpty)
        #expect(Self.clusters(documents, threads: 4) == one)
        var generator = SplitMix64(seed: 7)
        #expect(Self.clusters(documents.shuffled(using: &generator), threads: 3) == one)
        #expect(Self.clusters(documents.reversed(), threads: 2) == one)
    }

    @Test func sharedPassagesPointAtTheRightLines() {
        let shared = "The council voted on Tuesday to close the old bridge to cars for good after engineers found deep cracks."
        let a = Page(id: "a", origin: PageOrigin(path: "a"),
                     bytes: Array("Bridge to close\nSomething else entirely happened in the morning session today.\n\(shared)\nEnd.".utf8))
        let b = Page(id: "b", origin: PageOrigin(path: "b"),
                     bytes: Array("Another headline here\n\n\n\(shared)\nA different closing line for this one.".utf8))
        let pair = Self.clusters([DuplicateDocument(raw: a), DuplicateDocument(raw: b)], threshold: 0.3).first!.pairs.first!
        #expect(pair.shared.count == 1)
        #expect(pair.shared[0].aLines == [3, 3])
        #expect(pair.shared[0].bLines == [4, 4])
        #expect(pair.shared[0].text == shared)
    }

    @Test func queryFindsASeenStory() throws {
        let documents = try Self.cleanedDocuments("Fixtures/quality-80/pages")
        let cluster = Self.clusters(documents).first!
        var finder = DuplicateFinder()
        finder.add(documents.filter { $0.id != cluster.documents[1] })
        let probe = documents.first { $0.id == cluster.documents[1] }!
        #expect(finder.query(probe).map(\.b).contains(cluster.documents[0]) || finder.query(probe).map(\.a).contains(cluster.documents[0]))
    }

    /// Every document again under another id, as when a dump is crawled twice.
    private static func again(_ documents: [DuplicateDocument]) -> [DuplicateDocument] {
        documents.map { DuplicateDocument(id: "again/" + $0.id, tokens: $0.tokens, lines: $0.lines, page: $0.page) }
    }

    @Test func identicalCopiesJoinTheirOriginalThroughOnePair() throws {
        let documents = try Self.cleanedDocuments("Fixtures/quality-80/pages")
        let once = Self.clusters(documents)
        let twice = Self.clusters(documents + Self.again(documents), threads: 3)
        // The pairs found once, and one identical pair from each copy to the
        // first document with its words (itself, or one identical to it).
        let withWords = documents.filter { !$0.tokens.isEmpty }
        #expect(withWords.count > 70)
        let first = Dictionary(withWords.map { ($0.tokens, $0.id) }, uniquingKeysWith: { earlier, _ in earlier })
        #expect(first.count < withWords.count, "the fixture holds documents with identical words")
        let key = { (p: DuplicatePair) in "\(p.a) \(p.b) \(p.identical)" }
        let expected = Set(once.flatMap(\.pairs).map(key) + withWords.map { "\(first[$0.tokens]!) again/\($0.id) true" })
        #expect(Set(twice.flatMap(\.pairs).map(key)) == expected)
        // Each cluster gains its copies; every other document pairs with its own.
        var clusters = Set(once.map { Set($0.documents + $0.documents.map { "again/" + $0 }) })
        for d in withWords where !once.contains(where: { $0.documents.contains(d.id) }) { clusters.insert([d.id, "again/" + d.id]) }
        #expect(Set(twice.map { Set($0.documents) }) == clusters)
        for pair in twice.flatMap(\.pairs) where pair.identical {
            #expect(pair.jaccard == 1 && pair.containment == 1 && !pair.shared.isEmpty)
            if pair.b == "again/" + pair.a { #expect(pair.shared.allSatisfy { $0.aLines == $0.bLines }) }
        }
    }

    @Test func queryFindsTheHeldCopiesOfAMatch() throws {
        let documents = try Self.cleanedDocuments("Fixtures/quality-80/pages")
        let cluster = Self.clusters(documents).first { !$0.pairs.contains(where: \.identical) }!
        var finder = DuplicateFinder()
        let probe = documents.first { $0.id == cluster.documents[1] }!
        let held = documents.filter { $0.id != probe.id }
        finder.add(held + Self.again(held))
        let matches = finder.query(probe)
        let original = matches.first { $0.a == cluster.documents[0] || $0.b == cluster.documents[0] }!
        let copy = matches.first { $0.a == "again/" + cluster.documents[0] || $0.b == "again/" + cluster.documents[0] }!
        #expect((copy.jaccard, copy.containment, copy.identical) == (original.jaccard, original.containment, false))
        // The probe's lines stay the probe's, whichever side of the pair it is on.
        let probeLines = { (p: DuplicatePair) in p.shared.map { p.a == probe.id ? $0.aLines : $0.bLines } }
        #expect(!original.shared.isEmpty)
        #expect(probeLines(copy) == probeLines(original))
    }

    /// Documents longer than the buffers a worker keeps between pairs are
    /// measured whole: the buffers are let go only once the pair is done.
    @Test func hugeDocumentsAreVerifiedWhole() {
        var generator = SplitMix64(seed: 21)
        let words = (0 ..< (1 << 20) + 10).map { _ in TokenHash(truncatingIfNeeded: generator.next()) }
        var edited = words
        for i in stride(from: 0, to: edited.count, by: 1000) { edited[i] = 7 }  // one word in a thousand changed
        let documents = [
            DuplicateDocument(id: "a", tokens: words, lines: Array(repeating: 1, count: words.count)),
            DuplicateDocument(id: "b", tokens: edited, lines: Array(repeating: 1, count: edited.count)),
            DuplicateDocument(id: "c", tokens: Array(words.prefix(100)), lines: Array(repeating: 1, count: 100)),
        ]
        let pairs = Self.clusters(documents, threshold: 0.9).flatMap(\.pairs)
        let ab = pairs.first { $0.a == "a" && $0.b == "b" }
        #expect(ab != nil)
        if let ab { #expect(abs(ab.jaccard - Self.exactJaccard(documents[0], documents[1]).0) < 1e-12) }
    }

    @Test func seedsHoldNoDuplicates() throws {
        #expect(Self.clusters(try Self.cleanedDocuments("seeds")).isEmpty)
    }
}
