/// Options of ``DuplicateFinder``.
public struct DuplicateOptions: Sendable {
    /// The similarity a pair must reach to be reported: its Jaccard
    /// similarity, or its containment, whichever is higher. 0.6 by default:
    /// on the dev dump, cleaned copies (exact, lightly and heavily edited,
    /// re-crawled) measure 0.65 and up, while distinct stories that reuse a
    /// few passages (a wire paragraph, a quote) reach 0.54.
    public var threshold = 0.6
    /// Words per shingle.
    public var shingleSize = 5
    /// MinHash slots.
    public var permutations = 128
    /// Worker threads. Results do not depend on it.
    public var threads = Parallel.defaultThreads
    /// How many shared passages to give per pair.
    public var maximumPassages = 5
    /// Where to show how far the search has got.
    package var progress: ProgressMeter?

    public init() {}

    /// The Jaccard level LSH banding aims at. It is below ``threshold``
    /// because a pair can pass on containment with a lower Jaccard (a copy
    /// that lost a third of its text); exact verification decides.
    public var candidateThreshold: Double { max(0.05, threshold * 0.4) }
}

/// Finds near-duplicate documents: MinHash signatures over k-word shingles,
/// LSH banding for candidates, every candidate verified on the exact shingle
/// sets, and union-find over the verified pairs.
///
/// A document whose words are exactly those of an earlier one is an identical
/// copy: it joins that document's cluster through one pair marked
/// ``DuplicatePair/identical``, and is not searched again. (Its other pairs
/// would be its twin's, and a page crawled many times would otherwise cost
/// the square of its copies.)
///
/// Documents can be added in batches, and a new document can be checked
/// against what the finder holds ("have I seen this story?").
public struct DuplicateFinder: Sendable {
    public let options: DuplicateOptions
    private let minHash: MinHash
    private let shingler: Shingler
    private var lsh: LSHIndex

    /// A document held. Its shingle set is not kept: only the documents
    /// that LSH pairs need it, and they make it again when verified (most
    /// documents pair with none, and a dump's sets would take as much
    /// memory as its word hashes).
    struct Entry: Sendable {
        var document: DuplicateDocument
        /// The earlier entry this one is an identical copy of.
        var original: Int?
    }

    private var entries: [Entry] = []
    /// Documents by their words, to find identical copies.
    private var exactCopies = ExactCopies()
    /// The identical copies of each entry that has any.
    private var copies: [Int: [Int]] = [:]

    public init(options: DuplicateOptions = DuplicateOptions()) {
        self.options = options
        minHash = MinHash(permutations: options.permutations)
        shingler = Shingler(size: options.shingleSize)
        let p = LSHIndex.parameters(threshold: options.candidateThreshold, permutations: options.permutations)
        lsh = LSHIndex(bands: p.bands, rows: p.rows)
    }

    /// The number of documents held.
    public var count: Int { entries.count }

    /// LSH bands and rows in use.
    public var banding: (bands: Int, rows: Int) { (lsh.bands, lsh.rows) }

    /// Adds a batch of documents.
    public mutating func add(_ documents: [DuplicateDocument]) {
        var clock = StageClock()
        options.progress?.begin("hashing", total: documents.count, unit: "documents")
        // Band keys go straight into a band-major table: each band's buckets
        // are then filled from one run of memory.
        let n = documents.count
        var keys = [UInt64](repeating: 0, count: lsh.bands * n)
        // Whether each document has shingles, and so band keys.
        var included = [Bool](repeating: false, count: n)
        // The hash of each document's words (nil for none), for finding
        // identical copies: made from the words joined for its shingles.
        var wordsHashes = [UInt64?](repeating: nil, count: n)
        keys.withUnsafeMutableBufferPointer { keys in
            included.withUnsafeMutableBufferPointer { included in
                wordsHashes.withUnsafeMutableBufferPointer { wordsHashes in
                    let (keys, included, wordsHashes) = (UncheckedBuffer(keys), UncheckedBuffer(included), UncheckedBuffer(wordsHashes))
                    Parallel.forEach(n, threads: options.threads, worker: ShingleScratch.init) { scratch, i in
                        defer { options.progress?.advance() }
                        // A signature needs no sorting: repeated shingles leave its minima as they are.
                        scratch.makeShingles(of: documents[i], shingler, hashingWords: true)
                        wordsHashes.base[i] = scratch.wordsHash
                        if !scratch.shingles.isEmpty {
                            var signature = [UInt64](repeating: .max, count: minHash.permutations)
                            scratch.shingles.withUnsafeBufferPointer { minHash.fill(&signature, from: $0) }
                            lsh.writeBandKeys(signature, to: keys.base.baseAddress! + i, stride: n)
                            included.base[i] = true
                        }
                        if scratch.shingles.count > ShingleScratch.keptTokens { scratch.shingles = [] }
                    }
                }
            }
        }
        clock.mark("  shingles, signatures")
        // Identical copies. A copy's signature was made for nothing; it goes
        // into no band.
        let base = entries.count
        let held = entries
        let document = { (i: Int) in i >= base ? documents[i - base] : held[i].document }
        var originals = exactCopies.add(
            n, threads: options.threads, include: { wordsHashes[$0 - base] != nil },
            hash: { wordsHashes[$0 - base]! }, same: { document($0).tokens == document($1).tokens })
        // Of a group first seen in this batch, the copy with the smallest id
        // stands for the others, whatever order the inputs came in (and the
        // thread count). A group seen in an earlier batch keeps the copy it had.
        var groups: [Int: [Int]] = [:]
        for i in 0 ..< n { if let original = originals[i], original >= base { groups[original - base, default: []].append(i) } }
        for (first, copies) in groups {
            let members = [first] + copies
            let standing = members.min { documents[$0].id < documents[$1].id }!
            guard standing != first else { continue }
            for m in members { originals[m] = m == standing ? nil : base + standing }
        }
        let prepared = Parallel.map(n, threads: options.threads) { Entry(document: documents[$0], original: originals[$0]) }
        for i in 0 ..< n {
            if let original = originals[i] {
                copies[original, default: []].append(base + i)
                included[i] = false
            }
        }
        clock.mark("  identical copies")
        defer { clock.mark("  LSH") }
        // The first batch becomes the entries as it is: appending the entries
        // one by one copied each (a retain of every field, and a release of
        // every field when the batch went), with a core idle.
        if entries.isEmpty { entries = consume prepared } else { entries += prepared }
        lsh.insert(first: base, count: n, bandMajorKeys: keys, included: included, threads: options.threads)
    }

    /// The held documents that `document` is a near-duplicate of, verified,
    /// most similar first.
    public func query(_ document: DuplicateDocument) -> [DuplicatePair] {
        let shingles = uniqueShingles(document)
        guard !shingles.isEmpty else { return [] }
        let candidates = lsh.query(keys: lsh.bandKeys(minHash.signature(of: shingles)))
        let probe = Entry(document: document)
        return candidates.flatMap { c -> [DuplicatePair] in
            guard let pair = verify(probe, shingles, entries[c], uniqueShingles(entries[c].document)) else { return [] }
            // The held copies of a match match alike.
            return [pair] + (copies[c] ?? []).map { pair.with(other: entries[$0].document.id, of: document.id) }
        }.sorted { ($0.jaccard, $1.b) > ($1.jaccard, $0.b) }
    }

    /// What a cluster groups a document by (``Stage``): the hash of its words
    /// joined, for identical copies (nil when it has none), and its LSH band
    /// keys (none when it has no shingles), as ``add(_:)`` makes them.
    func identity(of document: DuplicateDocument) -> (wordsHash: UInt64?, bandKeys: [UInt64]) {
        let scratch = ShingleScratch()
        scratch.makeShingles(of: document, shingler, hashingWords: true)
        guard !scratch.shingles.isEmpty else { return (scratch.wordsHash, []) }
        var signature = [UInt64](repeating: .max, count: minHash.permutations)
        scratch.shingles.withUnsafeBufferPointer { minHash.fill(&signature, from: $0) }
        return (scratch.wordsHash, lsh.bandKeys(signature))
    }

    /// A candidate pair verified as ``clusters()`` verifies it: the pair, with
    /// its passages, if it reaches the threshold.
    func verifiedPair(_ x: DuplicateDocument, _ y: DuplicateDocument) -> DuplicatePair? {
        verify(Entry(document: x), Entry(document: y), PairScratch())
    }

    /// The pair of an identical copy and the document that stands for it, as ``clusters()`` gives it.
    func identicalPair(_ copy: DuplicateDocument, _ standing: DuplicateDocument) -> DuplicatePair {
        pair(Entry(document: copy), Entry(document: standing), jaccard: 1, containment: 1, identical: true)
    }

    /// Clusters of the given pairs (verified, and identical copies'): the
    /// connected components of their documents, ids sorted within a
    /// cluster, pairs by their ids, clusters by their first id, so the
    /// result does not depend on the pairs' order. Each cluster is sorted
    /// on up to `threads` threads.
    static func clusters(of pairs: [DuplicatePair], threads: Int = 1) -> [DuplicateCluster] {
        var ids: [String: Int] = [:]
        for pair in pairs { for id in [pair.a, pair.b] where ids[id] == nil { ids[id] = ids.count } }
        var names = [String](repeating: "", count: ids.count)
        for (id, n) in ids { names[n] = id }
        var sets = UnionFind(ids.count)
        for pair in pairs { sets.union(ids[pair.a]!, ids[pair.b]!) }
        var byRoot: [Int: [DuplicatePair]] = [:]
        for pair in pairs { byRoot[sets.find(ids[pair.a]!), default: []].append(pair) }
        let groups = sets.groups()
        let roots = groups.map { sets.find($0[0]) }
        return Parallel.map(groups.count, threads: threads) { g in
            DuplicateCluster(documents: groups[g].map { names[$0] }.sorted(),
                             pairs: (byRoot[roots[g]] ?? []).sorted { ($0.a, $0.b) < ($1.a, $1.b) })
        }.sorted { $0.documents[0] < $1.documents[0] }
    }

    /// The LSH band keys of a document (none when it has no shingles): what
    /// the archive files it under, to find it again from a later day's pages.
    func bandKeys(of document: DuplicateDocument) -> [UInt64] {
        let shingles = uniqueShingles(document)
        guard !shingles.isEmpty else { return [] }
        return lsh.bandKeys(minHash.signature(of: shingles))
    }

    /// Clusters of the held documents, each with its verified pairs. Ids are
    /// sorted within a cluster, and clusters by their first id, so the result
    /// does not depend on input order or thread count.
    public func clusters() -> [DuplicateCluster] {
        options.progress?.begin("verifying candidates")
        let candidates = lsh.candidatePairs(threads: options.threads)
        options.progress?.begin("verifying", total: candidates.count, unit: "candidate pairs")
        // Each pair's documents are shingled in the worker's buffers: into
        // sets for the measures, and in text order for the passages they
        // share. (Sets made up front for every document in a pair, then
        // shingled again for the passages, took 20 MB of fresh memory on the
        // 119 MB dump: most such documents are in one pair.)
        let verified = Parallel.map(candidates.count, threads: options.threads, worker: PairScratch.init) { scratch, n in
            defer { options.progress?.advance() }
            let (a, b) = candidates[n]
            return verify(entries[a], entries[b], scratch)
        }
        let identical = entries.indices.filter { entries[$0].original != nil }
        let identicalPairs = Parallel.map(identical.count, threads: options.threads) { n in
            let entry = entries[identical[n]]
            return pair(entry, entries[entry.original!], jaccard: 1, containment: 1, identical: true)
        }
        return Self.clusters(of: verified.compactMap { $0 } + identicalPairs, threads: options.threads)
    }

    /// A worker's buffers for a document's words joined and their shingles,
    /// reused from document to document: new arrays each time cost an
    /// allocation and fresh memory per document.
    private final class ShingleScratch {
        /// A buffer longer than this is not kept for the next document.
        static let keptTokens = 1 << 20
        var tokens: [TokenHash] = []
        /// The last document's shingle hashes, in order, repeats included.
        var shingles: [UInt64] = []
        /// The last document's number of words (``tokens`` may be let go).
        private(set) var tokenCount = 0

        /// With `hashingWords`, the XXH3 (seed ``HashSeeds/exactCopy``) of
        /// the last document's word hashes joined, as little-endian bytes, for
        /// finding identical copies; nil when it has no words, or was not asked.
        private(set) var wordsHash: UInt64?

        func makeShingles(of document: DuplicateDocument, _ shingler: Shingler, hashingWords: Bool = false) {
            tokens.removeAll(keepingCapacity: true)
            shingles.removeAll(keepingCapacity: true)
            document.forEachTokenRun { tokens.append(contentsOf: $0) }
            tokenCount = tokens.count
            wordsHash = !hashingWords || tokens.isEmpty ? nil : tokens.withUnsafeBytes { XXH3.hash($0, seed: HashSeeds.exactCopy) }
            tokens.withUnsafeBufferPointer { shingler.appendShingles(of: $0, to: &shingles) }
            // A huge document's words are let go before its shingles are
            // sorted: the memory of a page of one 16 MB line stays under 8
            // times the page.
            if tokens.count > Self.keptTokens { tokens = [] }
        }
    }

    /// The document's sorted, unique shingle hashes, made in (and taken from) `scratch`.
    private func uniqueShingles(_ document: DuplicateDocument, _ scratch: ShingleScratch = ShingleScratch()) -> [UInt64] {
        scratch.makeShingles(of: document, shingler)
        var out: [UInt64] = []
        swap(&out, &scratch.shingles)
        out.sortAndRemoveDuplicates(hashes: true)
        return out
    }

    /// A worker's buffers for verifying pairs: each document's shingles in
    /// text order, and as a sorted set.
    private final class PairScratch {
        let x = ShingleScratch(), y = ShingleScratch()
        var xSet: [UInt64] = [], ySet: [UInt64] = []

        /// `shingles` sorted, without repeats, in `set`'s room.
        static func makeSet(_ set: inout [UInt64], of shingles: [UInt64]) {
            set.removeAll(keepingCapacity: true)
            set.append(contentsOf: shingles)
            set.sortAndRemoveDuplicates(hashes: true)
        }

        /// Lets go of buffers a huge document grew, once its pair is done.
        func trim() {
            for scratch in [x, y] where scratch.shingles.capacity > ShingleScratch.keptTokens { scratch.shingles = [] }
            if xSet.capacity > ShingleScratch.keptTokens { xSet = [] }
            if ySet.capacity > ShingleScratch.keptTokens { ySet = [] }
        }
    }

    /// The exact similarity of two entries, shingled in `scratch`, with the
    /// passages they share, if it reaches the threshold.
    private func verify(_ x: Entry, _ y: Entry, _ scratch: PairScratch) -> DuplicatePair? {
        defer { scratch.trim() }
        scratch.x.makeShingles(of: x.document, shingler)
        scratch.y.makeShingles(of: y.document, shingler)
        PairScratch.makeSet(&scratch.xSet, of: scratch.x.shingles)
        PairScratch.makeSet(&scratch.ySet, of: scratch.y.shingles)
        guard let (jaccard, containment, identical) = measure(x, scratch.xSet, y, scratch.ySet) else { return nil }
        let xFirst = x.document.id <= y.document.id
        let (a, b) = xFirst ? (scratch.x, scratch.y) : (scratch.y, scratch.x)
        return pair(x, y, jaccard: jaccard, containment: containment, identical: identical,
                    shingles: ((a.shingles, a.tokenCount), (b.shingles, b.tokenCount)))
    }

    /// The exact similarity of two entries, given their shingle sets, if it reaches the threshold.
    private func verify(_ x: Entry, _ xShingles: [UInt64], _ y: Entry, _ yShingles: [UInt64]) -> DuplicatePair? {
        guard let (jaccard, containment, identical) = measure(x, xShingles, y, yShingles) else { return nil }
        return pair(x, y, jaccard: jaccard, containment: containment, identical: identical)
    }

    /// Jaccard and containment of two shingle sets, and whether the entries
    /// hold the same words; nil below the threshold.
    private func measure(_ x: Entry, _ xShingles: [UInt64], _ y: Entry, _ yShingles: [UInt64])
        -> (jaccard: Double, containment: Double, identical: Bool)? {
        let inter = Self.intersectionCount(xShingles, yShingles)
        guard inter > 0 else { return nil }
        let union = xShingles.count + yShingles.count - inter
        let jaccard = Double(inter) / Double(union)
        let containment = Double(inter) / Double(min(xShingles.count, yShingles.count))
        guard max(jaccard, containment) >= options.threshold else { return nil }
        return (jaccard, containment, inter == union && x.document.tokens == y.document.tokens)
    }

    /// The pair of two entries, in id order, with the passages they share;
    /// `shingles`, when given, are the shingles in text order and the word
    /// counts of the first in id order and of the second.
    private func pair(_ x: Entry, _ y: Entry, jaccard: Double, containment: Double, identical: Bool,
                      shingles: (SharedPassages.Shingled, SharedPassages.Shingled)? = nil) -> DuplicatePair {
        let (a, b) = x.document.id <= y.document.id ? (x, y) : (y, x)
        let shared = if let shingles, !identical {
            SharedPassages.find(a.document, shingles.0, b.document, shingles.1, k: options.shingleSize,
                                limit: options.maximumPassages)
        } else {
            SharedPassages.find(a.document, b.document, k: options.shingleSize, limit: options.maximumPassages,
                                identical: identical)
        }
        return DuplicatePair(a: a.document.id, b: b.document.id, jaccard: jaccard, containment: containment,
                             shared: shared, identical: identical)
    }

    static func intersectionCount(_ a: [UInt64], _ b: [UInt64]) -> Int {
        var i = 0, j = 0, count = 0
        while i < a.count && j < b.count {
            if a[i] == b[j] {
                count += 1
                i += 1
                j += 1
            } else if a[i] < b[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return count
    }
}
