/// Section labels: the header of a list of other articles ("Related",
/// "Lesen Sie auch") and a link to another story behind such a label
/// ("Read more: …", "Lea también: …").
///
/// A block goes when it is a section cue (``CuePhrases/sections``) and at
/// most ``TailRule/headerSlack`` words more, or a section cue or a link label
/// (``CuePhrases/labels``: "Read", "Watch", "Lea"; not in the page's head),
/// a colon and a headline, and it does not end as a sentence does. It takes
/// only itself, wherever it stands: what follows it is judged on its own
/// (``TailRule`` cuts after a header only where no more prose follows). A
/// sentence that opens with a cue ("Read more about the plan in the
/// report.") stays.
struct SectionLabelRule: PageRule {
    /// The fewest words of a headline after a label and its colon.
    static let minimumLinkWords = 3

    func apply(to state: inout PageState, context: RuleContext) {
        // An analyser for the words before a colon: most pages have no label followed by more words.
        let analyzer = LineAnalyzer.onDemand()
        for i in 0 ..< state.count where !state.isRemoved(i) && !state.modelKeeps(i) && !state.endsSentence(i) {
            let tokens = state.tokens(i)
            if let cue = context.cues.prefixMatch(.section, tokens) {
                if tokens.count <= cue + TailRule.headerSlack {
                    state.remove(i, Removal(.outside, .sectionLabel(link: false)))
                } else if tokens.count >= cue + Self.minimumLinkWords, colonFollows(cue, in: i, state, analyzer) {
                    state.remove(i, Removal(.teaser, .sectionLabel(link: true)))
                }
            } else if !state.isHead(i), let label = context.cues.prefixMatch(.label, tokens),
                      tokens.count >= label + Self.minimumLinkWords, colonFollows(label, in: i, state, analyzer) {
                // Not the page's own title or lead: a video's page is titled "Video: …".
                state.remove(i, Removal(.teaser, .sectionLabel(link: true)))
            }
        }
    }

    /// Whether the block's first colon (":", or the full-width "：" of Chinese
    /// and Japanese) comes right after its first `words` words ("Read more:",
    /// "VEA TAMBIÉN:", "相关阅读："): the text before it is those words alone.
    private func colonFollows(_ words: Int, in i: Int, _ state: PageState, _ analyzer: () -> LineAnalyzer) -> Bool {
        let bytes = state.page.bytes(of: state.blocks[i])
        guard let colon = Self.firstColon(bytes), colon > bytes.startIndex else { return false }
        return analyzer().tokenHashes(of: bytes[..<colon]).count == words
    }

    /// The index of the first ":" or "：" (EF BC 9A) of `bytes`.
    private static func firstColon(_ bytes: ArraySlice<UInt8>) -> Int? {
        var k = bytes.startIndex
        while k < bytes.endIndex {
            if bytes[k] == UInt8(ascii: ":") { return k }
            if bytes[k] == 0xEF, k + 2 < bytes.endIndex, bytes[k + 1] == 0xBC, bytes[k + 2] == 0x9A { return k }
            k += 1
        }
        return nil
    }
}
