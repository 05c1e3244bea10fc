import Foundation
import Testing
@testable import Winnow

/// The archive index (`--index`): each day's pages are checked against
/// every earlier day's, kept in an SQLite file.
@Suite struct ArchiveTests {
    /// The quality-80 fixture dump (95 pages, 15 labelled clusters) as five
    /// days: page i on day i % 5, each day a folder of its own.
    static func days() throws -> (folders: [String], gold: Set<[String]>) {
        let source = Fixtures.path("Fixtures/quality-80/pages")
        let names = try FileManager.default.contentsOfDirectory(atPath: source).sorted()
        let root = Fixtures.temporaryFolder()
        let folders = (0 ..< 5).map { root + "/day\($0)" }
        for folder in folders { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        for (i, name) in names.enumerated() {
            try FileManager.default.copyItem(atPath: source + "/" + name, toPath: folders[i % 5] + "/" + name)
        }
        struct Gold: Decodable { let clusters: [[String]] }
        let gold = try JSONDecoder().decode(Gold.self, from: Data(try Fixtures.read("Fixtures/quality-80/gold.json")))
        return (folders, Set(gold.clusters.flatMap { pairs($0.map { $0 + ".txt" }) }))
    }

    static func pairs(_ documents: [String]) -> [[String]] {
        let sorted = Set(documents).sorted()
        return sorted.indices.flatMap { i in sorted[(i + 1)...].map { [sorted[i], $0] } }
    }

    /// The pairs a report's clusters make, archive names taken back to the pages'.
    static func pairs(_ clusters: [DuplicateCluster]) -> Set<[String]> {
        Set(clusters.flatMap { cluster in
            pairs(cluster.documents.map { ($0.replacingOccurrences(of: ArchivedPage.documentPrefix, with: "") as NSString).lastPathComponent })
        })
    }

    @Test func dayByDayRunsFindThePairsAOneRunFinds() throws {
        let (folders, gold) = try Self.days()
        let archive = Fixtures.temporaryFolder() + "/archive.db"
        var found = Set<[String]>()
        var sawArchived = false
        for folder in folders {
            var job = DupsJob(inputs: [folder])
            job.index = archive
            let report = try job.run().report
            found.formUnion(Self.pairs(report.clusters))
            // A pair with an archived page names it as such, and has a page of the day.
            for pair in report.clusters.flatMap(\.pairs) {
                #expect(!(pair.a.hasPrefix(ArchivedPage.documentPrefix) && pair.b.hasPrefix(ArchivedPage.documentPrefix)))
                sawArchived = sawArchived || pair.a.hasPrefix(ArchivedPage.documentPrefix) || pair.b.hasPrefix(ArchivedPage.documentPrefix)
            }
        }
        #expect(sawArchived)
        var whole = DupsJob(inputs: folders)
        whole.glob = "*.txt"
        let once = Self.pairs(try whole.run().report.clusters)
        #expect(once == gold)
        let truePositives = found.intersection(gold).count
        #expect(truePositives >= gold.count - 1, "found \(truePositives) of \(gold.count) labelled pairs day by day")
        #expect(found.count - truePositives <= 1, "\(found.subtracting(gold))")
        #expect(try IndexJob.stats(archive).pages == 95)
    }

    /// With `--index-text` the archive keeps each page's cleaned text, and
    /// an archived page's passages can be given in it; without, it keeps none.
    @Test(arguments: [false, true])
    func theArchiveKeepsTheCleanedTextWhenAsked(_ withText: Bool) throws {
        let (folders, _) = try Self.days()
        let path = Fixtures.temporaryFolder() + "/archive.db"
        var job = DupsJob(inputs: [folders[0]])
        job.index = path
        job.indexText = withText
        _ = try job.run()
        let session = try ArchiveSession(path: path, cleaner: CleanerOptions(), duplicates: DuplicateOptions())
        let archived = try session.archive.load(Array(1 ... 19)).map(\.page)
        #expect(archived.count == 19)
        let cleaned = Cleaner().clean(Corpus(inputs: try InputSet(paths: [folders[0]])).pages)
        for page in archived {
            let expected = try #require(cleaned.first { $0.page.id == page.id })
            if withText {
                #expect(page.text == expected.text)
                #expect(page.document.page != nil)
            } else {
                #expect(page.text == nil && page.document.page == nil)
            }
        }
    }

    @Test func anArchivedTemplateIsRemovedFromADaysOnePage() throws {
        // Earlier days: three pages of a site, each with its story and the site's notice.
        let notice = "Subscribe to the Portmore Gazette for the morning's news in your inbox before breakfast."
        func page(_ n: Int) -> String {
            ["Story number \(n) of the gazette", "The council met on day \(n) to talk about the harbour wall and its stones, and agreed on little.",
             "Engineers said on day \(n) that the wall would need work before the winter storms came to the coast.",
             notice, "A last paragraph of story \(n), with a sentence of its own about the boats in the harbour."].joined(separator: "\n")
        }
        let earlier = Fixtures.temporaryFolder(), today = Fixtures.temporaryFolder()
        for n in 1 ... 3 { try Data(page(n).utf8).write(to: URL(fileURLWithPath: earlier + "/p\(n).txt")) }
        try Data(page(4).utf8).write(to: URL(fileURLWithPath: today + "/p4.txt"))
        let archive = Fixtures.temporaryFolder() + "/archive.db"
        _ = try IndexJob.add([earlier], index: archive, glob: "*.txt", read: ReadOptions(), cleaner: CleanerOptions())
        func cleaned(index: String?) throws -> String {
            let out = Fixtures.temporaryFolder() + "/out"
            var job = CleanJob(inputs: [today], output: out)
            job.index = index
            _ = try job.run()
            return try String(contentsOfFile: out + "/p4.txt", encoding: .utf8)
        }
        // Alone, the day's one page keeps the notice; with the archive, it goes.
        #expect(try cleaned(index: nil).contains(notice))
        // blocks, with the archive, adds the day's page to it.
        var blocks = BlocksJob(inputs: [today])
        blocks.index = archive
        _ = try blocks.run()
        #expect(try IndexJob.stats(archive).pages == 4)
        let withArchive = try cleaned(index: archive)
        #expect(!withArchive.contains(notice))
        #expect(withArchive.contains("The council met on day 4"))
    }

    @Test func anotherShingleSizeIsRefusedNamingIt() throws {
        let (folders, _) = try Self.days()
        let archive = Fixtures.temporaryFolder() + "/archive.db"
        var job = DupsJob(inputs: [folders[0]])
        job.index = archive
        _ = try job.run()
        job.duplicates.shingleSize = 4
        #expect(throws: WinnowError.self) { try job.run() }
        do { _ = try job.run() } catch {
            #expect(error.description.contains("--shingle-size 5") && error.description.contains("this run has 4"))
        }
        #expect(try IndexJob.stats(archive).pages == 19)
    }

    @Test func aPageAddedAgainChangesNothingAndIsNotItsOwnDuplicate() throws {
        let (folders, _) = try Self.days()
        let archive = Fixtures.temporaryFolder() + "/archive.db"
        var job = DupsJob(inputs: [folders[0]])
        job.index = archive
        let first = try job.run().report.clusters
        let size = try IndexJob.stats(archive)
        let again = try job.run().report.clusters
        #expect(again == first)
        #expect(!again.flatMap(\.documents).contains { $0.hasPrefix(ArchivedPage.documentPrefix) })
        let after = try IndexJob.stats(archive)
        #expect(after.pages == size.pages && after.bytes == size.bytes)
    }

    /// `index stats` reads an archive and changes nothing beside it; a file
    /// that is not one, or none, is an error naming it.
    @Test func statsReadsAndChangesNothing() throws {
        let folder = Fixtures.temporaryFolder()
        let text = folder + "/notes.txt"
        try Data("not an archive\n".utf8).write(to: URL(fileURLWithPath: text))
        #expect(throws: WinnowError.archive(text, "not an archive: file is not a database")) { try IndexJob.stats(text) }
        #expect(throws: WinnowError.archive(folder + "/none.db", "no such file")) { try IndexJob.stats(folder + "/none.db") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["notes.txt"])
    }

    /// Two runs on one archive at once: one waits for the other, and the
    /// archive holds both days' pages after.
    @Test func twoRunsAtOnceTakeTurns() throws {
        let winnow = try Fixtures.winnowBinary()
        let (folders, _) = try Self.days()
        let root = Fixtures.temporaryFolder()
        let archive = root + "/archive.db"
        let runs = (0 ..< 2).map { day -> Process in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: winnow)
            process.arguments = ["dups", folders[day], "--index", archive, "--format", "json", "-o", root + "/day\(day).json", "-q"]
            process.standardError = FileHandle.nullDevice
            return process
        }
        for run in runs { try run.run() }
        for run in runs { run.waitUntilExit() }
        #expect(runs.allSatisfy { $0.terminationStatus == 0 })
        #expect(try IndexJob.stats(archive).pages == 38)
    }

    /// A run killed at any point leaves the archive as it was before it: run
    /// again, it reports what an unbroken run reports.
    @Test func aRunKilledPartWayLeavesTheArchiveAsItWas() throws {
        let winnow = try Fixtures.winnowBinary()
        let (folders, _) = try Self.days()
        let root = Fixtures.temporaryFolder()
        func dups(_ day: Int, _ archive: String) throws -> String {
            let out = root + "/report-\(UUID().uuidString).json"
            let run = try Fixtures.run(winnow, ["dups", folders[day], "--index", archive, "--format", "json", "-o", out, "-q"])
            #expect(run.status == 0, "\(run.printed)")
            return try String(contentsOfFile: out, encoding: .utf8)
        }
        // The unbroken runs.
        let unbroken = root + "/unbroken.db"
        _ = try dups(0, unbroken)
        let expected = try dups(1, unbroken)
        // Day 0, then day 1 killed at different points, then day 1 again.
        for delay in [0.0, 0.03, 0.08, 0.15, 0.3] {
            let archive = root + "/killed-\(delay).db"
            _ = try dups(0, archive)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: winnow)
            process.arguments = ["dups", folders[1], "--index", archive, "--format", "json", "-o", root + "/killed.json", "-q"]
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
                #expect(try dups(1, archive) == expected, "killed after \(delay) s")
        }
    }
}
