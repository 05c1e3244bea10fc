import Foundation
import Testing
@testable import Winnow

#if canImport(Glibc)
    import Glibc
#endif

/// A write to standard output that fails (a full disk, a closed pipe) ends
/// the run with `Error: …` and exit status 1, never a crash.
@Suite struct StandardOutputTests {
    /// A device that is always full: /dev/full, or one made like it.
    private func fullDevice() throws -> String {
        if FileManager.default.fileExists(atPath: "/dev/full") { return "/dev/full" }
        let path = Fixtures.temporaryFolder() + "/full"  // major 1, minor 7, as Linux encodes them
        try #require(mknod(path, S_IFCHR | 0o666, dev_t(1 << 8 | 7)) == 0, "make a full device")
        return path
    }

    /// Runs winnow with standard output on `output`; its status and what it printed on standard error.
    private func run(_ arguments: [String], stdout output: FileHandle) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Fixtures.winnowBinary())
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(["SWIFT_BACKTRACE": "enable=no"]) { $1 }
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = output
        try process.run()
        let printed = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, printed)
    }

    @Test(arguments: [
        ["dups", "seeds", "--format", "json"], ["dups", "seeds"], ["blocks", "seeds"],
        ["clean", "seeds", "-o", "OUT", "--report", "-"], ["bench", "--bytes", "65536"],
    ])
    func aFullStandardOutputIsAnError(_ arguments: [String]) throws {
        let full = try #require(FileHandle(forWritingAtPath: try fullDevice()))
        let out = Fixtures.temporaryFolder() + "/out"
        let args = arguments.map { $0 == "seeds" ? Fixtures.path("seeds") : $0 == "OUT" ? out : $0 }
        let run = try run(args, stdout: full)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.hasSuffix("Error: standard output: cannot write: No space left on device\n"), "\(run.stderr)")
    }

    @Test func aClosedPipeIsAnError() throws {
        let pipe = Pipe()
        try pipe.fileHandleForReading.close()
        let run = try run(["dups", Fixtures.path("seeds"), "--format", "json"], stdout: pipe.fileHandleForWriting)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.hasSuffix("Error: standard output: cannot write: Broken pipe\n"), "\(run.stderr)")
    }
}
