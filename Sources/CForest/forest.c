#include "cforest.h"
#include <immintrin.h>

#if defined(__x86_64__)

// One tree for the rows of `x` lanes starting at `columns + r`: the index of
// each row's leaf, from the tree's `splits` splits that a row can pass to the
// right (a split no row passes right clears no leaf and is left out).

__attribute__((target("avx512f,avx512cd")))
static inline __m512i leaf_index_512(const float *columns, size_t pitch, size_t r,
                                     const int32_t *f, const float *th, const uint32_t *kept, uint32_t splits) {
    __m512i set = _mm512_set1_epi32(-1);
    for (uint32_t k = 0; k < splits; k++) {
        __m512 x = _mm512_loadu_ps(columns + (size_t)f[k] * pitch + r);
        __mmask16 right = _mm512_cmp_ps_mask(x, _mm512_set1_ps(th[k]), _CMP_GT_OQ);
        set = _mm512_mask_and_epi32(set, right, set, _mm512_set1_epi32((int)kept[k]));
    }
    // The lowest set bit's index: 31 minus the leading zeros of that bit alone.
    __m512i lowest = _mm512_and_si512(set, _mm512_sub_epi32(_mm512_setzero_si512(), set));
    return _mm512_sub_epi32(_mm512_set1_epi32(31), _mm512_lzcnt_epi32(lowest));
}

// One tree for the 32 rows starting at `columns + r`, as two vectors of leaf
// indices: each split's threshold and leaf set are loaded once for both.
__attribute__((target("avx512f,avx512cd")))
static inline void leaf_index_512x2(const float *columns, size_t pitch, size_t r,
                                    const int32_t *f, const float *th, const uint32_t *kept, uint32_t splits,
                                    __m512i *i0, __m512i *i1) {
    __m512i set0 = _mm512_set1_epi32(-1), set1 = set0;
    for (uint32_t k = 0; k < splits; k++) {
        const float *x = columns + (size_t)f[k] * pitch + r;
        __m512 t = _mm512_set1_ps(th[k]);
        __m512i keep = _mm512_set1_epi32((int)kept[k]);
        __mmask16 right0 = _mm512_cmp_ps_mask(_mm512_loadu_ps(x), t, _CMP_GT_OQ);
        __mmask16 right1 = _mm512_cmp_ps_mask(_mm512_loadu_ps(x + 16), t, _CMP_GT_OQ);
        set0 = _mm512_mask_and_epi32(set0, right0, set0, keep);
        set1 = _mm512_mask_and_epi32(set1, right1, set1, keep);
    }
    __m512i lowest0 = _mm512_and_si512(set0, _mm512_sub_epi32(_mm512_setzero_si512(), set0));
    __m512i lowest1 = _mm512_and_si512(set1, _mm512_sub_epi32(_mm512_setzero_si512(), set1));
    *i0 = _mm512_sub_epi32(_mm512_set1_epi32(31), _mm512_lzcnt_epi32(lowest0));
    *i1 = _mm512_sub_epi32(_mm512_set1_epi32(31), _mm512_lzcnt_epi32(lowest1));
}

__attribute__((target("avx512f,avx512cd")))
static void add_512(const float *columns, size_t pitch, size_t rows,
                    const int32_t *features, const float *thresholds, const uint32_t *kept_leaves,
                    const uint32_t *starts, const float *leaves, size_t trees, float *out) {
    size_t r = 0;
    // 32 rows at a time while more than 16 are left (rows past `rows` are
    // zeros within the pitch), then 16: the sums of a row are the same either
    // way (tree by tree in pairs).
    for (; r + 16 < rows && r + 32 <= pitch; r += 32) {
        __m512 sum0 = _mm512_loadu_ps(out + r), sum1 = _mm512_loadu_ps(out + r + 16);
        size_t t = 0;
        for (; t + 2 <= trees; t += 2) {
            const size_t a = starts[t], b = starts[t + 1];
            const uint32_t na = starts[t + 1] - starts[t], nb = starts[t + 2] - starts[t + 1];
            __m512i i00, i01, i10, i11;
            leaf_index_512x2(columns, pitch, r, features + a, thresholds + a, kept_leaves + a, na, &i00, &i01);
            leaf_index_512x2(columns, pitch, r, features + b, thresholds + b, kept_leaves + b, nb, &i10, &i11);
            const float *l0 = leaves + t * 32, *l1 = l0 + 32;
            __m512 l0a = _mm512_loadu_ps(l0), l0b = _mm512_loadu_ps(l0 + 16);
            __m512 l1a = _mm512_loadu_ps(l1), l1b = _mm512_loadu_ps(l1 + 16);
            sum0 = _mm512_add_ps(sum0, _mm512_add_ps(_mm512_permutex2var_ps(l0a, i00, l0b), _mm512_permutex2var_ps(l1a, i10, l1b)));
            sum1 = _mm512_add_ps(sum1, _mm512_add_ps(_mm512_permutex2var_ps(l0a, i01, l0b), _mm512_permutex2var_ps(l1a, i11, l1b)));
        }
        if (t < trees) {
            const size_t a = starts[t];
            const uint32_t na = starts[t + 1] - starts[t];
            __m512i i00, i01;
            leaf_index_512x2(columns, pitch, r, features + a, thresholds + a, kept_leaves + a, na, &i00, &i01);
            const float *l0 = leaves + t * 32;
            __m512 l0a = _mm512_loadu_ps(l0), l0b = _mm512_loadu_ps(l0 + 16);
            sum0 = _mm512_add_ps(sum0, _mm512_permutex2var_ps(l0a, i00, l0b));
            sum1 = _mm512_add_ps(sum1, _mm512_permutex2var_ps(l0a, i01, l0b));
        }
        _mm512_storeu_ps(out + r, sum0);
        _mm512_storeu_ps(out + r + 16, sum1);
    }
    for (; r < rows; r += 16) {
        __m512 sum = _mm512_loadu_ps(out + r);
        size_t t = 0;
        for (; t + 2 <= trees; t += 2) {
            const size_t a = starts[t], b = starts[t + 1];
            const uint32_t na = starts[t + 1] - starts[t], nb = starts[t + 2] - starts[t + 1];
            __m512i i0 = leaf_index_512(columns, pitch, r, features + a, thresholds + a, kept_leaves + a, na);
            __m512i i1 = leaf_index_512(columns, pitch, r, features + b, thresholds + b, kept_leaves + b, nb);
            const float *l0 = leaves + t * 32, *l1 = l0 + 32;
            __m512 v0 = _mm512_permutex2var_ps(_mm512_loadu_ps(l0), i0, _mm512_loadu_ps(l0 + 16));
            __m512 v1 = _mm512_permutex2var_ps(_mm512_loadu_ps(l1), i1, _mm512_loadu_ps(l1 + 16));
            sum = _mm512_add_ps(sum, _mm512_add_ps(v0, v1));
        }
        if (t < trees) {
            const size_t a = starts[t];
            const uint32_t na = starts[t + 1] - starts[t];
            __m512i i0 = leaf_index_512(columns, pitch, r, features + a, thresholds + a, kept_leaves + a, na);
            const float *l0 = leaves + t * 32;
            sum = _mm512_add_ps(sum, _mm512_permutex2var_ps(_mm512_loadu_ps(l0), i0, _mm512_loadu_ps(l0 + 16)));
        }
        _mm512_storeu_ps(out + r, sum);
    }
}

__attribute__((target("avx2")))
static inline __m256i leaf_index_256(const float *columns, size_t pitch, size_t r,
                                     const int32_t *f, const float *th, const uint32_t *kept, uint32_t splits) {
    __m256i set = _mm256_set1_epi32(-1);
    for (uint32_t k = 0; k < splits; k++) {
        __m256 x = _mm256_loadu_ps(columns + (size_t)f[k] * pitch + r);
        __m256i right = _mm256_castps_si256(_mm256_cmp_ps(x, _mm256_set1_ps(th[k]), _CMP_GT_OQ));
        set = _mm256_andnot_si256(_mm256_andnot_si256(_mm256_set1_epi32((int)kept[k]), right), set);
    }
    // The lowest set bit alone, as a float: its exponent is the bit's index
    // (bit 31 converts to -2^31, whose exponent is 31 too).
    __m256i lowest = _mm256_and_si256(set, _mm256_sub_epi32(_mm256_setzero_si256(), set));
    __m256i bits = _mm256_castps_si256(_mm256_cvtepi32_ps(lowest));
    return _mm256_sub_epi32(_mm256_and_si256(_mm256_srli_epi32(bits, 23), _mm256_set1_epi32(0xFF)), _mm256_set1_epi32(127));
}

__attribute__((target("avx2")))
static void add_256(const float *columns, size_t pitch, size_t rows,
                    const int32_t *features, const float *thresholds, const uint32_t *kept_leaves,
                    const uint32_t *starts, const float *leaves, size_t trees, float *out) {
    for (size_t r = 0; r < rows; r += 8) {
        __m256 sum = _mm256_loadu_ps(out + r);
        size_t t = 0;
        for (; t + 2 <= trees; t += 2) {
            const size_t a = starts[t], b = starts[t + 1];
            const uint32_t na = starts[t + 1] - starts[t], nb = starts[t + 2] - starts[t + 1];
            __m256i i0 = leaf_index_256(columns, pitch, r, features + a, thresholds + a, kept_leaves + a, na);
            __m256i i1 = leaf_index_256(columns, pitch, r, features + b, thresholds + b, kept_leaves + b, nb);
            __m256 v0 = _mm256_i32gather_ps(leaves + t * 32, i0, 4);
            __m256 v1 = _mm256_i32gather_ps(leaves + t * 32 + 32, i1, 4);
            sum = _mm256_add_ps(sum, _mm256_add_ps(v0, v1));
        }
        if (t < trees) {
            const size_t a = starts[t];
            const uint32_t na = starts[t + 1] - starts[t];
            __m256i i0 = leaf_index_256(columns, pitch, r, features + a, thresholds + a, kept_leaves + a, na);
            sum = _mm256_add_ps(sum, _mm256_i32gather_ps(leaves + t * 32, i0, 4));
        }
        _mm256_storeu_ps(out + r, sum);
    }
}

int winnow_forest_lanes(void) {
    // A load of what the runtime found at start-up: no state of our own to share between threads.
    return (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512cd")) ? 16
         : __builtin_cpu_supports("avx2") ? 8 : 0;
}

bool winnow_forest_add(int lanes, const float *columns, size_t pitch, size_t rows,
                       const int32_t *features, const float *thresholds, const uint32_t *kept_leaves,
                       const uint32_t *starts, const float *leaves, size_t trees, float *out) {
    if (lanes > winnow_forest_lanes()) return false;
    switch (lanes) {
    case 16: add_512(columns, pitch, rows, features, thresholds, kept_leaves, starts, leaves, trees, out); return true;
    case 8: add_256(columns, pitch, rows, features, thresholds, kept_leaves, starts, leaves, trees, out); return true;
    default: return false;
    }
}

#else

int winnow_forest_lanes(void) { return 0; }

bool winnow_forest_add(int lanes, const float *columns, size_t pitch, size_t rows,
                       const int32_t *features, const float *thresholds, const uint32_t *kept_leaves,
                       const uint32_t *starts, const float *leaves, size_t trees, float *out) {
    (void)lanes; (void)columns; (void)pitch; (void)rows; (void)features; (void)thresholds;
    (void)kept_leaves; (void)starts; (void)leaves; (void)trees; (void)out;
    return false;
}

#endif
