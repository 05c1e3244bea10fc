import CXXHashInline

/// Seeded 64-bit XXH3, the one hash function of Winnow.
///
/// Every hash Winnow computes (tokens, shingles, block keys, MinHash
/// permutations) is XXH3-64 with a fixed seed, so values are stable across
/// runs, machines and thread counts. Inputs that are arrays of `UInt64` are
/// hashed as their little-endian bytes; Winnow supports little-endian hosts
/// only (x86_64 and arm64).
@usableFromInline
enum XXH3 {
    /// Hashes `count` bytes at `pointer`, inlined for short inputs.
    @inlinable @inline(__always)
    static func hash(_ pointer: UnsafeRawPointer, count: Int, seed: UInt64) -> UInt64 {
        winnow_xxh3_64(pointer, count, seed)
    }

    /// Hashes exactly 16 bytes (a shingle of four token hashes), by the one
    /// formula xxHash has for that length. The same value as
    /// ``hash(_:count:seed:)``.
    @inlinable @inline(__always)
    static func hash16(_ pointer: UnsafeRawPointer, seed: UInt64) -> UInt64 {
        winnow_xxh3_16(pointer, seed)
    }

    /// Hashes exactly 20 bytes (a shingle of five token hashes), by the one
    /// formula xxHash has for that length. The same value as
    /// ``hash(_:count:seed:)``.
    @inlinable @inline(__always)
    static func hash20(_ pointer: UnsafeRawPointer, seed: UInt64) -> UInt64 {
        winnow_xxh3_20(pointer, seed)
    }

    /// The hash of a token of 1 to ``tokenLimit`` bytes: XXH3-64 of 16 bytes,
    /// the token's bytes, then zeros, then its length in the last byte. One
    /// of xxHash's formulas (for 9 to 16 bytes) serves every length, without
    /// a branch on it: a word's length changes from one word to the next, and
    /// the general function's branches on it mispredict. The 16 bytes from
    /// `pointer` on must be readable memory.
    @inlinable @inline(__always)
    static func tokenHash(_ pointer: UnsafePointer<UInt8>, count: Int, seed: UInt64) -> UInt64 {
        winnow_xxh3_token(pointer, count, seed)
    }

    /// The hashes of `count` tokens of a line's folded bytes, low 32 bits
    /// each: token `k` spans `folded[start ..< ends[k]]`, `start` being
    /// `firstStart` for the first and one past the previous token's end
    /// (its space) after it. Each is ``tokenHash(_:count:seed:)`` of the
    /// token, or ``hash(_:count:seed:)`` of one longer than ``tokenLimit``;
    /// eight at a time with the vector units where the processor has them.
    @inlinable @inline(__always)
    static func tokenHashes(_ folded: UnsafePointer<UInt8>, ends: UnsafePointer<Int32>, count: Int, firstStart: Int32,
                            seed: UInt64, into hashes: UnsafeMutablePointer<TokenHash>) {
        winnow_xxh3_tokens(folded, ends, count, firstStart, seed, hashes)
    }

    /// The longest token ``tokenHash(_:count:seed:)`` takes; a longer one is
    /// hashed by ``hash(_:count:seed:)`` as it is (at 16 bytes or more, it
    /// cannot be mistaken for a padded one, whose last byte is below 16).
    static let tokenLimit = 15

    /// The bytes ``tokenHash(_:count:seed:)`` reads from its pointer on.
    static let tokenHashReach = 16

    /// Hashes a byte buffer.
    @inlinable @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>, seed: UInt64) -> UInt64 {
        guard let base = bytes.baseAddress else { return winnow_xxh3_64(nil, 0, seed) }
        return winnow_xxh3_64(base, bytes.count, seed)
    }

    /// Hashes raw bytes.
    @inlinable @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64) -> UInt64 {
        winnow_xxh3_64(bytes.baseAddress, bytes.count, seed)
    }

    /// Hashes the UTF-8 bytes of a string.
    static func hash(_ string: String, seed: UInt64) -> UInt64 {
        var copy = string
        return copy.withUTF8 { hash($0, seed: seed) }
    }
}
