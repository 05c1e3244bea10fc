import Foundation
import Testing
@testable import Winnow

/// A page of very many lines: cleaned in time linear in its lines, and its
/// report written without holding it whole in memory.
@Suite struct LargePageTests {
    /// A title, then `lines` copies of one short line (a share button printed
    /// on every line of a broken page).
    private func page(lines: Int) throws -> String {
        let folder = Fixtures.temporaryFolder()
        let text = "A headline for the page\n" + String(repeating: "Share\n", count: lines)
        try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/page.txt"))
        return folder + "/page.txt"
    }

    /// Looking for a reprinted article walked every copy's neighbours for
    /// every copy: a million copies took 312 s, and this page would take minutes.
    @Test(.timeLimit(.minutes(1)))
    func aBlockPrintedAHundredThousandTimesIsNoQuadraticWork() throws {
        var job = CleanJob(inputs: [try page(lines: 100_000)], output: Fixtures.temporaryFolder() + "/out.txt")
        job.cleaner.crossPage = false
        let result = try job.run()
        #expect(result.pages == 1 && result.keptWords < result.words)
    }

    @Test func theReportOfAPageOfManyRemovalsCostsLittleMemory() throws {
        let input = try page(lines: 200_000)
        let out = Fixtures.temporaryFolder()
        let plain = try Fixtures.runWinnowMeasuringMemory(["clean", input, "-o", out + "/a.txt", "-q"])
        let reported = try Fixtures.runWinnowMeasuringMemory(["clean", input, "-o", out + "/b.txt", "--report", out + "/r.json", "-q"])
        #expect(plain.status == 0 && reported.status == 0)
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/r.json"))) as! [String: Any]
        let removed = ((report["pages"] as! [[String: Any]])[0]["removed"] as! [Any]).count
        #expect(removed >= 199_000)
        // Built as one object tree, the report took several times the run's memory.
        #expect(reported.peakBytes < plain.peakBytes + plain.peakBytes / 4 + (16 << 20), "\(plain.peakBytes) \(reported.peakBytes)")
    }
}
