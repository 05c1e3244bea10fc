import Foundation

/// The token scoring of `shared/eval/score.py`, for the quality tests: kept
/// boilerplate costs precision, dropped content costs recall.
struct GoldScorer {
    struct Score {
        var truePositives = 0, falsePositives = 0, falseNegatives = 0
        var precision: Double { Double(truePositives) / Double(max(1, truePositives + falsePositives)) }
        var recall: Double { Double(truePositives) / Double(max(1, truePositives + falseNegatives)) }
        var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    }

    /// `gold.json`'s docs: page name to (label, line) pairs.
    let docs: [String: [(label: String, text: String)]]

    init(goldPath: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: goldPath))
        let json = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        let raw = json["docs"] as! [String: [[String]]]
        docs = raw.mapValues { $0.map { (label: $0[0], text: $0[1]) } }
    }

    static func normalize(_ s: String) -> String {
        s.precomposedStringWithCanonicalMapping.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    static func tokenCount(_ s: String) -> Int {
        // \w+ as Python's re: letters, marks, digits and underscore.
        var count = 0
        var inWord = false
        for scalar in s.unicodeScalars {
            let p = scalar.properties
            let word = p.isAlphabetic || p.numericType != nil || scalar == "_"
                || p.generalCategory == .nonspacingMark || p.generalCategory == .spacingMark
            if word && !inWord { count += 1 }
            inWord = word
        }
        return count
    }

    /// Scores a page's kept lines against its labels.
    func score(page name: String, kept: [String]) -> Score {
        var keptCount: [String: Int] = [:]
        for line in kept {
            let key = Self.normalize(line)
            if !key.isEmpty { keptCount[key, default: 0] += 1 }
        }
        var labels: [String: [String]] = [:]
        for (label, text) in docs[name] ?? [] { labels[Self.normalize(text), default: []].append(label) }
        var score = Score()
        for (key, labs) in labels {
            let keptHere = min(keptCount.removeValue(forKey: key) ?? 0, labs.count)
            let ordered = labs.sorted { ($0 == "content" ? 0 : 1) < ($1 == "content" ? 0 : 1) }
            let n = Self.tokenCount(key)
            for (i, label) in ordered.enumerated() {
                switch (label == "content", i < keptHere) {
                case (true, true): score.truePositives += n
                case (true, false): score.falseNegatives += n
                case (false, true): score.falsePositives += n
                case (false, false): break
                }
            }
        }
        for (key, count) in keptCount { score.falsePositives += count * Self.tokenCount(key) }
        return score
    }
}
