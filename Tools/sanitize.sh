#!/usr/bin/env bash
# Memory and thread safety, checked: the test suite and clean, blocks and dups
# on the seeds (and on any folders given: a dump, real pages) under
# AddressSanitizer, then ThreadSanitizer. Fails on the first report.
#
#   Tools/sanitize.sh [FOLDER...]        e.g. Tools/sanitize.sh /tmp/dev/pages /tmp/real/text
#   SANITIZERS=address Tools/sanitize.sh  one of them only
#
# Builds go to .build-address and .build-thread (git ignores .build-*).
# Leak checking is off: the commands exit without freeing what they hold, on purpose.
set -euo pipefail
cd "$(dirname "$0")/.."
export ASAN_OPTIONS="detect_leaks=0:halt_on_error=1:abort_on_error=1"
export TSAN_OPTIONS="halt_on_error=1:abort_on_error=1:suppressions=$PWD/Tools/tsan-suppressions.txt"
export SWIFT_BACKTRACE="enable=no"
inputs=(seeds "$@")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for sanitizer in ${SANITIZERS:-address thread}; do
    scratch=".build-$sanitizer"
    echo "== $sanitizer: build and test suite"
    swift build --sanitize="$sanitizer" --scratch-path "$scratch"
    # Two tests measure what a sanitizer changes: the allocator the command
    # links (a sanitizer brings its own) and peak memory (shadow memory).
    swift test --sanitize="$sanitizer" --scratch-path "$scratch" \
        --skip theCommandPrintsEveryStageAndItsAllocator --skip memoryIsASmallMultipleOfTheLargestPage
    winnow="$scratch/debug/winnow"
    for input in "${inputs[@]}"; do
        echo "== $sanitizer: clean, blocks, dups on $input"
        rm -rf "$work/out"
        "$winnow" clean "$input" -o "$work/out" --report "$work/report.json" -q
        "$winnow" blocks "$input" --format json -o "$work/blocks.json" -q
        "$winnow" dups "$input" --format json -o "$work/dups.json" -q
        # Every page's word hashes through the spill file, written and read on all threads.
        "$winnow" dups "$input" --format json -o "$work/dups-spilled.json" -q --memory 0
        cmp "$work/dups.json" "$work/dups-spilled.json"
    done
done
echo "no sanitizer report"
