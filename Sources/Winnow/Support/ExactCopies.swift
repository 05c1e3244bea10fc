import Foundation

/// Finds items whose content is bit for bit that of an earlier item: a page
/// crawled twice, a file saved under two names, a document whose cleaned
/// words are another's. Work that depends only on the content can then be
/// done once, for the first of each group, and shared with its copies.
///
/// Items are told apart by a 64-bit XXH3 of their bytes, and a shared hash is
/// confirmed by comparing the bytes, so a hash collision never joins two items.
struct ExactCopies: Sendable {
    /// The first item seen with each hash.
    private var firstWithHash = HashTable64<Int>()

    init(capacity: Int = 16) { firstWithHash = HashTable64(capacity: capacity) }

    /// The earlier item that `item` is a copy of; nil, having recorded `item`
    /// as the first of its content, if there is none. `earlier(j)` gives the
    /// content of an item recorded before.
    mutating func original<Element: BitwiseCopyable>(of item: Int, _ content: [Element], earlier: (Int) -> [Element]) -> Int? {
        original(of: item, hash: Self.hash(content), content, earlier: earlier)
    }

    /// ``original(of:_:earlier:)`` with the content's ``hash(_:)`` given.
    mutating func original<Element: BitwiseCopyable>(of item: Int, hash: UInt64, _ content: @autoclosure () -> [Element],
                                                      earlier: (Int) -> [Element]) -> Int? {
        var first = item
        firstWithHash.update(hash, initial: item) { first = $0 }
        if first != item, Self.same(earlier(first), content()) { return first }
        return nil
    }

    /// For each of `count` items, the index of the first item with the same
    /// content (its own index when it is the first).
    static func originals<Element: BitwiseCopyable>(count: Int, content: (Int) -> [Element]) -> [Int] {
        var copies = ExactCopies(capacity: count)
        return (0 ..< count).map { copies.original(of: $0, content($0), earlier: content) ?? $0 }
    }

    /// The hash items are grouped by.
    static func hash<Element: BitwiseCopyable>(_ content: [Element]) -> UInt64 {
        content.withUnsafeBytes { XXH3.hash($0, seed: HashSeeds.exactCopy) }
    }

    /// The hash of empty content.
    static let emptyHash = hash([UInt8]())

    private static func same<Element: BitwiseCopyable>(_ a: [Element], _ b: [Element]) -> Bool {
        a.count == b.count && a.withUnsafeBytes { x in
            b.withUnsafeBytes { y in x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 }
        }
    }
}
