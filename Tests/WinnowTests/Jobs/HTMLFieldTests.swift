import Foundation
import Testing
@testable import Winnow

/// JSONL records holding HTML (`--html-field`): each page is read from its
/// markup, and `clean` writes the cleaned text to the text field.
@Suite struct HTMLFieldTests {
    private let html = "<html><head><title>Harbour wall | Portmore Daily</title></head><body>"
        + "<nav><ul><li><a href=/>Home</a></li><li><a href=/news>News</a></li></ul></nav><article><h1>Harbour wall to be rebuilt</h1>"
        + "<p>The council of Portmore voted on Tuesday to rebuild the old harbour wall before the storms of winter arrive.</p>"
        + "<p>Engineers said the wall, which was built more than a century ago, has been losing stones for years.</p>"
        + "<p>The work will cost about four million euros, most of it from a regional fund for coastal towns.</p></article>"
        + "<footer><p>© 2024 Portmore Daily. All rights reserved.</p></footer></body></html>"

    private func encoded(_ s: String) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: [s], options: [.withoutEscapingSlashes]), as: UTF8.self).dropFirst().dropLast().description
    }

    @Test func recordsOfHTMLAreCleanedToTheirTextField() throws {
        let lines = [
            #"{"id":"a","html":\#(encoded(html)),"lang":"en"}"#,
            #"{"id":"b","html":\#(encoded(html)),"text":"the scraper's text"}"#,
            #"{"id":"c","text":"no HTML here"}"#,
        ]
        let folder = Fixtures.temporaryFolder()
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: folder + "/in.jsonl"))
        var job = CleanJob(inputs: [folder + "/in.jsonl"], output: folder + "/out")
        job.read.htmlField = "html"
        let result = try job.run()
        #expect(result.diagnostics.map(\.description) == ["\(folder)/in.jsonl:3: error: no \"html\" field"])
        let out = try String(contentsOfFile: folder + "/out/in.jsonl", encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(out.count == 3 && out[2] == lines[2])
        for n in 0 ..< 2 {
            let record = try JSONSerialization.jsonObject(with: Data(out[n].utf8)) as! [String: Any]
            let text = try #require(record["text"] as? String)
            #expect(text.contains("Engineers said the wall") && !text.contains("Home") && !text.contains("All rights reserved"))
            #expect(record["html"] as? String == html)  // kept as it was
            #expect(record["winnow"] != nil)
        }
        #expect(out[0].contains(#""lang":"en""#))
        // The pages were judged with their markup: the same as the page read from an HTML file.
        let file = Fixtures.temporaryFolder()
        try Data(html.utf8).write(to: URL(fileURLWithPath: file + "/a.html"))
        let fromFile = Cleaner().clean(Corpus(inputs: try InputSet(paths: [file], glob: "*.html")).pages)[0]
        let record = try JSONSerialization.jsonObject(with: Data(out[0].utf8)) as! [String: Any]
        #expect(record["text"] as? String == String(decoding: fromFile.text, as: UTF8.self))
    }

    @Test func recordsOfHTMLAreReadWithTheirMarkup() throws {
        let folder = Fixtures.temporaryFolder()
        let lines = [#"{"id":"a","html":\#(encoded(html))}"#, #"{"id":"b","html":\#(encoded(html.replacingOccurrences(of: "Home", with: "Start")))}"#]
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: folder + "/in.jsonl"))
        var options = ReadOptions()
        options.htmlField = "html"
        let corpus = Corpus(inputs: try InputSet(paths: [folder + "/in.jsonl"]), options: options)
        #expect(corpus.pages.count == 2 && corpus.pages.allSatisfy { $0.markup != nil })
        #expect(String(decoding: corpus.pages[0].text, as: UTF8.self).hasPrefix("Harbour wall | Portmore Daily\nHome\n"))
    }
}
