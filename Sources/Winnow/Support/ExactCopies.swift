import Foundation

/// Finds items whose content is bit for bit that of an earlier item: a page
/// crawled twice, a file saved under two names, a document whose cleaned
/// words are another's. Work that depends only on the content can then be
/// done once, for the first of each group, and shared with its copies.
///
/// Items are grouped by a 64-bit XXH3 of their bytes, and a shared hash is
/// confirmed by comparing the bytes, so a hash collision never joins two
/// items (the later one is then taken as no copy). Hashing and comparing run
/// on `threads` threads; which item is first does not depend on them.
struct ExactCopies: Sendable {
    /// The first item recorded with each hash.
    private var firstWithHash = HashTable64<Int>()
    /// The number of items recorded, over all batches.
    private(set) var count = 0

    init() {}

    /// Records the next `batch` items, numbered from ``count`` on, and returns
    /// for each the earlier item (of this batch or an earlier one) it is a
    /// copy of, or nil. `content(i)` gives item `i`'s content, for any item
    /// recorded so far; items for which `include(i)` is false are no copy
    /// and have none.
    mutating func add<Element: BitwiseCopyable>(
        _ batch: Int, threads: Int, include: (Int) -> Bool = { _ in true }, content: (Int) -> [Element]
    ) -> [Int?] {
        add(batch, threads: threads, include: include, hash: { Self.hash(content($0)) },
            same: { Self.same(content($0), content($1)) })
    }

    /// Like ``add(_:threads:include:content:)``, for content the caller hashes
    /// and compares itself (content held in pieces): `hash(i)` is equal for
    /// items of equal content, and `same(i, j)` tells whether two items'
    /// contents are equal.
    mutating func add(_ batch: Int, threads: Int, include: (Int) -> Bool, hash: (Int) -> UInt64,
                      same: (Int, Int) -> Bool) -> [Int?] {
        let base = count
        let hashes = Parallel.map(batch, threads: threads) { n in include(base + n) ? hash(base + n) : nil }
        firstWithHash.reserve(firstWithHash.count + batch)
        let candidates = hashes.enumerated().map { n, hash -> Int? in
            guard let hash else { return nil }
            var first = base + n
            firstWithHash.update(hash, initial: first) { first = $0 }
            return first == base + n ? nil : first
        }
        count += batch
        return Parallel.map(batch, threads: threads) { n in
            candidates[n].flatMap { same($0, base + n) ? $0 : nil }
        }
    }

    /// For each of `count` items, the index of the first item with the same
    /// content (its own index when it is the first).
    static func originals<Element: BitwiseCopyable>(count: Int, threads: Int, include: (Int) -> Bool = { _ in true },
                                                     content: (Int) -> [Element]) -> [Int] {
        var copies = ExactCopies()
        return copies.add(count, threads: threads, include: include, content: content).enumerated().map { $1 ?? $0 }
    }

    /// Like ``originals(count:threads:include:content:)``, for items whose
    /// hashes (``hash(_:)`` of their content) are known.
    static func originals(count: Int, threads: Int, include: (Int) -> Bool = { _ in true }, hash: (Int) -> UInt64,
                          same: (Int, Int) -> Bool) -> [Int] {
        var copies = ExactCopies()
        return copies.add(count, threads: threads, include: include, hash: hash, same: same).enumerated().map { $1 ?? $0 }
    }

    /// The hash items are grouped by: XXH3 of the content's bytes.
    static func hash<Element: BitwiseCopyable>(_ content: [Element]) -> UInt64 {
        content.withUnsafeBytes { XXH3.hash($0, seed: HashSeeds.exactCopy) }
    }

    /// Whether two contents are the same bytes.
    static func same<Element: BitwiseCopyable>(_ a: [Element], _ b: [Element]) -> Bool {
        a.count == b.count && a.withUnsafeBytes { x in
            b.withUnsafeBytes { y in x.isEmpty || x.baseAddress == y.baseAddress || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 }
        }
    }
}
