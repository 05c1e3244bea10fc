import Foundation
import Testing
@testable import Winnow

/// HTML pages are read as their text, one block a line.
@Suite struct HTMLTextTests {
    private let page = """
        <!DOCTYPE html><html><head><title>Harbour wall | The Portmore Post</title>
        <style>p { color: red }</style><script>var x = "not text";</script></head>
        <body><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
        <article><h1>Harbour wall to be   rebuilt</h1>
        <p>The council voted on <b>Tuesday</b> to rebuild the old harbour wall,<br>before winter.</p>
        <p>Engineers said the wall had been losing stones for years.</p></article>
        <footer>© 2024 The Portmore Post</footer></body></html>
        """

    @Test func blocksBecomeLinesAndScriptsGo() {
        let text = String(decoding: HTMLText.text(of: Array(page.utf8)), as: UTF8.self)
        #expect(text.split(separator: "\n").map(String.init) == [
            "Harbour wall | The Portmore Post", "Home", "News", "Harbour wall to be rebuilt",
            "The council voted on Tuesday to rebuild the old harbour wall,", "before winter.",
            "Engineers said the wall had been losing stones for years.", "© 2024 The Portmore Post",
        ])
    }

    @Test func inlineTextJoinsItsLineAsABrowserShowsIt() {
        let html = "<html><head><meta charset=utf-8><link rel=x><title>T</title></head><body>"
            + "<p>Before<script>var x = 1;</script> after <b>bold</b><i>ic</i></p>\n<span>one</span>\n<span>two</span></body></html>"
        let text = String(decoding: HTMLText.text(of: Array(html.utf8)), as: UTF8.self)
        #expect(text == "T\nBefore after boldic\none two\n")
    }

    @Test func scriptsAndStylesAreLeftOutBeforeParsing() {
        func without(_ html: String) -> String { String(decoding: RawText.withoutContents(Array(html.utf8)), as: UTF8.self) }
        #expect(without("<p>a</p><SCRIPT type=x>if (a < b) document.write('</div><p>');</SCRIPT ><p>b</p>")
            == "<p>a</p><SCRIPT type=x></SCRIPT ><p>b</p>")
        #expect(without("<style>p > a { color: red }</style>") == "<style></style>")
        // A script tag inside a comment or an attribute value starts nothing.
        #expect(without("<!-- <script> --><p>kept</p><!-- </script> -->") == "<!-- <script> --><p>kept</p><!-- </script> -->")
        #expect(without("<a title=\"<script>\">x</a><p>kept</p></script>") == "<a title=\"<script>\">x</a><p>kept</p></script>")
        // A tag ends at its '>' outside quotes; a script without an end runs to the page's end.
        #expect(without("<script src=\"a>b\">x</script><p>y</p><script>never closed") == "<script src=\"a>b\"></script><p>y</p><script>")
        #expect(without("<script src=a.js/><p>kept</p>") == "<script src=a.js/><p>kept</p>")
        #expect(without("<scripts>x</scripts><styles>y</styles>") == "<scripts>x</scripts><styles>y</styles>")
        #expect(without("no markup at all") == "no markup at all")
    }

    @Test func voidAndUnclosedElementsLeaveTheDepthAsItWas() {
        func depth(_ html: String) -> UInt8? { HTMLText.read(Array(html.utf8)).markup.last?.depth }
        let plain = depth("<html><body><div><p>x</p></div></body></html>")
        #expect(plain != nil)
        #expect(depth("<html><body><div><br><img src=a><hr><input><p>x</p></div></body></html>") == plain)
        #expect(depth("<html><body><div><p>a<p>b<p>x</div></body></html>") == plain)  // each <p> closed by the next
    }

    @Test func deeplyNestedMarkupIsReadWithoutRecursion() {
        let depth = 20_000
        let html = String(repeating: "<div><span>", count: depth) + "deep text" + String(repeating: "</span></div>", count: depth)
        let (text, markup) = HTMLText.read(Array(html.utf8))
        // Past a thousand elements down, text is not read; the parse neither crashes nor hangs.
        #expect(markup.count == String(decoding: text, as: UTF8.self).split(separator: "\n").count)
    }

    @Test func theDeclaredCharsetIsHonoured() {
        // "Café" in ISO-8859-1, declared so.
        let latin1 = Array(#"<html><head><meta charset="iso-8859-1"></head><body><p>Caf"#.utf8) + [0xE9] + Array("</p></body></html>".utf8)
        #expect(String(decoding: HTMLText.text(of: latin1), as: UTF8.self) == "Café\n")
        #expect(HTMLText.text(of: []) == [])
    }

    @Test func cleanWritesAnHTMLPageAsText() throws {
        let folder = Fixtures.temporaryFolder()
        try Data(page.utf8).write(to: URL(fileURLWithPath: folder + "/story.html"))
        let out = Fixtures.temporaryFolder() + "/out"
        var job = CleanJob(inputs: [folder], output: out)
        job.glob = "*.html"
        let result = try job.run()
        #expect(result.pages == 1)
        let cleaned = try String(contentsOfFile: out + "/story.txt", encoding: .utf8)
        #expect(cleaned.contains("Engineers said the wall had been losing stones for years."))
        #expect(!cleaned.contains("not text") && !cleaned.contains("color"))
    }
}

/// HTML that is not what it says: each page read as far as it goes, or
/// refused with an error naming it; the others go on.
@Suite struct BadHTMLTests {
    @Test func binaryCutAndMislabelledPagesAreReadOrRefusedByName() throws {
        let folder = Fixtures.temporaryFolder()
        func write(_ name: String, _ bytes: [UInt8]) throws { try Data(bytes).write(to: URL(fileURLWithPath: folder + "/" + name)) }
        try write("binary.html", Array("<html><body><p>".utf8) + [0x00, 0x9F, 0x13, 0x00] + Array("</p>".utf8))
        try write("cut.html", Array("<html><body><p>This page is cut in the mid".utf8))
        // Declared UTF-8, written in ISO-8859-1: read, its letters as libxml2 recovers them.
        try write("latin1.html", Array(#"<html><head><meta charset="utf-8"></head><body><p>Caf"#.utf8) + [0xE9] + Array(" cr".utf8) + [0xE8]
            + Array("me</p></body></html>".utf8))
        // UTF-16 by its byte order mark: NUL bytes, but no binary file.
        try write("utf16.html", [0xFF, 0xFE] + "<p>Hi</p>".utf8.flatMap { [$0, 0] })
        let corpus = Corpus(inputs: try InputSet(paths: [folder], glob: "*.html"))
        #expect(corpus.diagnostics.map(\.description) == ["\(folder)/binary.html: error: binary file (NUL byte at offset 15), skipped"])
        func text(_ id: String) -> String? {
            corpus.pages.first { $0.id == id }.map { String(decoding: $0.text, as: UTF8.self) }
        }
        #expect(text("cut.html") == "This page is cut in the mid\n")
        #expect(text("latin1.html") == "Café crème\n")
        #expect(text("utf16.html") == "Hi\n")
    }
}
