/// In-page repeats.
///
/// The second and later copies of a block go ("repeat of line 4"). The first
/// copy goes too when the block was printed twice in a row, or belongs to a
/// group of blocks that is repeated as a whole (a teaser's title and summary
/// shown twice): such repeats are page furniture, not article text. The first
/// copy of a block in the page's head (its title or lead) always stays, and
/// so does the first copy of an article printed twice as a whole: a repeat
/// at the same distance as the title's own repeat.
struct RepeatRule: PageRule {
    func apply(to state: inout PageState, context: RuleContext) {
        let occurrences = GroupedByKey(state.blocks.enumerated().lazy.map { ($1.key, $0) })
        guard occurrences.keyCount < state.count else { return }
        // Which block index holds a copy of which other, for the group test.
        func copies(_ i: Int) -> ArraySlice<Int> { occurrences[state.blocks[i].key] }
        // Distances at which the title is printed again: the article repeated whole.
        let reprint = Set(state.title.map { t in copies(t).filter { $0 > t }.map { $0 - t } } ?? [])

        // Repeated keys in the order of their first copy.
        for (_, indices) in occurrences.allGroups where indices.count > 1 {
            let first = indices.first!
            let firstLine = state.line(first)
            for later in indices.dropFirst() {
                state.remove(later, Removal(.repeat, .repeatOf(line: Int32(firstLine))))
            }
            if state.head.contains(first) || first == 0 { continue }
            if indices.dropFirst().contains(where: { reprint.contains($0 - first) }) { continue }
            let doubled = zip(indices, indices.dropFirst()).contains { $1 == $0 + 1 }
            if doubled {
                state.remove(first, Removal(.repeat, .printedTwice(Int32(firstLine), Int32(state.line(indices[indices.startIndex + 1])))))
                continue
            }
            // A group: a neighbour of the first copy is repeated next to a later copy.
            let inGroup = indices.dropFirst().contains { later in
                [-1, 1].contains { d in
                    let a = first + d, b = later + d
                    return a >= 0 && a < state.count && b >= 0 && b < state.count && a != later
                        && copies(a).contains(b)
                }
            }
            if inGroup {
                state.remove(first, Removal(.repeat, .groupRepeated(line: Int32(state.line(indices[indices.startIndex + 1])))))
            }
        }
    }
}
