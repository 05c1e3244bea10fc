#ifndef WINNOW_CXXHASH_INLINE_H
#define WINNOW_CXXHASH_INLINE_H
// XXH3 compiled into the caller, for the many short inputs of the hot loop
// (tokens of a few bytes, shingles of 8*k bytes). Inlining saves the call into
// the shared library and lets the compiler specialise for the input length.
// The functions below give bit-identical results to the shared libxxhash.
#define XXH_INLINE_ALL
#include <xxhash.h>
#include <stdint.h>
#include <stddef.h>

static inline uint64_t winnow_xxh3_64(const void *data, size_t length, uint64_t seed) {
    return XXH3_64bits_withSeed(data, length, seed);
}

// XXH3-64 of 1 to 16 bytes without branching on the length: the three
// short-input formulas of xxHash (1-3, 4-8 and 9-16 bytes) are all computed,
// by xxHash's own functions, and the one for `length` is selected. Words
// vary in length from one to the next, so the length branches of
// XXH3_64bits_withSeed mispredict often. Bit-identical to it for 1 <= length
// <= 16; the caller guarantees that the 8 bytes before `data` and the 8 after
// `data + length` can be read (the formulas not selected read there).
static inline uint64_t winnow_xxh3_64_short(const uint8_t *data, size_t length, uint64_t seed) {
    uint64_t const upTo3 = XXH3_len_1to3_64b(data, length, XXH3_kSecret, seed);
    uint64_t const upTo8 = XXH3_len_4to8_64b(data, length, XXH3_kSecret, seed);
    uint64_t const upTo16 = XXH3_len_9to16_64b(data, length, XXH3_kSecret, seed);
    uint64_t const from4 = length > 8 ? upTo16 : upTo8;
    return length >= 4 ? from4 : upTo3;
}

// Streaming XXH3-64: the digest of pieces fed in turn equals the one-shot
// hash of the pieces joined. The state is allocated by the library (it needs
// 64-byte alignment) and is opaque to Swift.
static inline void *winnow_xxh3_state_create(void) { return XXH3_createState(); }
static inline void winnow_xxh3_state_free(void *state) { XXH3_freeState((XXH3_state_t *)state); }
static inline void winnow_xxh3_reset(void *state, uint64_t seed) {
    XXH3_64bits_reset_withSeed((XXH3_state_t *)state, seed);
}
static inline void winnow_xxh3_update(void *state, const void *data, size_t length) {
    XXH3_64bits_update((XXH3_state_t *)state, data, length);
}
static inline uint64_t winnow_xxh3_digest(const void *state) { return XXH3_64bits_digest((const XXH3_state_t *)state); }

#endif
