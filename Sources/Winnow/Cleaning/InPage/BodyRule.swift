/// The body model's judgement: each block is scored from its look and its
/// place relative to the page's main run of prose (``BlockFeatures``,
/// ``BodyModel``), and a block scored under the model's threshold goes as
/// ``RemovalReason/outside``. No single cue decides: a cue phrase, a
/// short line or a position is one feature among many, so a subheading
/// between paragraphs stays and a lone "Advertisement" takes only itself.
///
/// The scores are taken first, before any rule removes a block
/// (``score(_:context:)``), so that the repeat rule can keep the copy of a
/// repeated block that stands in the article; this rule then removes.
struct BodyRule: PageRule {
    /// Scores every block and finds the page's main run of prose.
    static func score(_ state: inout PageState, context: RuleContext) {
        let model = BodyModel.judging(state.page)
        let features = BlockFeatures(state, cues: context.cues, markup: model.markup)
        state.bodyScores = model.scores(features)
        state.modelKeepsFrom = model.overrules
        state.body = features.body
    }

    func apply(to state: inout PageState, context: RuleContext) {
        if state.bodyScores.count != state.count { Self.score(&state, context: context) }
        let body = state.body
        let head = Self.head(state)
        let threshold = BodyModel.judging(state.page).threshold
        for (i, score) in state.bodyScores.enumerated() where !state.isRemoved(i) && !head.contains(i) {
            // A paragraph within the main run of prose goes only on a clearer verdict.
            let paragraph = body.contains(i) && state.isBodyLike(i)
            guard score < (paragraph ? Self.paragraphThreshold : threshold) else { continue }
            let place: Int8 = body.isEmpty || i < body.lowerBound ? -1 : (i >= body.upperBound ? 1 : 0)
            let blocks = place < 0 ? (body.isEmpty ? 0 : body.lowerBound - i) : (place > 0 ? i - body.upperBound + 1 : 0)
            state.remove(i, Removal(.outside, .outside(score: Int16(score * 1000), place: place, blocks: Int32(blocks))))
        }
    }

    /// A line of items between separators ("Home | News | Sport"): a menu, not a title.
    static func isList(_ i: Int, _ state: PageState) -> Bool {
        let shape = state.page.text.withUnsafeBufferPointer { LineShape(UnsafeBufferPointer(rebasing: $0[state.blocks[i].range])) }
        return shape.separators >= 3
    }

    /// The score under which a paragraph within the main run of prose goes.
    static let paragraphThreshold: Float = 0.2

    /// The article's head, kept whatever its scores, when the page opens
    /// with it: a headline-like block of its title and lead (``PageState/head``,
    /// the first blocks of three words or more) stands above the main run of prose
    /// with nothing of three words or more left between them but the head
    /// itself (repeats and captions removed already, labels of a word or
    /// two). On a page that opens with menus the head is a menu line, far
    /// from the body, and is judged like any block.
    static func head(_ state: PageState) -> [Int] {
        let start = state.body.lowerBound
        guard !state.body.isEmpty else { return [] }
        return state.head.filter { h in
            h < start && state.isTitleLike(h) && !isList(h, state) && !(h + 1 ..< start).contains { j in
                !state.isRemoved(j) && !state.isHead(j) && state.tokenCount(j) >= 3
            }
        }
    }
}
