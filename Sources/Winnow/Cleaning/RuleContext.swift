/// What the rules of the cleaner share: options, cue phrases, and for the
/// cross-page rules, the dump's block index.
struct RuleContext: Sendable {
    let options: CleanerOptions
    let cues: CueMatcher
}

/// A rule that looks at one page at a time.
protocol PageRule: Sendable {
    func apply(to state: inout PageState, context: RuleContext)
}
