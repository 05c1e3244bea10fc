#!/usr/bin/env bash
# Times `winnow clean` on the real-dev pages' HTML against trafilatura on the
# same files, in one run, and scores both with score_real.py. trafilatura runs
# as users run it, one page after another in one process (extract()), and on
# both cores (a pool of two processes); winnow on both cores. Prints pages per
# second, the ratios and F1.
#
#   Benchmarks/compare/html.sh [WORK_DIR]      (default /tmp/winnow-compare-html)
#
# Needs: ../shared/eval beside the repository, python3 with venv, PyPI.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
real="$repo/../shared/eval/real"
work="${1:-/tmp/winnow-compare-html}"
mkdir -p "$work"
if [ ! -d "$work/pages/html" ]; then
  python3 "$real/score_real.py" pages "$real/real-dev.jsonl.gz" "$work/pages" >/dev/null
fi
if [ ! -x "$work/venv/bin/python" ]; then
  python3 -m venv "$work/venv"
  "$work/venv/bin/pip" install -q trafilatura lxml_html_clean
fi
(cd "$repo" && swift build -c release --static-swift-stdlib >/dev/null)
winnow="$repo/.build/release/winnow"
pages=$(ls "$work/pages/html" | wc -l)
cat > "$work/traf.py" <<'PY'
import pathlib, sys, time, trafilatura
from concurrent.futures import ProcessPoolExecutor
src, out, workers = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), int(sys.argv[3])
out.mkdir(parents=True, exist_ok=True)
def one(p):
    text = trafilatura.extract(p.read_text(encoding="utf-8", errors="replace")) or ""
    (out / (p.stem + ".txt")).write_text(text, encoding="utf-8")
files = sorted(src.glob("*.html"))
start = time.perf_counter()
if workers == 1:
    for f in files: one(f)
else:
    with ProcessPoolExecutor(workers) as ex: list(ex.map(one, files, chunksize=8))
print(f"{time.perf_counter() - start:.3f}")
PY
run_winnow() {
  rm -rf "$work/winnow-out"
  local start end
  start=$(date +%s.%N)
  "$winnow" clean "$work/pages/html" --glob '*.html' -o "$work/winnow-out" -q
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}
# Interleaved: winnow, trafilatura on one core, winnow, trafilatura on two, winnow.
w1=$(run_winnow)
t1=$("$work/venv/bin/python" "$work/traf.py" "$work/pages/html" "$work/traf-out" 1)
w2=$(run_winnow)
t2=$("$work/venv/bin/python" "$work/traf.py" "$work/pages/html" "$work/traf-out" 2)
w3=$(run_winnow)
w=$(printf '%s\n' "$w1" "$w2" "$w3" | sort -n | sed -n 2p)
score() { python3 "$real/score_real.py" score "$real/real-dev.jsonl.gz" "$1" | head -1 | sed 's/.*F1=\([0-9.]*\).*/\1/'; }
printf '%-40s %8s %10s %8s %6s\n' method seconds pages/s ratio F1
printf '%-40s %8.2f %10.0f %8s %6s\n' "winnow clean (median of 3, 2 cores)" "$w" "$(echo "$pages / $w" | bc -l)" "1.0x" "$(score "$work/winnow-out")"
printf '%-40s %8.2f %10.0f %7.1fx %6s\n' "trafilatura $("$work/venv/bin/python" -c 'import trafilatura; print(trafilatura.__version__)'), 1 process" "$t1" "$(echo "$pages / $t1" | bc -l)" "$(echo "$t1 / $w" | bc -l)" "$(score "$work/traf-out")"
printf '%-40s %8.2f %10.0f %7.1fx %6s\n' "trafilatura, 2 processes" "$t2" "$(echo "$pages / $t2" | bc -l)" "$(echo "$t2 / $w" | bc -l)" "$(score "$work/traf-out")"
echo "(winnow's F1 is the shipped HTML model's, trained on these pages; cross-validated over pages it is 0.93: docs/body-model.md)"
