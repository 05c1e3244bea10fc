/// Writes `clean`'s `--report` piece by piece, a page at a time, in the
/// layout ``CleanReport`` reads back (keys sorted, two spaces an indent):
/// a dump's report is never whole in memory (as one object tree, it takes
/// many times the memory of the run that makes it).
enum CleanReportWriter {
    /// Writes the report of `cleaned` to `path` (`-`: standard output).
    static func write(_ cleaned: [CleanedPage], diagnostics: [Diagnostic], header: ReportHeader,
                      to path: String) throws(WinnowError) {
        try AtomicFile.writeOrPrint(to: path) { put in
            var out: [UInt8] = []
            out.reserveCapacity(1 << 20)
            func flush(_ force: Bool = false) -> Bool {
                guard force || out.count >= 1 << 20 else { return true }
                defer { out.removeAll(keepingCapacity: true) }
                return put(out)
            }
            func raw(_ s: String) { out += Array(s.utf8) }
            func string(_ s: String) { JSONScanner.appendEncoded(s, to: &out) }
            var byReason: [String: Int] = [:]
            var blocks = 0, kept = 0, words = 0, keptWords = 0
            let order = canonicalOrder(cleaned)
            raw("{\n  \"pages\" : [")
            for (n, index) in order.enumerated() {
                let page = cleaned[index]
                let removed = page.removedBlocks
                blocks += page.page.blocks.count
                kept += page.page.blocks.count - removed.count
                words += page.page.tokenCount
                keptWords += page.keptBlocks.reduce(0) { $0 + $1.tokenCount }
                raw(n == 0 ? "\n    {\n" : ",\n    {\n")
                raw("      \"blocks\" : \(page.page.blocks.count),\n      \"id\" : ")
                string(page.page.id)
                raw(",\n      \"kept\" : \(page.page.blocks.count - removed.count),\n      \"removed\" : [")
                for (k, (block, removal)) in removed.enumerated() {
                    byReason[removal.reason.rawValue, default: 0] += 1
                    raw(k == 0 ? "\n        {\n          \"evidence\" : " : ",\n        {\n          \"evidence\" : ")
                    string(removal.evidence)
                    raw(",\n          \"line\" : \(block.line),\n          \"reason\" : ")
                    string(removal.reason.rawValue)
                    raw(",\n          \"text\" : ")
                    string(page.page.string(of: block))
                    raw("\n        }")
                }
                raw(removed.isEmpty ? "\n\n      ]\n    }" : "\n      ]\n    }")
                guard flush() else { return }
            }
            raw(order.isEmpty ? "\n\n  ],\n" : "\n  ],\n")
            raw("  \"summary\" : {\n    \"blocks\" : \(blocks),\n    \"keptBlocks\" : \(kept),\n")
            raw("    \"keptWords\" : \(keptWords),\n    \"pages\" : \(cleaned.count),\n    \"problems\" : [")
            for (k, problem) in diagnostics.enumerated() {
                raw(k == 0 ? "\n      " : ",\n      ")
                string(problem.description)
            }
            raw(diagnostics.isEmpty ? "\n\n    ],\n" : "\n    ],\n")
            raw("    \"removedByReason\" : {")
            for (k, reason) in byReason.keys.sorted().enumerated() {
                raw(k == 0 ? "\n      " : ",\n      ")
                string(reason)
                raw(" : \(byReason[reason]!)")
            }
            raw(byReason.isEmpty ? "\n\n    },\n" : "\n    },\n")
            raw("    \"words\" : \(words)\n  },\n  \"winnow\" : {\n    \"settings\" : {")
            for (k, key) in header.settings.keys.sorted().enumerated() {
                raw(k == 0 ? "\n      " : ",\n      ")
                string(key)
                raw(" : ")
                string(header.settings[key]!)
            }
            raw(header.settings.isEmpty ? "\n\n    },\n" : "\n    },\n")
            raw("    \"version\" : ")
            string(header.version)
            raw("\n  }\n}\n")
            _ = flush(true)
        }
    }
}
