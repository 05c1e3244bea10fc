import Foundation
import Testing
@testable import Winnow

@Suite struct CleanJobTests {
    @Test func cleanFixtureGivesTheExpectedFilesAndReport() throws {
        let out = Fixtures.temporaryFolder()
        var job = CleanJob(inputs: [Fixtures.path("Fixtures/clean/input")], output: out + "/clean")
        job.report = out + "/report.json"
        let result = try job.run()
        #expect(result.pages == 3)
        #expect(try Fixtures.tree(out + "/clean") == Fixtures.tree(Fixtures.path("Fixtures/clean/expected")))
        let report = try Data(contentsOf: URL(fileURLWithPath: out + "/report.json"))
        let expected = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("Fixtures/clean/expected-report.json")))
        #expect(String(decoding: report, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
    }

    @Test func refusesToWriteIntoItsInput() throws {
        let input = Fixtures.path("Fixtures/clean/input")
        for output in [input, input + "/en", input + "/out"] {
            #expect(throws: WinnowError.self) { try CleanJob(inputs: [input], output: output).run() }
        }
        #expect(!FileManager.default.fileExists(atPath: input + "/out"))
    }

    @Test func jsonlRecordsKeepTheirOtherFields() throws {
        let folder = Fixtures.temporaryFolder()
        let text = try String(decoding: Fixtures.read("Fixtures/clean/input/en/council.txt"), as: UTF8.self)
        var line: [UInt8] = Array(#"{"url": "https://example.org/a?b=1", "text": "#.utf8)
        JSONScanner.appendEncoded(text, to: &line)
        line += Array(#", "id": "a1", "n": 1.50, "tags": ["x", {"y": null}]}"#.utf8)
        try Data(line + [0x0A]).write(to: URL(fileURLWithPath: folder + "/dump.jsonl"))
        try CleanJob(inputs: [folder + "/dump.jsonl"], output: folder + "/out").run()
        let written = try Data(contentsOf: URL(fileURLWithPath: folder + "/out/dump.jsonl"))
        let record = try JSONSerialization.jsonObject(with: written) as! [String: Any]
        #expect(record["id"] as? String == "a1")
        #expect(record["url"] as? String == "https://example.org/a?b=1")
        let cleaned = try String(decoding: Fixtures.read("Fixtures/clean/expected/en/council.txt"), as: UTF8.self)
        #expect(record["text"] as? String == cleaned)
        let winnow = record["winnow"] as! [String: Any]
        #expect((winnow["removed"] as! [[String: Any]]).count == 8)
        // The other fields keep their exact bytes.
        let s = String(decoding: written, as: UTF8.self)
        #expect(s.contains(#""n": 1.50, "tags": ["x", {"y": null}]"#))
    }
}
