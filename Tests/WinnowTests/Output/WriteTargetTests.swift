import Foundation
import Testing
@testable import Winnow

#if canImport(Glibc)
    import Glibc
#endif

/// Where outputs land: a device or FIFO is written into, a link written
/// through, and no report ever lands on an input or among cleaned pages.
@Suite struct WriteTargetTests {
    private func winnow(_ arguments: [String]) throws -> (status: Int32, printed: String) {
        try Fixtures.run(try Fixtures.winnowBinary(), arguments, environment: ["SWIFT_BACKTRACE": "enable=no"])
    }

    private func kind(_ path: String) -> mode_t {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : 0
    }

    /// A copy of the seeds to write beside.
    private func seeds() throws -> String {
        let folder = Fixtures.temporaryFolder() + "/in"
        try FileManager.default.copyItem(atPath: Fixtures.path("seeds"), toPath: folder)
        return folder
    }

    @Test func aDeviceGivenAsOutputIsWrittenIntoAndStaysADevice() throws {
        let device = Fixtures.temporaryFolder() + "/null"  // major 1, minor 3: the null device
        try #require(mknod(device, S_IFCHR | 0o666, dev_t(1 << 8 | 3)) == 0)
        let run = try winnow(["dups", Fixtures.path("seeds"), "--format", "json", "-o", device])
        #expect(run.status == 0, "\(run.printed)")
        #expect(kind(device) == S_IFCHR)
    }

    @Test func aFIFOGivenAsOutputIsWrittenInto() throws {
        let fifo = Fixtures.temporaryFolder() + "/fifo"
        try #require(mkfifo(fifo, 0o644) == 0)
        // The test holds the FIFO open for writing too, so that the reader's
        // open returns at once and its read ends when the test lets go after
        // the run, whatever the run did with the FIFO.
        let held = open(fifo, O_RDWR)
        try #require(held >= 0)
        nonisolated(unsafe) var read = Data()
        let done = DispatchSemaphore(value: 0)
        let reader = Thread {
            read = FileHandle(forReadingAtPath: fifo)?.readDataToEndOfFile() ?? Data()
            done.signal()
        }
        reader.start()
        let run = try winnow(["blocks", Fixtures.path("seeds"), "--format", "json", "-o", fifo])
        close(held)
        done.wait()  // the reader's data is the test's from here (ThreadSanitizer: polling isFinished is no ordering)
        #expect(run.status == 0, "\(run.printed)")
        #expect(kind(fifo) == S_IFIFO)
        #expect(String(decoding: read, as: UTF8.self).hasPrefix("{"))
    }

    /// `-o /dev/stdout` with standard output a pipe: written into the pipe
    /// (the link to it was replaced by a file, or refused for a normal user).
    @Test func devStdoutGivenAsOutputWritesToStandardOutput() throws {
        let run = try Fixtures.run(try Fixtures.winnowBinary(), ["dups", Fixtures.path("seeds"), "--format", "json", "-o", "/dev/stdout"],
                                   environment: ["SWIFT_BACKTRACE": "enable=no"], withStdout: true)
        #expect(run.status == 0, "\(run.printed)")
        #expect(run.printed.hasPrefix("{\n  \"winnow\""), "\(run.printed)")
        #expect(kind("/dev/stdout") == S_IFLNK)
    }

    @Test func aLinkGivenAsOutputIsWrittenThrough() throws {
        let folder = Fixtures.temporaryFolder()
        try Data("old".utf8).write(to: URL(fileURLWithPath: folder + "/target.json"))
        try FileManager.default.createSymbolicLink(atPath: folder + "/link.json", withDestinationPath: "target.json")
        let run = try winnow(["dups", Fixtures.path("seeds"), "--format", "json", "-o", folder + "/link.json"])
        #expect(run.status == 0, "\(run.printed)")
        #expect(kind(folder + "/link.json") == S_IFLNK)
        #expect(try String(contentsOfFile: folder + "/target.json", encoding: .utf8).hasPrefix("{"))
    }

    @Test(arguments: ["dups", "blocks"])
    func aReportOnAnInputIsRefusedBeforeAnyWork(_ command: String) throws {
        let input = try seeds()
        let page = input + "/003_c56af91f47b84624.txt"
        let before = try Data(contentsOf: URL(fileURLWithPath: page))
        let run = try winnow([command, input, "-o", page])
        #expect(run.status == 1)
        #expect(run.printed.contains("refusing to write into the input"), "\(run.printed)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: page)) == before)
    }

    @Test func aCleanReportInsideTheOutputFolderIsRefused() throws {
        let input = try seeds()
        let out = Fixtures.temporaryFolder() + "/out"
        let run = try winnow(["clean", input, "-o", out, "--report", out + "/000_af0ab76b70a33144.txt"])
        #expect(run.status == 1)
        #expect(run.printed.contains("refusing to write the report '\(out)/000_af0ab76b70a33144.txt' inside the output folder '\(out)'"),
                "\(run.printed)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func twoInputsOfOneOutputNameAreRefusedBeforeAnyWork() throws {
        let root = Fixtures.temporaryFolder()
        for folder in ["pa", "pb"] {
            try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
            try Data("A headline in \(folder)\nA sentence of the page in \(folder), long enough to be prose.\n".utf8)
                .write(to: URL(fileURLWithPath: root + "/" + folder + "/p.txt"))
        }
        let out = root + "/out"
        let run = try winnow(["clean", root + "/pa/p.txt", root + "/pb/p.txt", "-o", out])
        #expect(run.status == 1)
        #expect(run.printed.contains("'\(root)/pa/p.txt' and '\(root)/pb/p.txt' would both be written as 'p.txt'"), "\(run.printed)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
