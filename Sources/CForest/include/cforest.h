#ifndef WINNOW_CFOREST_H
#define WINNOW_CFOREST_H
// Scores rows of features with a forest of complete binary trees of depth 5
// (31 splits, 32 leaves a tree) with the vector units, for the body model.
//
// A row's walk down a tree is found without walking (QuickScorer, Lucchese
// et al., SIGIR 2015): every split is compared at once for 16 rows, and a
// split the row passes to the right clears the leaves of its left subtree
// from the row's 32-bit set of leaves; the leftmost leaf left is the one the
// walk ends in. The compares are independent loads of one feature for 16
// rows (the features column by column), where a walk is a chain of
// dependent loads.
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

// The vector width the kernel below runs at on this processor: 16 (AVX-512),
// 8 (AVX2), or 0 (neither: the caller walks the trees itself).
int winnow_forest_lanes(void);

// For each of `rows` rows, adds the leaf values its walks end in, tree by
// tree in pairs (`out[r] += leaf0 + leaf1`, then a last odd tree alone), in
// the order and the float arithmetic of a walk; `lanes` rows at a time (16
// or 8, at most `winnow_forest_lanes()`; at 16, two vectors of 16 while the
// pitch holds them, so each split's threshold is loaded once for 32 rows).
//
// - `columns`: feature `f` of row `r` at `columns[f * pitch + r]`; `pitch`
//   at least `rows` rounded up to a multiple of `lanes`, the rows past
//   `rows` readable (their sums are written to `out` too, so `out` holds
//   `pitch` floats).
// - tree `t`'s splits are `starts[t] ..< starts[t + 1]` (`starts` holds
//   `trees + 1` offsets), at most 31, in any order; split `k`:
//   `features[k]`, `thresholds[k]` (right when the value is above it),
//   `kept_leaves[k]` (the bits of the leaves a row that goes right can still
//   reach: all but those under the left child). A split of the complete
//   tree that no row can pass to the right (a threshold of +infinity, as
//   where a shallower leaf was laid out at depth 5) may be left out: it
//   would clear nothing. Tree `t`'s leaves: `leaves[t * 32 + j]`.
// Returns false, doing nothing, for lanes this processor cannot run.
bool winnow_forest_add(int lanes, const float *columns, size_t pitch, size_t rows,
                       const int32_t *features, const float *thresholds, const uint32_t *kept_leaves,
                       const uint32_t *starts, const float *leaves, size_t trees, float *out);

#endif
