#!/usr/bin/env bash
# The archive index's cost: a fifth of the large generated dump (119 MB, 23,135 pages; page i
# on day i % 5) checked against an archive of the other four fifths, against one `dups` over the
# whole dump, interleaved three times, in one run. Prints each time and the ratios (target:
# at most 0.5), then the five days run one at a time with one archive on the labelled dev dump,
# scored against its labels (pairs and cleaned pages).
#
#   Benchmarks/compare/archive.sh [WORK_DIR]      (default /tmp/winnow-compare-archive)
#
# Needs: ../shared/eval beside the repository, python3.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
eval_dir="$repo/../shared/eval"
work="${1:-/tmp/winnow-compare-archive}"
mkdir -p "$work"
(cd "$repo" && swift build -c release --static-swift-stdlib >/dev/null)
winnow="$repo/.build/release/winnow"
if [ ! -f "$work/dump/gold.json" ]; then
  python3 "$eval_dir/make_dump.py" "$eval_dir/pool.jsonl.gz" "$work/dump" --articles 20000 --split all --seed 3 >/dev/null
fi
if [ ! -f "$work/dev/gold.json" ]; then
  python3 "$eval_dir/make_dump.py" "$eval_dir/pool.jsonl.gz" "$work/dev" --articles 1200 --seed 1 >/dev/null
fi
split() {  # split SRC DEST: page i of SRC into DEST/day(i % 5), hard links
  rm -rf "$2"
  python3 - "$1" "$2" <<'PY'
import os, sys
src, dest = sys.argv[1], sys.argv[2]
names = sorted(os.listdir(src))
for d in range(5): os.makedirs(f"{dest}/day{d}")
for i, n in enumerate(names): os.link(f"{src}/{n}", f"{dest}/day{i % 5}/{n}")
PY
}
split "$work/dump/pages" "$work/days"
rm -f "$work/four.db" "$work/four.db.lock"
"$winnow" index add "$work/days/day0" "$work/days/day1" "$work/days/day2" "$work/days/day3" --index "$work/four.db" -q
"$winnow" index stats "$work/four.db" | head -1
seconds() { local start end; start=$(date +%s.%N); "$@"; end=$(date +%s.%N); echo "$end - $start" | bc; }
printf '%-8s %14s %14s %8s\n' run "day+archive s" "whole dump s" ratio
for n in 1 2 3; do
  cp "$work/four.db" "$work/run.db"; rm -f "$work/run.db.lock"
  d=$(seconds "$winnow" dups "$work/days/day4" --index "$work/run.db" -q -o "$work/day.txt")
  w=$(seconds "$winnow" dups "$work/dump/pages" -q -o "$work/whole.txt")
  printf '%-8s %14.2f %14.2f %7.2fx\n' "$n" "$d" "$w" "$(echo "$d / $w" | bc -l)"
done
# Quality: the dev dump as five days, one archive.
split "$work/dev/pages" "$work/devdays"
rm -f "$work/dev.db" "$work/dev.db.lock" "$work/devclean.db" "$work/devclean.db.lock"; rm -rf "$work/devclean"; mkdir -p "$work/devclean"
for d in 0 1 2 3 4; do
  "$winnow" dups "$work/devdays/day$d" --index "$work/dev.db" --format json -o "$work/devdups$d.json" -q
  "$winnow" clean "$work/devdays/day$d" --index "$work/devclean.db" -o "$work/devclean$d" -q
  cp "$work/devclean$d"/*.txt "$work/devclean/"
done
python3 - "$work" "$eval_dir" <<'PY'
import itertools, json, sys
work, eval_dir = sys.argv[1], sys.argv[2]
sys.path.insert(0, eval_dir)
import score
gold = json.load(open(f"{work}/dev/gold.json"))
pred = set()
for d in range(5):
    for c in json.load(open(f"{work}/devdups{d}.json"))["clusters"]:
        docs = sorted(set(score.ident(x.replace("archive:", "")) for x in c["documents"]))
        pred |= set(itertools.combinations(docs, 2))
truth = score.pairs_of(gold["clusters"])
tp = len(truth & pred); p = tp / len(pred) if pred else 0; r = tp / len(truth)
print("dev dump as five days, pairs: P=%.4f R=%.4f F1=%.4f" % (p, r, 2 * p * r / (p + r) if p + r else 0))
PY
python3 "$eval_dir/score.py" "$work/dev" --clean "$work/devclean" | head -1 | sed 's/^/dev dump as five days, /'
