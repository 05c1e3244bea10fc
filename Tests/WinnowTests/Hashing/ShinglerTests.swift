import Testing
@testable import Winnow

@Suite struct ShinglerTests {
    /// Token hashes of "Tiếng Việt có dấu thanh điệu", pinned. These values were
    /// computed with an independent XXH3 (Python's xxhash package), with the
    /// seeds of `HashSeeds`: they pin the seeds, the folding and the library.
    /// A token hash is the low 32 bits of the word's XXH3-64 (0x1c0f8b4c_62dc615d, …).
    static let pinnedTokens: [TokenHash] = [
        0x62dc_615d, 0x4bed_a232, 0x2aab_76f8, 0xbe4c_1e73, 0x1503_604c, 0xd3f1_1159,
    ]

    private func page(_ text: String) -> Page {
        Page(id: "t", origin: PageOrigin(path: "t"), bytes: Array(text.utf8))
    }

    @Test func tokenHashesArePinned() {
        #expect(page("Tiếng Việt có dấu thanh điệu").tokenHashes == Self.pinnedTokens)
    }

    @Test func shingleHashesArePinned() {
        let shingles = Shingler(size: 5).shingles(of: Self.pinnedTokens)
        #expect(shingles == [0x5555_bed8_26b7_dd0f, 0x0735_f445_8f30_3565])
    }

    @Test func blockKeyIsPinned() {
        #expect(page("TIẾNG VIỆT: có dấu, thanh điệu!").blocks[0].key == 0xd840_7878_b086_7e3f)
    }

    @Test func shortTextsStillShingle() {
        let two = Array(Self.pinnedTokens.prefix(2))
        #expect(Shingler(size: 5).shingles(of: two) == [0xb86a_c8d2_470e_0f54])
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

    /// The branch-free hash of 1 to 16 bytes is the system library's XXH3,
    /// for every length, seed and position, whatever bytes lie around it.
    @Test func shortHashEqualsSystemXXH3() {
        var generator = SplitMix64(seed: 8)
        let slack = XXH3.shortHashSlack
        let buffer = (0 ..< 64 + 2 * slack).map { _ in UInt8.random(in: 0 ... 255, using: &generator) }
        buffer.withUnsafeBufferPointer { all in
            for seed in [0, 42, HashSeeds.token, UInt64.max, UInt64.random(in: 0 ... .max, using: &generator)] {
                for length in 1 ... 16 {
                    for start in slack ..< all.count - slack - length {
                        let p = all.baseAddress! + start
                        #expect(XXH3.shortHash(p, count: length, seed: seed) == SystemXXH3.hash(p, count: length, seed: seed),
                                "length \(length), seed \(seed)")
                    }
                }
            }
        }
    }

    /// Pieces fed to the stream hash as they would joined, whatever the cut
    /// (across XXH3's 240-byte and 1 KB internal boundaries too).
    @Test func streamEqualsOneShot() {
        let bytes = Array(String(repeating: "Mời quý độc giả theo dõi. ", count: 100).utf8)
        let stream = XXH3.Stream(seed: 7)
        for cuts in [[0], [1, 5], [239, 241], [1023, 1024, 1025], [17, 300, 2000]] {
            stream.reset(seed: 7)
            var start = 0
            bytes.withUnsafeBytes { all in
                for cut in cuts + [all.count] {
                    stream.update(UnsafeRawBufferPointer(rebasing: all[start ..< cut]))
                    start = cut
                }
            }
            #expect(stream.digest == bytes.withUnsafeBufferPointer { XXH3.hash($0, seed: 7) }, "\(cuts)")
        }
    }
}
