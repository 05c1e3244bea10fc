import Foundation

/// Scores each block of a page for how likely it is article text, from its
/// ``BlockFeatures``, in two passes: the first from the block and its
/// neighbours' features, the second adding the first pass's scores around
/// it (a line among article paragraphs is likelier article text than the
/// same line among links). The trees are trained by `Tools/body-model/train.py`
/// on the public labelled pages and kept as text in `BodyModelWeights.swift`.
///
/// The text: `#` comment lines; `features NAME…` and `context NAME…` (the
/// names of the features each pass was trained on, checked against
/// ``BlockFeatures/names`` and ``contextNames``); `threshold T`; then for
/// each pass `pass first|second FEATURES BASE RATE TREES` followed by its
/// trees, one a line (``TreeEnsemble``).
///
/// A model whose `features` line goes on with ``BlockFeatures/markupNames``
/// judges pages read from HTML, with what their markup says of each block;
/// pages read as text, and HTML pages when there is no such model, are
/// judged by the text's features alone.
///
/// `WINNOW_BODY_MODEL=FILE` (and `WINNOW_HTML_MODEL=FILE`) in the
/// environment loads a model from a file in this form instead: the training
/// script's cross-validation runs the whole cleaner with the model of each fold.
struct BodyModel: Sendable {
    let threshold: Float
    let first: TreeEnsemble
    let second: TreeEnsemble?
    /// Whether the model judges the markup's features too.
    let markup: Bool

    /// The score from which a block stays whatever the repeat and tail rules
    /// say (``PageState/modelKeeps(_:)``), for a model that reads markup: it
    /// sees link text and containers, and tells a paragraph in the article
    /// from a teaser printed twice or a list after a "Related" header. Read
    /// from text alone it cannot, and the rules' evidence stands. On real
    /// pages from HTML, cross-validated: F1 0.928 without, 0.931 with.
    var overrules: Float? { markup ? 0.85 : nil }

    static let contextNames = ["score", "prev_score", "next_score", "prev2_score", "next2_score",
                               "mean_score_near3", "mean_score_near10", "content_words_before", "content_words_after"]

    /// The model in force for text: the file named by `WINNOW_BODY_MODEL`, or the built-in one.
    static let active: BodyModel = load("WINNOW_BODY_MODEL", builtIn: builtIn)!
    /// The model in force for pages read from HTML: the file named by `WINNOW_HTML_MODEL`, or the built-in one.
    static let activeHTML: BodyModel? = load("WINNOW_HTML_MODEL", builtIn: builtInHTML)

    private static func load(_ variable: String, builtIn: String?) -> BodyModel? {
        if let path = ProcessInfo.processInfo.environment[variable], !path.isEmpty {
            guard let data = FileManager.default.contents(atPath: path) else {
                fatalError("\(variable): \(path): cannot read")
            }
            do throws(ParseError) { return try parse(String(decoding: data, as: UTF8.self)) } catch {
                fatalError("\(variable): \(path): \(error.message)")
            }
        }
        guard let builtIn else { return nil }
        do throws(ParseError) { return try parse(builtIn) } catch { fatalError("the built-in body model: \(error.message)") }
    }

    /// The model that judges `page`: the HTML model for a page with markup, when there is one.
    static func judging(_ page: Page) -> BodyModel {
        page.markup != nil ? activeHTML ?? active : active
    }

    struct ParseError: Error { let message: String }

    /// - Parameter lanes: the vector width the trees are scored at
    ///   (``TreeEnsemble/init(features:base:rate:trees:lanes:)``).
    static func parse(_ text: String, lanes: Int? = nil) throws(ParseError) -> BodyModel {
        var threshold: Float = 0.5
        var markup = false
        var passes: [String: TreeEnsemble] = [:]
        var lines = text.split(separator: "\n")[...]
        while let line = lines.popFirst() {
            let fields = line.split(separator: " ")
            guard let keyword = fields.first, !keyword.hasPrefix("#") else { continue }
            switch keyword {
            case "features":
                let names = fields.dropFirst().map(String.init)
                guard names == BlockFeatures.names || names == BlockFeatures.names + BlockFeatures.markupNames else {
                    throw ParseError(message: "trained on other features than this build computes: run Tools/body-model/train.py")
                }
                markup = names.count > BlockFeatures.count
            case "context":
                guard fields.dropFirst().map(String.init) == contextNames else {
                    throw ParseError(message: "trained on other second-pass features than this build computes")
                }
            case "threshold":
                guard fields.count == 2, let t = Float(fields[1]) else { throw ParseError(message: "bad line: \(line)") }
                threshold = t
            case "pass":
                guard fields.count == 6, let width = Int(fields[2]), let base = Double(fields[3]),
                      let rate = Double(fields[4]), let count = Int(fields[5]), lines.count >= count else {
                    throw ParseError(message: "bad line: \(line)")
                }
                let trees = lines.prefix(count).joined(separator: "\n")
                lines = lines.dropFirst(count)
                passes[String(fields[1])] = try TreeEnsemble(features: width, base: base, rate: rate, trees: trees, lanes: lanes)
            default:
                throw ParseError(message: "unknown line: \(line.prefix(60))")
            }
        }
        let width = BlockFeatures.count + (markup ? BlockFeatures.markupNames.count : 0)
        guard let first = passes["first"], first.features == width else {
            throw ParseError(message: "no first pass over \(width) features")
        }
        if let second = passes["second"], second.features != width + contextNames.count {
            throw ParseError(message: "a second pass over \(second.features) features")
        }
        return BodyModel(threshold: threshold, first: first, second: passes["second"], markup: markup)
    }

    /// Each block's score in 0...1; blocks under ``threshold`` are not
    /// article text. `features` must hold the markup's exactly when the model judges them.
    func scores(_ features: BlockFeatures) -> [Float] {
        let n = features.blocks
        guard n > 0 else { return [] }
        let width = features.width
        precondition(width == first.features, "features for another model")
        var scores = [Float](repeating: 0, count: n)
        features.values.withUnsafeBufferPointer { values in
            scores.withUnsafeMutableBufferPointer { first.probabilities(values.baseAddress!, stride: width, count: n, into: $0.baseAddress!) }
        }
        guard let second else { return scores }
        // Each row again, with the first pass's scores around it after it.
        let contextWidth = Self.contextNames.count, stride = width + contextWidth
        var rows = [Float](repeating: 0, count: n * stride)
        rows.withUnsafeMutableBufferPointer { rows in
            features.values.withUnsafeBufferPointer { values in
                for i in 0 ..< n {
                    (rows.baseAddress! + i * stride).update(from: values.baseAddress! + i * width, count: width)
                }
            }
            Self.context(scores, words: { features[$0, 0] }, into: rows.baseAddress! + width, stride: stride)
        }
        rows.withUnsafeBufferPointer { rows in
            scores.withUnsafeMutableBufferPointer { second.probabilities(rows.baseAddress!, stride: stride, count: n, into: $0.baseAddress!) }
        }
        return scores
    }

    /// The second pass's features of each block (``contextNames``, row-major):
    /// the first pass's scores of the block and its neighbours, their means
    /// over 3 and 10 blocks either side, and the shares of the page's
    /// score-weighted words before and after it. `context` in the training
    /// script computes the same.
    static func context(_ p: [Float], words: (Int) -> Float, into out: UnsafeMutablePointer<Float>, stride: Int) {
        let n = p.count
        func at(_ i: Int) -> Float { i >= 0 && i < n ? p[i] : -1 }
        var prefix = [Double](repeating: 0, count: n + 1)  // scores summed
        var mass = [Double](repeating: 0, count: n + 1)  // score × words summed
        for i in 0 ..< n {
            prefix[i + 1] = prefix[i] + Double(p[i])
            mass[i + 1] = mass[i] + Double(p[i]) * Double(words(i))
        }
        func mean(_ i: Int, _ r: Int) -> Float {
            let lo = max(0, i - r), hi = min(n, i + r + 1)
            return Float((prefix[hi] - prefix[lo]) / Double(hi - lo))
        }
        let total = max(1, mass[n])
        for i in 0 ..< n {
            let o = out + i * stride
            o[0] = at(i); o[1] = at(i - 1); o[2] = at(i + 1); o[3] = at(i - 2); o[4] = at(i + 2)
            o[5] = mean(i, 3); o[6] = mean(i, 10)
            o[7] = Float(mass[i] / total); o[8] = Float((total - mass[i + 1]) / total)
        }
    }
}
