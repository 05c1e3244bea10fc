/// Byte searches eight bytes at a time, in one 64-bit word.
enum ByteMask {
    /// The high bit of each byte of `word` (little-endian) that may equal
    /// `byte`. None set: no byte equals it. The lowest bit set marks the
    /// first match exactly; a byte is flagged wrongly only above a true
    /// match, through the subtraction's borrow.
    @inline(__always)
    static func matches(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let x = word ^ (ones &* UInt64(byte))
        return (x &- ones) & ~x & 0x8080_8080_8080_8080
    }

    /// The high bit of each byte of `word` (little-endian) that may be
    /// below `bound` (at most 0x80). As with ``matches(_:_:)``, the lowest
    /// bit set marks the first such byte exactly.
    @inline(__always)
    static func below(_ word: UInt64, _ bound: UInt8) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        return (word &- ones &* UInt64(bound)) & ~word & 0x8080_8080_8080_8080
    }
}
