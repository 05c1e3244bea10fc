import Foundation
import Testing
@testable import Winnow

@Suite struct InputSetTests {
    /// Folders are read in the byte order of their paths' UTF-8, whatever
    /// order the directory gives its entries in.
    @Test func foldersAreReadInByteOrder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("winnow-order-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Shared 8-byte prefixes, a shorter name that is a prefix of a longer,
        // upper case before lower, and UTF-8 (Đ is C4 90, after every ASCII byte).
        let names = ["page-0010.txt", "page-0002.txt", "page-001.txt", "Page-9.txt", "Đà Nẵng.txt", "page-0010.txt.txt",
                     "a.txt", "sub/b.txt", "sub/a.txt", "sub2/a.txt", "page-00100.txt"]
        for name in names {
            let path = folder + "/" + name
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try Data("x\n".utf8).write(to: URL(fileURLWithPath: path))
        }
        let found = try InputSet(paths: [folder]).files.map(\.relativeName)
        #expect(found == ["Page-9.txt", "a.txt", "page-0002.txt", "page-001.txt", "page-0010.txt", "page-0010.txt.txt",
                          "page-00100.txt", "sub/a.txt", "sub/b.txt", "sub2/a.txt", "Đà Nẵng.txt"])
    }

    /// A file's format and compression are told by the end of its name, byte for byte.
    @Test func formatAndCompressionComeFromTheNamesEnd() {
        let jsonl = ["a.jsonl", "a.jsonl.gz", "a.ndjson", "a.ndjson.gz", "x/.jsonl", "Đà.jsonl"]
        let text = ["a.txt", "a.txt.gz", "jsonl", "a.jsonl.txt", "a.JSONL", "a.gz", "gz", "a.jsonlgz", "a.jsonl.g", ""]
        #expect(jsonl.map(InputSet.format(of:)) == Array(repeating: .jsonl, count: jsonl.count))
        #expect(text.map(InputSet.format(of:)) == Array(repeating: .text, count: text.count))
        let compressed = ["a.gz", "a.jsonl.gz", "Đà.gz"].map { InputFile(path: $0, relativeName: $0, format: .text).compressed }
        let plain = ["a.txt", "gz", "a.gz.txt", "a.GZ", ""].map { InputFile(path: $0, relativeName: $0, format: .text).compressed }
        #expect(compressed == [true, true, true])
        #expect(plain == [false, false, false, false, false])
    }

    @Test func bytewiseSortAgreesWithComparingTheBytes() {
        var generator = SplitMix64(seed: 8)
        let alphabet = Array("ab/.-0189xyzAZ_é€😀")
        for _ in 0 ..< 50 {
            let paths = (0 ..< 200).map { _ in
                String((0 ..< Int.random(in: 0 ... 14, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            }
            let expected = paths.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            #expect(InputSet.sortedBytewise(paths) == expected)
        }
    }
}
