#!/usr/bin/env bash
# How `dups` grows with the dump: the large generated dump (119 MB, 23,270 pages) and copies of it
# whose words each pass through a cipher of their own (`scale_dump.py`: layouts and republished
# articles kept, no story shared between copies), at 1x, 4x and 10x. Each size runs ROUNDS times
# (default 3), the sizes interleaved, so the machine's drift falls on all of them; prints each
# size's median wall time, the median over rounds of its time against that round's 1x time, its
# peak memory and the pair F1 against the labelled clusters of the copies it read.
#
#   Benchmarks/compare/scale.sh [WORK_DIR] [ROUNDS] [-- DUPS OPTIONS...]
#                                            (default /tmp/winnow-compare-scale, 3 rounds)
#
# Needs: ../shared/eval beside the repository, python3, GNU time (/usr/bin/time). The 10x dump
# takes about 3 minutes to make and 1.9 GB of disk; it is made once.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
eval_dir="$repo/../shared/eval"
work="${1:-/tmp/winnow-compare-scale}"
rounds="${2:-3}"
shift $(( $# >= 2 ? 2 : $# ))
[ "${1:-}" = "--" ] && shift
mkdir -p "$work"
(cd "$repo" && swift build -c release --static-swift-stdlib >/dev/null)
winnow="$repo/.build/release/winnow"
if [ ! -f "$work/big/gold.json" ]; then
  python3 "$eval_dir/make_dump.py" "$eval_dir/pool.jsonl.gz" "$work/big" --articles 20000 --split all --seed 3 >/dev/null
fi
if [ ! -f "$work/scale10/clusters.json" ]; then
  python3 "$eval_dir/scale_dump.py" "$work/big" "$work/scale10" --copies 10 --format txt >/dev/null
fi
copies() { for ((k = 0; k < $1; k++)); do printf '%s/scale10/c%03d ' "$work" "$k"; done; }
: > "$work/runs.txt"
for ((r = 1; r <= rounds; r++)); do
  for x in 1 4 10; do
    # shellcheck disable=SC2046
    /usr/bin/time -f "$x %e %M" -a -o "$work/runs.txt" \
      "$winnow" dups $(copies "$x") --format json -o "$work/dups$x.json" -q "$@"
  done
done
python3 - "$work" <<'PY'
import json, re, statistics, sys
work = sys.argv[1]
runs = {}
for line in open(f"{work}/runs.txt"):
    x, wall, kb = line.split()
    runs.setdefault(int(x), []).append((float(wall), int(kb)))
def pairs(clusters):
    out = set()
    for c in clusters:
        c = sorted({re.sub(r"\.txt$", "", d) for d in c})
        out.update((c[i], c[j]) for i in range(len(c)) for j in range(i + 1, len(c)))
    return out
gold = json.load(open(f"{work}/scale10/clusters.json"))["clusters"]
print(f"{'size':>5} {'pages':>8} {'wall s':>8} {'vs 1x':>7} {'peak MB':>8} {'pair F1':>8}  (medians of {len(runs[1])} rounds)")
for x in sorted(runs):
    wall = statistics.median(w for w, _ in runs[x])
    # Each round's time against the same round's 1x: the machine's drift between rounds cancels.
    ratio = statistics.median(w / b for (w, _), (b, _) in zip(runs[x], runs[1]))
    peak = max(kb for _, kb in runs[x]) / 1024
    # A run of one folder names its pages without the folder: put it back.
    report = json.load(open(f"{work}/dups{x}.json"))
    prefix = "c000/" if x == 1 else ""
    found = pairs([prefix + d for d in c["documents"]] for c in report["clusters"])
    truth = {p for p in pairs(gold) if int(p[0][1:4]) < x}
    tp = len(truth & found)
    p, r = tp / max(1, len(found)), tp / max(1, len(truth))
    pages = x * 23270
    print(f"{x:>4}x {pages:>8} {wall:>8.2f} {ratio:>6.2f}x {peak:>8.0f} {2 * p * r / max(1e-9, p + r):>8.4f}")
PY
