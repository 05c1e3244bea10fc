#ifndef WINNOW_CXXHASH_INLINE_H
#define WINNOW_CXXHASH_INLINE_H
// XXH3 compiled into the caller, for the many short inputs of the hot loop
// (tokens of a few bytes, shingles of 4*k bytes). Inlining saves the call into
// the shared library and lets the compiler specialise for the input length.
// The functions below give bit-identical results to the shared libxxhash.
#define XXH_INLINE_ALL
#include <xxhash.h>
#include <stdint.h>
#include <stddef.h>

static inline uint64_t winnow_xxh3_64(const void *data, size_t length, uint64_t seed) {
    return XXH3_64bits_withSeed(data, length, seed);
}

// The hash of a token of 1 to 15 bytes: XXH3-64 of 16 bytes, the token's
// bytes, zeros, and its length in the last byte, so one formula of xxHash's
// (9-16 bytes) serves every length, without a branch on it. The 16 bytes are
// made in registers from two loads; the caller guarantees that the 16 bytes
// from `data` on can be read. Bit-identical to XXH3_64bits_withSeed of those
// 16 bytes.
static inline uint64_t winnow_xxh3_token(const uint8_t *data, size_t length, uint64_t seed) {
    uint64_t const k = length < 8 ? length : 8;      // bytes in the first word
    uint64_t const k2 = length > 8 ? length - 8 : 0; // and in the second (0 to 7)
    uint64_t const lo = XXH_readLE64(data) & (~0ULL >> (64 - 8 * k));
    uint64_t const hi = (XXH_readLE64(data + 8) & ((1ULL << (8 * k2)) - 1)) | ((uint64_t)length << 56);
    uint64_t const bitflip1 = (XXH_readLE64(XXH3_kSecret + 24) ^ XXH_readLE64(XXH3_kSecret + 32)) + seed;
    uint64_t const bitflip2 = (XXH_readLE64(XXH3_kSecret + 40) ^ XXH_readLE64(XXH3_kSecret + 48)) - seed;
    uint64_t const input_lo = lo ^ bitflip1;
    uint64_t const input_hi = hi ^ bitflip2;
    uint64_t const acc = 16 + XXH_swap64(input_lo) + input_hi + XXH3_mul128_fold64(input_lo, input_hi);
    return XXH3_avalanche(acc);
}

// XXH3-64 of exactly 16 or 20 bytes (a shingle of 4 or 5 token hashes): the
// one formula xxHash uses for that length, without the branches on the length
// that the general function takes. Bit-identical to XXH3_64bits_withSeed.
__attribute__((always_inline))
static inline uint64_t winnow_xxh3_16(const void *data, uint64_t seed) {
    return XXH3_len_9to16_64b((const xxh_u8 *)data, 16, XXH3_kSecret, seed);
}

__attribute__((always_inline))
static inline uint64_t winnow_xxh3_20(const void *data, uint64_t seed) {
    return XXH3_len_17to128_64b((const xxh_u8 *)data, 20, XXH3_kSecret, sizeof(XXH3_kSecret), seed);
}

// The token hashes of a line's folded bytes, as 32-bit values: token `k`
// spans `folded[start ..< ends[k]]`, where `start` is `first_start` for
// `k == 0` and `ends[k - 1] + 1` after it. Each is `winnow_xxh3_token` of
// the token (XXH3-64 of the whole token when it is longer than 15 bytes),
// truncated to its low 32 bits. With AVX-512 (F, BW, DQ), eight tokens at a
// time, in the same integer arithmetic; otherwise one by one. The 16 bytes
// from each token's start on must be readable.
void winnow_xxh3_tokens(const uint8_t *folded, const int32_t *ends, size_t count, int32_t first_start,
                        uint64_t seed, uint32_t *hashes);

#endif
