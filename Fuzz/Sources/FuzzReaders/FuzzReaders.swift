import Foundation
@testable import Winnow

/// One fuzz target for the readers of untrusted bytes, chosen by the input's
/// first byte, so that one corpus and one run cover them all:
/// 0 JSONL records, 1 text decoding and line analysis (a page), 2 gzip,
/// 3 HTML (its text, markup and scripts left out, then cleaned), 4 WARC.
/// Every reader must return a result or a diagnostic; a crash, a sanitizer
/// report or a broken invariant is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    guard size > 0 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    switch data[0] % 5 {
    case 0:
        let file = InputFile(path: "fuzz.jsonl", relativeName: "fuzz.jsonl", format: .jsonl)
        var options = ReadOptions()
        options.threads = 1
        let (pages, diagnostics) = JSONLReader.read(bytes, file: file, options: options)
        for (page, record) in pages {
            precondition(page.blocks.allSatisfy { $0.range.upperBound <= page.text.count })
            if let record { precondition(record.textValue.upperBound <= record.line.count) }
        }
        precondition(pages.count + diagnostics.filter { $0.severity == .error }.count <= bytes.count + 1)
    case 1:
        let page = Page(id: "fuzz", origin: PageOrigin(path: "fuzz"), bytes: bytes)
        precondition(page.blocks.allSatisfy { $0.range.upperBound <= page.text.count && $0.tokens.upperBound <= page.tokenHashes.count })
        precondition(String(validating: page.text, as: UTF8.self) != nil, "a page's text is valid UTF-8")
        _ = Cleaner(options: { var o = CleanerOptions(); o.threads = 1; return o }()).clean([page])
    case 3:
        let stripped = RawText.withoutContents(bytes)
        precondition(stripped.count <= bytes.count)
        let (text, markup) = HTMLText.read(bytes)
        precondition(String(validating: text, as: UTF8.self) != nil, "HTML's text is valid UTF-8")
        precondition(markup.count == text.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }, "a markup a line")
        let page = Page(id: "fuzz.html", origin: PageOrigin(path: "fuzz.html"), bytes: text, markup: markup, analyzer: LineAnalyzer())
        _ = Cleaner(options: { var o = CleanerOptions(); o.threads = 1; return o }()).clean([page])
    case 4:
        let pages = WARCReader.read(bytes, path: "fuzz.warc")
        precondition(pages.markup.count == pages.pages)
        precondition(pages.pages + pages.otherRecords + pages.diagnostics.count <= bytes.count + 1)
    default:
        if let plain = try? Gzip.decompress(bytes) {
            precondition(try! Gzip.decompress(Gzip.compress(plain)) == plain)
        }
    }
    return 0
}

/// libFuzzer's driver, run from the entry point SwiftPM gives an executable
/// (the package manager links `main` to `FuzzReaders_main`, so libFuzzer's
/// own `main` is not linked).
@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
               _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@_cdecl("FuzzReaders_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runDriver(&count, &arguments) { data, size in fuzz(data, size) }
}
