import Foundation
import Testing
@testable import Winnow

/// Paths of the committed fixtures and seeds.
enum Fixtures {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.lastPathComponent != "Tests" { url.deleteLastPathComponent() }
        return url.deletingLastPathComponent().path
    }()

    static func path(_ relative: String) -> String { root + "/" + relative }

    static func read(_ relative: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path(relative))))
    }

    /// A fresh temporary folder, inside one folder per test process that is
    /// removed when the process exits (a crashed run leaves it to look at).
    static func temporaryFolder() -> String {
        let path = scratchRoot + "/" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    private static let scratchRoot: String = {
        let path = NSTemporaryDirectory() + "winnow-test-" + UUID().uuidString
        atexit { try? FileManager.default.removeItem(atPath: Fixtures.scratchRoot) }
        return path
    }()

    /// A temporary folder holding the `.txt` pages of a committed folder, and
    /// its first page again as `copyName` (a re-crawl saved under another
    /// name); with the pages' names, sorted.
    static func pagesWithACopy(of relative: String, copyName: String) throws -> (folder: String, names: [String]) {
        let folder = temporaryFolder()
        let source = path(relative)
        let names = try FileManager.default.contentsOfDirectory(atPath: source).filter { $0.hasSuffix(".txt") }.sorted()
        for name in names { try FileManager.default.copyItem(atPath: source + "/" + name, toPath: folder + "/" + name) }
        try FileManager.default.copyItem(atPath: source + "/" + names[0], toPath: folder + "/" + copyName)
        return (folder, names)
    }

    /// Every file under a folder, relative path to bytes.
    static func tree(_ folder: String) throws -> [String: [UInt8]] {
        var out: [String: [UInt8]] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let relative = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: folder + "/" + relative, isDirectory: &isDirectory)
            if exists && !isDirectory.boolValue {
                out[relative] = Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + relative)))
            }
        }
        return out
    }
}

extension Fixtures {
    /// The `winnow` executable built beside the tests (`swift test` builds
    /// it); a test that needs it fails, rather than passes, without it.
    static func winnowBinary() throws -> String {
        let runner = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        let path = runner.deletingLastPathComponent().appendingPathComponent("winnow").path
        try #require(FileManager.default.isExecutableFile(atPath: path), "build the winnow executable first")
        return path
    }

    /// Runs a program and waits for it; returns its exit status and what it
    /// printed on standard error (and standard output, with `withStdout`).
    static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:],
                    withStdout: Bool = false) throws -> (status: Int32, printed: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = withStdout ? pipe : FileHandle.nullDevice
        try process.run()
        let printed = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, printed)
    }

    /// A folder of `count` pages made from the quality-80 pages, each copy
    /// with its own first line, so that every page is distinct.
    static func generatedDump(pages count: Int) throws -> String {
        let folder = temporaryFolder() + "/dump"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let sources = try FileManager.default.contentsOfDirectory(atPath: path("Fixtures/quality-80/pages")).sorted()
        for n in 0 ..< count {
            let text = try read("Fixtures/quality-80/pages/" + sources[n % sources.count])
            let page = Array("Page \(n) of the generated dump\n".utf8) + text
            try Data(page).write(to: URL(fileURLWithPath: folder + String(format: "/%05d.txt", n)))
        }
        return folder
    }
}

extension Fixtures {
    /// Runs the `winnow` executable with `WINNOW_TIMINGS` set and waits for
    /// it; returns its exit status and the peak resident memory it reports
    /// at exit (its own VmHWM: the test process's memory does not count).
    static func runWinnowMeasuringMemory(_ arguments: [String]) throws -> (status: Int32, peakBytes: Int) {
        let run = try run(try winnowBinary(), arguments, environment: ["WINNOW_TIMINGS": "1"])
        let line = run.printed.split(separator: "\n").first { $0.hasPrefix("timing: peak memory: ") }
        let peak = line.flatMap { Int($0.dropFirst("timing: peak memory: ".count).prefix { $0.isNumber }) } ?? -1
        return (run.status, peak)
    }
}

/// Two short news stories for the cross-page tests: one glued to, copied
/// by or teased from the other's pages.
extension Fixtures {
    static let harbourStory = """
        Harbour project adds two new piers this year
        The harbour project will add two new piers by the end of the year, the port authority said on Monday.
        Engineers expect the first ships to dock at the new piers in October, after a long review of the plans.
        Dock workers welcomed the news and said the first ships would bring jobs back to the town by winter.
        """
    static let bridgeStory = """
        City council votes to repair the old river bridge
        The city council voted on Tuesday to repair the old river bridge before the spring floods arrive.
        The repairs will close the bridge to cars for six weeks, and buses will take a longer road instead.
        Shop owners on both banks asked the council to keep the bridge open to people on foot during the work.
        """
}
