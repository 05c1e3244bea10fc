import Foundation
import Testing
@testable import Winnow

@Suite struct DuplicateReportTests {
    /// The JSON written by hand reads back as the report it was written from:
    /// ids and passage texts escaped, measures and line numbers exact.
    @Test func jsonReadsBackAsTheReport() throws {
        let passage = SharedPassage(aLines: [1, 9], bLines: [10, 1_234_567], text: "Nói \"không\" \\ với\ttab\u{1}…")
        let pairs = [
            DuplicatePair(a: "a/1.txt", b: "b/2.txt", jaccard: 0.6153846153846154, containment: 1, shared: [passage, passage.swapped]),
            DuplicatePair(a: "a/1.txt", b: "c \"3\".txt", jaccard: 1, containment: 1, shared: [], identical: true),
        ]
        let header = ReportHeader(settings: ["threshold": "0.6", "cue_files": "a \"b\".txt"])
        let report = DuplicateReport(clusters: [
            DuplicateCluster(documents: ["a/1.txt", "b/2.txt", "c \"3\".txt"], pairs: pairs),
            DuplicateCluster(documents: ["x", "y"], pairs: []),
        ], header: header)
        for threads in [1, 2] {
            let json = report.json(threads: threads)
            let read = try JSONDecoder().decode(DuplicateReport.self, from: Data(json))
            #expect(read.clusters == report.clusters)
            #expect(read.winnow == header && read.winnow.version == ReportHeader.currentVersion)
        }
        #expect(try JSONDecoder().decode(DuplicateReport.self, from: Data(DuplicateReport(clusters: [], header: header).json())).clusters.isEmpty)
    }
}
