import Foundation
import Testing
@testable import Winnow

/// `clean` on JSONL: every input line is in the output, in its place.
@Suite struct JSONLOutputTests {
    @Test func everyLineIsWrittenBackInOrderAndEveryBadRecordNamed() throws {
        let text = "A headline for the record\\nThe record has a sentence of real article text in it.\\nShare this"
        let lines = [
            #"{"id":"a","text":"\#(text)","lang":"en"}"#,
            #"{"id":"b","text": 42}"#,
            #"not json at all"#,
            #""#,
            #"{"id":"c","body":"no text field"}"#,
            #"{"id":"d","text":"first","text":"second"}"#,
            #"{"id":"e","text":"\#(text)"}"#,
            #"   "#,
            #"{"id":"f","text":"\#(text)"}"#,
        ]
        let folder = Fixtures.temporaryFolder()
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: folder + "/in.jsonl"))
        var job = CleanJob(inputs: [folder + "/in.jsonl"], output: folder + "/out")
        job.cleaner.crossPage = false
        let result = try job.run()
        let path = folder + "/in.jsonl"
        #expect(result.diagnostics.map(\.description) == [
            "\(path):2: error: \"text\" is not a string",
            "\(path):3: error: malformed JSON at column 1: expected a JSON object",
            "\(path):5: error: no \"text\" field",
            "\(path):6: error: two \"text\" fields",
        ])
        let written = try String(contentsOfFile: folder + "/out/in.jsonl", encoding: .utf8)
        let out = written.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        #expect(out.count == lines.count)
        // The lines that gave no page, byte for byte, in their places.
        for n in [1, 2, 3, 4, 5, 7] { #expect(out[n] == lines[n]) }
        // The records cleaned: their other fields kept, the cue line gone.
        for n in [0, 6, 8] {
            let record = try JSONSerialization.jsonObject(with: Data(out[n].utf8)) as! [String: Any]
            #expect((record["text"] as? String)?.contains("real article text") == true)
            #expect((record["text"] as? String)?.contains("Share this") == false)
            #expect(record["winnow"] != nil)
        }
        #expect(out[0].contains(#""lang":"en""#))
    }
}

@Suite struct KeptOnlyTests {
    @Test func keptOnlyLeavesTheDroppedRecordsOut() throws {
        let text = "A headline for the story\\nThe story has a sentence of real article text in it, and another one after it.\\nAnd a third sentence closes the story for good."
        let other = "Another headline entirely\\nA different story is told here, with words of its own in every sentence.\\nIt ends with a line of its own too."
        let lines = [#"{"id":"a","text":"\#(text)"}"#, #"{"id":"b","text":"\#(text)"}"#, #"{"id":"c","text":"\#(other)"}"#]
        let folder = Fixtures.temporaryFolder()
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: folder + "/in.jsonl"))
        for keptOnly in [false, true] {
            var job = CleanJob(inputs: [folder + "/in.jsonl"], output: folder + "/out-\(keptOnly).jsonl")
            job.dropDuplicates = true
            job.keptOnly = keptOnly
            _ = try job.run()
            let out = try String(contentsOfFile: folder + "/out-\(keptOnly).jsonl", encoding: .utf8).split(separator: "\n")
            #expect(out.count == (keptOnly ? 2 : 3))
            #expect(out.first?.contains(#""id":"a""#) == true && out.last?.contains(#""id":"c""#) == true)
        }
    }
}
