import CSV
import Foundation

/// The clusters `winnow dups` found, in its three output formats.
public struct DuplicateReport: Sendable, Codable {
    public let clusters: [DuplicateCluster]

    public init(clusters: [DuplicateCluster]) { self.clusters = clusters }

    /// `{"clusters": [{"documents": [...], "pairs": [...]}]}`.
    public func json() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return ((try? encoder.encode(self)).map(Array.init) ?? []) + [0x0A]
    }

    /// One row per verified pair.
    public func csv() -> [UInt8] {
        guard let writer = try? CSVWriter(stream: .toMemory()) else { return [] }
        try? writer.write(row: ["cluster", "a", "b", "jaccard", "containment", "a_lines", "b_lines", "shared_text"])
        for (n, cluster) in clusters.enumerated() {
            for pair in cluster.pairs {
                let passage = pair.shared.first
                try? writer.write(row: [
                    String(n + 1), pair.a, pair.b, Self.format(pair.jaccard), Self.format(pair.containment),
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
