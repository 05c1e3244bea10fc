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
