import Foundation

/// Gradient-boosted decision trees for a yes-or-no question, evaluated on
/// rows of features: the log-odds are `base + rate × Σ leaf`, and a row's
/// score is their logistic.
///
/// The training script writes the trees as text, one tree a line, one node
/// a field group: `feature threshold left right` for a split (left when the
/// feature is at most the threshold), or `-1 value` for a leaf; children are
/// numbered within their tree.
///
/// Held as complete binary trees of one depth: a tree's splits in level
/// order (the children of split `k` are `2k + 1` and `2k + 2`), its leaves
/// after them. A leaf above the bottom level becomes splits that always go
/// left over copies of its value. A row then takes the same number of steps
/// down every tree, each a load and a compare, with no test for a leaf:
/// scoring every block of a dump twice this way costs a fraction of what
/// following child indices did.
struct TreeEnsemble: Sendable {
    let features: Int
    private let base: Float
    private let rate: Float
    /// The depth of every tree: splits a tree `(1 << depth) - 1`, leaves `1 << depth`.
    private(set) var depth = 0
    private var splitFeature: [Int32] = []
    /// The largest `Float` at most the trained threshold: a `Float` feature
    /// is at most the one exactly when it is at most the other.
    private var splitThreshold: [Float] = []
    private var leaves: [Float] = []
    private(set) var trees = 0

    /// The deepest tree held: deeper trees are refused rather than blown up.
    static let maximumDepth = 8

    private struct Node {
        var feature: Int32
        var value: Double
        var left = -1, right = -1
    }

    init(features: Int, base: Double, rate: Double, trees text: String) throws(BodyModel.ParseError) {
        self.features = features
        self.base = Float(base)
        self.rate = Float(rate)
        var parsed: [[Node]] = []
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            var nodes: [Node] = []
            var k = 0
            while k < fields.count {
                guard k + 1 < fields.count, let f = Int32(fields[k]), let v = Double(fields[k + 1]),
                      f < 0 || (k + 3 < fields.count && Int(f) < features) else {
                    throw BodyModel.ParseError(message: "malformed tree: \(line.prefix(80))")
                }
                if f < 0 {
                    nodes.append(Node(feature: -1, value: v))
                    k += 2
                } else {
                    guard let l = Int(fields[k + 2]), let r = Int(fields[k + 3]) else {
                        throw BodyModel.ParseError(message: "malformed tree: \(line.prefix(80))")
                    }
                    nodes.append(Node(feature: f, value: v, left: l, right: r))
                    k += 4
                }
            }
            for (i, node) in nodes.enumerated() where node.feature >= 0 {
                guard node.left > i, node.right > i, node.left < nodes.count, node.right < nodes.count else {
                    throw BodyModel.ParseError(message: "a child out of its tree: \(line.prefix(80))")
                }
            }
            guard !nodes.isEmpty else { continue }
            parsed.append(nodes)
        }
        func depthOf(_ nodes: [Node], _ i: Int, _ d: Int) throws(BodyModel.ParseError) -> Int {
            guard d <= Self.maximumDepth else { throw BodyModel.ParseError(message: "a tree deeper than \(Self.maximumDepth)") }
            let node = nodes[i]
            return node.feature < 0 ? d : max(try depthOf(nodes, node.left, d + 1), try depthOf(nodes, node.right, d + 1))
        }
        for nodes in parsed { depth = max(depth, try depthOf(nodes, 0, 0)) }
        trees = parsed.count
        let splits = (1 << depth) - 1, leafCount = 1 << depth
        splitFeature = [Int32](repeating: 0, count: trees * splits)
        splitThreshold = [Float](repeating: .infinity, count: trees * splits)
        leaves = [Float](repeating: 0, count: trees * leafCount)
        for (t, nodes) in parsed.enumerated() {
            // Lay node `i` of the tree at complete position `k` of level `level`.
            func place(_ i: Int, _ k: Int, _ level: Int) {
                let node = nodes[i]
                if level == depth || node.feature < 0 {
                    // A leaf: its value under every bottom position below `k`.
                    let span = 1 << (depth - level)
                    let first = (k - ((1 << level) - 1)) * span
                    for j in first ..< first + span { leaves[t * leafCount + j] = Float(node.value) }
                    return  // splits below stay "always left" (threshold +∞)
                }
                splitFeature[t * splits + k] = node.feature
                var threshold = Float(node.value)
                if Double(threshold) > node.value { threshold = threshold.nextDown }
                splitThreshold[t * splits + k] = threshold
                place(node.left, 2 * k + 1, level + 1)
                place(node.right, 2 * k + 2, level + 1)
            }
            place(0, 0, 0)
        }
    }

    /// The probability of yes for each of `count` rows of ``features`` values
    /// (row-major, `stride` values a row), written to `out`.
    func probabilities(_ rows: UnsafePointer<Float>, stride: Int, count: Int, into out: UnsafeMutablePointer<Float>) {
        out.initialize(repeating: 0, count: count)
        let splits = (1 << depth) - 1, leafCount = 1 << depth
        splitFeature.withUnsafeBufferPointer { feature in
            splitThreshold.withUnsafeBufferPointer { threshold in
                leaves.withUnsafeBufferPointer { leaves in
                    for t in 0 ..< trees {
                        let f = feature.baseAddress! + t * splits
                        let th = threshold.baseAddress! + t * splits
                        let leaf = leaves.baseAddress! + t * leafCount
                        // Eight rows at a time: their walks down the tree are
                        // independent, so their loads overlap instead of waiting
                        // on each other (a walk alone is a chain of dependent loads).
                        var r = 0
                        while r + 8 <= count {
                            let a = rows + r * stride, b = a + stride, c = b + stride, d = c + stride
                            let e = d + stride, g = e + stride, h = g + stride, j = h + stride
                            var ka = 0, kb = 0, kc = 0, kd = 0, ke = 0, kg = 0, kh = 0, kj = 0
                            for _ in 0 ..< depth {
                                ka = 2 &* ka &+ (a[Int(f[ka])] > th[ka] ? 2 : 1)
                                kb = 2 &* kb &+ (b[Int(f[kb])] > th[kb] ? 2 : 1)
                                kc = 2 &* kc &+ (c[Int(f[kc])] > th[kc] ? 2 : 1)
                                kd = 2 &* kd &+ (d[Int(f[kd])] > th[kd] ? 2 : 1)
                                ke = 2 &* ke &+ (e[Int(f[ke])] > th[ke] ? 2 : 1)
                                kg = 2 &* kg &+ (g[Int(f[kg])] > th[kg] ? 2 : 1)
                                kh = 2 &* kh &+ (h[Int(f[kh])] > th[kh] ? 2 : 1)
                                kj = 2 &* kj &+ (j[Int(f[kj])] > th[kj] ? 2 : 1)
                            }
                            out[r] += leaf[ka &- splits]
                            out[r + 1] += leaf[kb &- splits]
                            out[r + 2] += leaf[kc &- splits]
                            out[r + 3] += leaf[kd &- splits]
                            out[r + 4] += leaf[ke &- splits]
                            out[r + 5] += leaf[kg &- splits]
                            out[r + 6] += leaf[kh &- splits]
                            out[r + 7] += leaf[kj &- splits]
                            r += 8
                        }
                        while r < count {
                            let row = rows + r * stride
                            var k = 0
                            for _ in 0 ..< depth {
                                k = 2 &* k &+ (row[Int(f[k])] > th[k] ? 2 : 1)
                            }
                            out[r] += leaf[k &- splits]
                            r += 1
                        }
                    }
                }
            }
        }
        for r in 0 ..< count {
            out[r] = 1 / (1 + exp(-(base + rate * out[r])))
        }
    }

    /// The probability of yes for one row; for tests.
    func probability(_ row: [Float]) -> Float {
        var p: Float = 0
        row.withUnsafeBufferPointer { probabilities($0.baseAddress!, stride: row.count, count: 1, into: &p) }
        return p
    }
}
