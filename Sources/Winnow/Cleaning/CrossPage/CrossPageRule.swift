import Algorithms

/// Evidence from the rest of the dump: templates and teasers.
///
/// A block goes when another page that tells a different story carries it
/// too, as its own title or lead (a teaser: "teaser: title of 00123"), or as
/// a block that page kept (a template: "template: in 212 of 1,394 pages").
///
/// Two pages tell the same story (a republished or re-crawled copy) when they
/// share a head block (title or lead), or share two or more kept blocks of 30
/// words in all that are no page's head and stand in few pages (a story is
/// copied a few times; a template stands in every page of a site). The text
/// copies share is story, so every copy keeps it. A page that carries another
/// page's title below its own head carries that story as a teaser or an
/// appended article: it is no copy of it, and once its own text has begun,
/// everything from that title on is tail; unless the two pages' heads meet,
/// or the two open with the same block of few pages (one page's head found
/// below a caption or dateline, the other's title above it).
///
/// Occurrences that a page's own rules removed are no evidence: an article
/// glued to the end of another page is tail there, and story in its own page.
///
/// ``KeyedCrossPage`` computes the same removals a page at a time from its
/// keys' facts, for the distributed stages: a change to these rules goes
/// there too (`KeyedCrossPageTests` checks the two agree).
enum CrossPageRule {
    /// Shared kept text that makes two pages copies.
    static let copyBlocks = 2
    static let copyWords = 30
    /// Blocks in more pages than this are no evidence of copying.
    static let copyMaximumPages = 8
    /// A block in more pages than this is no story's title or lead, even
    /// where a page's head holds it: it is a site's furniture (a widget's
    /// label standing above one page's article). Taken for a title, it made
    /// the teaser rule cut the article after it from every other page of the
    /// site, and every page holding it "another story" than the page it
    /// heads, so that republished copies lost the text they share as
    /// template. It is no head for the cross-page rules; the template rule
    /// judges it. (A story's title stands in its own page, its copies and a
    /// few pages' related links; a site's label in a good share of the
    /// site's pages. Measurements: docs/performance.md, "Scale".)
    static let headMaximumPages = 100

    /// Whether block `b` of page `p`, one of its head blocks, can be a story's
    /// title or lead for the cross-page rules (see ``headMaximumPages``).
    @inline(__always)
    static func isStoryHead(page p: Int, block b: Int, _ index: BlockIndex) -> Bool {
        index.entry(page: p, block: b).pages <= headMaximumPages
    }

    /// The pages holding each key as their title (part 0) or lead (part 1),
    /// found by a block of the dump rather than by its key: nearly every
    /// block is looked up, and few keys are anybody's head. Held in buffers
    /// of its own, read without reference counting, like ``BlockIndex``;
    /// what ``of(_:_:)`` gives is valid while the heads live.
    final class Heads: @unchecked Sendable {
        /// The heads in groups by key id, each group in page order.
        private let heads: UnsafeMutableBufferPointer<(page: Int, part: Int)>
        /// Where each key id's group starts in `heads` (and the last ends).
        private let starts: UnsafeMutableBufferPointer<Int32>
        private let index: BlockIndex

        /// Grouped by counting, on the block index's dense key ids: no hash table.
        init(_ states: [PageState], _ index: BlockIndex) {
            let starts = UnsafeMutableBufferPointer<Int32>.allocate(capacity: index.keyCount + 1)
            starts.initialize(repeating: 0)
            for p in states.indices {
                let head = states[p].head
                for n in head.indices where isStoryHead(page: p, block: head[n], index) {
                    starts[index.keyID(page: p, block: head[n]) + 1] += 1
                }
            }
            for id in 0 ..< index.keyCount { starts[id + 1] += starts[id] }
            var fill = Array(starts.dropLast())
            heads = .allocate(capacity: Int(starts[index.keyCount]))
            for p in states.indices {
                let head = states[p].head
                for part in head.indices where isStoryHead(page: p, block: head[part], index) {
                    let id = index.keyID(page: p, block: head[part])
                    (heads.baseAddress! + Int(fill[id])).initialize(to: (p, part))
                    fill[id] += 1
                }
            }
            self.starts = starts
            self.index = index
        }

        deinit {
            heads.deallocate()
            starts.deallocate()
        }

        /// The heads with the key of block `b` of page `p`.
        @inline(__always)
        func of(_ p: Int, _ b: Int) -> UnsafeBufferPointer<(page: Int, part: Int)> {
            let id = index.keyID(page: p, block: b)
            return UnsafeBufferPointer(rebasing: heads[Int(starts[id]) ..< Int(starts[id + 1])])
        }
    }

    /// Whether each block of the dump is removed, by ``BlockIndex/blockID(page:block:)``:
    /// the rules ask about other pages' blocks, at random, and a page's
    /// removals lie two pointers away, 40 bytes a block.
    static func removedBlocks(_ states: [PageState], _ index: BlockIndex, threads: Int) -> [Bool] {
        var removed = [Bool](repeating: false, count: index.blockCount)
        removed.withUnsafeMutableBufferPointer { buffer in
            let flags = UncheckedBuffer(buffer)  // each page writes its own blocks' flags
            Parallel.forEach(states.count, threads: threads, worker: { () }) { _, p in
                mark(states[p], page: p, index, in: flags)  // one copy of the state, not one per block
            }
        }
        return removed
    }

    /// Sets the flags of page `p`'s removed blocks (each page writes only its own).
    private static func mark(_ state: PageState, page p: Int, _ index: BlockIndex, in flags: UncheckedBuffer<Bool>) {
        for b in 0 ..< state.count where state.isRemoved(b) { flags.base[index.blockID(page: p, block: b)] = true }
    }

    /// Removes the teasers and templates of every page, in place: each
    /// page's removals change without being copied.
    static func apply(to states: inout [PageState], context: RuleContext) {
        var clock = StageClock()
        let threads = context.options.threads
        let index = BlockIndex(states, threads: threads)
        clock.mark("    block index")
        // Which pages hold each key in their head, and as which part.
        let heads = Heads(states, index)
        clock.mark("    heads")
        var removed = removedBlocks(states, index, threads: threads)
        let copies = copyRelation(states, index, heads, removed: removed, threads: threads)
        clock.mark("    copies")
        // First teasers, and the tails they open, so that an appended article
        // is gone from the page it was glued to before template evidence is
        // taken: each page marks what it removes as it goes.
        let pages = states.map(\.page)  // read for other pages' ids while the states change
        removed.withUnsafeMutableBufferPointer { buffer in
            let flags = UncheckedBuffer(buffer)  // each page writes its own blocks' flags
            Parallel.update(&states, threads: threads) { state, p in
                removeTeasers(&state, page: p, pages: pages, heads: heads, index: index, copies: copies[p])
                mark(state, page: p, index, in: flags)
            }
        }
        clock.mark("    teasers")
        // Template evidence is every page's state after teasers, so all are
        // found before any is removed.
        let found = Parallel.map(states.count, threads: threads) { p in
            templates(of: states[p], page: p, removed: removed, index: index, copies: copies[p])
        }
        Parallel.update(&states, threads: threads) { state, p in
            for (i, removal) in found[p] { state.remove(i, removal) }
        }
        clock.mark("    templates")
    }

    /// Blocks that are another page's title or lead; after a title, once this
    /// page's own text has begun, the rest of the page.
    ///
    /// A title the in-page rules removed already (a headline-like line
    /// judged by its look) still marks where another story starts, when that
    /// story's text follows it: the next block kept is one a page headed by
    /// that title holds too. The title keeps its removal; the rest is tail.
    static func removeTeasers(_ state: inout PageState, page p: Int, pages: [Page],
                              heads: Heads, index: BlockIndex, copies: Set<Int>) {
        var bodyBlocks = 0
        for i in 0 ..< state.count where !state.isHead(i) {
            let removed = state.isRemoved(i)
            if !removed && state.isBodyLike(i) { bodyBlocks += 1 }
            // Of the pages whose title or lead this block is, a title first, then
            // the smallest id: the same one whatever order the pages were read in.
            var found: (page: Int, part: Int)?
            for candidate in heads.of(p, i) where candidate.page != p && !copies.contains(candidate.page) {
                guard let best = found else { found = candidate; continue }
                if (candidate.part == 0) != (best.part == 0) {
                    if candidate.part == 0 { found = candidate }
                } else if pages[candidate.page].id < pages[best.page].id {
                    found = candidate
                }
            }
            guard let teaser = found else { continue }
            let other = pages[teaser.page]
            if removed {
                guard teaser.part == 0, bodyBlocks >= PageState.bodyBlocksBeforeTail,
                      storyFollows(title: i, in: state, page: p, heads: heads, index: index) else { continue }
            }
            state.remove(i, Removal(.teaser, .teaser(of: other, title: teaser.part == 0)))
            if teaser.part == 0, bodyBlocks >= PageState.bodyBlocksBeforeTail {
                let removal = Removal(.tail, .tailAfterTitle(of: other, line: Int32(state.line(i))))
                for j in i + 1 ..< state.count { state.remove(j, removal) }
                break
            }
        }
    }

    /// Whether the first block kept after block `title` of page `p` is one
    /// that a page headed by that title holds too: the story the title
    /// names goes on below it. (A block in more than ``headMaximumPages``
    /// pages is furniture, no story's text.)
    static func storyFollows(title: Int, in state: PageState, page p: Int, heads: Heads, index: BlockIndex) -> Bool {
        guard let next = (title + 1 ..< state.count).first(where: { !state.isRemoved($0) }) else { return false }
        let entry = index.entry(page: p, block: next)
        guard entry.pages <= headMaximumPages else { return false }
        let occurrences = entry.occurrences
        return heads.of(p, title).contains { head in
            head.page != p && occurrences.contains { Int($0.page) == head.page }
        }
    }

    /// The blocks of a page that a page telling another story kept too, with their removals.
    static func templates(of state: PageState, page p: Int, removed: [Bool],
                          index: BlockIndex, copies: Set<Int>) -> [(Int, Removal)] {
        var found: [(Int, Removal)] = []
        for i in 0 ..< state.count where !state.isRemoved(i) && !state.isHead(i) {
            let entry = index.entry(page: p, block: i)
            guard entry.pages >= 2 else { continue }
            let evidence = entry.occurrences.contains { occurrence in
                let q = Int(occurrence.page)
                return q != p && !copies.contains(q) && !removed[index.blockID(page: q, block: Int(occurrence.block))]
            }
            if evidence {
                found.append((i, Removal(.template, .template(pages: Int32(entry.pages), of: Int32(index.pageCount)))))
            }
        }
        return found
    }

    /// For each page, the pages that carry the same story.
    static func copyRelation(_ states: [PageState], _ index: BlockIndex, _ heads: Heads, removed: [Bool],
                             threads: Int) -> [Set<Int>] {
        return Parallel.map(states.count, threads: threads) { p in
            let state = states[p]
            var copies = Set<Int>()
            for b in state.head {
                for other in heads.of(p, b) where other.page != p { copies.insert(other.page) }
            }
            // Shared kept blocks that are nobody's head. Few pages share any
            // one page's blocks, so a short list beats a dictionary here.
            var shared: [(page: Int, blocks: Int, words: Int)] = []
            for i in 0 ..< state.count where !state.isRemoved(i) && !state.isHead(i) {
                guard heads.of(p, i).isEmpty else { continue }
                let entry = index.entry(page: p, block: i)
                guard (2 ... copyMaximumPages).contains(entry.pages) else { continue }
                var last = -1  // occurrences come in page order: count each page once
                for occurrence in entry.occurrences {
                    let q = Int(occurrence.page)
                    guard q != p, q != last, !removed[index.blockID(page: q, block: Int(occurrence.block))] else { continue }
                    last = q
                    if let n = shared.firstIndex(where: { $0.page == q }) {
                        shared[n].blocks += 1
                        shared[n].words += state.tokenCount(i)
                    } else {
                        shared.append((q, 1, state.tokenCount(i)))
                    }
                }
            }
            for s in shared where s.blocks >= copyBlocks && s.words >= copyWords { copies.insert(s.page) }
            let sharesHead = { (q: Int) in
                let other = states[q].head
                return other.indices.contains { n in
                    isStoryHead(page: q, block: other[n], index) && state.head.indices.contains { state.head.key($0) == other.key(n) }
                }
            }
            // A page that carries the other's title below its own head, or whose
            // title the other carries, tells another story, unless their heads meet.
            // Or they open with the same block, one that stands in few pages: the
            // same story's title, where one of them found its head elsewhere (a
            // caption or a dateline between title and text) and so holds the
            // other's head below its own.
            let opening = state.count > 0 && index.entry(page: p, block: 0).pages <= headMaximumPages
            let sharesOpening = { (q: Int) in
                opening && !states[q].blocks.isEmpty && states[q].blocks[0].key == state.blocks[0].key
            }
            return copies.filter { q in
                !(carriesHead(of: q, page: p, states, index) || carriesHead(of: p, page: q, states, index)) || sharesHead(q)
                    || sharesOpening(q)
            }
        }
    }

    /// Whether page `p` holds a block with the key of page `q`'s title below
    /// its own head.
    ///
    /// The title only: a teaser or an appended article opens with its
    /// story's title. A lead alone is a paragraph, and where a republished
    /// copy has a title line of its own (or lost it to the in-page rules),
    /// the other copy's lead is its second paragraph: taken as "another
    /// story", the copies lost the text they share as template.
    ///
    /// Asked only of the few pages a page shares text with: each head key's
    /// occurrences are in page order, so `p`'s are found by a binary search.
    /// (Collecting every such pair of the dump up front, half a million on
    /// the 119 MB dump, and sorting them took a serial 20 ms.)
    static func carriesHead(of q: Int, page p: Int, _ states: [PageState], _ index: BlockIndex) -> Bool {
        let head = states[q].head
        if head.count > 0 && isStoryHead(page: q, block: head[0], index) {
            let occurrences = index.entry(page: q, block: head[0]).occurrences
            var lo = occurrences.partitioningIndex { Int($0.page) >= p }
            while lo < occurrences.endIndex, Int(occurrences[lo].page) == p {
                if !states[p].isHead(Int(occurrences[lo].block)) { return true }
                lo += 1
            }
        }
        return false
    }
}
