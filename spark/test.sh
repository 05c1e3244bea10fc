#!/usr/bin/env bash
# The Spark stages give what one machine gives: `winnow_spark.py clean` and `dups` in local[2]
# against `winnow clean` and `winnow dups` on the same inputs, byte for byte (diff -r, cmp).
# Inputs: the labelled fixture dump with a second folder holding copies of some of its pages
# (pages of one text, two roots, identical documents), and a gzipped JSONL dump.
#
#   spark/test.sh            (the winnow binary: $WINNOW, else .build/debug/winnow, built if missing)
#
# Installs what it needs when missing: Java 17 (Debian's openjdk-17-jre-headless) and pyspark
# (spark/requirements.txt) in a venv at .build-spark-venv.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v java >/dev/null || (apt-get update -qq && apt-get install -y -qq openjdk-17-jre-headless >/dev/null)
venv=.build-spark-venv
[ -x "$venv/bin/spark-submit" ] || { python3 -m venv "$venv" && "$venv/bin/pip" install -q -r spark/requirements.txt; }
export PATH="$PWD/$venv/bin:$PATH"  # spark-submit finds Spark through the venv's python3
winnow="${WINNOW:-.build/debug/winnow}"
[ -x "$winnow" ] || swift build >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/copies"
for page in Fixtures/quality-80/pages/*0.txt; do cp "$page" "$work/copies/"; done
printf 'Home | News | Sport\nMenu\n' > "$work/copies/menu-only.txt"  # a page whose cleaned text has no words
check() {  # check NAME INPUT...
  local name="$1"; shift
  spark-submit --master 'local[2]' spark/winnow_spark.py clean "$@" -o "$work/$name-spark" \
    --winnow "$winnow" >"$work/$name.log" 2>&1 || { cat "$work/$name.log" >&2; exit 1; }
  "$winnow" clean "$@" -o "$work/$name-one" -q
  diff -r "$work/$name-spark" "$work/$name-one"
  echo "spark: $name: $(find "$work/$name-one" -type f | wc -l) files identical to winnow clean's ($(grep '^cleaned' "$work/$name.log"))"
}
check_dups() {  # check_dups NAME FORMAT INPUT...
  local name="$1" format="$2"; shift 2
  spark-submit --master 'local[2]' spark/winnow_spark.py dups "$@" --format "$format" -o "$work/$name-spark.$format" \
    --winnow "$winnow" >"$work/$name-dups.log" 2>&1 || { cat "$work/$name-dups.log" >&2; exit 1; }
  "$winnow" dups "$@" --format "$format" -o "$work/$name-one.$format" -q
  cmp "$work/$name-spark.$format" "$work/$name-one.$format"
  echo "spark: $name: dups report identical to winnow dups' ($(grep 'pairs among' "$work/$name-dups.log"))"
}
check folders Fixtures/quality-80/pages "$work/copies"
check jsonl Fixtures/jsonl/quality-20.jsonl.gz
check_dups folders json Fixtures/quality-80/pages "$work/copies"
check_dups jsonl csv Fixtures/jsonl/quality-20.jsonl.gz
