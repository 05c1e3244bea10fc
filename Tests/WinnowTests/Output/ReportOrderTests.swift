import Foundation
import Testing
@testable import Winnow

/// Every report is byte-identical for any thread count and input order, and
/// carries the winnow version and the settings used.
@Suite struct ReportOrderTests {
    private func report(_ command: String, _ files: [String], threads: Int) throws -> String {
        let folder = Fixtures.temporaryFolder()
        var arguments = [command] + files + ["--threads", String(threads), "-q"]
        switch command {
        case "clean": arguments += ["-o", folder + "/out", "--report", folder + "/report.json"]
        default: arguments += ["--format", "json", "-o", folder + "/report.json"]
        }
        let run = try Fixtures.run(try Fixtures.winnowBinary(), arguments)
        #expect(run.status == 0, "\(run.printed)")
        return try String(contentsOfFile: folder + "/report.json", encoding: .utf8)
    }

    @Test(arguments: ["clean", "blocks", "dups"])
    func reportsDoNotDependOnInputOrderOrThreads(_ command: String) throws {
        let pages = Fixtures.path("Fixtures/quality-80/pages")
        let files = try FileManager.default.contentsOfDirectory(atPath: pages).sorted().map { pages + "/" + $0 }
        let forward = try report(command, files, threads: 2)
        #expect(try report(command, files.reversed(), threads: 1) == forward)
        // Halves swapped: a teaser's evidence names the same page either way.
        let half = files.count / 2
        #expect(try report(command, Array(files[half...] + files[..<half]), threads: 2) == forward)
        let json = try JSONSerialization.jsonObject(with: Data(forward.utf8)) as! [String: Any]
        let header = try #require(json["winnow"] as? [String: Any])
        #expect(header["version"] as? String == ReportHeader.currentVersion)
        let settings = try #require(header["settings"] as? [String: String])
        #expect(settings["cross_page"] == "true" && settings["glob"] == "*.txt")
    }
}
