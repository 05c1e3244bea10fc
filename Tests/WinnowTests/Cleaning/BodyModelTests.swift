import Foundation
import Testing
@testable import Winnow

/// The trees as the training script writes them, laid out as complete trees.
@Suite struct BodyModelTests {
    /// An unbalanced tree: feature 0 at most 1.5 → leaf 2; else feature 1 at most 0.25 → -1, else 3.
    /// (A leaf above the bottom level is held as splits that always go left.)
    private let unbalanced = "0 1.5 1 2 -1 2 1 0.25 3 4 -1 -1 -1 3"

    @Test func treesFollowTheirSplitsWhateverTheirShape() throws {
        let ensemble = try TreeEnsemble(features: 2, base: 0, rate: 1, trees: unbalanced)
        let logit = { (x: Float, y: Float) -> Float in
            let p = ensemble.probability([x, y])
            return log(p / (1 - p))
        }
        #expect(abs(logit(1.5, 9) - 2) < 1e-5)   // at most the threshold goes left
        #expect(abs(logit(1.50001, 0.25) - -1) < 1e-5)
        #expect(abs(logit(2, 0.3) - 3) < 1e-5)
    }

    @Test func aThresholdBetweenTwoFloatsSplitsThemAsTrained() throws {
        // 0.1 as a Double lies between two Floats: the larger goes right.
        let ensemble = try TreeEnsemble(features: 1, base: 0, rate: 1, trees: "0 0.1 1 2 -1 -5 -1 5")
        let below = Float(0.1).nextDown, above = Float(0.1)
        #expect(Double(above) > 0.1)
        #expect(ensemble.probability([below]) < 0.5)
        #expect(ensemble.probability([above]) > 0.5)
    }

    @Test func malformedTreesAndModelsAreRefused() {
        #expect(throws: BodyModel.ParseError.self) { try TreeEnsemble(features: 2, base: 0, rate: 1, trees: "0 1.5 1 9 -1 2") }
        #expect(throws: BodyModel.ParseError.self) { try TreeEnsemble(features: 1, base: 0, rate: 1, trees: "3 1.5 1 2 -1 2 -1 1") }
        #expect(throws: BodyModel.ParseError.self) { try BodyModel.parse("features words bytes\nthreshold 0.5\n") }
        #expect(throws: BodyModel.ParseError.self) { try BodyModel.parse("threshold 0.5\n") }
    }

    @Test func theBuiltInModelReadsAndScoresEveryBlock() throws {
        let model = try BodyModel.parse(BodyModel.builtIn)
        #expect(model.first.features == BlockFeatures.count)
        #expect(model.second?.features == BlockFeatures.count + BodyModel.contextNames.count)
        let page = Page(id: "p", origin: PageOrigin(path: "p"), bytes: Array("""
            Home
            News
            The harbour project will add two new piers by the end of the year, the port authority said.
            Engineers expect the first ships to dock at the new piers in October, after a long review.
            Contact us
            """.utf8))
        let scores = model.scores(BlockFeatures(PageState(page), cues: CueMatcher(.builtIn)))
        #expect(scores.count == 5)
        #expect(scores.allSatisfy { (0 ... 1).contains($0) })
        #expect(scores[2] > scores[0] && scores[3] > scores[4])
    }

    /// A forest of random trees of depths 1 to 5, as the training script writes them.
    static func randomTrees(count: Int, features: Int, using rng: inout some RandomNumberGenerator) -> String {
        (0 ..< count).map { _ in
            var fields: [String] = []
            var next = 1
            // Node `i` is written where its number says: build level by level from the root.
            var queue: [(depth: Int, limit: Int)] = [(0, Int.random(in: 1 ... 5, using: &rng))]
            var k = 0
            while k < queue.count {
                let (depth, limit) = queue[k]
                if depth < limit && (depth == 0 || Int.random(in: 0 ..< 4, using: &rng) > 0) {
                    let threshold = Float(Int.random(in: -4 ... 12, using: &rng)) / 4
                    fields += ["\(Int.random(in: 0 ..< features, using: &rng))", "\(threshold)", "\(next)", "\(next + 1)"]
                    next += 2
                    queue += [(depth + 1, limit), (depth + 1, limit)]
                } else {
                    fields += ["-1", "\(Float.random(in: -1 ... 1, using: &rng))"]
                }
                k += 1
            }
            return fields.joined(separator: " ")
        }.joined(separator: "\n")
    }

    @Test(arguments: [1, 2, 7, 200])
    func vectorScoringEqualsWalkingTheTrees(trees: Int) throws {
        var rng = SplitMix64(seed: UInt64(trees))
        let width = 6, text = Self.randomTrees(count: trees, features: width, using: &rng)
        let walk = try TreeEnsemble(features: width, base: 0.1, rate: 0.05, trees: text, lanes: 0)
        for lanes in [8, 16] where lanes <= TreeEnsemble.supportedLanes {
            let vector = try TreeEnsemble(features: width, base: 0.1, rate: 0.05, trees: text, lanes: lanes)
            #expect(vector.lanes == lanes)
            for count in [1, 7, 8, 15, 16, 17, 31, 32, 33, 40, 48, 70] {
                // Values on the thresholds and between them, NaN (which goes left, as no value above) and
                // +infinity (left at the "always left" splits under a shallower leaf, which the kernels leave
                // out); row counts that end in each of the kernels' 32-row and 16-row steps.
                let rows = (0 ..< count * width).map { _ in
                    switch Int.random(in: 0 ..< 50, using: &rng) {
                    case 0: Float.nan
                    case 1: Float.infinity
                    default: Float(Int.random(in: -6 ... 14, using: &rng)) / 4
                    }
                }
                var a = [Float](repeating: 0, count: count), b = a
                rows.withUnsafeBufferPointer { r in
                    walk.probabilities(r.baseAddress!, stride: width, count: count, into: &a)
                    vector.probabilities(r.baseAddress!, stride: width, count: count, into: &b)
                }
                #expect(a.map(\.bitPattern) == b.map(\.bitPattern), "\(lanes) lanes, \(count) rows")
            }
        }
    }

    @Test(arguments: ["0400", "0600", "0838", "0976"])
    func theBuiltInModelScoresRealPagesAlikeAtEveryWidth(name: String) throws {
        let walked = try BodyModel.parse(BodyModel.builtIn, lanes: 0)
        let page = Page(id: name, origin: PageOrigin(path: name), bytes: try Fixtures.read("Fixtures/real/pages/\(name).txt"))
        let features = BlockFeatures(PageState(page), cues: CueMatcher(.builtIn))
        #expect(features.blocks > 16)
        let expected = walked.scores(features).map(\.bitPattern)
        for lanes in [8, 16] where lanes <= TreeEnsemble.supportedLanes {
            #expect(try BodyModel.parse(BodyModel.builtIn, lanes: lanes).scores(features).map(\.bitPattern) == expected)
        }
    }
}
