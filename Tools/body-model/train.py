#!/usr/bin/env python3
"""Trains Winnow's body model: gradient-boosted trees over the shallow features of each block
(`winnow features`), and writes them as Swift source (Sources/Winnow/Cleaning/Body/BodyModelWeights.swift).

  python3 Tools/body-model/train.py --winnow .build/release/winnow \
      --real ../shared/eval/real/real-dev.jsonl.gz --dump /tmp/train [--cv 5] [--write]

Data (public sets only, see README.md beside this file):
- real pages: each page's "with" passages label the lines holding them content, its "without"
  passages label theirs boilerplate; other lines are not used (their label is unknown);
- labelled dumps made by make_dump.py (not the dev dump scored as a regression check): every line.
With --cv K, real pages are scored by K-fold cross-validation over pages (no page is scored by a model
that saw it), the way score_real.py scores them: passages present in the kept lines.
"""
import argparse, collections, gzip, json, os, pathlib, re, subprocess, sys, tempfile
import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier

def fold(t):
    return re.sub(r"\s+", " ", t).strip()

def features(winnow, folder, cache, html=False, texts=None):
    """Each page's rows (line number, features). For HTML pages, `texts[id][line]` gets each line's text,
    the text winnow read from the markup, which the passages are looked for in."""
    if winnow:  # always anew: features cached from another build would not match its model
        extra = ["--glob", "*.html", "--with-text"] if html else []
        subprocess.run([winnow, "features", folder, "-q", "-o", cache] + extra, check=True)
    rows = collections.defaultdict(list)
    with open(cache, encoding="utf-8") as f:
        names = f.readline().rstrip("\n").split("\t")[2:]
        if html:
            names = names[:-1]
        for line in f:
            parts = line.rstrip("\n").split("\t")
            pid = re.sub(r"\.(txt|html)$", "", parts[0])
            values = parts[2:2 + len(names)]
            rows[pid].append((int(parts[1]), [float(x) for x in values]))
            if html and texts is not None:
                texts.setdefault(pid, {})[int(parts[1])] = parts[-1]
    return names, rows

def real_pages(path, folder, html=False):
    recs = [json.loads(l) for l in gzip.open(path, "rt", encoding="utf-8")]
    os.makedirs(folder, exist_ok=True)
    for r in recs:
        p = pathlib.Path(folder, r["id"] + (".html" if html else ".txt"))
        if not p.exists():
            p.write_text(r["html"] if html else r["text"], encoding="utf-8")
    return recs

def line_text(rec, n, texts):
    """Line n of the page as winnow read it: the scraped text's, or the text of its HTML."""
    return texts[rec["id"]].get(n, "") if texts is not None else rec["text"].split("\n")[n - 1]

def label_real(rec, rows, texts=None):
    """Line number -> 1 (content) / 0 (boilerplate), from the passages each line holds."""
    folded = {n: fold(line_text(rec, n, texts)) for n, _ in rows}
    labels = {}
    for passages, value in ((rec["with"], 1), (rec["without"], 0)):
        for w in passages:
            fw = fold(w)
            for n, text in folded.items():
                if fw and fw in text:
                    labels[n] = value if labels.get(n, value) == value else None
                    break
    return {n: v for n, v in labels.items() if v is not None}

def label_dump(folder, rows):
    gold = json.load(open(os.path.join(folder, "gold.json"), encoding="utf-8"))["docs"]
    out = {}
    for pid, lines in gold.items():
        if pid not in rows:
            continue
        text = pathlib.Path(folder, "pages", pid + ".txt").read_text(encoding="utf-8").split("\n")
        labels, k = {}, 0
        for n, _ in rows[pid]:
            t = fold(text[n - 1])
            while k < len(lines) and fold(lines[k][1]) != t:
                k += 1
            if k < len(lines):
                labels[n] = 1 if lines[k][0] == "content" else 0
                k += 1
        out[pid] = labels
    return out

def score_texts(recs, texts):
    """score_real.py's precision, recall and F1 for the pages given: texts[id] = the page's kept text."""
    tp = fp = fn = 0
    for r in recs:
        out = fold(texts[r["id"]])
        t = sum(1 for w in r["with"] if fold(w) in out)
        tp += t; fn += len(r["with"]) - t
        fp += sum(1 for w in r["without"] if fold(w) in out)
    p = tp / max(1, tp + fp); rc = tp / max(1, tp + fn)
    return p, rc, 2 * p * rc / max(1e-9, p + rc)

def score(recs, rows, keep, texts=None):
    """The same for kept line numbers: keep[id] = the set of kept lines."""
    out = {r["id"]: "\n".join(line_text(r, n, texts) for n, _ in rows[r["id"]] if n in keep[r["id"]]) for r in recs}
    return score_texts(recs, out)

def matrix(rows, labels, ids):
    X, y = [], []
    for pid in ids:
        for n, f in rows[pid]:
            if n in labels.get(pid, {}):
                X.append(f); y.append(labels[pid][n])
    return np.array(X, dtype=np.float32), np.array(y)

def model(args):
    return HistGradientBoostingClassifier(max_iter=args.trees, max_depth=args.depth, max_leaf_nodes=2 ** args.depth,
                                          learning_rate=args.rate, l2_regularization=1.0, early_stopping=False,
                                          max_features=args.max_features, min_samples_leaf=args.min_leaf,
                                          random_state=1)

def fit(args, rows_r, lab_r, ids_r, rows_d, lab_d):
    Xr, yr = matrix(rows_r, lab_r, ids_r)
    Xd, yd = matrix(rows_d, lab_d, list(rows_d))
    # The real pages weigh as much as the dump lines together: they are the varied layouts.
    w = np.concatenate([np.full(len(yr), max(1.0, len(yd) / max(1, len(yr)) * args.real_weight)), np.ones(len(yd))])
    m = model(args)
    m.fit(np.concatenate([Xr, Xd]) if len(yd) else Xr, np.concatenate([yr, yd]) if len(yd) else yr, sample_weight=w if len(yd) else None)
    return m

def predict(m, rows, ids):
    return {pid: m.predict_proba(np.array([f for _, f in rows[pid]], dtype=np.float32))[:, 1] for pid in ids}

CONTEXT_NAMES = ["score", "prev_score", "next_score", "prev2_score", "next2_score", "mean_score_near3",
                 "mean_score_near10", "content_words_before", "content_words_after"]

def context(p, words):
    """The second pass's features of each block from the first pass's scores: BodyModel.context in Swift."""
    n = len(p)
    at = lambda i: p[i] if 0 <= i < n else -1.0
    near = lambda i, r: float(np.mean(p[max(0, i - r): i + r + 1]))
    mass = p * words
    before = np.concatenate([[0.0], np.cumsum(mass)[:-1]])
    total = max(1.0, float(mass.sum()))
    return [[at(i), at(i - 1), at(i + 1), at(i - 2), at(i + 2), near(i, 3), near(i, 10),
             before[i] / total, (total - before[i] - mass[i]) / total] for i in range(n)]

def with_context(rows, probs):
    out = {}
    for pid, p in probs.items():
        words = np.array([f[0] for _, f in rows[pid]], dtype=np.float64)
        out[pid] = [(n, f + c) for (n, f), c in zip(rows[pid], context(np.asarray(p, dtype=np.float64), words))]
    return out

def fit_two(args, rows_r, lab_r, ids_r, rows_d, lab_d):
    """Both passes: the second trained on first-pass scores of pages the first did not see."""
    first = fit(args, rows_r, lab_r, ids_r, rows_d, lab_d)
    if not args.two_pass:
        return first, None
    oof = {}
    for k in range(args.inner):
        test = ids_r[k::args.inner]
        m = fit(args, rows_r, lab_r, [i for i in ids_r if i not in set(test)], rows_d, lab_d)
        oof.update(predict(m, rows_r, test))
    second = fit(args, with_context(rows_r, oof), lab_r, ids_r, {}, {})
    return first, second

def predict_two(models, rows, ids):
    first, second = models
    p = predict(first, rows, ids)
    return p if second is None else predict(second, with_context({i: rows[i] for i in ids}, p), ids)

def ensemble(m):
    """One tree a line, one node a field group: `feature threshold left right`, or `-1 value` for a leaf.
    The leaves hold the learning rate already; the base is the log-odds before the first tree."""
    out = []
    for (tree,) in m._predictors:
        nodes = tree.nodes
        out.append(" ".join(f"{int(nd['feature_idx'])} {float(nd['num_threshold'])!r} {int(nd['left'])} {int(nd['right'])}"
                            if not nd["is_leaf"] else f"-1 {float(nd['value']):.7g}" for nd in nodes))
    return float(np.ravel(m._baseline_prediction)[0]), "\n".join(out)

def model_text(models, names, threshold, summary):
    """The model as text (BodyModel.parse in Swift): a header, then each pass's trees."""
    lines = [f"# {summary}", "features " + " ".join(names), "context " + " ".join(CONTEXT_NAMES), f"threshold {threshold!r}"]
    for name, m in zip(("first", "second"), models):
        if m is None:
            continue
        base, trees = ensemble(m)
        lines.append(f"pass {name} {m.n_features_in_} {base!r} 1.0 {len(m._predictors)}")
        lines.append(trees)
    return "\n".join(lines) + "\n"

def swift_source(text, html=False):
    head = (["    /// The trained model for pages read from HTML, as ``parse(_:)`` reads it; nil when there is none.",
             '    static let builtInHTML: String? = """'] if html else
            ["    /// The trained model, as ``parse(_:)`` reads it.", '    static let builtIn = """'])
    return "\n".join(["// Generated by Tools/body-model/train.py; do not edit by hand.", "extension BodyModel {"]
                     + head + [text.rstrip("\n"), '"""', "}", ""])

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--winnow", required=True)
    ap.add_argument("--real", required=True)
    ap.add_argument("--dump", action="append", default=[])
    ap.add_argument("--html", action="store_true",
                    help="train the model for pages read from HTML: the real pages' HTML, with the markup's features (no dumps)")
    ap.add_argument("--work", default="/tmp/winnow-body-model")
    ap.add_argument("--cv", type=int, default=5)
    ap.add_argument("--trees", type=int, default=150)
    ap.add_argument("--depth", type=int, default=4)
    ap.add_argument("--rate", type=float, default=0.1)
    ap.add_argument("--real-weight", type=float, default=1.0)
    ap.add_argument("--max-features", type=float, default=1.0, help="share of features each split may choose from")
    ap.add_argument("--min-leaf", type=int, default=20, help="fewest training lines in a leaf")
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--dump-pages", type=int, default=300, help="pages of each dump to train on")
    ap.add_argument("--two-pass", action="store_true")
    ap.add_argument("--clean-copies", action="store_true",
                    help="also train on each dump page's article text alone, every line labelled article text")
    ap.add_argument("--inner", type=int, default=4)
    ap.add_argument("--folds", help="a folder to write each fold's model and test pages to (FOLDS/K/model.txt, FOLDS/K/pages)")
    ap.add_argument("--write", help="the Swift file to write the model trained on all pages to")
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    real_dir = os.path.join(args.work, "real-html" if args.html else "real")
    recs = real_pages(args.real, real_dir, html=args.html)
    texts = {} if args.html else None
    names, rows_r = features(args.winnow, real_dir, os.path.join(args.work, "real-html.tsv" if args.html else "real.tsv"),
                             html=args.html, texts=texts)
    lab_r = {r["id"]: label_real(r, rows_r[r["id"]], texts) for r in recs}
    rows_d, lab_d = {}, {}
    ext = ".html" if args.html else ".txt"
    model_variable = "WINNOW_HTML_MODEL" if args.html else "WINNOW_BODY_MODEL"
    for i, d in enumerate([] if args.html else args.dump):
        _, rd = features(args.winnow, os.path.join(d, "pages"), os.path.join(args.work, f"dump{i}.tsv"))
        rd = dict(sorted(rd.items())[: args.dump_pages])
        ld = label_dump(d, rd)
        rows_d.update({f"{i}/{k}": v for k, v in rd.items()}); lab_d.update({f"{i}/{k}": v for k, v in ld.items()})
        if not args.clean_copies:
            continue
        # The same pages cleaned: their article text alone, every line of it article text. A page with
        # little or no furniture (cleaned output, a scraper's article text) keeps all of it.
        clean_dir = pathlib.Path(args.work, f"dump{i}-clean")
        clean_dir.mkdir(parents=True, exist_ok=True)
        gold = json.load(open(os.path.join(d, "gold.json"), encoding="utf-8"))["docs"]
        for pid in rd:
            lines = [t for label, t in gold[pid] if label == "content"]
            (clean_dir / (pid + ".txt")).write_text("\n".join(lines) + "\n", encoding="utf-8")
        _, rc = features(args.winnow, str(clean_dir), os.path.join(args.work, f"dump{i}-clean.tsv"))
        rows_d.update({f"{i}c/{k}": v for k, v in rc.items()})
        lab_d.update({f"{i}c/{k}": {n: 1 for n, _ in v} for k, v in rc.items()})
    print(f"{sum(len(v) for v in lab_r.values())} labelled lines on {len(recs)} real pages, "
          f"{sum(len(v) for v in lab_d.values())} on {len(rows_d)} dump pages", file=sys.stderr)
    ids = [r["id"] for r in recs]
    if args.cv > 1:
        probs = {}
        for k in range(args.cv):
            test = ids[k::args.cv]
            train = [i for i in ids if i not in set(test)]
            m = fit_two(args, rows_r, lab_r, train, rows_d, lab_d)
            probs.update(predict_two(m, rows_r, test))
            if args.folds:
                fold_dir = pathlib.Path(args.folds, str(k))
                (fold_dir / "pages").mkdir(parents=True, exist_ok=True)
                (fold_dir / "model.txt").write_text(model_text(m, names, args.threshold, f"fold {k}"), encoding="utf-8")
                for pid in test:
                    target = fold_dir / "pages" / (pid + ext)
                    if not target.exists():
                        target.symlink_to(pathlib.Path(real_dir, pid + ext).resolve())
        for th in (0.3, 0.4, 0.5, 0.6):
            keep = {pid: {n for (n, _), p in zip(rows_r[pid], probs[pid]) if p >= th} for pid in ids}
            print("cv threshold %.1f: P=%.4f R=%.4f F1=%.4f" % ((th,) + score(recs, rows_r, keep, texts)))
        json.dump({k: v.tolist() for k, v in probs.items()}, open(os.path.join(args.work, "cv-probs.json"), "w"))
        if args.folds:
            # The whole cleaner, each fold's pages with the model that did not see them.
            # Each fold's pages into a folder of their own (a run replaces its output folder whole).
            texts = {}
            for k in range(args.cv):
                fold_dir = pathlib.Path(args.folds, str(k))
                out = pathlib.Path(args.folds, "clean", str(k))
                env = dict(os.environ, **{model_variable: str(fold_dir / "model.txt")})
                subprocess.run([args.winnow, "clean", str(fold_dir / "pages"), "-o", str(out), "-q", "--glob", "*" + ext],
                               env=env, check=True)
                for page in out.glob("*.txt"):
                    texts[page.stem] = page.read_text(encoding="utf-8")
            texts = {r["id"]: texts.get(r["id"], "") for r in recs}
            print("cleaner, cross-validated: P=%.4f R=%.4f F1=%.4f" % score_texts(recs, texts))
    if args.write:
        models = fit_two(args, rows_r, lab_r, ids, rows_d, lab_d)
        summary = (f"{args.trees} trees of depth {args.depth} (histogram gradient boosting) a pass ({'two passes' if args.two_pass else 'one pass'}), "
                   f"learning rate {args.rate}, trained on {len(ids)} real pages{' read from HTML' if args.html else ''} and {len(rows_d)} dump pages")
        text = model_text(models, names, args.threshold, summary)
        if args.write.endswith(".swift"):
            text = swift_source(text, html=args.html)
        pathlib.Path(args.write).write_text(text, encoding="utf-8")

if __name__ == "__main__":
    main()
