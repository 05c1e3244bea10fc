import Foundation
import Testing
@testable import Winnow

/// WARC files made here, record by record, as crawlers write them.
@Suite struct WARCReaderTests {
    static func record(_ type: String, uri: String = "", id: String, contentType: String, block: [UInt8],
                       length: Int? = nil) -> [UInt8] {
        let header = "WARC/1.0\r\nWARC-Type: \(type)\r\nWARC-Target-URI: \(uri)\r\nWARC-Date: 2026-12-05T08:00:00Z\r\n"
            + "WARC-Record-ID: <urn:uuid:\(id)>\r\nContent-Type: \(contentType)\r\nContent-Length: \(length ?? block.count)\r\n\r\n"
        return Array(header.utf8) + block + Array("\r\n\r\n".utf8)
    }

    static func response(_ uri: String, id: String, type: String, body: [UInt8], headers: String = "") -> [UInt8] {
        let http = Array("HTTP/1.1 200 OK\r\nContent-Type: \(type)\r\n\(headers)\r\n".utf8) + body
        return record("response", uri: uri, id: id, contentType: "application/http; msgtype=response", block: http)
    }

    static let article = "<html><head><title>Harbour piers</title></head><body><nav><a href=/>Home</a></nav>"
        + "<p>The harbour will add two new piers by the end of the year, the port authority said.</p></body></html>"

    static func crawl() -> [[UInt8]] {
        [
            record("warcinfo", id: "0", contentType: "application/warc-fields", block: Array("software: test\r\n".utf8)),
            record("request", uri: "https://news.example/a", id: "1", contentType: "application/http; msgtype=request",
                   block: Array("GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n".utf8)),
            response("https://news.example/a", id: "2", type: "text/html; charset=utf-8", body: Array(article.utf8)),
            response("https://news.example/logo.png", id: "3", type: "image/png", body: [0x89, 0x50, 0x4E, 0x47, 0, 1, 2]),
            record("resource", uri: "file:///notes.txt", id: "4", contentType: "text/plain",
                   block: Array("A plain note.\nIts second line.".utf8)),
        ]
    }

    static func lines(_ pages: WARCReader.Pages) throws -> [[String: String]] {
        try String(decoding: pages.jsonl, as: UTF8.self).split(separator: "\n").map {
            try JSONDecoder().decode([String: String].self, from: Data($0.utf8))
        }
    }

    @Test(arguments: [false, true])
    func pagesAreItsHTMLAndTextRecordsWithURLIdAndDate(gzipped: Bool) throws {
        let records = Self.crawl()
        let data = gzipped ? records.flatMap { Gzip.compress($0) } : records.flatMap { $0 }
        let pages = WARCReader.read(data, path: "crawl.warc")
        #expect(pages.diagnostics.isEmpty)
        #expect(pages.pages == 2 && pages.otherRecords == 3)
        let lines = try Self.lines(pages)
        #expect(lines.map { $0["id"] } == ["<urn:uuid:2>", "<urn:uuid:4>"])
        #expect(lines[0]["url"] == "https://news.example/a" && lines[0]["date"] == "2026-12-05T08:00:00Z")
        #expect(lines[0]["text"] == "Harbour piers\nHome\nThe harbour will add two new piers by the end of the year, the port authority said.\n")
        #expect(lines[1]["text"] == "A plain note.\nIts second line.")
    }

    @Test func aCutGzipMemberIsAnErrorAtItsOffsetAndTheRecordsAroundItAreRead() throws {
        let members = Self.crawl().map { Gzip.compress($0) }
        let cut = Array(members[2].prefix(members[2].count / 2))
        let data = members[0] + members[1] + cut + members[3] + members[4]
        let pages = WARCReader.read(data, path: "crawl.warc.gz")
        #expect(pages.pages == 1 && pages.otherRecords == 3)
        let offset = members[0].count + members[1].count
        #expect(pages.diagnostics.map(\.message) == ["record at offset \(offset): gzip data is cut short"])
        #expect(try Self.lines(pages).map { $0["id"] } == ["<urn:uuid:4>"])
    }

    @Test func aRecordCutShortAtTheEndIsAnErrorAndTheRecordsBeforeItAreRead() throws {
        let records = Self.crawl()
        let data = records[0] + records[2] + Array(records[4].prefix(records[4].count - 12))
        let pages = WARCReader.read(data, path: "crawl.warc")
        #expect(pages.pages == 1)
        #expect(pages.diagnostics.count == 1)
        #expect(pages.diagnostics.first?.message.hasPrefix("record at offset \(records[0].count + records[2].count): cut short") == true)
    }

    @Test func aLengthThatLiesIsAnErrorAndReadingGoesOnAtTheNextRecord() throws {
        let records = Self.crawl()
        let block = Array("a note whose length is given short".utf8)
        let lying = Self.record("resource", uri: "file:///x", id: "9", contentType: "text/plain", block: block, length: 6)
        let data = records[0] + lying + records[2]
        let pages = WARCReader.read(data, path: "crawl.warc")
        #expect(pages.diagnostics.map(\.message) == ["record at offset \(records[0].count + lying.count - block.count - 4 + 6): no WARC header"])
        // The short record is read as it says (6 bytes); the next one is found again.
        #expect(try Self.lines(pages).map { $0["id"] } == ["<urn:uuid:9>", "<urn:uuid:2>"])
    }

    @Test func theHTTPCharsetDecodesAPageWithoutOne() throws {
        // "Москва" in windows-1251, which read as Latin-1 (libxml2's guess without a charset) is "Ìîñêâà".
        let cyrillic: [UInt8] = Array("<html><body><p>".utf8) + [0xCC, 0xEE, 0xF1, 0xEA, 0xE2, 0xE0] + Array("</p></body></html>".utf8)
        let data = Self.response("https://x/c", id: "5", type: "text/html; charset=windows-1251", body: cyrillic)
        #expect(try Self.lines(WARCReader.read(data, path: "c.warc")).first?["text"] == "Москва\n")
    }

    @Test func chunkedAndGzippedBodiesAreDecoded() throws {
        let html = Array(Self.article.utf8)
        let zipped = Gzip.compress(html)
        let half = zipped.count / 2
        let crlf: [UInt8] = [0x0D, 0x0A]
        var chunked: [UInt8] = Array(String(half, radix: 16).utf8) + crlf
        chunked += zipped[..<half]
        chunked += crlf + Array(String(zipped.count - half, radix: 16).utf8) + crlf
        chunked += zipped[half...]
        chunked += Array("\r\n0\r\n\r\n".utf8)
        let data = Self.response("https://x/z", id: "6", type: "text/html", body: chunked,
                                 headers: "Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n")
        let text = try Self.lines(WARCReader.read(data, path: "z.warc")).first?["text"]
        #expect(text?.hasPrefix("Harbour piers\n") == true)
    }

    /// Records are read a batch at a time: a batch of one record's bytes
    /// gives the pages, markup and problems one batch of all does.
    @Test func batchesOfRecordsReadAsTheWholeFile() throws {
        let cut = Array(Gzip.compress(Self.record("resource", uri: "file:///x", id: "9", contentType: "text/plain",
                                                  block: Array("cut".utf8))).dropLast(6))
        let data = Self.crawl().flatMap { Gzip.compress($0) } + cut + Self.crawl().flatMap { Gzip.compress($0) }
        let whole = WARCReader.read(data, path: "c.warc.gz")
        let batched = WARCReader.read(data, path: "c.warc.gz", threads: 2, batchBytes: 1)
        #expect(whole.pages == 4 && whole.diagnostics.count == 1)
        #expect(batched.jsonl == whole.jsonl && batched.markup == whole.markup && batched.pages == whole.pages)
        #expect(batched.otherRecords == whole.otherRecords && batched.diagnostics == whole.diagnostics)
    }

    @Test func cleanWritesAWARCsPagesAsJSONLBesideItsName() throws {
        let folder = Fixtures.temporaryFolder(), out = Fixtures.temporaryFolder() + "/out"
        try Data(Self.crawl().flatMap { Gzip.compress($0) }).write(to: URL(fileURLWithPath: folder + "/crawl.warc.gz"))
        var job = CleanJob(inputs: [folder + "/crawl.warc.gz"], output: out)
        job.glob = "*.warc.gz"
        let result = try job.run()
        #expect(result.pages == 2 && result.filesWritten == 1)
        let written = try Gzip.decompress(Array(try Data(contentsOf: URL(fileURLWithPath: out + "/crawl.jsonl.gz"))))
        let records = String(decoding: written, as: UTF8.self).split(separator: "\n")
        #expect(records.count == 2)
        let first = try JSONSerialization.jsonObject(with: Data(records[0].utf8)) as? [String: Any]
        #expect(first?["url"] as? String == "https://news.example/a")
        #expect((first?["text"] as? String)?.contains("two new piers") == true)
        #expect(first?["winnow"] != nil)
    }
}
