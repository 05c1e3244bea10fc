/// The cross-page rule (``CrossPageRule``) computed a page at a time from
/// what each of its keys' groups says (``KeyFacts``, ``KeptFacts``), as a
/// cluster computes it: group every block by key, send each key's facts to
/// the pages holding it, decide each page on its own.
///
/// It gives exactly the removals ``CrossPageRule/apply(to:context:)`` gives
/// on one machine, which reads the same evidence from its block index (the
/// stage tests check it on the labelled dumps): each step below names the
/// step of ``CrossPageRule`` it stands for. All evidence about other pages
/// is about keys in at most ``CrossPageRule/headMaximumPages`` pages, except
/// two counts (pages holding a key, pages keeping it) and the first few
/// keeping pages: a site's template, in a million pages, is a few numbers.
enum KeyedCrossPage {
    /// The occurrences of a page's blocks, for grouping by key: only the
    /// page's distinct text takes part (a page with the text of an earlier
    /// one is cleaned as that one).
    static func occurrences(of page: PageSummary) -> [(key: UInt64, occurrence: KeyOccurrence)] {
        (0 ..< page.count).map { i in
            let part = page.headPart(i).map(Int8.init)
            return (page.keys[i], KeyOccurrence(order: page.order, block: Int32(i), removed: page.isRemoved(i),
                                                headPart: part, id: part == nil ? nil : page.id))
        }
    }

    /// A key's facts from all its occurrences (any order).
    static func facts(key: UInt64, _ occurrences: [KeyOccurrence]) -> KeyFacts {
        let sorted = occurrences.sorted()
        var pages = 0
        var last: PageOrder?
        for o in sorted where o.order != last {
            pages += 1
            last = o.order
        }
        let few = pages <= CrossPageRule.headMaximumPages
        let heads = few ? sorted.compactMap { o in o.headPart.map { KeyFacts.Head(order: o.order, part: $0, id: o.id ?? "") } } : []
        return KeyFacts(key: key, pages: pages, heads: heads, occurrences: few ? sorted : nil)
    }

    /// Copies and teasers of one page (``CrossPageRule/copyRelation`` and
    /// ``CrossPageRule/removeTeasers``), from its keys' facts.
    static func teasers(_ page: PageSummary, facts: [UInt64: KeyFacts]) -> TeaserResult {
        let p = page.order
        let fact = { (i: Int) in facts[page.keys[i]]! }
        let heads = { (i: Int) in fact(i).heads }
        // Copies: pages sharing a head block.
        var copies = Set<PageOrder>()
        for b in page.head {
            for other in heads(Int(b)) where other.order != p { copies.insert(other.order) }
        }
        // Or sharing kept blocks that are nobody's head and stand in few pages.
        var shared: [PageOrder: (blocks: Int, words: Int)] = [:]
        for i in 0 ..< page.count where !page.isRemoved(i) && !page.isHead(i) {
            let f = fact(i)
            guard f.heads.isEmpty, (2 ... CrossPageRule.copyMaximumPages).contains(f.pages) else { continue }
            var last: PageOrder?
            for o in f.occurrences! where o.order != p && o.order != last && !o.removed {
                last = o.order
                shared[o.order, default: (0, 0)].blocks += 1
                shared[o.order, default: (0, 0)].words += Int(page.tokens[i])
            }
        }
        for (q, s) in shared where s.blocks >= CrossPageRule.copyBlocks && s.words >= CrossPageRule.copyWords { copies.insert(q) }
        // A page that carries the other's title below its own head, or whose
        // title the other carries, tells another story, unless their heads
        // meet (``CrossPageRule/carriesHead(of:page:_:_:)``).
        var carried = Set<PageOrder>()  // pages whose story title this page holds below its own head
        for j in 0 ..< page.count where !page.isHead(j) {
            for h in heads(j) where h.part == 0 { carried.insert(h.order) }
        }
        var carriers = Set<PageOrder>()  // pages holding this page's story title below their head
        var headsMet = Set<PageOrder>()  // pages with a story head this page's head holds
        for (part, b) in page.head.enumerated() {
            let f = fact(Int(b))
            for h in f.heads { headsMet.insert(h.order) }
            guard part == 0, f.pages <= CrossPageRule.headMaximumPages else { continue }
            for o in f.occurrences! where o.headPart == nil { carriers.insert(o.order) }
        }
        // Or they open with the same block, one that stands in few pages.
        var openers = Set<PageOrder>()
        if page.count > 0, fact(0).pages <= CrossPageRule.headMaximumPages {
            for o in fact(0).occurrences! where o.block == 0 { openers.insert(o.order) }
        }
        copies = copies.filter { q in
            !(carried.contains(q) || carriers.contains(q)) || headsMet.contains(q) || openers.contains(q)
        }

        // Teasers, and the tails after titles.
        var decisions: [CrossPageDecision] = []
        var removed = (0 ..< page.count).map(page.isRemoved)
        var bodyBlocks = 0
        for i in 0 ..< page.count where !page.isHead(i) {
            let wasRemoved = removed[i]
            if !wasRemoved && page.isBodyLike(i) { bodyBlocks += 1 }
            var found: KeyFacts.Head?
            for candidate in heads(i) where candidate.order != p && !copies.contains(candidate.order) {
                guard let best = found else { found = candidate; continue }
                if (candidate.part == 0) != (best.part == 0) {
                    if candidate.part == 0 { found = candidate }
                } else if candidate.id < best.id {
                    found = candidate
                }
            }
            guard let teaser = found else { continue }
            if wasRemoved {
                guard teaser.part == 0, bodyBlocks >= PageState.bodyBlocksBeforeTail,
                      storyFollows(title: i, in: page, removed: removed, facts: facts) else { continue }
            } else {
                decisions.append(CrossPageDecision(block: Int32(i), kind: .teaser, of: teaser.id, title: teaser.part == 0))
                removed[i] = true
            }
            if teaser.part == 0, bodyBlocks >= PageState.bodyBlocksBeforeTail {
                for j in i + 1 ..< page.count where !removed[j] {
                    decisions.append(CrossPageDecision(block: Int32(j), kind: .tailAfterTitle, of: teaser.id, line: page.lines[i]))
                    removed[j] = true
                }
                break
            }
        }
        var kept = Set<UInt64>()
        for i in 0 ..< page.count where !removed[i] { kept.insert(page.keys[i]) }
        return TeaserResult(order: p, copies: copies.sorted(), decisions: decisions, keptKeys: kept.sorted())
    }

    /// ``CrossPageRule/storyFollows``: the first block kept after `title`
    /// stands in few pages, one of them headed by the title.
    private static func storyFollows(title: Int, in page: PageSummary, removed: [Bool], facts: [UInt64: KeyFacts]) -> Bool {
        guard let next = (title + 1 ..< page.count).first(where: { !removed[$0] }) else { return false }
        let f = facts[page.keys[next]]!
        guard f.pages <= CrossPageRule.headMaximumPages else { return false }
        return facts[page.keys[title]]!.heads.contains { head in
            head.order != page.order && f.occurrences!.contains { $0.order == head.order }
        }
    }

    /// A key's pages after the teaser rule, from each occurrence's page and
    /// whether that page still keeps a block with it; `limit` pages are
    /// named (two more than the most copies any page has: enough to find
    /// one outside a page and its copies).
    static func keptFacts(key: UInt64, _ holders: [(order: PageOrder, keeps: Bool)], limit: Int) -> KeptFacts {
        let pages = Set(holders.map(\.order)).count
        let keeping = Set(holders.filter(\.keeps).map(\.order)).sorted()
        return KeptFacts(key: key, pages: pages, keeping: keeping.count, first: Array(keeping.prefix(limit)))
    }

    /// The templates of one page (``CrossPageRule/templates``): blocks it
    /// keeps after the teasers that a page telling another story keeps too.
    static func templates(_ page: PageSummary, _ teasers: TeaserResult, kept: [UInt64: KeptFacts], pageCount: Int) -> [CrossPageDecision] {
        var removed = (0 ..< page.count).map(page.isRemoved)
        for d in teasers.decisions { removed[Int(d.block)] = true }
        let copies = Set(teasers.copies)
        var found: [CrossPageDecision] = []
        for i in 0 ..< page.count where !removed[i] && !page.isHead(i) {
            let k = kept[page.keys[i]]!
            guard k.pages >= 2 else { continue }
            // More pages keep it than this page and its copies: one is another story's.
            let evidence = k.keeping > copies.count + 1 || k.first.contains { $0 != page.order && !copies.contains($0) }
            if evidence {
                found.append(CrossPageDecision(block: Int32(i), kind: .template, pages: Int32(k.pages), all: Int32(pageCount)))
            }
        }
        return found
    }

    /// Applies a page's cross-page decisions to its state, as the rule does.
    static func apply(_ decisions: [CrossPageDecision], to state: inout PageState) {
        var named: [String: Page] = [:]
        let page = { (id: String) in
            if let known = named[id] { return known }
            let made = Page(id: id, origin: PageOrigin(path: id), bytes: [UInt8]())
            named[id] = made
            return made
        }
        for d in decisions {
            let removal: Removal = switch d.kind {
            case .teaser: Removal(.teaser, .teaser(of: page(d.of ?? ""), title: d.title ?? false))
            case .tailAfterTitle: Removal(.tail, .tailAfterTitle(of: page(d.of ?? ""), line: d.line ?? 0))
            case .template: Removal(.template, .template(pages: d.pages ?? 0, of: d.all ?? 0))
            }
            state.remove(Int(d.block), removal)
        }
    }
}
