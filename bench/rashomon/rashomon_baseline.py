#!/usr/bin/env python3
"""Baseline for bench/rashomon/BenchRashomon.cpp: a straightforward memoised Python version of
the same dynamic programme that algoscope's core/rashomon/TreeCounter.cpp runs (trees of depth at
most D on binary features, 0-1 loss, exact integer counts per training error).

For a node holding the point set S (a bitmask) and depth d left, P(S, d)[e] counts the labelled
subtrees with e errors: one leaf per class, plus for every feature j the convolution of
P(S & x_j, d-1) and P(S & ~x_j, d-1). Memoised on (S, d). Python integers are exact.

Usage: rashomon_baseline.py [--repeat R] [--theta T] [--binarize K] [CASE ...]
  CASE = monk1:D | monk2:D | monk3:D | iris:D | wine:D   (default: the benchmark's cases)
Prints one JSON object per case: best_errors, log10_ratio (theta = 0.05), the exact set size
and the best of R CPU times (time.process_time) of the counting (data loading and binarisation excluded).
Binarisation for iris/wine copies algoscope's quantiles:K rule (BinarizeSpec in
core/rashomon/Binarizer.h) so both programs count the same space.
"""
import json
import math
import os
import sys
import time
from functools import lru_cache

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "resources", "datasets")


def read_csv(name):
    with open(os.path.join(DATA, name)) as f:
        lines = [l.strip() for l in f if l.strip()]
    rows = [list(map(float, l.split(","))) for l in lines[1:]]
    x = [r[:-1] for r in rows]
    y = [int(r[-1]) for r in rows]
    return x, y


def binarize(x, k):
    """algoscope's quantiles:K: indicator columns kept; otherwise cuts at the midpoints above the
    values of rank floor(q/(K+1) * (n-1)), q = 1..K, duplicates dropped."""
    n = len(x)
    cols = []
    for c in range(len(x[0])):
        v = sorted(r[c] for r in x)
        distinct = sorted(set(v))
        if all(d in (0.0, 1.0) for d in distinct):
            if len(distinct) == 2:
                cols.append([1 if r[c] == 1.0 else 0 for r in x])
            continue
        if len(distinct) < 2:
            continue
        mids = [(distinct[i] + distinct[i + 1]) / 2 for i in range(len(distinct) - 1)]
        chosen = set()
        for q in range(1, k + 1):
            value = v[int(math.floor(q / (k + 1) * (n - 1)))]
            idx = next(i for i, d in enumerate(distinct) if d >= value)
            idx = min(idx, len(mids) - 1)
            chosen.add(mids[idx])
        for t in sorted(chosen):
            cols.append([1 if r[c] <= t else 0 for r in x])
    return cols


def count(cols, y, depth):
    n = len(y)
    classes = max(y) + 1
    full = (1 << n) - 1
    colmask = [sum(1 << i for i in range(n) if col[i]) for col in cols]
    clsmask = [sum(1 << i for i in range(n) if y[i] == k) for k in range(classes)]

    @lru_cache(maxsize=None)
    def P(S, d):
        size = bin(S).count("1")
        poly = [0] * (size + 1)
        for m in clsmask:
            poly[size - bin(S & m).count("1")] += 1
        if d > 0:
            for cm in colmask:
                a = P(S & cm, d - 1)
                b = P(S & ~cm, d - 1)
                for i, ai in enumerate(a):
                    if ai:
                        for j, bj in enumerate(b):
                            if bj:
                                poly[i + j] += ai * bj
        return poly

    return P(full, depth)


def run_case(case, repeat, theta, k):
    name, depth = case.split(":")
    depth = int(depth)
    files = {"monk1": "monk_1.csv", "monk2": "monk_2.csv", "monk3": "monk_3.csv",
             "iris": "iris.csv", "wine": "wine_data.csv"}
    x, y = read_csv(files[name])
    cols = binarize(x, k)
    best_t = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()  # CPU time: comparable on a loaded, shared machine
        poly = count(cols, y, depth)
        best_t = min(best_t, time.process_time() - t0)
    n = len(y)
    best = next(e for e, c in enumerate(poly) if c)
    E = min(n, best + int(math.floor(theta * n + 1e-9)))
    set_size = sum(poly[: E + 1])
    space = sum(poly)
    return {"case": case, "n": n, "p": len(cols), "best_errors": best,
            "set_size": str(set_size), "space_size": str(space),
            "log10_ratio": math.log10(set_size) - math.log10(space), "seconds": best_t}


def main(argv):
    repeat, theta, k, cases = 1, 0.05, 4, []
    i = 0
    while i < len(argv):
        if argv[i] == "--repeat":
            repeat = int(argv[i + 1]); i += 2
        elif argv[i] == "--binarize":
            k = int(argv[i + 1]); i += 2
        elif argv[i] == "--theta":
            theta = float(argv[i + 1]); i += 2
        else:
            cases.append(argv[i]); i += 1
    if not cases:
        cases = ["monk1:3", "monk1:5", "monk1:7", "monk2:5", "monk2:7", "monk3:5", "monk3:7",
                 "iris:5", "wine:3"]
    for c in cases:
        print(json.dumps(run_case(c, repeat, theta, k)), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
