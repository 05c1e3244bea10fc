// The short-input functions live in the header as static inline functions;
// this file holds the batched token hashes.
#include "CXXHashInline.h"

static void tokens_scalar(const uint8_t *folded, const int32_t *ends, size_t count, int32_t start,
                          uint64_t seed, uint32_t *hashes) {
    for (size_t k = 0; k < count; k++) {
        const size_t length = (size_t)(ends[k] - start);
        hashes[k] = (uint32_t)(length <= 15 ? winnow_xxh3_token(folded + start, length, seed)
                                            : XXH3_64bits_withSeed(folded + start, length, seed));
        start = ends[k] + 1;
    }
}

#if defined(__x86_64__)
#include <immintrin.h>

// The 128-bit product of a and b, folded: its low half xor its high half
// (XXH3_mul128_fold64), from four 32 x 32-bit products, as xxHash's
// portable XXH_mult64to128 forms it.
__attribute__((target("avx512f,avx512bw,avx512dq")))
static inline __m512i mul128_fold64(__m512i a, __m512i b) {
    const __m512i low32 = _mm512_set1_epi64(0xFFFFFFFF);
    const __m512i a_hi = _mm512_srli_epi64(a, 32), b_hi = _mm512_srli_epi64(b, 32);
    const __m512i lo_lo = _mm512_mul_epu32(a, b);
    const __m512i hi_lo = _mm512_mul_epu32(a_hi, b);
    const __m512i lo_hi = _mm512_mul_epu32(a, b_hi);
    const __m512i hi_hi = _mm512_mul_epu32(a_hi, b_hi);
    const __m512i cross = _mm512_add_epi64(_mm512_add_epi64(_mm512_srli_epi64(lo_lo, 32), _mm512_and_si512(hi_lo, low32)), lo_hi);
    const __m512i upper = _mm512_add_epi64(_mm512_add_epi64(_mm512_srli_epi64(hi_lo, 32), _mm512_srli_epi64(cross, 32)), hi_hi);
    const __m512i lower = _mm512_or_si512(_mm512_slli_epi64(cross, 32), _mm512_and_si512(lo_lo, low32));
    return _mm512_xor_si512(lower, upper);
}

__attribute__((target("avx512f,avx512bw,avx512dq")))
static void tokens_512(const uint8_t *folded, const int32_t *ends, size_t count, int32_t first_start,
                       uint64_t seed, uint32_t *hashes) {
    const uint64_t bitflip1 = (XXH_readLE64(XXH3_kSecret + 24) ^ XXH_readLE64(XXH3_kSecret + 32)) + seed;
    const uint64_t bitflip2 = (XXH_readLE64(XXH3_kSecret + 40) ^ XXH_readLE64(XXH3_kSecret + 48)) - seed;
    const __m512i flip1 = _mm512_set1_epi64((long long)bitflip1), flip2 = _mm512_set1_epi64((long long)bitflip2);
    const __m512i ones = _mm512_set1_epi64(-1), one = _mm512_set1_epi64(1), eight = _mm512_set1_epi64(8);
    const __m512i sixty_four = _mm512_set1_epi64(64), sixteen = _mm512_set1_epi64(16);
    const __m512i prime = _mm512_set1_epi64((long long)0x165667919E3779F9ULL);
    // Bytes reversed within each 64-bit lane.
    const __m512i reverse = _mm512_set_epi8(
        8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7,
        8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7);
    size_t k = 0;
    int32_t start = first_start;
    while (k + 8 <= count) {
        const __m256i end = _mm256_loadu_si256((const __m256i *)(ends + k));
        // Each token's start: the previous token's end and its space.
        const __m256i previous = _mm256_add_epi32(
            _mm256_permutevar8x32_epi32(end, _mm256_setr_epi32(0, 0, 1, 2, 3, 4, 5, 6)), _mm256_set1_epi32(1));
        const __m256i starts = _mm256_blend_epi32(previous, _mm256_set1_epi32(start), 1);
        const __m512i length = _mm512_cvtepi32_epi64(_mm256_sub_epi32(end, starts));
        // Any token past 15 bytes: this group one by one.
        if (_mm512_cmpgt_epi64_mask(length, _mm512_set1_epi64(15))) {
            tokens_scalar(folded, ends + k, 8, start, seed, hashes + k);
        } else {
            const __m512i lo_raw = _mm512_i32gather_epi64(starts, (const void *)folded, 1);
            const __m512i hi_raw = _mm512_i32gather_epi64(_mm256_add_epi32(starts, _mm256_set1_epi32(8)), (const void *)folded, 1);
            const __m512i k1 = _mm512_min_epu64(length, eight);
            const __m512i k2 = _mm512_subs_epu16(length, eight);  // length - 8, or 0 (lengths are under 16)
            const __m512i lo = _mm512_and_si512(lo_raw, _mm512_srlv_epi64(ones, _mm512_sub_epi64(sixty_four, _mm512_slli_epi64(k1, 3))));
            const __m512i hi = _mm512_or_si512(
                _mm512_and_si512(hi_raw, _mm512_sub_epi64(_mm512_sllv_epi64(one, _mm512_slli_epi64(k2, 3)), one)),
                _mm512_slli_epi64(length, 56));
            const __m512i input_lo = _mm512_xor_si512(lo, flip1), input_hi = _mm512_xor_si512(hi, flip2);
            __m512i acc = _mm512_add_epi64(_mm512_add_epi64(sixteen, _mm512_shuffle_epi8(input_lo, reverse)),
                                           _mm512_add_epi64(input_hi, mul128_fold64(input_lo, input_hi)));
            acc = _mm512_xor_si512(acc, _mm512_srli_epi64(acc, 37));
            acc = _mm512_mullo_epi64(acc, prime);
            acc = _mm512_xor_si512(acc, _mm512_srli_epi64(acc, 32));
            _mm256_storeu_si256((__m256i *)(hashes + k), _mm512_cvtepi64_epi32(acc));
        }
        start = ends[k + 7] + 1;
        k += 8;
    }
    tokens_scalar(folded, ends + k, count - k, start, seed, hashes + k);
}

void winnow_xxh3_tokens(const uint8_t *folded, const int32_t *ends, size_t count, int32_t first_start,
                        uint64_t seed, uint32_t *hashes) {
    // What the runtime found at start-up, read each call: no state of our own.
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512dq"))
        tokens_512(folded, ends, count, first_start, seed, hashes);
    else tokens_scalar(folded, ends, count, first_start, seed, hashes);
}

#else

void winnow_xxh3_tokens(const uint8_t *folded, const int32_t *ends, size_t count, int32_t first_start,
                        uint64_t seed, uint32_t *hashes) {
    tokens_scalar(folded, ends, count, first_start, seed, hashes);
}

#endif
