#include "cfold.h"
#include <string.h>

#if defined(__x86_64__)
#include <immintrin.h>

bool winnow_fold_supported(void) {
    return __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vbmi2")
        && __builtin_cpu_supports("bmi2") && __builtin_cpu_supports("popcnt");
}

// The scalar of the valid `length`-byte sequence (2 or 3) at `s`, whose
// four bytes can be read (TextDecoder.scalarValue(plainSequence:length:)).
static inline uint32_t scalar_value(const uint8_t *s, uint32_t length) {
    uint32_t w;
    memcpy(&w, s, 4);
    const uint32_t x = __builtin_bswap32(w) >> (32 - 8 * length);
    return ((x & 0x3F) | (x >> 2 & 0xFC0) | (x >> 4 & 0x3F000)) & ((1u << (5 * length + 1)) - 1);
}

// The bits of `mask` below bit `j`.
static inline uint64_t below(uint64_t mask, unsigned j) { return j >= 64 ? mask : mask & ((1ULL << j) - 1); }

__attribute__((target("avx512f,avx512bw,avx512vbmi2,bmi,bmi2,popcnt")))
static inline uint64_t in_range(__m512i v, uint8_t lo, uint8_t hi) {
    return _mm512_cmple_epu8_mask(_mm512_sub_epi8(v, _mm512_set1_epi8((char)lo)), _mm512_set1_epi8((char)(hi - lo)));
}

__attribute__((target("avx512f,avx512bw,avx512vbmi2,bmi,bmi2,popcnt")))
size_t winnow_fold_chunks(const uint8_t *p, size_t i, size_t n, const uint64_t *entries, const uint8_t *classes,
                          uint8_t *out, size_t *o_, int32_t *ends, size_t *count_, int *in_word_) {
    const size_t start = i;
    size_t o = *o_, count = *count_;
    uint64_t in_word = (uint64_t)(*in_word_ & 1);
    for (;;) {
        // The scalar loop takes a scalar at j only when j + 4 <= n.
        if (i + 4 > n) break;
        size_t m = n - 3 - i;
        if (m > 64) m = 64;
        const uint64_t in_chunk = m == 64 ? ~0ULL : ((1ULL << m) - 1);
        const __m512i v = _mm512_maskz_loadu_epi8(in_chunk, p + i);
        // ASCII letters and digits are a word's; letters lowercased.
        const __m512i lower = _mm512_or_si512(v, _mm512_set1_epi8(0x20));
        const uint64_t letter = in_range(lower, 'a', 'z') & in_chunk;
        const uint64_t digit = in_range(v, '0', '9') & in_chunk;
        uint64_t word = letter | digit;
        __m512i folded = _mm512_mask_blend_epi8(letter, v, lower);
        // UTF-8 by the scalar loop's lead lengths (TextDecoder.plainLeadLengths):
        // a lead of 2 or 3 bytes followed by its continuation bytes; anything
        // else not ASCII (leads it range-checks, 4-byte scalars, which lie
        // above the table, stray or missing continuation bytes, a sequence
        // past the chunk) ends the chunk where the scalar loop would stop.
        const uint64_t cont = in_range(v, 0x80, 0xBF) & in_chunk;
        const uint64_t lead2 = in_range(v, 0xC2, 0xDF) & in_chunk;
        const uint64_t lead3 = (in_range(v, 0xE1, 0xEC) | in_range(v, 0xEE, 0xEF)) & in_chunk;
        const uint64_t non_ascii = _mm512_movepi8_mask(v) & in_chunk;
        const uint64_t expected = lead2 << 1 | lead3 << 1 | lead3 << 2;
        const uint64_t leads = lead2 | lead3;
        uint64_t stop = non_ascii & ~cont & ~leads;  // other leads
        const uint64_t mismatch = (cont ^ expected) & in_chunk;
        if (mismatch) {
            const unsigned q = (unsigned)__builtin_ctzll(mismatch);
            if (cont >> q & 1) {
                stop |= 1ULL << q;  // a continuation byte no lead claims
            } else {
                const uint64_t owner = below(leads, q);  // the lead whose sequence q breaks
                stop |= owner ? 1ULL << (63 - __builtin_clzll(owner)) : 1ULL << q;
            }
        }
        // A sequence running past the chunk.
        const uint64_t last = 1ULL << (m - 1), last2 = last | (m >= 2 ? 1ULL << (m - 2) : 0);
        stop |= (lead2 & last) | (lead3 & last2);
        uint64_t cut = stop ? (uint64_t)__builtin_ctzll(stop) : 64;
        // The scalars of two and three bytes before it, one by one: their
        // class (CFold's table, ScalarTable.foldClasses) says which are a
        // word's, which the scalar loop folds to other bytes, and which it
        // takes itself.
        uint64_t patch_at[24];
        int patches = 0;
        uint64_t rest = below(leads, (unsigned)cut);
        while (rest) {
            const unsigned j = (unsigned)__builtin_ctzll(rest);
            rest &= rest - 1;
            // Decoded without a branch on the length: in Vietnamese text
            // letters of two and three bytes alternate at random.
            const uint32_t length = 2 + (uint32_t)(lead3 >> j & 1);
            const uint32_t scalar = scalar_value(p + i + j, length);
            const uint32_t inside = scalar < WINNOW_FOLD_TABLE_LIMIT;
            const uint8_t cls = inside ? classes[inside ? scalar : 0] : WINNOW_FOLD_SCALAR_LOOP;
            if (__builtin_expect(cls == WINNOW_FOLD_SCALAR_LOOP, 0)) { cut = j; break; }
            const uint64_t is_word = (uint64_t)(cls != WINNOW_FOLD_BOUNDARY);
            word |= (((1ULL << length) - 1) << j) & (0 - is_word);
            if (__builtin_expect(cls == WINNOW_FOLD_WORD_CHANGED, 0)) {
                if (patches == 24) { cut = j; break; }
                patch_at[patches++] = j;
            }
        }
        const uint64_t end_mask = below(in_chunk, (unsigned)cut);
        if (end_mask == 0) break;
        const unsigned used = (unsigned)__builtin_popcountll(end_mask);  // bytes folded: a prefix
        word &= end_mask;
        // Boundary bytes write a space where they close a token, and nothing else.
        const uint64_t prev_word = (word << 1) | in_word;
        const uint64_t closes = ~word & prev_word & end_mask;
        const uint64_t keep = word | closes;
        folded = _mm512_mask_blend_epi8(word, _mm512_set1_epi8(0x20), folded);
        const __m512i packed = _mm512_maskz_compress_epi8(keep, folded);
        const unsigned kept = (unsigned)__builtin_popcountll(keep);
        _mm512_mask_storeu_epi8(out + o, kept == 64 ? ~0ULL : ((1ULL << kept) - 1), packed);
        for (int k = 0; k < patches; k++) {
            const unsigned j = (unsigned)patch_at[k];
            const uint32_t length = 2 + (uint32_t)(lead3 >> j & 1);
            const uint32_t bytes = (uint32_t)entries[scalar_value(p + i + j, length)];
            memcpy(out + o + (size_t)__builtin_popcountll(below(keep, j)), &bytes, length);
        }
        uint64_t c = closes;
        while (c) {
            const unsigned j = (unsigned)__builtin_ctzll(c);
            c &= c - 1;
            ends[count++] = (int32_t)(o + (size_t)__builtin_popcountll(below(keep, j)));
        }
        o += kept;
        in_word = word >> (used - 1) & 1;
        i += used;
        if (used < 64) break;
    }
    *o_ = o;
    *count_ = count;
    *in_word_ = (int)in_word;
    return i - start;
}

#else

bool winnow_fold_supported(void) { return false; }

size_t winnow_fold_chunks(const uint8_t *p, size_t i, size_t n, const uint64_t *entries, const uint8_t *classes,
                          uint8_t *out, size_t *o, int32_t *ends, size_t *count, int *in_word) {
    (void)p; (void)i; (void)n; (void)entries; (void)classes; (void)out; (void)o; (void)ends; (void)count; (void)in_word;
    return 0;
}

#endif
