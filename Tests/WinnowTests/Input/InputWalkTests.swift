import Foundation
import Testing
@testable import Winnow

#if canImport(Glibc)
    import Glibc
#endif

/// What a folder walk cannot read is named, never skipped in silence; links
/// to folders are followed once.
@Suite struct InputWalkTests {
    private let text = Array("A headline for the page\nThe page has a sentence of real article text in it.\n".utf8)

    private func write(_ bytes: [UInt8], at path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    @Test func aFileNameThatIsNotUTF8IsReadAndNamedEscaped() throws {
        let root = Fixtures.temporaryFolder()
        try write(text, at: root + "/good.txt")
        // "bad", the byte FF, ".txt": no String can spell it, so made through the C API.
        let name: [UInt8] = Array((root + "/bad").utf8) + [0xFF] + Array(".txt".utf8) + [0]
        let fd = name.withUnsafeBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_WRONLY | O_CREAT, 0o644) }
        try #require(fd >= 0)
        let other = Array("Another headline\nAnother page with a sentence of its own in it.\n".utf8)
        _ = other.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        close(fd)
        let corpus = Corpus(inputs: try InputSet(paths: [root]))
        #expect(corpus.pages.map(\.id) == ["bad\\xFF.txt", "good.txt"])
        #expect(corpus.pages.first?.text == other)
        #expect(corpus.diagnostics.map(\.description) == ["\(root)/bad\\xFF.txt: warning: file name is not UTF-8: read, and named as here"])
        // Cleaned under its escaped name.
        let out = Fixtures.temporaryFolder() + "/out"
        _ = try CleanJob(inputs: [root], output: out).run()
        #expect(FileManager.default.fileExists(atPath: out + "/bad\\xFF.txt"))
    }

    /// A path given on the command line that is not UTF-8: Swift hands it
    /// over repaired, and the file is opened by the argument's own bytes.
    @Test func aFileGivenByANameThatIsNotUTF8IsRead() throws {
        let folder = Fixtures.temporaryFolder()
        let make = Process()
        make.executableURL = URL(fileURLWithPath: "/bin/sh")
        make.arguments = ["-c", #"printf 'A headline\nA page whose name is not UTF-8, with a sentence of text.\n' > "$(printf 'bad\377.txt')""#]
        make.currentDirectoryURL = URL(fileURLWithPath: folder)
        try make.run()
        make.waitUntilExit()
        let binary = try Fixtures.winnowBinary()
        let run = try Fixtures.run("/bin/sh", ["-c", #"cd "$1" && "$2" clean "$(printf 'bad\377.txt')" -o out.txt"#, "sh", folder, binary])
        #expect(run.status == 0, "\(run.printed)")
        #expect(run.printed.contains("bad\\xFF.txt: warning: file name is not UTF-8: read, and named as here"), "\(run.printed)")
        #expect(try String(contentsOfFile: folder + "/out.txt", encoding: .utf8).contains("a sentence of text"))
    }

    @Test func aFolderTooDeepToOpenIsAnErrorAndStrictStopsThere() throws {
        let root = Fixtures.temporaryFolder()
        try write(text, at: root + "/good.txt")
        // 45 folders of 100 bytes each: their path is longer than PATH_MAX (4,096).
        var fd = open(root, O_RDONLY | O_DIRECTORY)
        let name = String(repeating: "d", count: 100)
        for _ in 0 ..< 45 {
            #expect(mkdirat(fd, name, 0o755) == 0)
            let next = openat(fd, name, O_RDONLY | O_DIRECTORY)
            close(fd)
            fd = next
        }
        let file = openat(fd, "deep.txt", O_WRONLY | O_CREAT, 0o644)
        _ = text.withUnsafeBytes { Glibc.write(file, $0.baseAddress, $0.count) }
        close(file)
        close(fd)
        let corpus = Corpus(inputs: try InputSet(paths: [root]))
        #expect(corpus.pages.map(\.id) == ["good.txt"])
        let messages = corpus.diagnostics.map(\.description)
        #expect(messages.count == 1)
        #expect(messages.first?.hasPrefix(root + "/" + name + "/") == true)
        #expect(messages.first?.hasSuffix(": error: cannot read folder: File name too long") == true, "\(messages)")
        var strict = ReadOptions()
        strict.strict = true
        #expect(throws: WinnowError.self) { try Corpus.load([root], glob: "*.txt", options: strict) }
    }

    @Test func aLinkToAFolderIsFollowedOnceAndALoopIsNamed() throws {
        let root = Fixtures.temporaryFolder()
        let elsewhere = Fixtures.temporaryFolder()
        try write(text, at: root + "/a/x.txt")
        try write(text + Array("Another line.\n".utf8), at: elsewhere + "/y.txt")
        try FileManager.default.createSymbolicLink(atPath: root + "/linked", withDestinationPath: elsewhere)
        try FileManager.default.createSymbolicLink(atPath: root + "/a/up", withDestinationPath: root)
        let corpus = Corpus(inputs: try InputSet(paths: [root]))
        #expect(corpus.pages.map(\.id) == ["a/x.txt", "linked/y.txt"])
        #expect(corpus.diagnostics.map(\.description) == [
            "\(root)/a/up: warning: folder already read through another path (a link), not read again",
        ])
    }
}
