import Foundation
import Testing
@testable import Winnow

#if canImport(Glibc)
    import Glibc
#endif

/// One run, one output: `clean`'s folder holds exactly one run's files, is
/// never one of the user's, and is written by one run at a time.
@Suite struct OutputFolderTests {
    private func clean(_ inputs: [String], _ output: String) throws -> CleanJob.Result {
        try CleanJob(inputs: inputs, output: output).run()
    }

    @Test func aFolderOfTheUsersIsRefusedBeforeAnyWorkAndKept() throws {
        let output = Fixtures.temporaryFolder() + "/mine"
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        try Data("my notes".utf8).write(to: URL(fileURLWithPath: output + "/notes.txt"))
        #expect(throws: WinnowError.outputNotOurs(output)) { try clean([Fixtures.path("seeds")], output) }
        #expect(try Fixtures.tree(output) == ["notes.txt": Array("my notes".utf8)])
        #expect(try FileManager.default.contentsOfDirectory(atPath: (output as NSString).deletingLastPathComponent) == ["mine"])
    }

    @Test func anEmptyFolderIsTaken() throws {
        let output = Fixtures.temporaryFolder() + "/empty"
        try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        #expect(try clean([Fixtures.path("seeds")], output).filesWritten == 5)
    }

    @Test func aRunAgainReplacesTheEarlierOutputWhole() throws {
        let output = Fixtures.temporaryFolder() + "/out"
        let seeds = Fixtures.path("seeds")
        _ = try clean([seeds], output)
        #expect(try Fixtures.tree(output).count == 6)
        // Two of the five pages now: the other three go, not stay stale.
        let fewer = Fixtures.temporaryFolder()
        for name in try FileManager.default.contentsOfDirectory(atPath: seeds).sorted().prefix(2) {
            try FileManager.default.copyItem(atPath: seeds + "/" + name, toPath: fewer + "/" + name)
        }
        _ = try clean([fewer], output)
        #expect(try Fixtures.tree(output).keys.sorted() == [".winnow-output"] + (try FileManager.default.contentsOfDirectory(atPath: fewer).sorted()))
    }

    @Test func aSecondRunAtOnceIsRefused() throws {
        let parent = Fixtures.temporaryFolder()
        let output = parent + "/out"
        // Another run holds the lock.
        let lock = open(parent + "/.out.winnow-lock", O_RDWR | O_CREAT, 0o644)
        try #require(lock >= 0 && flock(lock, LOCK_EX) == 0)
        defer { close(lock) }
        #expect(throws: WinnowError.outputBusy(output)) { try clean([Fixtures.path("seeds")], output) }
    }

    @Test func whatAKilledRunLeftIsRemovedByTheNext() throws {
        let parent = Fixtures.temporaryFolder()
        let left = parent + "/.out.winnow-new-99999"
        try FileManager.default.createDirectory(atPath: left, withIntermediateDirectories: true)
        try Data("half".utf8).write(to: URL(fileURLWithPath: left + "/000.txt"))
        _ = try clean([Fixtures.path("seeds")], parent + "/out")
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent).sorted() == [".out.winnow-lock", "out"])
    }
}
