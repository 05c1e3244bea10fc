#!/usr/bin/env bash
# Fuzzes Winnow's readers of untrusted bytes (JSONL records, text decoding and
# line analysis, gzip, HTML, WARC) with libFuzzer and AddressSanitizer for SECONDS (default
# 300), from a corpus seeded with the project's fixtures. Fails on a finding,
# which libFuzzer writes as crash-*, leak-* or timeout-* in this folder.
#
#   Fuzz/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-300}
swift build -c debug --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address
corpus=.build-fuzz/corpus
mkdir -p "$corpus"
# Seeds: JSONL records (selector 0), pages (1) and gzip streams (2) from the fixtures.
seed() { { printf "$1"; head -c 4096; } > "$corpus/seed-$2"; }
{ zcat ../Fixtures/jsonl/quality-20.jsonl.gz || true; } | seed '\x00' jsonl
n=0
for f in ../seeds/*.txt ../Fixtures/real/pages/*.txt; do seed '\x01' "page-$n" < "$f"; n=$((n + 1)); done
seed '\x02' gzip < ../Fixtures/jsonl/quality-20.jsonl.gz
n=0
for f in ../Fixtures/real/html/*.html.gz; do { zcat "$f" || true; } | seed '\x03' "html-$n"; n=$((n + 1)); done
printf 'WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:1>\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: 86\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>A page.</p></body></html>\r\n\r\n' | seed '\x04' warc
ASAN_OPTIONS=detect_leaks=0 .build-fuzz/debug/FuzzReaders "$corpus" -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=4096
