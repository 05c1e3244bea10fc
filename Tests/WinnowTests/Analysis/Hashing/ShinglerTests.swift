import Testing
@_spi(Benchmarks) @testable import Winnow

@Suite struct ShinglerTests {
    /// Token hashes of "Tiếng Việt có dấu thanh điệu", pinned. These values were
    /// computed with an independent XXH3 (Python's xxhash package), with the
    /// seeds of `HashSeeds`: they pin the seeds, the folding and the library.
    /// A token hash is the low 32 bits of XXH3-64 of the folded word's bytes
    /// padded with zeros to 15, then its length (0x1e11ac73_2d07863b, …).
    static let pinnedTokens: [TokenHash] = [
        0x2d07_863b, 0x6531_b1ae, 0xbaa7_2cf6, 0x806c_d00c, 0x5ed2_d0c9, 0xad7d_86f0,
    ]

    private func page(_ text: String) -> Page {
        Page(id: "t", origin: PageOrigin(path: "t"), bytes: Array(text.utf8))
    }

    @Test func tokenHashesArePinned() {
        #expect(page("Tiếng Việt có dấu thanh điệu").tokenHashes == Self.pinnedTokens)
    }

    @Test func shingleHashesArePinned() {
        let shingles = Shingler(size: 5).shingles(of: Self.pinnedTokens)
        #expect(shingles == [0x0c25_1471_0953_0f4e, 0xadfd_5c52_e643_b870])
    }

    @Test func blockKeyIsPinned() {
        #expect(page("TIẾNG VIỆT: có dấu, thanh điệu!").blocks[0].key == 0xd840_7878_b086_7e3f)
    }

    @Test func shortTextsStillShingle() {
        let two = Array(Self.pinnedTokens.prefix(2))
        #expect(Shingler(size: 5).shingles(of: two) == [0x6d84_6616_c190_7291])
        #expect(Shingler(size: 5).shingles(of: []) == [])
        #expect(Shingler(size: 5).shingles(of: Self.pinnedTokens).count == 2)
        #expect(Shingler(size: 1).shingles(of: Self.pinnedTokens).count == 6)
    }

    @Test func inlineAndSystemXXH3Agree() {
        let bytes = Array("Mời quý độc giả theo dõi".utf8)
        for length in [0, 1, 3, 8, 17, 24] {
            let slice = Array(bytes.prefix(length))
            let inline = slice.withUnsafeBufferPointer { XXH3.hash($0, seed: 42) }
            let system = slice.withUnsafeBytes { SystemXXH3.hash($0.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!, count: length, seed: 42) }
            #expect(inline == system)
        }
    }

    /// The branch-free token hash of 1 to 15 bytes is the system library's
    /// XXH3 of the token padded with zeros to 15 bytes and followed by its
    /// length, for every length, seed and position, whatever bytes follow it.
    @Test func tokenHashIsSystemXXH3OfThePaddedToken() {
        var generator = SplitMix64(seed: 8)
        let buffer = (0 ..< 64 + XXH3.tokenHashReach).map { _ in UInt8.random(in: 0 ... 255, using: &generator) }
        buffer.withUnsafeBufferPointer { all in
            for seed in [0, 42, HashSeeds.token, UInt64.max, UInt64.random(in: 0 ... .max, using: &generator)] {
                for length in 1 ... XXH3.tokenLimit {
                    for start in 0 ..< all.count - XXH3.tokenHashReach {
                        let p = all.baseAddress! + start
                        let padded = Array(all[start ..< start + length]) + Array(repeating: 0, count: 15 - length) + [UInt8(length)]
                        let expected = padded.withUnsafeBytes { SystemXXH3.hash($0.baseAddress!, count: 16, seed: seed) }
                        #expect(XXH3.tokenHash(p, count: length, seed: seed) == expected, "length \(length), seed \(seed)")
                    }
                }
            }
        }
    }

    /// A line's token hashes taken eight at a time are each token's own
    /// (``XXH3/tokenHash(_:count:seed:)``, or the whole hash of a token past
    /// 15 bytes), for groups of every size and tokens of every length.
    @Test func batchedTokenHashesAreEachTokensHash() {
        var generator = SplitMix64(seed: 10)
        for round in 0 ..< 400 {
            let count = Int.random(in: 0 ... 40, using: &generator)
            let firstStart = Int.random(in: 0 ... 3, using: &generator)
            var folded = (0 ..< firstStart).map { _ in UInt8.random(in: 0 ... 255, using: &generator) }
            var ends: [Int32] = []
            for _ in 0 ..< count {
                // Mostly short words, some past the 15 bytes of the padded hash.
                let length = Int.random(in: 0 ..< 10, using: &generator) == 0 ? Int.random(in: 16 ... 40, using: &generator)
                    : Int.random(in: 1 ... 15, using: &generator)
                folded += (0 ..< length).map { _ in UInt8.random(in: 0x21 ... 0xFF, using: &generator) }
                ends.append(Int32(folded.count))
                folded.append(0x20)
            }
            folded += (0 ..< XXH3.tokenHashReach).map { _ in UInt8.random(in: 0 ... 255, using: &generator) }
            let seed = round % 2 == 0 ? HashSeeds.token : UInt64.random(in: 0 ... .max, using: &generator)
            var batched = [TokenHash](repeating: 0, count: count)
            folded.withUnsafeBufferPointer { f in
                ends.withUnsafeBufferPointer { e in
                    XXH3.tokenHashes(f.baseAddress!, ends: e.baseAddress ?? UnsafePointer(bitPattern: 4)!, count: count,
                                     firstStart: Int32(firstStart), seed: seed, into: &batched)
                }
            }
            var start = firstStart
            let expected = ends.map { end in
                defer { start = Int(end) + 1 }
                let length = Int(end) - start
                return folded.withUnsafeBufferPointer { f in
                    TokenHash(truncatingIfNeeded: length <= XXH3.tokenLimit ? XXH3.tokenHash(f.baseAddress! + start, count: length, seed: seed)
                        : XXH3.hash(UnsafeBufferPointer(rebasing: f[start ..< start + length]), seed: seed))
                }
            }
            #expect(batched == expected, "round \(round), \(count) tokens")
        }
    }

    /// The fixed-length hashes of 4- and 5-word shingles are the system
    /// library's XXH3 of those 16 and 20 bytes, at every seed and offset; and
    /// the shingles of every size agree with it.
    @Test func shingleHashesAreSystemXXH3() {
        var generator = SplitMix64(seed: 9)
        let buffer = (0 ..< 96).map { _ in UInt8.random(in: 0 ... 255, using: &generator) }
        buffer.withUnsafeBytes { all in
            for seed in [0, 42, HashSeeds.shingle, UInt64.max, UInt64.random(in: 0 ... .max, using: &generator)] {
                for start in 0 ... all.count - 20 {
                    let p = all.baseAddress! + start
                    #expect(XXH3.hash16(p, seed: seed) == SystemXXH3.hash(p, count: 16, seed: seed), "seed \(seed)")
                    #expect(XXH3.hash20(p, seed: seed) == SystemXXH3.hash(p, count: 20, seed: seed), "seed \(seed)")
                }
            }
        }
        let tokens = (0 ..< 12).map { _ in TokenHash.random(in: 0 ... .max, using: &generator) }
        for size in 1 ... 8 {
            let expected = (0 ... tokens.count - size).map { i in
                Array(tokens[i ..< i + size]).withUnsafeBytes { SystemXXH3.hash($0.baseAddress!, count: $0.count, seed: HashSeeds.shingle) }
            }
            #expect(Shingler(size: size).shingles(of: tokens) == expected, "size \(size)")
        }
    }
}
