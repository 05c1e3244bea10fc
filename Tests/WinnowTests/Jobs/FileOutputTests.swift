import Foundation
import Testing
@testable import Winnow

/// `clean` of one input file writes one file, or standard output with `-`.
@Suite struct FileOutputTests {
    private let record = #"{"id":"a","text":"A headline for the record\nThe record has a sentence of real article text in it.\nShare this"}"#

    private func dump() throws -> String {
        let folder = Fixtures.temporaryFolder()
        try Data((record + "\nnot json\n").utf8).write(to: URL(fileURLWithPath: folder + "/dump.jsonl"))
        return folder + "/dump.jsonl"
    }

    private func winnow(_ arguments: [String]) throws -> (status: Int32, printed: String) {
        try Fixtures.run(try Fixtures.winnowBinary(), arguments, environment: ["SWIFT_BACKTRACE": "enable=no"], withStdout: true)
    }

    @Test func oneJSONLFileToOneFileOrStandardOutput() throws {
        let input = try dump()
        let out = Fixtures.temporaryFolder() + "/clean.jsonl"
        #expect(try winnow(["clean", input, "-o", out, "-q"]).status == 1)  // the bad line is an error
        let written = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(written.count == 2 && written[1] == "not json")
        let text = try #require((try JSONSerialization.jsonObject(with: Data(written[0].utf8)) as? [String: Any])?["text"] as? String)
        #expect(text.contains("real article text") && !text.contains("Share this"))
        let printed = try winnow(["clean", input, "-o", "-", "-q"])
        #expect(printed.printed.hasPrefix(written[0] + "\nnot json\n"), "\(printed.printed)")
        // Compressed when the name ends in .gz.
        let gz = Fixtures.temporaryFolder() + "/clean.jsonl.gz"
        _ = try winnow(["clean", input, "-o", gz, "-q"])
        let bytes = try Data(contentsOf: URL(fileURLWithPath: gz))
        #expect(bytes.prefix(2) == Data([0x1F, 0x8B]))
        #expect(try Gzip.decompress(Array(bytes)) == Array((written.joined(separator: "\n") + "\n").utf8))
    }

    @Test func oneTextPageToOneFile() throws {
        let out = Fixtures.temporaryFolder() + "/page.txt"
        let page = Fixtures.path("seeds/000_af0ab76b70a33144.txt")
        #expect(try winnow(["clean", page, "-o", out, "-q"]).status == 0)
        let folder = Fixtures.temporaryFolder() + "/out"
        _ = try winnow(["clean", page, "-o", folder, "-q"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == Data(contentsOf: URL(fileURLWithPath: folder + "/000_af0ab76b70a33144.txt")))
    }

    @Test func aFileOutputForManyInputsIsRefused() throws {
        let run = try winnow(["clean", Fixtures.path("seeds"), "-o", Fixtures.temporaryFolder() + "/all.txt"])
        #expect(run.status == 1)
        #expect(run.printed.contains("a file takes one input file, not 5: give a folder"), "\(run.printed)")
    }
}
