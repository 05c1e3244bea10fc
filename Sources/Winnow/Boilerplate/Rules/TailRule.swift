/// The tail: what follows the article's end.
///
/// Once the article body has begun (two blocks of sentence text after the
/// head), the first end marker cuts the page. An end marker is:
/// - a section header opening a list of other articles ("Tin liên quan", "Related");
/// - a follow-us banner or membership appeal ("Join us!", "Mời quý độc giả …");
/// - a byline: a run of short lines holding a byline cue ("By …", "Theo …"),
///   of two lines or more, or followed by a headline or the page's end.
///   Short lines without a cue are not enough: lists and subheads look alike.
/// A single short line inside the text ("Video đang HOT") is not an end.
struct TailRule: PageRule {
    /// Longest section header, in words beyond its cue.
    static let headerSlack = 3
    /// Longest banner or appeal opener, in words.
    static let maximumAppealWords = 14

    func apply(to state: inout PageState, context: RuleContext) {
        guard let cut = endMarker(state, context.cues) else { return }
        let removal = Removal(.tail, .tail(after: cut.what, line: Int32(state.line(cut.index))))
        for i in cut.index ..< state.count {
            state.remove(i, removal)
        }
    }

    func endMarker(_ state: PageState, _ cues: CueMatcher) -> (index: Int, what: Removal.TailCut)? {
        var bodyBlocks = 0
        var i = 0
        let lastHead = state.head.last ?? -1
        while i < state.count {
            defer { i += 1 }
            if i <= lastHead { continue }
            if bodyBlocks < PageState.bodyBlocksBeforeTail {
                if !state.isRemoved(i) && state.isBodyLike(i) { bodyBlocks += 1 }
                continue
            }
            let tokens = state.tokens(i)
            if let n = cues.prefixMatch(.section, tokens), tokens.count <= n + Self.headerSlack,
                state.endings[i] != .period
            {
                return (i, .sectionHeader)
            }
            if cues.prefixMatch(.appeal, tokens) != nil, tokens.count <= Self.maximumAppealWords {
                return (i, .appeal)
            }
            if state.isShortLabel(i) || isBylineCue(state, i, cues) {
                // A run of short lines.
                var j = i
                var hasCue = false
                while j < state.count, state.isShortLabel(j) || isBylineCue(state, j, cues) {
                    if isBylineCue(state, j, cues) { hasCue = true }
                    j += 1
                }
                let runLength = j - i
                let endsPage = j == state.count
                if hasCue && (endsPage || state.isTitleLike(j) || runLength >= 2) {
                    return (i, .byline)
                }
            }
        }
        return nil
    }

    /// A short line opening with a byline cue: "By Jane Doe", "Theo VnExpress".
    private func isBylineCue(_ state: PageState, _ i: Int, _ cues: CueMatcher) -> Bool {
        state.tokenCount(i) <= 6 && !state.endsSentence(i) && cues.prefixMatch(.byline, state.tokens(i)) != nil
    }
}
