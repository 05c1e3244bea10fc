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
}
