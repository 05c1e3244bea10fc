/// Section labels: the header of a list of other articles ("Related",
/// "Lesen Sie auch") and a link to another story behind such a label
/// ("Read more: …", "Lea también: …").
///
/// A block goes when it is a section cue (``CuePhrases/sections``) and at
/// most ``TailRule/headerSlack`` words more, or a section cue, a colon and a
/// headline, and it does not end as a sentence does. It takes only itself,
/// wherever it stands: what follows it is judged on its own (``TailRule``
/// cuts after a header only where no more prose follows). A sentence that
/// opens with a cue ("Read more about the plan in the report.") stays.
struct SectionLabelRule: PageRule {
    /// The fewest words of a headline after a label and its colon.
    static let minimumLinkWords = 3

    func apply(to state: inout PageState, context: RuleContext) {
        for i in 0 ..< state.count where !state.isRemoved(i) && !state.modelKeeps(i) && !state.endsSentence(i) {
            let tokens = state.tokens(i)
            guard let cue = context.cues.prefixMatch(.section, tokens) else { continue }
            if tokens.count <= cue + TailRule.headerSlack {
                state.remove(i, Removal(.outside, .sectionLabel(link: false)))
            } else if tokens.count >= cue + Self.minimumLinkWords, colonFollows(cue, in: i, state) {
                state.remove(i, Removal(.teaser, .sectionLabel(link: true)))
            }
        }
    }

    /// Whether the block's first colon comes right after its first `words`
    /// words ("Read more:", "VEA TAMBIÉN:"), with nothing but spaces between.
    private func colonFollows(_ words: Int, in i: Int, _ state: PageState) -> Bool {
        state.page.text.withUnsafeBufferPointer { text in
            var inWord = false, seen = 0
            for b in text[state.blocks[i].range] {
                switch b {
                case UInt8(ascii: ":"): return seen == words
                case UInt8(ascii: " "), UInt8(ascii: "\t"): inWord = false
                default:
                    if !inWord { inWord = true; seen += 1 }
                    if seen > words { return false }
                }
            }
            return false
        }
    }
}
