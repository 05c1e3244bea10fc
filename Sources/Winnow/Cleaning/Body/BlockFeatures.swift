/// The shallow text features of each block of a page, and of its
/// neighbours, that ``BodyModel`` judges blocks by: what boilerplate
/// detectors built on text use (boilerpipe's word counts and densities,
/// jusText's stopword shares and context), plus where the block stands
/// relative to the page's main run of prose (``BodyLocator``).
///
/// The features are row-major, ``count`` a block, in the order of
/// ``names``. The training script (`Tools/body-model/`) reads them from
/// `winnow features`, so the model is trained on exactly what it is given.
struct BlockFeatures {
    static let names = [
        "words", "bytes", "sentences", "words_per_sentence", "commas_per_word", "stopword_share",
        "capitalised_share", "numeric_share", "separators", "address", "copyright",
        "end_dot", "end_exclamation", "end_colon", "end_comma", "end_ellipsis", "end_word",
        "copies_in_page", "cue_section", "cue_appeal", "cue_byline", "cue_credit",
        "position", "blocks_before", "blocks_after", "blocks",
        "in_body", "before_body", "after_body", "prose_words_before", "body_share", "page_stopword_share",
        "prev_words", "next_words", "prev2_words", "next2_words", "prev_prose", "next_prose",
        "prose_near3", "prose_near10", "mean_words_near3", "labels_near3", "non_prose_run",
        "stopword_share_near2", "prose", "distance_to_prose", "reader_address", "reader_address_near2",
        "body_overlap",
    ]
    static let count = names.count

    /// What the markup of a page read from HTML says of each block
    /// (``LineMarkup``), after the text's features, for a model trained on them.
    static let markupNames = [
        "link_share", "links", "tag_paragraph", "heading_level", "tag_list_item", "tag_cell", "tag_title", "tag_caption",
        "tag_division", "tag_blockquote", "in_nav", "in_header", "in_footer", "in_aside", "in_article", "in_main",
        "in_form", "in_figure", "in_list", "in_table", "in_button", "in_time", "strong", "furniture_class_distance",
        "content_class_distance", "depth", "depth_from_body", "prev_link_share", "next_link_share", "link_share_near3",
        "paragraphs_near3", "body_parent", "body_grandparent",
    ]

    /// `values[block * width + feature]`.
    private(set) var values: [Float]
    /// The features a block: ``count``, and the markup's after them when computed.
    let width: Int
    /// The page's main run of prose, as block indices (empty when it has none).
    let body: Range<Int>

    subscript(block: Int, feature: Int) -> Float { values[block * width + feature] }
    /// The number of blocks.
    var blocks: Int { values.count / width }

    /// Prose: eight words or more, ending as a sentence does.
    static func isProse(words: Int, _ shape: LineShape) -> Bool {
        words >= 8 && (shape.end == .dot || shape.end == .exclamation)
    }

    /// - Parameter markup: whether to add the markup's features
    ///   (``markupNames``, left at -1 for a line the markup says nothing of);
    ///   only for a page read from HTML.
    init(_ state: PageState, cues: CueMatcher, markup: Bool = false, stopwords: StopwordTable = .shared) {
        let n = state.count
        let page = state.page
        var shapes = [LineShape]()
        shapes.reserveCapacity(n)
        page.text.withUnsafeBufferPointer { text in
            for block in page.blocks { shapes.append(LineShape(UnsafeBufferPointer(rebasing: text[block.range]))) }
        }
        let words = (0 ..< n).map { state.tokenCount($0) }
        let prose = (0 ..< n).map { Self.isProse(words: words[$0], shapes[$0]) }
        // Each token looked up once: its function-word languages and whether it addresses the reader.
        let entries = page.tokenHashes.withUnsafeBufferPointer { hashes in
            [UInt32](unsafeUninitializedCapacity: hashes.count) { out, initialized in
                for k in hashes.indices { out[k] = stopwords.entry(hashes[k]) }
                initialized = hashes.count
            }
        }
        let language = stopwords.dominantLanguage(entries)
        var stop = [Int](repeating: 0, count: n), address = [Int](repeating: 0, count: n)
        entries.withUnsafeBufferPointer { entries in
            for i in 0 ..< n {
                var stops = 0, addresses = 0
                for k in page.blocks[i].tokens {
                    stops &+= entries[k] & language != 0 ? 1 : 0
                    addresses &+= entries[k] & StopwordTable.addressBit != 0 ? 1 : 0
                }
                stop[i] = stops
                address[i] = addresses
            }
        }
        var copies = HashTable64<Int32>(capacity: n)
        for block in page.blocks { copies.update(block.key, initial: 0) { $0 += 1 } }
        let body = BodyLocator.mainRun(words: words, prose: prose)
        self.body = body
        let proseWords = zip(words, prose).reduce(0) { $0 + ($1.1 ? $1.0 : 0) }
        let pageWords = max(1, words.reduce(0, +))
        let bodyWords = body.reduce(0) { $0 + words[$1] }
        let pageStop = language == 0 ? -1 : Float(stop.reduce(0, +)) / Float(pageWords)
        let overlap = Self.bodyOverlap(state, entries: entries, language: language, prose: prose, body: body)
        // The nearest prose block before and after each block.
        var lastProse = [Int](repeating: Int.min / 2, count: n)
        var nextProse = [Int](repeating: Int.max / 2, count: n)
        for i in 0 ..< n { lastProse[i] = prose[i] ? i : (i > 0 ? lastProse[i - 1] : Int.min / 2) }
        for i in stride(from: n - 1, through: 0, by: -1) { nextProse[i] = prose[i] ? i : (i + 1 < n ? nextProse[i + 1] : Int.max / 2) }

        func near(_ i: Int, _ radius: Int) -> Range<Int> { max(0, i - radius) ..< min(n, i + radius + 1) }
        func wordsAt(_ i: Int) -> Float { i >= 0 && i < n ? Float(words[i]) : -1 }
        func proseAt(_ i: Int) -> Float { i >= 0 && i < n ? (prose[i] ? 1 : 0) : -1 }

        let lines = markup ? state.page.markup : nil
        let width = Self.count + (lines == nil ? 0 : Self.markupNames.count)
        self.width = width
        var values = [Float](repeating: 0, count: n * width)
        var proseBefore = 0
        values.withUnsafeMutableBufferPointer { out in
            var v = out.baseAddress!
            @inline(__always) func put(_ x: Float) { v.pointee = x; v += 1 }
            for i in 0 ..< n {
                let s = shapes[i], w = words[i]
                let tokens = state.tokens(i)
                let around3 = near(i, 3), around10 = near(i, 10), around2 = near(i, 2)
                var stopNear = 0, wordsNear = 0, addressNear = 0
                for j in around2 { stopNear += stop[j]; wordsNear += words[j]; addressNear += address[j] }
                var prose3 = 0, words3 = 0, labels3 = 0, prose10 = 0
                for j in around3 {
                    prose3 += prose[j] ? 1 : 0
                    words3 += words[j]
                    labels3 += words[j] <= 4 && shapes[j].end != .dot ? 1 : 0
                }
                for j in around10 { prose10 += prose[j] ? 1 : 0 }
                put(Float(w)); put(Float(page.blocks[i].range.count)); put(Float(s.sentences))
                put(Float(w) / Float(max(1, s.sentences))); put(Float(s.commas) / Float(max(1, w)))
                put(language == 0 ? -1 : Float(stop[i]) / Float(max(1, w)))
                put(Float(s.capitalised) / Float(max(1, s.words))); put(Float(s.numeric) / Float(max(1, s.words)))
                put(Float(s.separators)); put(s.hasAddress ? 1 : 0); put(s.hasCopyright ? 1 : 0)
                put(s.end == .dot ? 1 : 0); put(s.end == .exclamation ? 1 : 0); put(s.end == .colon ? 1 : 0)
                put(s.end == .comma ? 1 : 0); put(s.end == .ellipsis ? 1 : 0); put(s.end == .word ? 1 : 0)
                put(Float(copies[page.blocks[i].key] ?? 1))
                put(cues.prefixMatch(.section, tokens) != nil ? 1 : 0); put(cues.prefixMatch(.appeal, tokens) != nil ? 1 : 0)
                put(cues.prefixMatch(.byline, tokens) != nil ? 1 : 0); put(cues.prefixMatch(.credit, tokens) != nil ? 1 : 0)
                put(Float(i) / Float(max(1, n - 1))); put(Float(i)); put(Float(n - 1 - i)); put(Float(n))
                put(body.contains(i) ? 1 : 0); put(Float(max(0, body.lowerBound - i))); put(Float(max(0, i - body.upperBound + 1)))
                put(Float(proseBefore) / Float(max(1, proseWords))); put(Float(bodyWords) / Float(pageWords)); put(pageStop)
                put(wordsAt(i - 1)); put(wordsAt(i + 1)); put(wordsAt(i - 2)); put(wordsAt(i + 2)); put(proseAt(i - 1)); put(proseAt(i + 1))
                put(Float(prose3)); put(Float(prose10)); put(Float(words3) / Float(around3.count)); put(Float(labels3))
                put(prose[i] ? 0 : Float(min(nextProse[i], n) - max(lastProse[i], -1) - 1))
                put(language == 0 ? -1 : Float(stopNear) / Float(max(1, wordsNear)))
                put(prose[i] ? 1 : 0); put(Float(min(i - lastProse[i], nextProse[i] - i, n)))
                put(Float(address[i]) / Float(max(1, w))); put(Float(addressNear) / Float(max(1, wordsNear)))
                put(overlap[i])
                if prose[i] { proseBefore += w }
                if lines != nil { v += Self.markupNames.count }
            }
            precondition(v == out.baseAddress! + out.count, "a feature written for each name")
            if let lines { Self.putMarkup(lines, page: page, prose: prose, body: body, into: out.baseAddress! + Self.count, stride: width) }
        }
        self.values = values
    }

    /// Of each block's words that are not function words of the page's
    /// language, the share found in the main run's other prose blocks (-1 for
    /// a block with no such word, or a page with no main run). An article's
    /// title, subheadings and captions speak of what its paragraphs speak of;
    /// another story's teaser, a menu or a notice do not.
    private static func bodyOverlap(_ state: PageState, entries: [UInt32], language: UInt32,
                                    prose: [Bool], body: Range<Int>) -> [Float] {
        let page = state.page, n = state.count
        var result = [Float](repeating: -1, count: n)
        guard !body.isEmpty else { return result }
        let blocks = page.blocks
        var bodyTokens = 0
        for i in body where prose[i] { bodyTokens += blocks[i].tokenCount }
        var table = WordHolders(words: bodyTokens)
        defer { table.release() }
        page.tokenHashes.withUnsafeBufferPointer { hashes in
            entries.withUnsafeBufferPointer { entries in
                // Function words go in and are looked up too, but are not
                // counted: a branch on each word's kind, taken one time in
                // two at random, cost more than the lookups it saved.
                for i in body where prose[i] {
                    for k in blocks[i].tokens { table.add(hashes[k], block: i) }
                }
                for i in 0 ..< n {
                    // A block of the main run's prose holds each of its words itself.
                    let own = body.contains(i) && prose[i] ? 1 : 0
                    var count = 0, found = 0
                    for k in blocks[i].tokens {
                        let content = entries[k] & language == 0 ? 1 : 0
                        count &+= content
                        found &+= content & (table.holders(hashes[k]) > own ? 1 : 0)
                    }
                    if count > 0 { result[i] = Float(found) / Float(count) }
                }
            }
        }
        return result
    }

    /// The words of a page's main run of prose and how many of its blocks
    /// hold each (none, one, two or more), for ``bodyOverlap``: a table
    /// open-addressed on the words' hashes, its slot read off the high bits
    /// of the hash times an odd constant. A slot is one word: the hash (0
    /// read as 1: 0 marks a free slot) in the high half, the last block
    /// holding it and the count below. (The module's `HashTable64`, keyed
    /// on the 32-bit hashes, took twice as long.)
    ///
    /// Every token of the page is looked up and many are not in the body, so
    /// the table is made at least twice the body's token count (at most
    /// half full, about a quarter with words repeated): a miss at three
    /// quarters full probes eight slots on average, at half full two and a half.
    /// Up to ``largestStart`` slots: past that (a page of megabytes, whose
    /// words repeat) it grows with the distinct words instead.
    private struct WordHolders {
        private var slots: UnsafeMutablePointer<UInt64>
        private var size = 64, used = 0

        /// 64K slots, half a megabyte.
        static let largestStart = 1 << 16

        /// A table for up to `words` words (more make it grow).
        init(words: Int) {
            while size < 2 * words && size < Self.largestStart { size <<= 1 }
            slots = .allocate(capacity: size)
            slots.initialize(repeating: 0, count: size)
        }

        func release() { slots.deallocate() }

        @inline(__always) private static func key(_ word: TokenHash) -> UInt64 { UInt64(max(word, 1)) << 32 }

        @inline(__always) private func slot(_ key: UInt64) -> Int {
            let shift = UInt64(64 - size.trailingZeroBitCount), mask = size - 1
            var s = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) & mask
            while slots[s] != 0 && slots[s] & 0xFFFF_FFFF_0000_0000 != key { s = (s + 1) & mask }
            return s
        }

        /// Counts `block` among the holders of `word`.
        @inline(__always) mutating func add(_ word: TokenHash, block: Int) {
            let key = Self.key(word), s = slot(key)
            let last = UInt64(truncatingIfNeeded: block) & 0x3FFF_FFFF
            if slots[s] == 0 {
                slots[s] = key | last << 2 | 1
                used += 1
                if used * 4 > size * 3 { grow() }
            } else if (slots[s] >> 2) & 0x3FFF_FFFF != last {
                slots[s] = key | last << 2 | min(2, (slots[s] & 3) + 1)
            }
        }

        /// The blocks holding `word`: 0, 1, or 2 for two or more.
        @inline(__always) func holders(_ word: TokenHash) -> Int {
            let value = slots[slot(Self.key(word))]
            return Int(truncatingIfNeeded: value & 3)
        }

        private mutating func grow() {
            let old = slots, oldSize = size
            size *= 2
            slots = .allocate(capacity: size)
            slots.initialize(repeating: 0, count: size)
            for i in 0 ..< oldSize where old[i] != 0 { slots[slot(old[i] & 0xFFFF_FFFF_0000_0000)] = old[i] }
            old.deallocate()
        }
    }

    /// The markup's features of each block (``markupNames``), at `out + block × stride`.
    private static func putMarkup(_ lines: [LineMarkup], page: Page, prose: [Bool], body: Range<Int>,
                                  into out: UnsafeMutablePointer<Float>, stride: Int) {
        let n = page.blocks.count
        let unknown = LineMarkup()
        let markup = page.blocks.map { $0.line - 1 < lines.count ? lines[$0.line - 1] : unknown }
        // The depth of the article's paragraphs: the median of the main run's prose blocks'.
        let bodyDepths = body.filter { prose[$0] }.map { Int(markup[$0].depth) }.sorted()
        let bodyDepth = bodyDepths.isEmpty ? -1 : bodyDepths[bodyDepths.count / 2]
        // The containers holding most of the main run's prose.
        var parentWords: [UInt32: Int] = [:], grandparentWords: [UInt32: Int] = [:]
        for i in body where prose[i] {
            parentWords[markup[i].parent, default: 0] += page.blocks[i].tokenCount
            grandparentWords[markup[i].grandparent, default: 0] += page.blocks[i].tokenCount
        }
        let bodyParent = parentWords.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key
        let bodyGrandparent = grandparentWords.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key
        func share(_ i: Int) -> Float { i >= 0 && i < n ? markup[i].linkShare : -1 }
        for i in 0 ..< n {
            let m = markup[i]
            var v = out + i * stride
            @inline(__always) func put(_ x: Float) { v.pointee = x; v += 1 }
            @inline(__always) func flag(_ x: Bool) { put(x ? 1 : 0) }
            put(m.linkShare); put(Float(m.links))
            flag(m.tag == .paragraph); put(Float(m.headingLevel)); flag(m.tag == .listItem); flag(m.tag == .cell)
            flag(m.tag == .title); flag(m.tag == .caption); flag(m.tag == .division); flag(m.tag == .blockquote)
            for section: LineMarkup.Sections in [.nav, .header, .footer, .aside, .article, .main, .form, .figure, .list,
                                                 .table, .button, .time, .strong] {
                flag(m.sections.contains(section))
            }
            put(Float(m.furnitureClassDistance)); put(Float(m.contentClassDistance))
            put(Float(m.depth)); put(bodyDepth < 0 ? -100 : Float(Int(m.depth) - bodyDepth))
            put(share(i - 1)); put(share(i + 1))
            var linkBytes = 0, bytes = 0, paragraphs = 0
            for j in max(0, i - 3) ..< min(n, i + 4) {
                linkBytes += Int(markup[j].linkBytes); bytes += Int(markup[j].bytes)
                paragraphs += markup[j].tag == .paragraph ? 1 : 0
            }
            put(bytes == 0 ? 0 : Float(linkBytes) / Float(bytes)); put(Float(paragraphs))
            flag(bodyParent != nil && m.parent == bodyParent); flag(bodyGrandparent != nil && m.grandparent == bodyGrandparent)
        }
    }
}

/// The page's main run of prose: the stretch of blocks where sentence text
/// outweighs everything else most, wherever it starts. Prose blocks count
/// their words for the run; any other block counts against it, a little
/// (a subheading, a caption between paragraphs) or, in numbers (a menu, a
/// list of links), a lot.
enum BodyLocator {
    /// What a block that is not prose costs the run: a fixed part and a share of its words.
    static let gapCost = 4
    static let gapWordShare = 2

    static func mainRun(words: [Int], prose: [Bool]) -> Range<Int> {
        var best = 0 ..< 0, bestSum = 0
        var start = 0, sum = 0
        for i in words.indices {
            let w = prose[i] ? words[i] : -(gapCost + words[i] / gapWordShare)
            if sum <= 0 { start = i; sum = 0 }
            sum += w
            if sum > bestSum { bestSum = sum; best = start ..< i + 1 }
        }
        return best
    }
}
