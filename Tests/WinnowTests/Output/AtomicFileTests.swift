import Foundation
import Testing
@testable import Winnow

/// Outputs are written atomically, and an interrupted run leaves no partial
/// file under any name.
@Suite struct AtomicFileTests {
    @Test func aWriteReplacesTheWholeFileAndLeavesNoTemporaryFile() throws {
        let folder = Fixtures.temporaryFolder()
        try AtomicFile.write(Array("old\n".utf8), to: folder + "/sub/out.txt")
        try AtomicFile.write(Array("new text\n".utf8), to: folder + "/sub/out.txt")
        #expect(try Fixtures.tree(folder) == ["sub/out.txt": Array("new text\n".utf8)])
    }

    /// Runs `winnow clean` on a dump and interrupts it while it writes, at
    /// several moments, with SIGINT and SIGTERM, into a folder that does not
    /// exist yet or holds an earlier run's output. Every run must die of the
    /// signal and leave the folder as it was (missing, or the earlier output
    /// byte for byte); the next run leaves nothing of it beside the folder.
    @Test func anInterruptedRunLeavesTheOutputAsItWas() throws {
        let binary = try Fixtures.winnowBinary()
        let dump = try Fixtures.generatedDump(pages: 1000)
        let earlier = Fixtures.temporaryFolder() + "/earlier"
        try CleanJob(inputs: [Fixtures.path("seeds")], output: earlier).run()
        let earlierTree = try Fixtures.tree(earlier)

        var interrupted = 0
        for (n, sig) in [SIGINT, SIGTERM, SIGINT, SIGTERM].enumerated() {
            let parent = Fixtures.temporaryFolder()
            let output = parent + "/out"
            if n % 2 == 1 { try FileManager.default.copyItem(atPath: earlier, toPath: output) }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = ["clean", dump, "-o", output, "-q"]
            try process.run()
            // Wait for the folder being built, then interrupt a little later each time.
            func building() -> Bool {
                ((try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []).contains { $0.hasPrefix(".out.winnow-new-") }
            }
            while !building() && process.isRunning { usleep(200) }
            usleep(UInt32(n) * 5_000)
            kill(process.processIdentifier, sig)
            process.waitUntilExit()
            guard process.terminationReason == .uncaughtSignal else { continue }
            #expect(process.terminationStatus == sig)
            interrupted += 1
            if n % 2 == 1 {
                #expect(try Fixtures.tree(output) == earlierTree)
            } else {
                #expect(!FileManager.default.fileExists(atPath: output))
            }
            // The next run removes whatever the interrupted one left beside it.
            _ = try CleanJob(inputs: [Fixtures.path("seeds")], output: output).run()
            let beside = try FileManager.default.contentsOfDirectory(atPath: parent).filter { $0 != "out" }
            #expect(beside == [".out.winnow-lock"], "\(beside)")
        }
        #expect(interrupted >= 3, "the runs finished before the signal: the dump is too small to test this")
    }
}

@Suite struct LeftoverTests {
    /// A run killed with SIGKILL cannot remove its temporary files: the next
    /// write into that folder removes those of processes no longer running.
    @Test func temporaryFilesOfDeadRunsAreRemovedByTheNextWrite() throws {
        let folder = Fixtures.temporaryFolder()
        let dead = Process()
        dead.executableURL = URL(fileURLWithPath: "/bin/true")
        try dead.run()
        dead.waitUntilExit()
        let left = AtomicFile.temporaryPrefix + "\(dead.processIdentifier)-report.json"
        let alive = AtomicFile.temporaryPrefix + "1-report.json"  // init runs for ever
        for name in [left, alive] { try Data("half".utf8).write(to: URL(fileURLWithPath: folder + "/" + name)) }
        try AtomicFile.write(Array("{}\n".utf8), to: folder + "/report.json")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == [alive, "report.json"])
    }
}
