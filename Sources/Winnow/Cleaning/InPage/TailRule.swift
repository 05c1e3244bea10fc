/// The tail: what follows the article's end.
///
/// A tail starts only past the start of the page's main run of prose
/// (``PageState/body``), once a good part of that run is behind it: a cue
/// above the article or in its first lines ("By …", "Advertisement")
/// never cuts it. Then an end marker cuts the page:
/// - a byline: a run of short lines holding a byline cue ("By …", "Theo …"),
///   of two lines or more, or followed by a headline or the page's end, with
///   no more prose after it than the body holds before it: the article is
///   signed, and what follows is another article or furniture (a "Source:"
///   line in the middle of a long article, a code line opening "(By.…", is not);
/// - a section header opening a list of other articles ("Tin liên quan",
///   "Related"), or a follow-us banner or membership appeal ("Join us!"),
///   when no more prose follows it; or, late in the body, when a short
///   run of prose follows it ("Join us! Support our journalism today."),
///   or it heads a run of lines that are not sentences (a title, a
///   signature): an appeal written as paragraphs.
/// Short lines without a cue are not enough: lists and subheads look alike.
struct TailRule: PageRule {
    /// Longest section header, in words beyond its cue.
    static let headerSlack = 3
    /// Longest banner or appeal opener, in words.
    static let maximumAppealWords = 14
    /// The share of the body's prose words that must stand before a cut.
    static let bodyShareBeforeCut = 0.3
    /// The share before a section header or appeal that prose still follows.
    static let bodyShareBeforeHeader = 0.6
    /// The most words of prose a late header or appeal takes with it when
    /// nothing but that short run follows: its own sentence or two.
    static let shortRunWords = 25

    func apply(to state: inout PageState, context: RuleContext) {
        guard let cut = endMarker(state, context.cues) else { return }
        let removal = Removal(.tail, .tail(after: cut.what, line: Int32(state.line(cut.index))))
        for i in cut.index ..< state.count where !state.modelKeeps(i) {
            state.remove(i, removal)
        }
    }

    func endMarker(_ state: PageState, _ cues: CueMatcher) -> (index: Int, what: Removal.TailCut)? {
        let body = state.body
        guard !body.isEmpty else { return nil }
        let bodyWords = body.reduce(0) { $0 + (state.isBodyLike($1) ? state.tokenCount($1) : 0) }
        // The words of prose from block i on.
        var proseAfter = [Int](repeating: 0, count: state.count + 1)
        for i in stride(from: state.count - 1, through: 0, by: -1) {
            proseAfter[i] = proseAfter[i + 1] + (state.isBodyLike(i) ? state.tokenCount(i) : 0)
        }
        var wordsBefore = 0
        var bodyBlocks = 0
        for i in body.lowerBound ..< state.count {
            defer {
                if body.contains(i), state.isBodyLike(i) { wordsBefore += state.tokenCount(i); bodyBlocks += 1 }
            }
            guard bodyBlocks >= PageState.bodyBlocksBeforeTail,
                  Double(wordsBefore) >= Self.bodyShareBeforeCut * Double(bodyWords) else { continue }
            let tokens = state.tokens(i)
            let late = Double(wordsBefore) >= Self.bodyShareBeforeHeader * Double(bodyWords)
            if proseAfter[i + 1] == 0 || (late && (proseAfter[i + 1] <= Self.shortRunWords || opensRun(i, state, cues))) {
                if let n = cues.prefixMatch(.section, tokens), tokens.count <= n + Self.headerSlack,
                    state.endings[i] != .period
                {
                    return (i, .sectionHeader)
                }
                if cues.prefixMatch(.appeal, tokens) != nil, tokens.count <= Self.maximumAppealWords {
                    return (i, .appeal)
                }
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
                if hasCue && (endsPage || state.isTitleLike(j) || runLength >= 2) && proseAfter[j] <= wordsBefore {
                    return (i, .byline)
                }
            }
        }
        return nil
    }

    /// Whether block `i` opens a run of two or more lines that are not
    /// sentences (a header over a signature or a subtitle: "Join us!", "A
    /// message from the editor"), as a section of furniture does; a lone
    /// "Advertisement" between paragraphs does not.
    private func opensRun(_ i: Int, _ state: PageState, _ cues: CueMatcher) -> Bool {
        var j = i
        while j < state.count, !state.endsSentence(j) || state.endings[j] == .exclamation,
              state.tokenCount(j) <= Self.maximumAppealWords { j += 1 }
        return j - i >= 2
    }

    /// A short line opening with a byline cue: "By Jane Doe", "Theo VnExpress".
    private func isBylineCue(_ state: PageState, _ i: Int, _ cues: CueMatcher) -> Bool {
        state.tokenCount(i) <= 6 && !state.endsSentence(i) && cues.prefixMatch(.byline, state.tokens(i)) != nil
    }
}
