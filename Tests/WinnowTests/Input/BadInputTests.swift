import Foundation
import Testing
@testable import Winnow

/// The bad-input matrix: each case gets a clear message naming the file (and
/// the line for JSONL), and the run goes on with the other pages.
@Suite struct BadInputTests {
    private func folder(_ files: [String: [UInt8]]) throws -> String {
        let root = Fixtures.temporaryFolder()
        for (name, bytes) in files {
            let path = root + "/" + name
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        }
        return root
    }

    private let good = Array("A headline for the good page\nThe good page has a sentence of real article text in it.\n".utf8)

    private func messages(_ corpus: Corpus) -> [String] { corpus.diagnostics.map(\.description) }

    @Test func emptyAndWhitespaceOnlyFilesAreNamed() throws {
        let root = try folder(["empty.txt": [], "blank.txt": Array(" \n\t\n\u{00A0}\n".utf8), "good.txt": good])
        let corpus = Corpus(inputs: try InputSet(paths: [root]))
        #expect(corpus.pages.count == 3)
        #expect(messages(corpus).contains("\(root)/empty.txt: warning: empty file"))
        #expect(messages(corpus).contains("\(root)/blank.txt: warning: no text (only white space)"))
    }

    @Test func binaryFilesAreSkippedWithTheOffset() throws {
        let root = try folder(["bin.txt": [0x41, 0x42, 0x00, 0x01, 0xFF], "good.txt": good])
        let corpus = Corpus(inputs: try InputSet(paths: [root]))
        #expect(corpus.pages.map(\.id) == ["good.txt"])
        #expect(messages(corpus) == ["\(root)/bin.txt: error: binary file (NUL byte at offset 2), skipped"])
    }

    @Test func filesWithTheSameBytesAreAnalysedOnceAndNamedEach() throws {
        let bad = Array("Tiêu đề\n".utf8) + [0xC3, 0x28] + Array(" câu văn.\n".utf8)
        let binary: [UInt8] = [0x41, 0x00]
        let root = try folder(["a/good.txt": good, "b/good.txt": good, "a/bad.txt": bad, "b/bad.txt": bad,
                               "a/bin.txt": binary, "b/bin.txt": binary, "a/blank.txt": [0x20, 0x0A], "b/blank.txt": [0x20, 0x0A]])
        let corpus = Corpus(inputs: try InputSet(paths: [root]))
        #expect(corpus.pages.map(\.id) == ["a/bad.txt", "a/blank.txt", "a/good.txt", "b/bad.txt", "b/blank.txt", "b/good.txt"])
        #expect(messages(corpus) == [
            "\(root)/a/bad.txt: warning: replaced 1 invalid UTF-8 sequence(s)",
            "\(root)/a/bin.txt: error: binary file (NUL byte at offset 1), skipped",
            "\(root)/a/blank.txt: warning: no text (only white space)",
            "\(root)/b/bad.txt: warning: replaced 1 invalid UTF-8 sequence(s)",
            "\(root)/b/bin.txt: error: binary file (NUL byte at offset 1), skipped",
            "\(root)/b/blank.txt: warning: no text (only white space)",
        ])
        let (first, copy) = (corpus.pages[2], corpus.pages[5])
        #expect(copy.origin.path == root + "/b/good.txt")
        #expect(copy.text == first.text && copy.blocks == first.blocks && copy.tokenHashes == first.tokenHashes)
        // One analysis: the copy holds the first page's arrays, not equal ones.
        #expect(copy.tokenHashes.withUnsafeBufferPointer { $0.baseAddress } == first.tokenHashes.withUnsafeBufferPointer { $0.baseAddress })
    }

    /// A page keeps its file's hash only when its text is the file's bytes:
    /// with a BOM stripped or bytes replaced, it hashes its own text. So the
    /// cleaner finds pages with the same text whatever the files held.
    @Test func pagesHashTheirTextWhateverTheFileHeld() throws {
        let repaired = Array(String(decoding: [0xC3, 0x28] as [UInt8], as: UTF8.self).utf8) + good
        let root = try folder(["plain.txt": good, "bom.txt": [0xEF, 0xBB, 0xBF] + good,
                               "bad.txt": [0xC3, 0x28] + good, "repaired.txt": repaired])
        let corpus = Corpus(inputs: try InputSet(paths: [root]))
        #expect(corpus.pages.map(\.id) == ["bad.txt", "bom.txt", "plain.txt", "repaired.txt"])
        for page in corpus.pages {
            #expect(page.textHash == ExactCopies.hash(page.text), "\(page.id)")
        }
        // Pages of the same text are cleaned once: a copy gets the first one's removals, not equal ones.
        let cleaned = Cleaner().clean(corpus.pages)
        let storage = cleaned.map { $0.removals.withUnsafeBufferPointer { $0.baseAddress } }
        #expect(storage[2] == storage[1] && storage[3] == storage[0] && storage[0] != storage[1])
    }

    @Test func invalidUTF8IsReplacedAndCounted() throws {
        let root = try folder(["bad.txt": Array("Tiêu đề\n".utf8) + [0xC3, 0x28, 0xA0, 0xA1] + Array(" câu văn.\n".utf8)])
        let corpus = Corpus(inputs: try InputSet(paths: [root]))
        #expect(corpus.pages.count == 1)
        #expect(messages(corpus) == ["\(root)/bad.txt: warning: replaced 3 invalid UTF-8 sequence(s)"])
    }

    @Test func aFiftyMegabyteLineIsCleanedWithoutTrouble() throws {
        var line: [UInt8] = []
        let sentence = Array("Người dân Đà Nẵng đón Tết trong không khí vui tươi. ".utf8)
        while line.count < 50 << 20 { line += sentence }
        let page = Page(id: "big", origin: PageOrigin(path: "big"), bytes: Array("Tiêu đề của trang\n".utf8) + line)
        #expect(page.blocks.count == 2)
        let cleaned = Cleaner().clean([page])[0]
        #expect(cleaned.keptBlocks.count == 2)
    }

    /// Memory stays a small multiple of the largest page: the tool reads a
    /// page, its word hashes (8 bytes a word) and the analyser's buffers (at
    /// most three times the longest line), nothing the size of the dump twice.
    @Test func memoryIsASmallMultipleOfTheLargestPage() throws {
        var line: [UInt8] = []
        let sentence = Array("Người dân Đà Nẵng đón Tết trong không khí vui tươi. ".utf8)
        while line.count < 16 << 20 { line += sentence }
        let root = try folder(["one-line.txt": Array("Tiêu đề của trang\n".utf8) + line])
        let out = Fixtures.temporaryFolder()
        for command in [["clean", root, "-o", out + "/clean"], ["dups", root, "-o", out + "/dups.txt"], ["blocks", root, "-o", out + "/blocks.txt"]] {
            let run = try Fixtures.runWinnowMeasuringMemory(command + ["-q"])
            #expect(run.status == 0, "\(command[0])")
            #expect(run.peakBytes > 0 && run.peakBytes < 8 * line.count, "\(command[0]) used \(run.peakBytes >> 20) MB for a \(line.count >> 20) MB page")
        }
    }

    @Test func brokenLinksAndUnreadableFilesAreNamed() throws {
        let root = try folder(["good.txt": good])
        try FileManager.default.createSymbolicLink(atPath: root + "/gone.txt", withDestinationPath: root + "/nowhere.txt")
        let corpus = Corpus(inputs: try InputSet(paths: [root]))
        #expect(corpus.pages.map(\.id) == ["good.txt"])
        #expect(messages(corpus) == ["\(root)/gone.txt: error: cannot read: broken symbolic link"])
        #expect(throws: WinnowError.cannotRead(root + "/gone.txt", reason: "broken symbolic link")) {
            try InputSet(paths: [root + "/gone.txt"])
        }
    }

    @Test func unreadableFilesAreNamed() throws {
        let root = try folder(["secret.txt": good, "good.txt": good])
        chmod(root + "/secret.txt", 0)
        let expected = "\(root)/secret.txt: error: cannot read: permission denied"
        guard getuid() == 0 else {
            let corpus = Corpus(inputs: try InputSet(paths: [root]))
            #expect(messages(corpus) == [expected])
            return
        }
        // Root reads any file: run the tool as nobody (setpriv, from util-linux).
        let run = try Fixtures.run(
            "/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", try Fixtures.winnowBinary(), "blocks", root])
        #expect(run.printed.split(separator: "\n").map(String.init) == [expected])
        #expect(run.status == 1)  // the run went on with good.txt, then reported the failure
    }

    @Test func jsonlProblemsNameTheLine() throws {
        let lines = [
            #"{"id": "a", "text": "A good record with a sentence of text."}"#,
            #"{"id": "b", "text": "unterminated}"#,
            #"{"id": "c", "body": "no text field"}"#,
            #"{"id": "d", "text": 42}"#,
            #"{"id": "a", "text": "Another record with the same id as the first."}"#,
            "",
            #"{"id": "e", "text": "   "}"#,
        ]
        let root = try folder(["dump.jsonl": Array(lines.joined(separator: "\n").utf8)])
        let corpus = Corpus(inputs: try InputSet(paths: [root + "/dump.jsonl"]))
        let file = root + "/dump.jsonl"
        #expect(corpus.pages.map(\.id) == ["a", "a~2", "e"])
        #expect(messages(corpus) == [
            "\(file):2: error: malformed JSON at column 35: unterminated string",
            "\(file):3: error: no \"text\" field",
            "\(file):4: error: \"text\" is not a string",
            "\(file):7: warning: \"text\" holds no text",
            "\(file):5: warning: duplicate id 'a' (first at \(file):1); using 'a~2'",
        ])
    }

    /// Invalid bytes in a record are named by its line, whether the record is
    /// kept to be written back (repaired as a whole) or not (`dups`: its id
    /// and text repaired as read); the pages are the same either way.
    @Test(arguments: [false, true])
    func jsonlInvalidBytesAreNamedByTheirLine(_ releasing: Bool) throws {
        let lines: [[UInt8]] = [
            Array(#"{"id": "a", "text": "Một câu văn đầy đủ ở đây."}"#.utf8),
            Array(#"{"id": "b", "text": "Tiêu đề "#.utf8) + [0xC3, 0x28] + Array(#" câu văn."}"#.utf8),
            Array(#"{"id": "c"#.utf8) + [0xFF] + Array(#"", "text": "Another good sentence here."}"#.utf8),
            Array(#"{"id": "d", "n": ""#.utf8) + [0xE1, 0x80] + Array(#"", "text": "Only the other field is bad."}"#.utf8),
        ]
        let root = try folder(["dump.jsonl": Array(lines.joined(separator: [0x0A]))])
        var options = ReadOptions()
        options.releasesText = releasing
        let corpus = Corpus(inputs: try InputSet(paths: [root + "/dump.jsonl"]), options: options)
        let file = root + "/dump.jsonl"
        #expect(corpus.pages.map(\.id) == ["a", "b", "c\u{FFFD}", "d"])
        #expect(corpus.pages[1].text == Array("Tiêu đề \u{FFFD}( câu văn.".utf8))
        // A record not kept is not written back: its other fields are not read.
        #expect(messages(corpus) == [
            "\(file):2: warning: replaced 1 invalid UTF-8 sequence(s)",
            "\(file):3: warning: replaced 1 invalid UTF-8 sequence(s)",
        ] + (releasing ? [] : ["\(file):4: warning: replaced 1 invalid UTF-8 sequence(s)"]))
        #expect(corpus.records.allSatisfy { ($0 == nil) == releasing })
    }

    /// A JSONL file is read in chunks of lines on all threads: every record
    /// keeps its line number across the chunks' ends, at any thread count.
    @Test func jsonlRecordsKeepTheirLinesAcrossChunks() throws {
        let pages = try FileManager.default.contentsOfDirectory(atPath: Fixtures.path("Fixtures/quality-80/pages")).sorted()
        var data: [UInt8] = []
        var expected: [(id: String, line: Int, text: [UInt8])] = []
        var line = 0
        for round in 0 ..< 8 {  // about 4 MB: several chunks of 1 MB
            for (n, name) in pages.enumerated() {
                let text = try Fixtures.read("Fixtures/quality-80/pages/" + name)
                let id = "\(round)/\(name)"
                let record = try JSONSerialization.data(withJSONObject: ["id": id, "text": String(decoding: text, as: UTF8.self)])
                data += Array(record) + (n % 7 == 0 ? [0x0D, 0x0A] : [0x0A])  // CRLF now and then
                line += 1
                expected.append((id, line, text))
                if n % 11 == 0 { data += Array("  \n".utf8); line += 1 }  // a blank line
            }
        }
        try #require(data.count > 3 << 20)
        let file = InputFile(path: "dump.jsonl", relativeName: "dump.jsonl", format: .jsonl)
        for threads in [1, 2] {
            var options = ReadOptions()
            options.threads = threads
            let read = JSONLReader.read(data, file: file, options: options)
            #expect(read.diagnostics.isEmpty)
            #expect(read.pages.map(\.0.id) == expected.map(\.id), "threads \(threads)")
            #expect(read.pages.map { $0.0.origin.line } == expected.map(\.line), "threads \(threads)")
            #expect(read.pages.map(\.0.text) == expected.map(\.text), "threads \(threads)")
        }
    }

    @Test func duplicateIdsAcrossFilesAreMadeDistinct() throws {
        let a = try folder(["p.txt": good])
        let b = try folder(["p.txt": good])
        let corpus = Corpus(inputs: try InputSet(paths: [a + "/p.txt", b + "/p.txt"]))
        #expect(corpus.pages.map(\.id) == ["p.txt", "p.txt~2"])
        #expect(corpus.diagnostics.count == 1)
    }

    @Test func strictStopsAtTheFirstError() throws {
        let root = try folder(["a.txt": [0, 1, 2], "b.txt": good])
        var options = ReadOptions()
        options.strict = true
        #expect(throws: WinnowError.self) { try Corpus.load([root], glob: "*.txt", options: options) }
        options.strict = false
        #expect(try Corpus.load([root], glob: "*.txt", options: options).pages.count == 1)
    }

    @Test func anOutputThatCannotBeWrittenIsNamed() throws {
        let root = try folder(["good.txt": good, "blocker": []])
        // The output folder's path runs through a regular file.
        let output = root + "/blocker/out"
        do {
            _ = try CleanJob(inputs: [root + "/good.txt"], output: output).run()
            Issue.record("expected an error")
        } catch {
            // Found before any work: the folder cannot be made.
            #expect(error.description.hasPrefix(output + ": cannot write: cannot create folder"), "\(error)")
        }
    }

    @Test func missingInputsAreNamed() {
        #expect(throws: WinnowError.inputNotFound("/no/such/dump")) { try InputSet(paths: ["/no/such/dump"]) }
    }
}
