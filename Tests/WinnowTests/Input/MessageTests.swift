import Foundation
import Testing
@testable import Winnow

/// Messages say what went wrong with which input, and numbers out of range
/// are refused with their range.
@Suite struct MessageTests {
    /// Runs winnow in `folder` with empty standard input; status and standard error.
    private func winnow(_ arguments: [String], in folder: String? = nil) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Fixtures.winnowBinary())
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(["SWIFT_BACKTRACE": "enable=no"]) { $1 }
        if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        let input = Pipe()
        process.standardInput = input
        try process.run()
        try input.fileHandleForWriting.close()  // empty standard input
        let printed = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, printed)
    }

    private func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let folder = Fixtures.temporaryFolder()
        try Data(bytes).write(to: URL(fileURLWithPath: folder + "/" + name))
        return folder
    }

    @Test func utf16WithAByteOrderMarkIsNamed() throws {
        let units = Array("A headline\nA line of text.\n".utf16)
        let utf16: [UInt8] = [0xFF, 0xFE] + units.flatMap { (unit: UInt16) -> [UInt8] in [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let folder = try file("page.txt", utf16)
        let corpus = Corpus(inputs: try InputSet(paths: [folder]))
        #expect(corpus.diagnostics.map(\.description) == [
            "\(folder)/page.txt: error: UTF-16LE text (by its byte order mark), skipped: convert it to UTF-8",
        ])
    }

    @Test func aCueFileWithAnUnknownSectionSaysSo() throws {
        let folder = try file("cues.txt", Array("[sectoins]\nread more\n".utf8))
        #expect(throws: WinnowError.badCueFile(folder + "/cues.txt", line: 1,
                                               reason: "unknown section [sectoins]: use [sections], [appeals], [bylines], [credits] or [labels]")) {
            try CuePhrases.load(files: [folder + "/cues.txt"])
        }
    }

    @Test func aCueFileThatIsNoTextOrTooLargeIsRefused() throws {
        let binary = try file("cues.txt", [0x5B, 0xFF, 0xFE, 0x00, 0x41])
        #expect(throws: WinnowError.badCueFile(binary + "/cues.txt", line: 0, reason: "not UTF-8 text: not a cue file")) {
            try CuePhrases.load(files: [binary + "/cues.txt"])
        }
        let large = try file("cues.txt", Array(("[sections]\n" + String(repeating: "read more\n", count: 110_000)).utf8))
        #expect(throws: WinnowError.badCueFile(large + "/cues.txt", line: 0, reason: "over 1 MB: not a cue file")) {
            try CuePhrases.load(files: [large + "/cues.txt"])
        }
        // A device that never ends is read no further than the limit.
        let run = try winnow(["clean", Fixtures.path("seeds"), "-o", Fixtures.temporaryFolder() + "/out", "--cues", "/dev/urandom"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("/dev/urandom: error: "), "\(run.stderr)")
    }

    @Test func emptyStandardInputIsNamed() throws {
        let run = try winnow(["dups", "-"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("no pages found in standard input"), "\(run.stderr)")
    }

    @Test func quietPrintsErrorsButNoWarnings() throws {
        let folder = Fixtures.temporaryFolder()
        try Data().write(to: URL(fileURLWithPath: folder + "/empty.txt"))
        try Data([0x41, 0x00]).write(to: URL(fileURLWithPath: folder + "/binary.txt"))
        try FileManager.default.copyItem(atPath: Fixtures.path("seeds/000_af0ab76b70a33144.txt"), toPath: folder + "/page.txt")
        let loud = try winnow(["dups", folder])
        #expect(loud.stderr.contains("empty.txt: warning: empty file"))
        let quiet = try winnow(["dups", folder, "-q"])
        #expect(quiet.status == 1)
        #expect(!quiet.stderr.contains("warning"), "\(quiet.stderr)")
        #expect(quiet.stderr.contains("binary.txt: error: binary file"), "\(quiet.stderr)")
    }

    @Test(arguments: [
        (["blocks", "SEEDS", "--top=-1"], "--top must be at least 1 (given -1)"),
        (["dups", "SEEDS", "--threads", "0"], "--threads must be from 1 to 1024 (given 0)"),
        (["bench", "--bytes=-5"], "--bytes must be from 1 to"),
        (["dups", "SEEDS", "--memory", "2 apples"], "The value '2 apples' is invalid for '--memory <size>'"),
        (["dups", "SEEDS", "--memory=-1G"], "The value '-1G' is invalid for '--memory <size>'"),
    ])
    func numbersOutOfRangeAreRefusedWithTheirRange(_ arguments: [String], _ message: String) throws {
        let run = try winnow(arguments.map { $0 == "SEEDS" ? Fixtures.path("seeds") : $0 })
        #expect(run.status == 64)
        #expect(run.stderr.contains(message), "\(run.stderr)")
    }

    @Test func aFileNamedLikeOptionsIsNamedNotTakenForHelp() throws {
        let folder = try file("-dash.txt", Array("A headline\nA sentence of the page, long enough to be read.\n".utf8))
        let run = try winnow(["dups", "-dash.txt"], in: folder)
        #expect(run.status == 64)
        #expect(run.stderr.contains("'-dash.txt' would be read as options: to read the file, write ./-dash.txt"), "\(run.stderr)")
        #expect(try winnow(["dups", "./-dash.txt"], in: folder).status == 0)
    }
}
