#!/usr/bin/env python3
"""Which tree-space convention did the reference sheet's MONK ratios use?

Counts the Rashomon ratio (theta = 0.05, 0-1 loss, training file only) of MONK-1 (depth 1, 3, 5)
and MONK-2/3 (depth 3) under each convention that could differ from the lab's default, with the
memoised recursion of rashomon_baseline.py (exact Python integers), and prints one line per
(case, convention). docs/labs/rashomon.md ("Why MONK-2 and MONK-3 differed") tabulates the
result: only complete trees of depth exactly D ("full") reproduce all five printed values.

Conventions: base (depth <= D, features may repeat, every split counted), norep (no feature twice
on a path), noempty (no split with an empty side), nosame (a split whose two children are leaves
with the same label is not counted: it is a leaf), full (complete trees of depth exactly D),
17feat (full one-hot coding of MONK's six attributes, 17 columns instead of 11); and for each the
theta rules floor (best + floor(theta n), the lab's), ceil, strict (L < L* + theta) and rel
(L <= (1 + theta) L*).
Usage: rashomon_conventions.py   (about a minute)
"""
import math
import os
from functools import lru_cache

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "resources", "datasets")
REFERENCE = {("monk_1.csv", 1): "2e-2", ("monk_1.csv", 3): "1e-5", ("monk_1.csv", 5): "7e-9",
             ("monk_2.csv", 3): "1.7e-5", ("monk_3.csv", 3): "2.7e-6"}


def load(name):
    with open(os.path.join(DATA, name)) as f:
        lines = [l.strip() for l in f if l.strip()]
    rows = [list(map(int, l.split(","))) for l in lines[1:]]
    return [r[:-1] for r in rows], [r[-1] for r in rows]


def onehot17(x):
    """Undo the dummy coding (a value's indicator, the last value dropped), then one column per
    value: a1 3, a2 3, a3 2, a4 3, a5 4, a6 2."""
    groups = [(0, 2, 3), (2, 4, 3), (4, 5, 2), (5, 7, 3), (7, 10, 4), (10, 11, 2)]
    out = []
    for r in x:
        o = []
        for a, b, k in groups:
            v = next((i for i in range(a, b) if r[i]), None)
            val = (v - a) if v is not None else k - 1
            o += [1 if val == i else 0 for i in range(k)]
        out.append(o)
    return out


def count(x, y, depth, norepeat=False, noempty=False, full=False, nosame=False):
    n, p, classes = len(y), len(x[0]), max(y) + 1
    col = [sum(1 << i for i in range(n) if x[i][j]) for j in range(p)]
    cls = [sum(1 << i for i in range(n) if y[i] == k) for k in range(classes)]
    ones = lambda s: bin(s).count("1")

    @lru_cache(maxsize=None)
    def P(S, d, used):
        size = ones(S)
        poly = [0] * (n + 1)
        if not full or d == 0:
            for m in cls:
                poly[size - ones(S & m)] += 1
        if d > 0:
            for j in range(p):
                if norepeat and (used >> j) & 1:
                    continue
                a, b = S & col[j], S & ~col[j]
                if noempty and (a == 0 or b == 0):
                    continue
                u = used | (1 << j) if norepeat else 0
                A, B = P(a, d - 1, u), P(b, d - 1, u)
                for i, ai in enumerate(A):
                    if ai:
                        for k, bk in enumerate(B):
                            if bk and i + k <= n:
                                poly[i + k] += ai * bk
                if nosame and not full:
                    for m in cls:
                        poly[ones(a) - ones(a & m) + ones(b) - ones(b & m)] -= 1
        return tuple(poly)

    return P((1 << n) - 1, depth, 0), n


def main():
    variants = [("base", {}, False), ("norep", {"norepeat": True}, False),
                ("noempty", {"noempty": True}, False), ("nosame", {"nosame": True}, False),
                ("full", {"full": True}, False), ("17feat", {}, True)]
    for (name, depth), printed in REFERENCE.items():
        x, y = load(name)
        for label, kw, one_hot in variants:
            poly, n = count(onehot17(x) if one_hot else x, y, depth, **kw)
            best = next(e for e, c in enumerate(poly) if c)
            total = sum(poly)
            theta = 0.05
            caps = {"floor": best + math.floor(theta * n + 1e-9),
                    "ceil": best + math.ceil(theta * n - 1e-9),
                    "strict": best + math.ceil(theta * n) - 1,
                    "rel": math.floor(best * (1 + theta) + 1e-9)}
            ratios = " ".join("%s=%.4g" % (k, sum(poly[: E + 1]) / total) for k, E in caps.items())
            print("%s depth %d (sheet %s) %-8s best %.3f  %s" % (name, depth, printed, label,
                                                                 best / n, ratios), flush=True)


if __name__ == "__main__":
    main()
