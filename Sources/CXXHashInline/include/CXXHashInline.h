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

#endif
