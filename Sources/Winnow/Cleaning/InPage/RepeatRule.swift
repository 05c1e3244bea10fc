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
        let n = state.count
        guard n > 1 else { return }
        // The blocks by key, then position: each key's copies are a run of
        // `order`, in page order. Sorting a page's few dozen keys cost less
        // than grouping them in a hash table (nine arrays a page).
        var order = state.blocks.indices.map { (key: state.blocks[$0].key, block: $0) }
        order.sort { $0.key != $1.key ? $0.key < $1.key : $0.block < $1.block }
        var runOf = [Range<Int>](repeating: 0 ..< 0, count: n)  // each block's run in `order`
        var repeated = false
        var start = 0
        for k in 1 ... n where k == n || order[k].key != order[start].key {
            repeated = repeated || k - start > 1
            for m in start ..< k { runOf[order[m].block] = start ..< k }
            start = k
        }
        guard repeated else { return }
        // Which block index holds a copy of which other, for the group test.
        func copies(_ i: Int) -> [Int] { order[runOf[i]].map(\.block) }
        // Distances at which the title is printed again: the article repeated whole.
        let reprint = Set(state.title.map { t in copies(t).filter { $0 > t }.map { $0 - t } } ?? [])

        // Repeated keys in the order of their first copy.
        for first in 0 ..< n where runOf[first].count > 1 && order[runOf[first].lowerBound].block == first {
            let indices = copies(first)
            let firstLine = state.line(first)
            for later in indices.dropFirst() {
                state.remove(later, Removal(.repeat, .repeatOf(line: Int32(firstLine))))
            }
            // The first copy stands for all: it takes the body model's best
            // score among them (an article's paragraph whose first copy is a
            // teaser above the title stays).
            if state.bodyScores.count == n {
                let best = indices.max { state.bodyScores[$0] < state.bodyScores[$1] } ?? first
                state.bodyScores[first] = state.bodyScores[best]
            }
            if state.head.contains(first) || first == 0 || state.modelKeeps(first) { continue }
            if indices.dropFirst().contains(where: { reprint.contains($0 - first) }) { continue }
            // Paragraphs that come again in the same order are the article
            // printed again, not furniture: one copy stays.
            // A block printed more than a few times is no article's paragraph,
            // and looking around each copy would cost time quadratic in them.
            if indices.count <= Self.reprintedCopies,
               indices.dropFirst().contains(where: { reprinted(first, offset: $0 - first, state) }) { continue }
            let doubled = zip(indices, indices.dropFirst()).contains { $1 == $0 + 1 }
            if doubled {
                state.remove(first, Removal(.repeat, .printedTwice(Int32(firstLine), Int32(state.line(indices[1])))))
                continue
            }
            // A group: a neighbour of the first copy is repeated next to a later copy.
            let inGroup = indices.dropFirst().contains { later in
                [-1, 1].contains { d in
                    let a = first + d, b = later + d
                    return a >= 0 && a < n && b >= 0 && b < n && a != later && runOf[a] == runOf[b]
                }
            }
            if inGroup {
                state.remove(first, Removal(.repeat, .groupRepeated(line: Int32(state.line(indices[1])))))
            }
        }
    }

    /// Whether the run of blocks around `first` that comes again `offset`
    /// blocks on, in the same order, holds three or more distinct
    /// paragraphs: a teaser's title and summary shown twice hold two at most.
    private func reprinted(_ first: Int, offset: Int, _ state: PageState) -> Bool {
        let blocks = state.blocks
        func same(_ i: Int) -> Bool { i >= 0 && i + offset < blocks.count && blocks[i].key == blocks[i + offset].key }
        var paragraphs: Set<UInt64> = []
        var i = first
        while same(i) && i > first - offset {
            if state.isBodyLike(i) { paragraphs.insert(blocks[i].key) }
            if paragraphs.count >= Self.reprintedParagraphs { return true }
            i -= 1
        }
        i = first + 1
        while same(i) && i < first + offset {
            if state.isBodyLike(i) { paragraphs.insert(blocks[i].key) }
            if paragraphs.count >= Self.reprintedParagraphs { return true }
            i += 1
        }
        return false
    }

    /// Distinct paragraphs repeated in order that make an article printed again.
    static let reprintedParagraphs = 3
    /// The most copies a block printed again with its article has (an
    /// article printed twice or three times, a paragraph quoted in it).
    static let reprintedCopies = 4
}
