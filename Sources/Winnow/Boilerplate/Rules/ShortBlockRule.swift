/// Short lines that are not sentences: navigation words ("search",
/// "comments"), labels, names. Four words or fewer, not ending as a sentence
/// does. The title is never removed.
struct ShortBlockRule: PageRule {
    func apply(to state: inout PageState, context: RuleContext) {
        for i in 0 ..< state.count where !state.isRemoved(i) && !state.isHead(i) && state.isShortLabel(i) {
            state.remove(i, Removal(.short, .short(words: Int32(state.tokenCount(i)))))
        }
    }
}
