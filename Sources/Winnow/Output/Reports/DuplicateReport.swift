import CSV
import Foundation

/// The clusters `winnow dups` found, in its three output formats.
package struct DuplicateReport: Sendable, Codable {
    public let clusters: [DuplicateCluster]
    public let winnow: ReportHeader

    public init(clusters: [DuplicateCluster], header: ReportHeader) {
        self.clusters = clusters
        winnow = header
    }

    /// `{"clusters": [{"documents": [...], "pairs": [...]}]}`, one pair and
    /// one shared passage a line. Written by hand: reports of many thousand
    /// pairs are common, and `JSONEncoder` took longer than finding them.
    /// Clusters are written on `threads` threads (all cores when nil), each
    /// into its own buffer, and copied into place on as many (the 5.3 MB
    /// report of the 119 MB dump was joined on one, with a core idle).
    public func json(threads: Int? = nil) -> [UInt8] {
        let threads = max(1, threads ?? Parallel.defaultThreads)
        let parts = Parallel.map(clusters.count, threads: threads) { Self.json(clusters[$0]) }
        let head = Array("{\n  \"winnow\": \(winnow.json),\n  \"clusters\": [".utf8), tail = Array((clusters.isEmpty ? "]\n}\n" : "\n  ]\n}\n").utf8)
        // Part n goes at starts[n]: after a comma, unless it is the first.
        var starts = [head.count]
        for n in parts.indices { starts.append(starts[n] + (n > 0 ? 1 : 0) + parts[n].count) }
        let total = starts[parts.count] + tail.count
        return [UInt8](unsafeUninitializedCapacity: total) { buffer, count in
            let out = UncheckedBuffer(buffer)  // each part fills its own range
            _ = UnsafeMutableBufferPointer(rebasing: buffer[0 ..< head.count]).initialize(from: head)
            Parallel.forEach(parts.count, threads: threads, worker: { () }) { _, n in
                var at = starts[n]
                if n > 0 {
                    (out.base.baseAddress! + at).initialize(to: UInt8(ascii: ","))
                    at += 1
                }
                _ = UnsafeMutableBufferPointer(rebasing: out.base[at ..< at + parts[n].count]).initialize(from: parts[n])
            }
            _ = UnsafeMutableBufferPointer(rebasing: buffer[starts[parts.count] ..< total]).initialize(from: tail)
            count = total
        }
    }

    /// One cluster's JSON object, after a line break.
    private static func json(_ cluster: DuplicateCluster) -> [UInt8] {
        var out: [UInt8] = []
        func put(_ s: StaticString) { out.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount)) }
        func string(_ s: String) { JSONScanner.appendEncoded(s, to: &out) }
        func number(_ x: Double) { out.append(contentsOf: x.description.utf8) }
        /// A line number's digits, written in place (a string each cost an allocation).
        func number(_ x: Int) {
            if x < 0 { out.append(UInt8(ascii: "-")) }
            var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // room for 20 digits, filled from the end
            var count = 0
            var v = x.magnitude
            withUnsafeMutableBytes(of: &digits) { room in
                repeat {
                    count += 1
                    room[24 - count] = UInt8(ascii: "0") + UInt8(v % 10)
                    v /= 10
                } while v > 0
                out.append(contentsOf: room[(24 - count)...])
            }
        }
        /// `items`, each written by `write`, separated by `separator`.
        func list<T>(_ items: [T], _ separator: StaticString, _ write: (T) -> Void) {
            for (n, item) in items.enumerated() {
                if n > 0 { put(separator) }
                write(item)
            }
        }
        put("\n    {\"documents\": [")
        list(cluster.documents, ", ", string)
        put("],\n     \"pairs\": [")
        list(cluster.pairs, ",") { pair in
            put("\n      {\"a\": ")
            string(pair.a)
            put(", \"b\": ")
            string(pair.b)
            put(", \"jaccard\": ")
            number(pair.jaccard)
            put(", \"containment\": ")
            number(pair.containment)
            put(pair.identical ? ", \"identical\": true" : ", \"identical\": false")
            put(", \"shared\": [")
            list(pair.shared, ",") { passage in
                put("\n        {\"a_lines\": [")
                list(passage.aLines, ", ", number)
                put("], \"b_lines\": [")
                list(passage.bLines, ", ", number)
                put("], \"text\": ")
                string(passage.text)
                put("}")
            }
            put("]}")
        }
        put(cluster.pairs.isEmpty ? "]}" : "\n     ]}")
        return out
    }

    /// One row per verified pair.
    public func csv() -> [UInt8] {
        guard let writer = try? CSVWriter(stream: .toMemory()) else { return [] }
        try? writer.write(row: ["cluster", "a", "b", "jaccard", "containment", "identical", "a_lines", "b_lines", "shared_text"])
        for (n, cluster) in clusters.enumerated() {
            for pair in cluster.pairs {
                let passage = pair.shared.first
                try? writer.write(row: [
                    String(n + 1), pair.a, pair.b, Self.format(pair.jaccard), Self.format(pair.containment),
                    pair.identical ? "yes" : "no",
                    passage.map { "\($0.aLines[0])-\($0.aLines[1])" } ?? "",
                    passage.map { "\($0.bLines[0])-\($0.bLines[1])" } ?? "",
                    passage?.text ?? "",
                ])
            }
        }
        writer.stream.close()
        let data = writer.stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        return Array(data) + [0x0A]
    }

    /// A readable table.
    public func text() -> String {
        let documents = clusters.reduce(0) { $0 + $1.documents.count }
        var out = "\(clusters.count) clusters of near-duplicates, \(documents) documents\n"
        for (n, cluster) in clusters.enumerated() {
            out += "\ncluster \(n + 1): \(cluster.documents.count) documents\n"
            for pair in cluster.pairs {
                if pair.identical {
                    out += "  \(pair.a)  =  \(pair.b)   identical\n"
                    continue
                }
                out += "  \(pair.a)  ~  \(pair.b)   jaccard \(Self.format(pair.jaccard))  containment \(Self.format(pair.containment))\n"
                if let passage = pair.shared.first {
                    let snippet = passage.text.count > 90 ? String(passage.text.prefix(89)) + "…" : passage.text
                    out += "      lines \(passage.aLines[0])-\(passage.aLines[1]) ~ \(passage.bLines[0])-\(passage.bLines[1]): \(snippet)\n"
                }
            }
        }
        return out
    }

    static func format(_ x: Double) -> String { String(format: "%.3f", x) }
}
