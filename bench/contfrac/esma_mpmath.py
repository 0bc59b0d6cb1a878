#!/usr/bin/env python3
"""Baseline for the ESMA benchmark: a straightforward Python implementation of the same search
as algoscope's core/contfrac/Esma.cpp (same left-hand sides, sign periods, depth, Massey filter,
approval), with mpmath for the real arithmetic and Python integers for the rest.

    python3 bench/contfrac/esma_mpmath.py [--constant e] [--degree 1] [--coeff 2]
                                          [--periods 1..2] [--depth 100]

Prints the number of conjectures and the wall time as JSON. Compare with
    bench_Contfrac --benchmark_filter=Esma      (or: algoscope-cli cf esma ...)
Differences on purpose: terms are extracted with plain floor/ceil at 5*depth+50 digits (not
certified intervals), as the reference code does; everything else follows the same steps.
"""
import argparse
import itertools
import json
import math
import time

import mpmath

P61 = (1 << 61) - 1


def constant(name):
    return {"e": mpmath.e, "pi": mpmath.pi, "e2": mpmath.e ** 2, "tan1": mpmath.tan(1),
            "cot1": mpmath.cot(1)}[name]


def sign_periods(lo, hi):
    out = []
    for n in range(lo, hi + 1):
        for bits in itertools.product([1, -1], repeat=n):
            if any(n % d == 0 and all(bits[i] == bits[i - d] for i in range(d, n))
                   for d in range(1, n)):
                continue
            out.append(list(bits))
    return out


def poly(c, x):
    r = mpmath.mpf(0)
    for a in reversed(c):
        r = r * x + a
    return r


def left_hand_sides(c, degree, lim):
    k = degree + 1
    seen = {}
    cands = []
    for t in itertools.product(range(-lim, lim + 1), repeat=2 * k):
        P, Q = list(t[:k]), list(t[k:])
        if not any(P) or not any(Q):
            continue
        g = 0
        for v in t:
            g = math.gcd(g, v)
        if g != 1:
            continue
        if all(P[i] * Q[j] == P[j] * Q[i] for i in range(k) for j in range(k)):
            continue
        num, den = poly(P, c), poly(Q, c)
        if abs(num) < mpmath.mpf(10) ** -50 or abs(den) < mpmath.mpf(10) ** -50:
            continue
        x = num / den
        if x < 0:
            P = [-v for v in P]
        cands.append((sum(abs(v) for v in t), P, Q, mpmath.nstr(abs(x), 28)))
    cands.sort(key=lambda z: z[0])
    out = []
    for _, P, Q, key in cands:
        if key not in seen:
            seen[key] = True
            out.append((P, Q))
    return out


def signed_terms(x, signs, n):
    terms = []
    for i in range(n):
        s = signs[i % len(signs)]
        a = int(mpmath.floor(x)) if s > 0 else int(mpmath.ceil(x))
        terms.append(a)
        d = x - a
        if d == 0:
            break
        x = s / d
    return terms


def massey(seq, p=P61):
    s = [v % p for v in seq]
    C, B = [1], [1]
    L, m, b = 0, 1, 1
    for n in range(len(s)):
        d = s[n]
        for i in range(1, L + 1):
            if i < len(C):
                d = (d + C[i] * s[n - i]) % p
        if d == 0:
            m += 1
            continue
        coef = d * pow(b, p - 2, p) % p
        T = C[:]
        if len(C) < len(B) + m:
            C += [0] * (len(B) + m - len(C))
        for i in range(len(B)):
            C[i + m] = (C[i + m] - coef * B[i]) % p
        if 2 * L <= n:
            L, B, b, m = n + 1 - L, T, d, 1
        else:
            m += 1
    C += [0] * (L + 1 - len(C))
    return [v - p if v > p // 2 else v for v in C[:L + 1]], L


def confirmed(C, L, seq):
    return all(sum(C[i] * seq[n - i] for i in range(L + 1)) == 0 for n in range(L, len(seq)))


def regenerate(C, L, init, count):
    out = list(init[:L])
    while len(out) < count:
        n = len(out)
        out.append(-sum(C[i] * out[n - i] for i in range(1, L + 1)))
    return out[:count]


def convergent(terms, signs):
    p1, q1, p2, q2 = 1, 0, 0, 1
    for n, a in enumerate(terms):
        b = 1 if n == 0 else signs[(n - 1) % len(signs)]
        p1, p2 = a * p1 + b * p2, p1
        q1, q2 = a * q1 + b * q2, q1
    return p1, q1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--constant", default="e")
    ap.add_argument("--degree", type=int, default=1)
    ap.add_argument("--coeff", type=int, default=2)
    ap.add_argument("--periods", default="1..2")
    ap.add_argument("--depth", type=int, default=100)
    ap.add_argument("--approve", type=int, default=1000)
    ap.add_argument("--verify", type=int, default=100)
    a = ap.parse_args()
    lo, hi = (int(v) for v in a.periods.split(".."))
    t0 = time.perf_counter()
    mpmath.mp.dps = max(4 * (5 * a.depth + 50), a.verify + 30)
    c = constant(a.constant)
    lhs = left_hand_sides(c, a.degree, a.coeff)
    periods = sign_periods(lo, hi)
    found = []
    for P, Q in lhs:
        x = abs(poly(P, c) / poly(Q, c))
        best = None
        for signs in periods:
            with mpmath.workdps(5 * a.depth + 50):
                terms = signed_terms(+x, signs, a.depth)
            if len(terms) < a.depth or any(t == 0 for t in terms[1:]):
                continue
            C, L = massey(terms)
            if L >= a.depth // 4 or not confirmed(C, L, terms):
                continue
            regen = regenerate(C, L, terms, a.approve)
            if any(t == 0 for t in regen[1:]):
                continue
            p, q = convergent(regen, signs)
            err = abs(x - mpmath.mpf(p) / q)
            digits = float(-mpmath.log10(err)) if err != 0 else float("inf")
            if digits < a.verify:
                continue
            p60, q60 = convergent(terms[:61], signs)
            rate = float(-mpmath.log10(abs(x - mpmath.mpf(p60) / q60)))
            if best is None or rate > best[1]:
                best = (signs, rate)
        if best:
            found.append((P, Q, best[0]))
    seconds = time.perf_counter() - t0
    print(json.dumps({"constant": a.constant, "left_hand_sides": len(lhs),
                      "sign_periods": len(periods), "conjectures": len(found),
                      "seconds": seconds}))


if __name__ == "__main__":
    main()
