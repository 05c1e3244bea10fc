/// Reads JSONL: one object per line, with a text field and an optional id.
enum JSONLReader {
    static func read(_ data: [UInt8], file: InputFile, options: ReadOptions, analyzer: LineAnalyzer = LineAnalyzer())
        -> (pages: [(Page, SourceRecord?)], diagnostics: [Diagnostic])
    {
        var pages: [(Page, SourceRecord?)] = []
        var diagnostics: [Diagnostic] = []
        let body = TextDecoder.decode(data)
        if body.invalidSequences > 0 {
            diagnostics.append(Diagnostic(.warning, PageOrigin(path: file.path),
                                          "replaced \(body.invalidSequences) invalid UTF-8 sequence(s)"))
        }
        body.bytes.withUnsafeBufferPointer { all in
            for line in LineSplitter.lines(all) {
                let bytes = UnsafeBufferPointer(rebasing: all[line.range])
                let origin = PageOrigin(path: file.path, line: line.number)
                if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                do throws(JSONScanner.SyntaxError) {
                    let members = try JSONScanner.members(of: bytes)
                    guard let text = members.first(where: { $0.key == options.textField }) else {
                        diagnostics.append(Diagnostic(.error, origin, "no \"\(options.textField)\" field"))
                        continue
                    }
                    guard bytes[text.value.lowerBound] == UInt8(ascii: "\"") else {
                        diagnostics.append(Diagnostic(.error, origin, "\"\(options.textField)\" is not a string"))
                        continue
                    }
                    let string = try JSONScanner.decodeString(UnsafeBufferPointer(rebasing: bytes[text.value]))
                    var id = String(line.number)
                    if let idMember = members.first(where: { $0.key == options.idField }) {
                        let raw = UnsafeBufferPointer(rebasing: bytes[idMember.value])
                        id = raw.first == UInt8(ascii: "\"")
                            ? try JSONScanner.decodeString(raw) : String(decoding: raw, as: UTF8.self)
                    }
                    if let tooLong = Page.sizeError(string.utf8.count) {
                        diagnostics.append(Diagnostic(.error, origin, tooLong))
                        continue
                    }
                    let page = Page(id: id, origin: origin, bytes: Array(string.utf8), analyzer: analyzer)
                    if page.blocks.isEmpty {
                        diagnostics.append(Diagnostic(.warning, origin, "\"\(options.textField)\" holds no text"))
                    }
                    pages.append((page, SourceRecord(line: Array(bytes), textValue: text.value)))
                } catch {
                    diagnostics.append(Diagnostic(.error, origin, "malformed JSON at column \(error.offset + 1): \(error.message)"))
                }
            }
        }
        return (pages, diagnostics)
    }
}
