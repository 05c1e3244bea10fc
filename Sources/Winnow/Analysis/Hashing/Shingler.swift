/// Hashes of k-word shingles.
///
/// Each token is hashed once (XXH3 of its folded bytes); a shingle's hash is the
/// XXH3 of the k token hashes in a row, read as 4k little-endian bytes. So the
/// text is hashed once, and each shingle costs one short, inlined XXH3.
public struct Shingler: Sendable {
    /// Words per shingle.
    public let size: Int

    public init(size: Int = 5) {
        precondition(size >= 1, "a shingle has at least one word")
        self.size = size
    }

    /// Appends the shingle hashes of `tokens` to `output`. A text shorter than
    /// ``size`` words still gets one shingle, of all its words; an empty one gets none.
    public func appendShingles(of tokens: UnsafeBufferPointer<TokenHash>, to output: inout [UInt64]) {
        let n = tokens.count
        guard n > 0, let base = tokens.baseAddress else { return }
        let width = min(size, n)
        output.reserveCapacity(output.count + n - width + 1)
        for i in 0 ... (n - width) {
            output.append(hash(base + i, count: width))
        }
    }

    /// The hash of the shingle of ``size`` tokens at `tokens`.
    @inline(__always)
    func hash(_ tokens: UnsafePointer<TokenHash>) -> UInt64 { hash(tokens, count: size) }

    /// Shingles of four and five words (the caption rule's and the finder's)
    /// take xxHash's formula for their length directly; the branch on the
    /// count is the same for every shingle of a loop.
    @inline(__always)
    private func hash(_ tokens: UnsafePointer<TokenHash>, count: Int) -> UInt64 {
        let raw = UnsafeRawPointer(tokens)
        switch count * MemoryLayout<TokenHash>.size {
        case 16: return XXH3.hash16(raw, seed: HashSeeds.shingle)
        case 20: return XXH3.hash20(raw, seed: HashSeeds.shingle)
        case let bytes: return XXH3.hash(raw, count: bytes, seed: HashSeeds.shingle)
        }
    }

    /// The shingle hashes of `tokens`.
    public func shingles(of tokens: [TokenHash]) -> [UInt64] {
        var output: [UInt64] = []
        tokens.withUnsafeBufferPointer { appendShingles(of: $0, to: &output) }
        return output
    }
}
