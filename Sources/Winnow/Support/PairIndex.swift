/// A relation between small integers (pages), held as sorted pairs packed
/// `a << 32 | b`, with where each `a`'s pairs start: two flat arrays where a
/// set per page cost a hashed insert per pair.
struct PairIndex: Sendable {
    private let pairs: [UInt64]
    private let starts: [Int]

    /// `sorted`: packed pairs, ascending, without repeats; every `a` below `count`.
    init(sorted: [UInt64], count: Int) {
        pairs = sorted
        var starts = [Int](repeating: 0, count: count + 1)
        for pair in sorted { starts[Int(pair >> 32) + 1] += 1 }
        for a in 0 ..< count { starts[a + 1] += starts[a] }
        self.starts = starts
    }

    /// Whether `a` is related to `b`.
    func contains(_ a: Int, _ b: Int) -> Bool {
        let key = UInt64(a) << 32 | UInt64(b)
        var lo = starts[a], hi = starts[a + 1]
        while lo < hi {
            let mid = (lo + hi) / 2
            if pairs[mid] < key { lo = mid + 1 } else { hi = mid }
        }
        return lo < starts[a + 1] && pairs[lo] == key
    }
}
