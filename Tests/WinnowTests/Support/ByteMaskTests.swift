import Testing
@testable import Winnow

/// The word-at-a-time byte searches: none flagged when no byte qualifies,
/// and the lowest flag on exactly the first byte that does.
@Suite struct ByteMaskTests {
    /// The index of the first byte of `word` (little-endian) that `qualifies`, if any.
    private func first(_ word: UInt64, _ qualifies: (UInt8) -> Bool) -> Int? {
        (0 ..< 8).first { qualifies(UInt8(truncatingIfNeeded: word >> (8 * $0))) }
    }

    private func lowest(_ mask: UInt64) -> Int? { mask == 0 ? nil : mask.trailingZeroBitCount >> 3 }

    @Test func theLowestFlagIsTheFirstMatch() {
        var random = SplitMix64(seed: 7)
        // Bytes drawn from a few values around the ones searched, so that
        // matches, near misses and borrows between bytes all come up.
        let pool: [UInt8] = [0x00, 0x01, 0x09, 0x0A, 0x0D, 0x1F, 0x20, 0x21, 0x22, 0x5B, 0x5C, 0x5D, 0x7F, 0x80, 0xA0, 0xFF]
        for _ in 0 ..< 20000 {
            var word: UInt64 = 0
            for k in 0 ..< 8 { word |= UInt64(pool[Int(random.next() % UInt64(pool.count))]) << (8 * k) }
            for byte: UInt8 in [0x0A, 0x0D, 0x22, 0x5C] {
                #expect(lowest(ByteMask.matches(word, byte)) == first(word) { $0 == byte })
            }
            for bound: UInt8 in [0x01, 0x20, 0x80] {
                #expect(lowest(ByteMask.below(word, bound)) == first(word) { $0 < bound })
            }
        }
    }
}
