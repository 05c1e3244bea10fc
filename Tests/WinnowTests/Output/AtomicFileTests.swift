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
    /// several moments, with SIGINT and SIGTERM. Every run must die of the
    /// signal, leave no temporary file, and every file it did write must be
    /// whole: the same bytes as an uninterrupted run writes.
    @Test func anInterruptedRunLeavesOnlyWholeFiles() throws {
        let binary = try Fixtures.winnowBinary()
        let dump = try Fixtures.generatedDump(pages: 1000)
        let reference = Fixtures.temporaryFolder() + "/reference"
        try CleanJob(inputs: [dump], output: reference).run()
        let expected = try Fixtures.tree(reference)

        var interrupted = 0
        for (n, sig) in [SIGINT, SIGTERM, SIGINT, SIGTERM].enumerated() {
            let output = Fixtures.temporaryFolder() + "/out"
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = ["clean", dump, "-o", output, "-q"]
            try process.run()
            // Wait for the first output, then interrupt a little later each time.
            while !FileManager.default.fileExists(atPath: output) && process.isRunning { usleep(500) }
            usleep(UInt32(n) * 5_000)
            kill(process.processIdentifier, sig)
            process.waitUntilExit()
            let written = try Fixtures.tree(output)
            #expect(!written.keys.contains { $0.contains(AtomicFile.temporaryPrefix) })
            for (name, bytes) in written where !name.contains(AtomicFile.temporaryPrefix) {
                #expect(bytes == expected[name], "\(name) is not whole")
            }
            if process.terminationReason == .uncaughtSignal {
                #expect(process.terminationStatus == sig)
                #expect(written.count < expected.count)
                interrupted += 1
            }
        }
        #expect(interrupted >= 3, "the runs finished before the signal: the dump is too small to test this")
    }
}
