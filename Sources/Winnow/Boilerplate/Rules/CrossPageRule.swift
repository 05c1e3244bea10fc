/// Evidence from the rest of the dump (placeholder: filled in by the cross-page work).
enum CrossPageRule {
    static func apply(to states: [PageState], context: RuleContext) -> [PageState] { states }
}
