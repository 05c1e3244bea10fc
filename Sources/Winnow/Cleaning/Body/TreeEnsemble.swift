import CForest
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
///
/// Trees of depth 5 (as the body model's are) are scored by `CForest` with
/// the vector units where the processor has them: 16 or 8 rows at a time,
/// every split compared at once and the leaf found from the comparisons,
/// in the same float arithmetic as the walk here.
struct TreeEnsemble: Sendable {
    let features: Int
    private let base: Float
    private let rate: Float
    /// The depth of every tree: splits a tree `(1 << depth) - 1`, leaves `1 << depth`.
    private(set) var depth = 0
    /// A split: go right when the row's `feature` is above `threshold`, the
    /// largest `Float` at most the trained threshold (a `Float` feature is at
    /// most the one exactly when it is at most the other). Both in one
    /// 8-byte load.
    private struct Split {
        var feature: Int32 = 0
        var threshold: Float = .infinity
    }
    private var splitNodes: [Split] = []
    private var leaves: [Float] = []
    private(set) var trees = 0
    /// The splits as `CForest` takes them, for trees of depth ``vectorDepth``:
    /// features, thresholds, and as bits the leaves a row that goes right at
    /// a split can still reach (all but those under its left child); tree
    /// `t`'s from `vectorStarts[t]` to `vectorStarts[t + 1]`. The "always
    /// left" splits laid under a shallower leaf are left out: no row passes
    /// them to the right, so they clear no leaf.
    private var vectorFeatures: [Int32] = []
    private var vectorThresholds: [Float] = []
    private var vectorKeptLeaves: [UInt32] = []
    private var vectorStarts: [UInt32] = []
    /// The depth `CForest` scores (32 leaves in a 32-bit set).
    static let vectorDepth = 5
    /// Rows `CForest` scores at a time: 16 (AVX-512), 8 (AVX2), or 0 to walk the trees.
    let lanes: Int
    /// The lanes this processor runs.
    static let supportedLanes = Int(winnow_forest_lanes())

    /// The deepest tree held: deeper trees are refused rather than blown up.
    static let maximumDepth = 8

    private struct Node {
        var feature: Int32
        var value: Double
        var left = -1, right = -1
    }

    /// - Parameter lanes: the vector width to score at, at most
    ///   ``supportedLanes`` (which it is by default); 0 walks the trees.
    init(features: Int, base: Double, rate: Double, trees text: String, lanes: Int? = nil) throws(BodyModel.ParseError) {
        self.features = features
        self.lanes = min(lanes ?? Self.supportedLanes, Self.supportedLanes)
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
        // Shallower trees are laid out at the vector depth, their leaves copied down.
        if self.lanes > 0 && depth < Self.vectorDepth { depth = Self.vectorDepth }
        trees = parsed.count
        let splits = (1 << depth) - 1, leafCount = 1 << depth
        splitNodes = [Split](repeating: Split(), count: trees * splits)
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
                var threshold = Float(node.value)
                if Double(threshold) > node.value { threshold = threshold.nextDown }
                splitNodes[t * splits + k] = Split(feature: node.feature, threshold: threshold)
                place(node.left, 2 * k + 1, level + 1)
                place(node.right, 2 * k + 2, level + 1)
            }
            place(0, 0, 0)
        }
        if self.lanes > 0 && depth == Self.vectorDepth {
            vectorStarts = [0]
            for t in 0 ..< trees {
                for k in 0 ..< splits where splitNodes[t * splits + k].threshold != .infinity {
                    let split = splitNodes[t * splits + k]
                    let level = Int.bitWidth - 1 - (k + 1).leadingZeroBitCount
                    let span = leafCount >> level, position = k - ((1 << level) - 1)
                    vectorFeatures.append(split.feature)
                    vectorThresholds.append(split.threshold)
                    vectorKeptLeaves.append(~(UInt32((1 << (span / 2)) - 1) << UInt32(position * span)))
                }
                vectorStarts.append(UInt32(vectorFeatures.count))
            }
        }
    }

    /// The probability of yes for each of `count` rows of ``features`` values
    /// (row-major, `stride` values a row), written to `out`.
    func probabilities(_ rows: UnsafePointer<Float>, stride: Int, count: Int, into out: UnsafeMutablePointer<Float>) {
        if !vectorStarts.isEmpty {
            vectorSums(rows, stride: stride, count: count, into: out)
        } else {
            walkSums(rows, stride: stride, count: count, into: out)
        }
        for r in 0 ..< count {
            out[r] = 1 / (1 + exp(-(base + rate * out[r])))
        }
    }

    /// Each row's sum of leaves, by `CForest`: the rows turned into columns
    /// of a pitch the lanes divide, zeros past the last row.
    private func vectorSums(_ rows: UnsafePointer<Float>, stride: Int, count: Int, into out: UnsafeMutablePointer<Float>) {
        guard count > 0 else { return }
        let pitch = (count + lanes - 1) / lanes * lanes
        // An array, not `withUnsafeTemporaryAllocation`: with it, this
        // toolchain's release build trapped on the first page of a `dups` run
        // (a typed throw of `Never` reached in its closure), not of `clean`.
        var scratch = [Float](repeating: 0, count: features * pitch + pitch)
        scratch.withUnsafeMutableBufferPointer { scratch in
            let columns = scratch.baseAddress!, sums = columns + features * pitch
            for r in 0 ..< count {
                let row = rows + r * stride
                for f in 0 ..< features { columns[f * pitch + r] = row[f] }
            }
            let done = vectorFeatures.withUnsafeBufferPointer { f in
                vectorThresholds.withUnsafeBufferPointer { t in
                    vectorKeptLeaves.withUnsafeBufferPointer { l in
                        vectorStarts.withUnsafeBufferPointer { s in
                            leaves.withUnsafeBufferPointer { v in
                                winnow_forest_add(Int32(lanes), columns, pitch, count, f.baseAddress, t.baseAddress, l.baseAddress,
                                                  s.baseAddress, v.baseAddress, trees, sums)
                            }
                        }
                    }
                }
            }
            precondition(done, "CForest scores on this processor")
            out.initialize(from: sums, count: count)
        }
    }

    /// Each row's sum of leaves, walking the trees.
    private func walkSums(_ rows: UnsafePointer<Float>, stride: Int, count: Int, into out: UnsafeMutablePointer<Float>) {
        out.initialize(repeating: 0, count: count)
        let splits = (1 << depth) - 1, leafCount = 1 << depth
        let depth = self.depth
        splitNodes.withUnsafeBufferPointer { nodes in
            leaves.withUnsafeBufferPointer { leaves in
                // Two trees and four rows at a time: the eight walks are
                // independent, so their loads overlap instead of waiting on
                // each other (a walk alone is a chain of dependent loads), and
                // their pointers and positions fit the registers.
                var t = 0
                while t + 2 <= trees {
                    let n0 = nodes.baseAddress! + t * splits, n1 = n0 + splits
                    let l0 = leaves.baseAddress! + t * leafCount, l1 = l0 + leafCount
                    var r = 0
                    while r + 4 <= count {
                        let a = rows + r * stride, b = a + stride, c = b + stride, d = c + stride
                        var a0 = 0, b0 = 0, c0 = 0, d0 = 0, a1 = 0, b1 = 0, c1 = 0, d1 = 0
                        for _ in 0 ..< depth {
                            var s = n0[a0]; a0 = 2 &* a0 &+ (a[Int(s.feature)] > s.threshold ? 2 : 1)
                            s = n0[b0]; b0 = 2 &* b0 &+ (b[Int(s.feature)] > s.threshold ? 2 : 1)
                            s = n0[c0]; c0 = 2 &* c0 &+ (c[Int(s.feature)] > s.threshold ? 2 : 1)
                            s = n0[d0]; d0 = 2 &* d0 &+ (d[Int(s.feature)] > s.threshold ? 2 : 1)
                            s = n1[a1]; a1 = 2 &* a1 &+ (a[Int(s.feature)] > s.threshold ? 2 : 1)
                            s = n1[b1]; b1 = 2 &* b1 &+ (b[Int(s.feature)] > s.threshold ? 2 : 1)
                            s = n1[c1]; c1 = 2 &* c1 &+ (c[Int(s.feature)] > s.threshold ? 2 : 1)
                            s = n1[d1]; d1 = 2 &* d1 &+ (d[Int(s.feature)] > s.threshold ? 2 : 1)
                        }
                        out[r] += l0[a0 &- splits] + l1[a1 &- splits]
                        out[r + 1] += l0[b0 &- splits] + l1[b1 &- splits]
                        out[r + 2] += l0[c0 &- splits] + l1[c1 &- splits]
                        out[r + 3] += l0[d0 &- splits] + l1[d1 &- splits]
                        r += 4
                    }
                    while r < count {
                        let row = rows + r * stride
                        var k0 = 0, k1 = 0
                        for _ in 0 ..< depth {
                            let s0 = n0[k0], s1 = n1[k1]
                            k0 = 2 &* k0 &+ (row[Int(s0.feature)] > s0.threshold ? 2 : 1)
                            k1 = 2 &* k1 &+ (row[Int(s1.feature)] > s1.threshold ? 2 : 1)
                        }
                        out[r] += l0[k0 &- splits] + l1[k1 &- splits]
                        r += 1
                    }
                    t += 2
                }
                if t < trees {
                    let n0 = nodes.baseAddress! + t * splits, l0 = leaves.baseAddress! + t * leafCount
                    for r in 0 ..< count {
                        let row = rows + r * stride
                        var k = 0
                        for _ in 0 ..< depth {
                            let s = n0[k]
                            k = 2 &* k &+ (row[Int(s.feature)] > s.threshold ? 2 : 1)
                        }
                        out[r] += l0[k &- splits]
                    }
                }
            }
        }
    }

    /// The probability of yes for one row; for tests.
    func probability(_ row: [Float]) -> Float {
        var p: Float = 0
        row.withUnsafeBufferPointer { probabilities($0.baseAddress!, stride: row.count, count: 1, into: &p) }
        return p
    }
}
