#!/usr/bin/env bash
# Times `winnow dups` against the usual datasketch and rensa pipelines, in one run,
# on the large generated dump (about 23,000 pages, 119 MB), and the scaling to twice
# the data two ways: the dump twice (every page with a byte-identical twin) and half
# the dump (10,000 articles) to the whole (the pool holds no more distinct articles).
# Prints wall time (winnow: the median of five runs; ten, spread before and after
# the peers, on the dump), peak memory, ratios and
# pair F1 against the labels.
#
#   Benchmarks/compare/run.sh [WORK_DIR]      (default /tmp/winnow-compare)
#
# Needs: ../shared/eval beside the repository, python3 with venv, network access to PyPI.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
eval_dir="$repo/../shared/eval"
work="${1:-/tmp/winnow-compare}"
threshold=0.6
mkdir -p "$work"

if [ ! -f "$work/dump/gold.json" ]; then
  echo "making the dump (20,000 articles, all of the pool, seed 3)…"
  python3 "$eval_dir/make_dump.py" "$eval_dir/pool.jsonl.gz" "$work/dump" --articles 20000 --split all --seed 3
fi
if [ ! -f "$work/half/gold.json" ]; then
  echo "making half the dump (10,000 articles)…"
  python3 "$eval_dir/make_dump.py" "$eval_dir/pool.jsonl.gz" "$work/half" --articles 10000 --split all --seed 3
fi
if [ ! -d "$work/twice/b" ]; then   # the dump twice, under two names
  mkdir -p "$work/twice" && cp -r "$work/dump/pages" "$work/twice/a" && cp -r "$work/dump/pages" "$work/twice/b"
fi
if [ ! -x "$work/venv/bin/python" ]; then
  python3 -m venv "$work/venv"
  "$work/venv/bin/pip" install -q datasketch rensa
fi
(cd "$repo" && swift build -c release --static-swift-stdlib >/dev/null)
winnow="$repo/.build/release/winnow"
py="$work/venv/bin/python"
mb=$(( $(du -sb "$work/dump/pages" | cut -f1) / 1000000 ))

run() {  # name, then the command; records "name seconds peakMB"
  local name=$1; shift
  local line; line=$(python3 "$here/measure.py" "$@" | tail -n 1)
  echo "$name $line" >> "$work/results.txt"
}
# Winnow's runs take seconds, where this VM varies by 10-20% from run to run:
# the median of five (three still let one slow run of the half or the whole dump
# move their ratio by 0.15). The peers take half a minute and more: one run each.
runs() { local name=$1; shift; run "$name" --repeat 5 "$@"; }
# The VM's speed also drifts by 10-30% over minutes, which the peers' long runs
# average over and five runs of a second do not: winnow on the dump runs five
# times before the peers and five after, and its time is the median of the ten.
walls="$work/winnow-walls.txt"
rm -f "$walls"
dump_runs() {
  local name=$1
  run "$name" --repeat 5 --walls "$walls" "$winnow" dups "$work/dump/pages" --threshold $threshold --format json -o "$work/winnow.json" -q
}
# Warm the page cache for every contender alike: the first to run would pay for the disk.
find "$work/dump/pages" "$work/twice" "$work/half/pages" -type f -exec cat {} + > /dev/null
rm -f "$work/results.txt"
dump_runs winnow-before-peers
runs winnow-1-thread "$winnow" dups "$work/dump/pages" --threshold $threshold --format json -o "$work/winnow-1.json" -q --threads 1
runs winnow-twice "$winnow" dups "$work/twice" --threshold $threshold --format json -o "$work/winnow-twice.json" -q
runs winnow-half "$winnow" dups "$work/half/pages" --threshold $threshold --format json -o "$work/winnow-half.json" -q
run rensa "$py" "$here/peers.py" rensa "$work/dump/pages" --threshold $threshold --out "$work/rensa.json"
run datasketch "$py" "$here/peers.py" datasketch "$work/dump/pages" --threshold $threshold --out "$work/datasketch.json"
dump_runs winnow

f1() { python3 "$eval_dir/score.py" "${2:-$work/dump}" --dups "$1" | sed 's/.*F1=\([0-9.]*\).*/\1/'; }
seconds_of() { awk -v n="$1" '$1==n{print $2}' "$work/results.txt"; }
echo
echo "winnow dups vs peers on $(ls "$work/dump/pages" | wc -l) pages, $mb MB, $(nproc) cores ($(uname -m)), threshold $threshold"
printf "%-18s %10s %10s %14s %8s\n" method "wall (s)" "peak MB" "winnow faster" "pair F1"
w=$(seconds_of winnow)
for name in winnow winnow-1-thread winnow-twice winnow-half rensa datasketch; do
  read -r _ secs peak < <(awk -v n="$name" '$1==n' "$work/results.txt")
  case $name in
    winnow) f=$(f1 "$work/winnow.json") ;;
    winnow-1-thread) f=$(f1 "$work/winnow-1.json") ;;
    winnow-half) f=$(f1 "$work/winnow-half.json" "$work/half") ;;
    rensa|datasketch) f=$(f1 "$work/$name.json") ;;
    *) f="-" ;;
  esac
  printf "%-18s %10.2f %10s %13.1fx %8s\n" "$name" "$secs" "$peak" "$(python3 -c "print($secs / $w)")" "$f"
done
echo "winnow on the dump: median $(seconds_of winnow-before-peers) s of the five runs before the peers, $w s of all ten"
t2=$(seconds_of winnow-twice)
th=$(seconds_of winnow-half)
half_mb=$(( $(du -sb "$work/half/pages" | cut -f1) / 1000000 ))
echo "twice the data costs $(printf '%.2f' "$(python3 -c "print($t2 / $w)")")x the time (the dump twice; target <= 2.2x)"
echo "twice the data costs $(printf '%.2f' "$(python3 -c "print($w / $th)")")x the time (half the dump, $half_mb MB, to the whole, $mb MB)"
cmp -s <(python3 -c "import json,sys; print(json.load(open('$work/winnow.json'))['clusters'] == json.load(open('$work/winnow-1.json'))['clusters'])") <(echo True) \
  && echo "clusters identical for 1 and $(nproc) threads" || echo "clusters DIFFER between 1 and $(nproc) threads"
