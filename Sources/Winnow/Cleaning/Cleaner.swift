/// Options of ``Cleaner``.
public struct CleanerOptions: Sendable {
    /// Keep photo captions and credits.
    public var keepCaptions = false
    /// Use evidence from the other pages of the dump (templates, teasers).
    public var crossPage = true
    /// Cue phrases; the built-in languages by default.
    public var cues = CuePhrases.builtIn
    /// Worker threads. The output does not depend on it.
    public var threads = Parallel.defaultThreads
    /// Where to show how far cleaning has got.
    package var progress: ProgressMeter?
    /// The cue files given and whether the built-in cues are in, for reports.
    package var cueFiles: [String] = []
    package var builtinCues = true

    public init() {}
}

/// Cuts a dump's pages down to their article text, block by block, with a
/// reason for every removal.
///
/// The article body is found first: the body model scores every block from
/// its look and its place relative to the page's main run of prose
/// (`BlockFeatures`, `BodyModel`). Then rules run in order, each on the
/// blocks the earlier ones kept:
/// 1. in-page repeats and groups printed twice (``RemovalReason/repeat``);
///    an article printed twice keeps one copy;
/// 2. captions and credits (``RemovalReason/caption``);
/// 3. the tail after the article's end (``RemovalReason/tail``), cut only
///    well into the body and never at a lone cue;
/// 4. section labels: a list's header ("Related"), and a link behind one
///    ("Read more: …", ``RemovalReason/teaser``), each taking only itself;
/// 5. blocks the body model scores as no article text: menus, link lists,
///    notices, prompts (``RemovalReason/outside``);
/// 6. across pages: blocks shared with pages that tell other stories
///    (``RemovalReason/template``, ``RemovalReason/teaser``).
public struct Cleaner: Sendable {
    public let options: CleanerOptions
    private let context: RuleContext

    public init(options: CleanerOptions = CleanerOptions()) {
        self.options = options
        context = RuleContext(options: options, cues: CueMatcher(options.cues))
    }

    /// The rules that judge a page on its own, in order.
    private static let inPageRules: [any PageRule] = [RepeatRule(), CaptionRule(), TailRule(), SectionLabelRule(), BodyRule()]

    /// The features the body model judges each block of `page` by (the
    /// markup's too for a page read from HTML), for training the model
    /// (`winnow features`, `Tools/body-model/`).
    @_spi(Training)
    public func features(_ page: Page) -> (names: [String], values: [Float]) {
        let markup = page.markup != nil
        return (BlockFeatures.names + (markup ? BlockFeatures.markupNames : []),
                BlockFeatures(PageState(page), cues: context.cues, markup: markup).values)
    }

    /// A page judged on its own evidence: the in-page rules' removals,
    /// before the rest of the dump is known.
    public struct PreparedPage: Sendable {
        let state: PageState
    }

    /// Runs the in-page rules on one page. A reader can do this as it reads
    /// each page (see ``Corpus``), while the page's text and hashes are in
    /// the cache; ``clean(_:prepared:)`` then takes up from there.
    public func prepare(_ page: Page) -> PreparedPage {
        var state = PageState(page)
        BodyRule.score(&state, context: context)
        for rule in Self.inPageRules { rule.apply(to: &state, context: context) }
        state.settleHead()
        return PreparedPage(state: state)
    }

    /// Cleans the pages of one dump. Pages are judged against each other, so
    /// pass the whole dump at once.
    ///
    /// A page whose text is byte for byte that of an earlier page (crawled
    /// twice, saved under two names) is cleaned as that page is: it tells no
    /// other story, so it is no evidence about the other pages either.
    public func clean(_ pages: [Page]) -> [CleanedPage] {
        clean(pages, prepared: [])
    }

    /// Cleans the pages of one dump, `prepared[i]`, where given, holding
    /// ``prepare(_:)``'s work on `pages[i]`, or on a page it shares its
    /// text with (see `Page.sharesText(with:)`: one renamed since, a copy
    /// of the same file). A page of another text is prepared again.
    /// The prepared pages are taken, not copied (a copy of each, and the
    /// release of each original after, cost 2% of a `dups` run).
    public func clean(_ pages: [Page], prepared: consuming [PreparedPage?]) -> [CleanedPage] {
        clean(pages, prepared: prepared, evidence: [])
    }

    /// Cleans the pages with `evidence`, pages of the archive judged on
    /// earlier days, standing beside them for the cross-page rule: a
    /// template they kept, a title or lead of theirs, counts as it would on
    /// a page of this dump. They are not cleaned again.
    func clean(_ pages: [Page], prepared: consuming [PreparedPage?], evidence: [ArchivedPage]) -> [CleanedPage] {
        var clock = StageClock()
        // Pages hash their text as they are read (or take their file's hash).
        let original = ExactCopies.originals(count: pages.count, threads: options.threads, hash: { pages[$0].textHash },
                                             same: { Page.sameText(pages[$0], pages[$1]) })
        let distinctIndices = pages.indices.filter { original[$0] == $0 }
        let hasCopies = distinctIndices.count < pages.count
        let distinct = hasCopies ? distinctIndices.map { pages[$0] } : pages
        clock.mark("  exact copies")
        options.progress?.begin("cleaning", total: distinct.count, unit: "pages")
        var prepared = prepared
        // A page with no prepared state of its own (a copy of a file read
        // after it, which the reader analysed instead) takes a copy's.
        if hasCopies {
            for i in pages.indices where original[i] != i && i < prepared.count && original[i] < prepared.count {
                guard prepared[original[i]] == nil, let state = prepared[i]?.state,
                      state.page.sharesText(with: pages[original[i]]) else { continue }
                prepared[original[i]] = prepared[i].take()
            }
        }
        var states = prepared.withUnsafeMutableBufferPointer { slots in
            let ready = UncheckedBuffer(slots)  // each element is taken by one thread
            return Parallel.map(distinct.count, threads: options.threads) { i in
                defer { options.progress?.advance() }
                let p = hasCopies ? distinctIndices[i] : i
                if p < ready.base.count, let state = ready.base[p].take()?.state, state.page.sharesText(with: distinct[i]) {
                    return state.page === distinct[i] ? state : state.rebased(on: distinct[i])
                }
                return prepare(distinct[i]).state
            }
        }
        clock.mark("  in-page rules")
        if options.crossPage, distinct.count + evidence.count > 1 {
            options.progress?.begin("comparing pages")
            let today = states.count
            states += evidence.map(PageState.init(archived:))
            CrossPageRule.apply(to: &states, context: context)
            states.removeLast(states.count - today)
            clock.mark("  cross-page rule")
        }
        Parallel.update(&states, threads: options.threads) { state, _ in state.releaseRuleData() }
        guard hasCopies else {
            return Parallel.map(states.count, threads: options.threads) {
                CleanedPage(page: states[$0].page, removals: states[$0].removals, head: states[$0].head.map(Int32.init))
            }
        }
        var slot = [Int](repeating: 0, count: pages.count)  // a distinct page's index in `states`
        for (n, i) in distinctIndices.enumerated() { slot[i] = n }
        return pages.indices.map { i in
            let state = states[slot[original[i]]]
            return CleanedPage(page: pages[i], removals: state.removals, head: state.head.map(Int32.init))
        }
    }
}

/// A page after cleaning: which blocks stay, and why the others went.
public struct CleanedPage: Sendable {
    public let page: Page
    /// For each block of the page, its removal, or nil if it is kept.
    public let removals: [Removal?]
    /// The blocks of the page's title and lead, as the cleaner found them (for the archive).
    let head: [Int32]

    public init(page: Page, removals: [Removal?]) {
        self.init(page: page, removals: removals, head: [])
    }

    init(page: Page, removals: [Removal?], head: [Int32]) {
        self.page = page
        self.removals = removals
        self.head = head
    }

    /// The blocks kept, in order.
    public var keptBlocks: [Block] {
        zip(page.blocks, removals).compactMap { $1 == nil ? $0 : nil }
    }

    /// The blocks removed, with their reasons, in order.
    public var removedBlocks: [(block: Block, removal: Removal)] {
        zip(page.blocks, removals).compactMap { block, removal in removal.map { (block, $0) } }
    }

    /// The cleaned page as Markdown-lite when it was read from HTML: each
    /// heading kept after `#`s of its level, each list item after `- `, the
    /// other blocks as ``text`` gives them; a page read as text, as ``text``.
    public var markdown: [UInt8] { rendered(marked: page.markup) }

    /// The cleaned page: the original bytes of each kept block, one a line.
    public var text: [UInt8] { rendered(marked: nil) }

    /// The kept blocks a line each; with `markup`, headings and list items marked as it says.
    private func rendered(marked markup: [LineMarkup]?) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(page.text.count + (markup == nil ? 0 : 64))
        for block in keptBlocks {
            if let markup, block.line - 1 < markup.count {
                let line = markup[block.line - 1]
                if line.tag == .heading, line.headingLevel > 0 {
                    out += Array(repeating: UInt8(ascii: "#"), count: Int(line.headingLevel)) + [0x20]
                } else if line.tag == .listItem {
                    out += [UInt8(ascii: "-"), 0x20]
                }
            }
            out += page.text[block.range]
            out.append(0x0A)
        }
        return out
    }

    /// Drops the whole page as a copy of `keptID`.
    public func droppedAsDuplicate(of keptID: String) -> CleanedPage {
        let removal = Removal(.duplicate, "copy of \(keptID)")
        return CleanedPage(page: page, removals: removals.map { $0 ?? removal }, head: head)
    }
}
