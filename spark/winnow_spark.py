#!/usr/bin/env python3
"""winnow clean and dups on Spark: the files `winnow clean` writes and the report `winnow dups`
writes, byte for byte, from a cluster.

  spark-submit --master 'local[2]' spark/winnow_spark.py clean INPUT... -o OUT [--format markdown]
  spark-submit --master 'local[2]' spark/winnow_spark.py dups INPUT... -o FILE [--format text|json|csv]
      [--threshold 0.6] [--shingle-size 5]
  both: [--glob '*.txt'] [--text-field text] [--id-field id] [--html-field F] [--keep-captions]
      [--no-cross-page] [--partitions N] [--winnow PATH]

Each Spark task runs the winnow binary (shipped with the job, `--winnow`, default the release
build beside this script's repository or $WINNOW) on its shard, through `winnow stage NAME`,
which reads and writes JSON lines; Spark only groups the lines by key and by page between the
stages:

  list the inputs (driver) -> prepare: each file's pages through the in-page rules, a summary
  each (map) -> pages of one text cleaned as the first (group by text hash) -> occurrences of
  every block key (map) -> facts of each key (group by key) -> each page's copies, teasers and
  tails from its keys' facts (group by page) -> pages keeping each key (group by key) -> each
  page's templates (group by page) -> write: each file cleaned again with its pages' decisions,
  into the output folder (map) -> the folder put in place (driver).
  dups, after the decisions: sign: each page's words hash and LSH band keys (map) -> identical
  documents (group by words hash) and candidate pairs (group by band key) -> verify each pair with
  both pages (map) -> clusters and the report from the verified pairs (driver).

No machine holds the dump: a key's facts name pages only for keys in at most 100 pages; for a
site's template they are two counts and a few pages. See docs/how-it-works.md ("On a cluster").

Paths must be readable from every executor (a shared file system; the inputs are made absolute).
Not supported here (refused): `--report`, `--drop-duplicates`, `--index`, `--raw`.
"""
import argparse, json, os, subprocess, sys

STAGE_OPTIONS = ("text_field", "id_field", "html_field")


def winnow_default():
    here = os.path.dirname(os.path.abspath(__file__))
    return os.environ.get("WINNOW") or os.path.join(os.path.dirname(here), ".build", "release", "winnow")


def parse(argv):
    ap = argparse.ArgumentParser(prog="winnow_spark.py", description="winnow clean and dups on Spark")
    ap.add_argument("command", choices=["clean", "dups"])
    ap.add_argument("inputs", nargs="+")
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("--glob", default="*.txt")
    ap.add_argument("--text-field", default="text")
    ap.add_argument("--id-field", default="id")
    ap.add_argument("--html-field")
    ap.add_argument("--format", choices=["text", "markdown", "json", "csv"], default="text",
                    help="clean: text or markdown; dups: text, json or csv")
    ap.add_argument("--threshold", type=float, default=0.6, help="dups: report pairs whose Jaccard or containment reaches this")
    ap.add_argument("--shingle-size", type=int, default=5, help="dups: words per shingle")
    ap.add_argument("--keep-captions", action="store_true")
    ap.add_argument("--no-cross-page", action="store_true")
    ap.add_argument("--partitions", type=int, help="shards of files (default: twice the cluster's cores)")
    ap.add_argument("--winnow", default=winnow_default(), help="the winnow binary to ship to the executors")
    for flag in ("--report", "--index"):
        ap.add_argument(flag, help=argparse.SUPPRESS, nargs="?", const=True)
    for flag in ("--drop-duplicates", "--raw"):
        ap.add_argument(flag, help=argparse.SUPPRESS, action="store_true")
    a = ap.parse_args(argv)
    if a.command == "clean" and a.format not in ("text", "markdown"):
        ap.error("clean writes text or markdown")
    if a.command == "dups" and a.format == "markdown":
        ap.error("dups writes text, json or csv")
    for name in ("report", "drop_duplicates", "index", "raw"):
        if getattr(a, name):
            ap.error("--%s is not supported on Spark" % name.replace("_", "-"))
    if not os.access(a.winnow, os.X_OK):
        ap.error("no winnow binary at %s: build it (swift build -c release --static-swift-stdlib) or give --winnow" % a.winnow)
    return a


def cleaner_flags(a):
    flags = ["--text-field", a.text_field, "--id-field", a.id_field]
    if a.html_field:
        flags += ["--html-field", a.html_field]
    if a.keep_captions:
        flags.append("--keep-captions")
    return flags


def run_local(binary, args, lines=()):
    """A stage on the driver: its output lines, or exit with its error."""
    p = subprocess.run([binary, "stage"] + args, input="".join(l + "\n" for l in lines).encode(), capture_output=True)
    if p.returncode != 0:
        sys.exit("winnow stage %s: %s" % (args[0], p.stderr.decode(errors="replace").strip()))
    return p.stdout.decode().splitlines()


def stage(rdd, args):
    """A stage on each partition of `rdd` (lines in, lines out), with the shipped binary."""
    def run(lines):
        from pyspark import SparkFiles
        binary = SparkFiles.get("winnow")
        p = subprocess.run([binary, "stage"] + args, input="".join(l + "\n" for l in lines).encode(), capture_output=True)
        if p.returncode != 0:
            raise RuntimeError("winnow stage %s failed: %s" % (args[0], p.stderr.decode(errors="replace").strip()))
        return p.stdout.decode().splitlines()
    return rdd.mapPartitions(run)


def split_keyed(line):
    key, _, value = line.partition("\t")
    return int(key), value


def is_diagnostic(line):
    return line.startswith('{"diagnostic"')


def decide(sc, a, files, parts, flags):
    """The cross-page decisions of every page: (order, '"textHash":H,"decisions":[...]') for every
    page, the pages of one text taking their first's (the text's hash goes with them: the stages
    that read a page again check it); and the problems met reading."""
    prepared = stage(sc.parallelize(files, min(parts, len(files))), ["prepare"] + flags).cache()
    problems = prepared.filter(is_diagnostic).map(json.loads).collect()
    summaries = prepared.filter(lambda l: not is_diagnostic(l)).map(
        lambda l: (lambda s: (s["order"], (l, (s["textHash"], s["textLength"]), s["keys"])))(json.loads(l))).cache()
    # Pages with one text are cleaned as the first in input order.
    originals = summaries.map(lambda t: (t[1][1], t[0])).reduceByKey(min)
    original_of = summaries.map(lambda t: (t[1][1], t[0])).join(originals).map(lambda kv: kv[1]).cache()  # (order, original)
    distinct = summaries.join(original_of.filter(lambda t: t[0] == t[1])).map(lambda kv: (kv[0], kv[1][0])).cache()
    page_count = distinct.count()
    if a.no_cross_page or page_count < 2:
        decisions = distinct.map(lambda kv: (kv[0], '"textHash":%d,"decisions":[]' % kv[1][1][0]))
    else:
        lines = distinct.map(lambda kv: kv[1][0])
        occurrences = stage(lines, ["occurrences"]).map(split_keyed).groupByKey(parts)
        facts = stage(occurrences.map(lambda kv: '{"key":%d,"occurrences":[%s]}' % (kv[0], ",".join(kv[1]))), ["facts"])
        with_facts = facts.map(split_keyed).groupByKey(parts).join(distinct).map(
            lambda kv: '{"page":%s,"facts":[%s]}' % (kv[1][1][0], ",".join(kv[1][0])))
        teasers = stage(with_facts, ["teasers"]).map(lambda l: (json.loads(l)["order"], l)).cache()
        parsed = teasers.mapValues(json.loads)
        limit = parsed.map(lambda kv: len(kv[1]["copies"])).fold(0, max) + 2
        holders = distinct.join(parsed).flatMap(lambda kv: [
            (key, "[%d,%d]" % (kv[0], 1 if key in kept else 0))
            for kept in [set(kv[1][1]["keptKeys"])] for key in set(kv[1][0][2])])
        kept = stage(holders.groupByKey(parts).map(lambda kv: '{"key":%d,"holders":[%s]}' % (kv[0], ",".join(kv[1]))),
                     ["kept", "--limit", str(limit)])
        with_kept = kept.map(split_keyed).groupByKey(parts).join(distinct.join(teasers)).map(
            lambda kv: '{"page":%s,"teasers":%s,"kept":[%s]}' % (kv[1][1][0][0], kv[1][1][1], ",".join(kv[1][0])))
        decisions = stage(with_kept, ["templates", "--page-count", str(page_count)]).map(
            lambda l: (lambda d: (d["order"], '"textHash":%d,"decisions":%s' % (d["textHash"], json.dumps(d["decisions"]))))(json.loads(l)))
    # Every page takes its original's decisions.
    by_page = original_of.map(lambda t: (t[1], t[0])).join(decisions).map(lambda kv: (kv[1][0], kv[1][1])).cache()
    return by_page, page_count, problems


def with_decisions(sc, files, by_page, parts):
    """(file index, a FileWithDecisions line) for every file, with its pages' decisions."""
    by_file = by_page.map(lambda kv: (kv[0] >> 32, '{"order":%d,%s}' % kv)).groupByKey(parts)
    file_lines = sc.parallelize([(json.loads(f)["index"], f) for f in files], min(parts, len(files)))
    return file_lines.leftOuterJoin(by_file).map(
        lambda kv: (kv[0], '{"file":%s,"pages":[%s]}' % (kv[1][0], ",".join(kv[1][1] or []))))


def dups(sc, a, files, by_page, parts, flags):
    """Verified pairs, as DuplicatePair lines: identical copies (words hash) and LSH candidates
    (pages sharing a band bucket), each verified by a task holding both pages."""
    dup_flags = ["--threshold", str(a.threshold), "--shingle-size", str(a.shingle_size)]
    files_with = with_decisions(sc, files, by_page, parts).cache()
    signs = stage(files_with.values(), ["sign"] + dup_flags + flags).filter(lambda l: not is_diagnostic(l)).map(json.loads).cache()
    # Identical copies: documents with the same words stand behind the one with the smallest id.
    with_words = signs.filter(lambda d: d.get("words") is not None).map(lambda d: (d["words"], (d["id"], d["order"])))
    standing = with_words.reduceByKey(min)
    copies = with_words.join(standing).filter(lambda kv: kv[1][0][1] != kv[1][1][1]).map(
        lambda kv: (kv[1][0][1], kv[1][1][1], True))
    copy_orders = copies.map(lambda t: (t[0], None))
    searched = signs.filter(lambda d: d["bands"]).map(lambda d: (d["order"], d["bands"])).subtractByKey(copy_orders)
    buckets = searched.flatMap(lambda kv: [((b, key), kv[0]) for b, key in enumerate(kv[1])]).groupByKey(parts)
    candidates = buckets.flatMap(lambda kv: [(x, y) for xs in [sorted(set(kv[1]))]
                                             for i, x in enumerate(xs) for y in xs[i + 1:]]).distinct()
    pairs = candidates.map(lambda t: (t[0], t[1], False)).union(copies)
    # Each side with its file and the page's decisions.
    refs = files_with.flatMap(lambda kv: [(page["order"], json.dumps({"file": f["file"], "pages": [page]}))
                                          for f in [json.loads(kv[1])] for page in f["pages"]])
    sides = pairs.map(lambda t: (t[0], (t[1], t[2]))).join(refs).map(
        lambda kv: (kv[1][0][0], (kv[1][1], kv[1][0][1]))).join(refs).map(
        lambda kv: '{"a":%s,"b":%s,"identical":%s}' % (kv[1][0][0], kv[1][1], "true" if kv[1][0][1] else "false"))
    return stage(sides.repartition(parts), ["verify"] + dup_flags + flags).collect()


def main(argv):
    a = parse(argv)
    from pyspark.sql import SparkSession
    inputs = [os.path.abspath(p) for p in a.inputs]
    output = os.path.abspath(a.output)
    listed = run_local(a.winnow, ["list"] + inputs + ["--glob", a.glob] + (["--output", output] if a.command == "clean" else []))
    problems = [json.loads(l) for l in listed if is_diagnostic(l)]
    files = [l for l in listed if not is_diagnostic(l)]
    if not files:
        sys.exit("Error: no pages found in %s" % ", ".join(a.inputs))
    staging = run_local(a.winnow, ["begin-output", output])[0] if a.command == "clean" else None

    spark = SparkSession.builder.appName("winnow " + a.command).getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel("WARN")
    sc.addFile(a.winnow)
    parts = a.partitions or max(2, 2 * sc.defaultParallelism)
    flags = cleaner_flags(a)
    by_page, page_count, found = decide(sc, a, files, parts, flags)
    problems += found
    pages = by_page.count()
    if a.command == "clean":
        stage(with_decisions(sc, files, by_page, parts).values(), ["write", "--staging", staging, "--output", output]
              + (["--markdown"] if a.format == "markdown" else []) + flags).count()
        spark.stop()
        run_local(a.winnow, ["commit-output", output, "--staging", staging])
        summary = "cleaned %d pages (%d distinct texts) from %d files into %s" % (pages, page_count, len(files), a.output)
    else:
        verified = dups(sc, a, files, by_page, parts, flags)
        spark.stop()
        run_local(a.winnow, ["report"] + inputs + ["--output", output, "--format", a.format, "--glob", a.glob,
                             "--threshold", str(a.threshold), "--shingle-size", str(a.shingle_size)] + flags, verified)
        summary = "%d pairs among %d pages, written to %s" % (len(verified), pages, a.output)
    seen = set()
    for p in problems:
        if p["diagnostic"] not in seen:
            seen.add(p["diagnostic"])
            print(p["diagnostic"], file=sys.stderr)
    print(summary, file=sys.stderr)
    sys.exit(1 if any(p["error"] for p in problems) else 0)


if __name__ == "__main__":
    main(sys.argv[1:])
