#ifndef WINNOW_CFOLD_H
#define WINNOW_CFOLD_H
// The tokeniser's fold (LineAnalyzer.foldRun) 64 bytes at a time with the
// vector units (AVX-512 BW and VBMI2), for the runs of a line whose scalars
// each fold to bytes of their own length: ASCII, and the letters of Latin,
// Vietnamese, Greek and Cyrillic text. ASCII bytes are classified (a word's
// or a boundary's) and lowercased as vectors, UTF-8 sequences checked by
// masks; each scalar of two or three bytes is looked up in a table of classes
// one by one. The bytes a token keeps (its own, and one space where it
// closes) are packed together, and the tokens' ends found from the packing.
//
// What it writes is exactly what the scalar loop writes for the same bytes:
// the folded bytes from `*o`, each closed token's end at `ends[*count]`.
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

// The scalars below WINNOW_FOLD_TABLE_LIMIT have entries in the scalar
// table (ScalarTable, ScalarEntry: the folded bytes in the low 32 bits), and
// a class in `classes` (ScalarTable.foldClasses): what the kernel does with
// each scalar of two or three bytes.
#define WINNOW_FOLD_TABLE_LIMIT 0x3100
// Left to the scalar loop: isolated, ignorable, unsafe under NFC, or folded
// to bytes of another length.
#define WINNOW_FOLD_SCALAR_LOOP 0
// A word's scalar that folds to itself.
#define WINNOW_FOLD_WORD 1
// A word's scalar that folds to other bytes of its length (its entry's).
#define WINNOW_FOLD_WORD_CHANGED 2
// A boundary.
#define WINNOW_FOLD_BOUNDARY 3

// Whether this processor runs the kernel.
bool winnow_fold_supported(void);

// Folds from `p[i]` for as long as it can: in chunks of up to 64 bytes, each
// ending at least 3 bytes before `n` (the scalar loop loads 4 bytes a
// scalar), until a scalar the kernel leaves to the scalar loop: one that is
// invalid UTF-8 or that the scalar loop range-checks, of four bytes, above
// the table, or of class WINNOW_FOLD_SCALAR_LOOP. Returns the bytes folded.
// `*in_word` is 1 while a token is open. Writes only the folded bytes and
// the ends of the tokens it closes, no more than the scalar loop would.
size_t winnow_fold_chunks(const uint8_t *p, size_t i, size_t n, const uint64_t *entries, const uint8_t *classes,
                          uint8_t *out, size_t *o, int32_t *ends, size_t *count, int *in_word);

#endif
