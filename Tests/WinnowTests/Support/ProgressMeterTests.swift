import Foundation
import Testing
@testable import Winnow

/// Progress on standard error: only on a terminal, never with --quiet.
@Suite struct ProgressMeterTests {
    @Test func theLineCountsItemsAndBytes() {
        let meter = ProgressMeter(descriptor: -1, interval: 3600)
        defer { meter.finish() }
        #expect(meter.line == "")
        meter.begin("reading", total: 23_270, unit: "files", totalBytes: 119_000_000)
        meter.advance(1_234, bytes: 5_500_000)
        meter.advance(1, bytes: 500_000)
        #expect(meter.line == "reading: 1,235 of 23,270 files, 6 of 119 MB")
        meter.begin("comparing pages")
        #expect(meter.line == "comparing pages: …")
    }

    @Test func durationsRead() {
        #expect(ProgressMeter.duration(0.2) == "1 s")
        #expect(ProgressMeter.duration(75) == "1 min 15 s")
        #expect(ProgressMeter.duration(7300) == "2 h 1 min")
        #expect(ProgressMeter.grouped(1_234_567) == "1,234,567")
        #expect(ProgressMeter.grouped(999) == "999")
    }

    private func run(_ arguments: [String], onTerminal: Bool) throws -> String {
        let binary = try Fixtures.winnowBinary()
        // script(1) gives the command a pseudo-terminal and copies what it prints.
        let run = onTerminal
            ? try Fixtures.run("/usr/bin/script", ["-qec", ([binary] + arguments).joined(separator: " "), "/dev/null"], withStdout: true)
            : try Fixtures.run(binary, arguments, withStdout: true)
        #expect(run.status == 0)
        return run.printed
    }

    @Test func progressShowsOnATerminalOnly() throws {
        let dump = try Fixtures.generatedDump(pages: 600)
        let out = Fixtures.temporaryFolder()
        let terminal = try run(["dups", dump, "-o", out + "/a.txt"], onTerminal: true)
        #expect(terminal.contains("\rreading: "))
        #expect(terminal.contains(" of 600 files"))
        let quiet = try run(["dups", dump, "-o", out + "/b.txt", "--quiet"], onTerminal: true)
        #expect(!quiet.contains("\r"))
        let piped = try run(["dups", dump, "-o", out + "/c.txt"], onTerminal: false)
        #expect(!piped.contains("\r"))
        #expect(piped.contains("clusters among 600 pages"))
    }
}
