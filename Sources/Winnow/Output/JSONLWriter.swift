/// Writes a cleaned JSONL record: the input line with the text field's value
/// replaced (or, for a record read from its HTML without one, added) and a
/// `winnow` field added, every other byte as it was.
enum JSONLWriter {
    /// With `markdown`, a page read from HTML is written as ``CleanedPage/markdown``.
    static func line(for record: SourceRecord, cleaned: CleanedPage, markdown: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        out += record.line[..<record.textValue.lowerBound]
        if let name = record.addsField {
            out.append(UInt8(ascii: ","))
            JSONScanner.appendEncoded(name, to: &out)
            out.append(UInt8(ascii: ":"))
        }
        JSONScanner.appendEncoded(String(decoding: markdown ? cleaned.markdown : cleaned.text, as: UTF8.self), to: &out)
        let rest = record.line[record.textValue.upperBound...]
        let brace = rest.lastIndex(of: UInt8(ascii: "}")) ?? rest.endIndex
        out += rest[..<brace]
        out += Array(#","winnow":{"removed":["#.utf8)
        for (n, (block, removal)) in cleaned.removedBlocks.enumerated() {
            if n > 0 { out.append(UInt8(ascii: ",")) }
            out += Array(#"{"line":\#(block.line),"reason":"\#(removal.reason.rawValue)","evidence":"#.utf8)
            JSONScanner.appendEncoded(removal.evidence, to: &out)
            out += Array(#","text":"#.utf8)
            JSONScanner.appendEncoded(cleaned.page.string(of: block), to: &out)
            out.append(UInt8(ascii: "}"))
        }
        out += Array("]}".utf8)
        out += rest[brace...]
        out.append(0x0A)
        return out
    }
}
