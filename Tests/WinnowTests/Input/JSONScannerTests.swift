import Testing
@testable import Winnow

@Suite struct JSONScannerTests {
    private func members(_ line: String) throws(JSONScanner.SyntaxError) -> [String: String] {
        let bytes = Array(line.utf8)
        var out: [String: String] = [:]
        for member in try bytes.withUnsafeBufferPointer({ (b) throws(JSONScanner.SyntaxError) in try JSONScanner.members(of: b) }) {
            out[member.key] = String(decoding: bytes[member.value], as: UTF8.self)
        }
        return out
    }

    @Test func findsTopLevelValues() throws {
        let m = try members(#" {"id": 7, "text": "a \"b\"", "meta": {"x": [1, "}"]}, "ok": true} "#)
        #expect(m["id"] == "7")
        #expect(m["text"] == #""a \"b\"""#)
        #expect(m["meta"] == #"{"x": [1, "}"]}"#)
        #expect(m["ok"] == "true")
    }

    @Test func decodesEscapes() throws {
        let literal = Array(#""Hà\nNội \u00e9 \ud83d\ude00 \/""#.utf8)
        let s = try literal.withUnsafeBufferPointer { (b) throws(JSONScanner.SyntaxError) in try JSONScanner.decodeString(b) }
        #expect(s == "Hà\nNội é 😀 /")
    }

    @Test func encodingRoundTrips() throws {
        let original = "Dòng 1\nDòng \"2\"\t\\ \u{01}"
        var out: [UInt8] = []
        JSONScanner.appendEncoded(original, to: &out)
        let back = try out.withUnsafeBufferPointer { (b) throws(JSONScanner.SyntaxError) in try JSONScanner.decodeString(b) }
        #expect(back == original)
    }

    @Test(arguments: [#"{"text": "a""#, #"{"text" "a"}"#, #"["text"]"#, #"{"text": "a"} x"#, #"{"a": tru}"#])
    func rejectsMalformedLines(_ line: String) {
        #expect(throws: JSONScanner.SyntaxError.self) { try members(line) }
    }
}
