/// What every JSON report says of the run that wrote it: the winnow version
/// and the settings its figures depend on (not the thread count, on which
/// they do not).
package struct ReportHeader: Codable, Sendable, Equatable {
    /// The version of winnow, as `winnow --version` prints it.
    package static let currentVersion = "0.1.0"

    package let version: String
    /// Setting names and values, sorted by name.
    package let settings: [String: String]

    package init(settings: [String: String]) {
        version = Self.currentVersion
        self.settings = settings
    }

    /// The header as a JSON object on one line, keys sorted.
    package var json: String {
        var out: [UInt8] = Array(#"{"settings":{"#.utf8)
        for (n, key) in settings.keys.sorted().enumerated() {
            if n > 0 { out.append(UInt8(ascii: ",")) }
            JSONScanner.appendEncoded(key, to: &out)
            out.append(UInt8(ascii: ":"))
            JSONScanner.appendEncoded(settings[key]!, to: &out)
        }
        out += Array(#"},"version":"#.utf8)
        JSONScanner.appendEncoded(version, to: &out)
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }
}

extension CleanerOptions {
    /// The cleaner's settings, for a report's header.
    package var settings: [String: String] {
        ["cross_page": String(crossPage), "keep_captions": String(keepCaptions),
         "cue_files": cueFiles.joined(separator: ","), "builtin_cues": String(builtinCues)]
    }
}

extension ReadOptions {
    /// The reading settings, for a report's header.
    package var settings: [String: String] {
        var settings = ["text_field": textField, "id_field": idField]
        if let htmlField { settings["html_field"] = htmlField }
        return settings
    }
}

/// Pages in an order that does not depend on the order the inputs were
/// given: by file, line (JSONL) and id.
package func canonicalOrder(_ pages: [CleanedPage]) -> [Int] {
    pages.indices.sorted { a, b in
        let (x, y) = (pages[a].page, pages[b].page)
        if x.origin.path != y.origin.path { return x.origin.path < y.origin.path }
        if (x.origin.line ?? 0) != (y.origin.line ?? 0) { return (x.origin.line ?? 0) < (y.origin.line ?? 0) }
        return x.id < y.id
    }
}
