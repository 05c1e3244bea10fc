#!/usr/bin/env python3
"""The usual near-duplicate pipeline with a peer library, for timing against winnow dups.

  peers.py {datasketch|rensa} PAGES_DIR --threshold T --out CLUSTERS.json

Read every *.txt page, lowercase, word 5-gram shingles, MinHash with 128
permutations, LSH at the threshold, union-find over the pairs LSH returns.
Pages are streamed, as users write it and as each peer runs best: a page's
shingles are hashed as soon as they are made, and only its signature is kept
(building every page's shingle set first held 3.5 GB and took twice as long).
"""
import argparse, json, pathlib, re

WORD = re.compile(r"\w+")


def shingles(text, k=5):
    words = WORD.findall(text.lower())
    if len(words) < k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + k]) for i in range(len(words) - k + 1)}


def find(parent, x):
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("impl", choices=["datasketch", "rensa"])
    ap.add_argument("pages")
    ap.add_argument("--threshold", type=float, default=0.6)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    paths = sorted(pathlib.Path(a.pages).rglob("*.txt"))
    ids = [str(p.relative_to(a.pages)) for p in paths]
    sigs = {}
    if a.impl == "datasketch":
        from datasketch import MinHash, MinHashLSH
        lsh = MinHashLSH(threshold=a.threshold, num_perm=128)
        for i, p in enumerate(paths):
            s = shingles(p.read_text(encoding="utf-8", errors="replace"))
            if not s:
                continue
            m = MinHash(num_perm=128)
            m.update_batch([x.encode("utf-8") for x in s])
            sigs[i] = m
            lsh.insert(i, m)
    else:
        from rensa import RMinHash, RMinHashLSH
        lsh = RMinHashLSH(threshold=a.threshold, num_perm=128, num_bands=16)
        for i, p in enumerate(paths):
            s = shingles(p.read_text(encoding="utf-8", errors="replace"))
            if not s:
                continue
            m = RMinHash(num_perm=128, seed=42)
            m.update(list(s))
            sigs[i] = m
            lsh.insert(i, m)
    keep = sorted(sigs)
    query = lambda i: lsh.query(sigs[i])
    parent = list(range(len(ids)))
    for i in keep:
        for j in query(i):
            if j != i:
                parent[find(parent, i)] = find(parent, j)
    groups = {}
    for i in range(len(ids)):
        groups.setdefault(find(parent, i), []).append(ids[i])
    clusters = sorted(sorted(g) for g in groups.values() if len(g) > 1)
    pathlib.Path(a.out).write_text(json.dumps({"clusters": clusters}))


if __name__ == "__main__":
    main()
