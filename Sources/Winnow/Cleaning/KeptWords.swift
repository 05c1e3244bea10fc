/// The words of a page's kept blocks read as one stream, for finding where
/// given shingles start.
///
/// A shingle may run from one kept block into the next (a caption split over
/// two lines); it belongs to the block it starts in. The stream is read where
/// the words lie, with no copy, and only positions whose first two words pass
/// a ``WordFilter`` are hashed, so looking for a few shingles in a long page
/// costs about one bit test per word.
struct KeptWords {
    let state: PageState
    /// The kept blocks, in page order.
    let blocks: [Int]

    /// The number of words in the stream.
    var count: Int { blocks.reduce(0) { $0 + state.tokenCount($1) } }

    /// Calls `body` with the hash of each shingle of the stream whose first two
    /// words `filter` lets through, and the block it starts in, in stream order.
    /// (A shingle of two words or more.)
    func forEachShingle(_ shingler: Shingler, startingWith filter: WordFilter, _ body: (UInt64, Int) -> Void) {
        let k = shingler.size
        precondition(k >= 2, "the filter tests a shingle's first two words")
        let ranges = blocks.map { state.blocks[$0].tokens }
        var window = [TokenHash](repeating: 0, count: k)
        state.page.tokenHashes.withUnsafeBufferPointer { all in
            guard let base = all.baseAddress else { return }
            filter.withBits { bits in
                window.withUnsafeMutableBufferPointer { window in
                    for n in ranges.indices {
                        let (end, block) = (ranges[n].upperBound, blocks[n])
                        func emit(_ p: Int) {
                            if p + k <= end {
                                body(shingler.hash(base + p), block)
                            } else if gather(from: p, in: n, ranges, all, into: window) {
                                body(shingler.hash(window.baseAddress!), block)
                            }
                        }
                        // The filter's test is the loop's whole work for most
                        // positions: it reads the words through raw pointers.
                        var p = ranges[n].lowerBound
                        while p &+ 1 < end {
                            if WordFilter.mayContain(base[p], base[p &+ 1], bits) { emit(p) }
                            p &+= 1
                        }
                        // The block's last word: the shingle runs on, and its
                        // second word opens the next block that has words.
                        if p < end {
                            var m = n + 1
                            while m < ranges.count && ranges[m].isEmpty { m += 1 }
                            if m < ranges.count && WordFilter.mayContain(base[p], base[ranges[m].lowerBound], bits) { emit(p) }
                        }
                    }
                }
            }
        }
    }

    /// Fills `window` with the words from position `p` (in range `n`) on,
    /// running into the next ranges; false when the stream ends first.
    private func gather(from p: Int, in n: Int, _ ranges: [Range<Int>], _ all: UnsafeBufferPointer<TokenHash>,
                        into window: UnsafeMutableBufferPointer<TokenHash>) -> Bool {
        var filled = 0, n = n, q = p
        while filled < window.count {
            if q == ranges[n].upperBound {
                n += 1
                guard n < ranges.count else { return false }
                q = ranges[n].lowerBound
                continue
            }
            window[filled] = all[q]
            filled += 1
            q += 1
        }
        return true
    }
}

/// A set of pairs of word hashes (a shingle's first two words) that may say
/// yes wrongly but never no wrongly: 16,384 bits indexed by bits of the two
/// hashes mixed, 2 KB, small enough to stay in the L1 cache. Pairs, not single
/// words: a sought shingle that opens with a common word ("the", "và") would
/// let most of a page's positions through.
struct WordFilter {
    private var bits = [UInt64](repeating: 0, count: 256)

    /// An empty filter.
    init() {}

    /// A filter of the adjacent pairs of each word list.
    init<S: Sequence>(pairsOf lists: S) where S.Element: Collection, S.Element.Element == TokenHash {
        for words in lists {
            for (a, b) in zip(words, words.dropFirst()) { insert(a, b) }
        }
    }

    /// Adds the pair `a`, `b`.
    mutating func insert(_ a: TokenHash, _ b: TokenHash) {
        let slot = Self.slot(a, b)
        bits[slot.word] |= slot.bit
    }

    @inline(__always)
    private static func slot(_ a: TokenHash, _ b: TokenHash) -> (word: Int, bit: UInt64) {
        let x = a ^ (b >> 13 | b << 19)
        return (Int(truncatingIfNeeded: x >> 6) & 255, 1 << UInt64(x & 63))
    }

    @inline(__always)
    func mayContain(_ a: TokenHash, _ b: TokenHash) -> Bool {
        withBits { Self.mayContain(a, b, $0) }
    }

    /// Calls `body` with the filter's bits, for ``mayContain(_:_:_:)`` in a loop.
    @inline(__always)
    func withBits<R>(_ body: (UnsafePointer<UInt64>) -> R) -> R {
        bits.withUnsafeBufferPointer { body($0.baseAddress!) }
    }

    /// Whether the filter whose bits are `bits` may hold the pair `a`, `b`.
    @inline(__always)
    static func mayContain(_ a: TokenHash, _ b: TokenHash, _ bits: UnsafePointer<UInt64>) -> Bool {
        let slot = slot(a, b)
        return bits[slot.word] & slot.bit != 0
    }
}
