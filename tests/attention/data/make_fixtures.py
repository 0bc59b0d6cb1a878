#!/usr/bin/python3
# Fixtures for tests/attention from an independent NumPy implementation of NATTEN's published
# neighbourhood rules (NATTEN csrc/include/natten/cuda/reference/mask.hpp, 0.20+; relative
# positional bias as in NATTEN 0.17). Run from anywhere: writes next to this script.
#   neighbors.txt   one line per (L, k, d, s, causal, query): "L k d s c x : j j j ..."
#   <case>_{q,k,v,rpb,out}.npy and cases.txt   forward-pass cases, float32 in, float64 math
# Needs python3 with numpy (Debian: python3-numpy). Tests read the files; they never run this.
import itertools
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def window(L, k, d, s, causal, x):
    """NATTEN's per-axis window of query x: (group, start, end) in group coordinates."""
    g, i = x % d, x // d
    Lg = L // d + (1 if g < L % d else 0)
    if not causal:
        leader = min((i // s) * s + s // 2, Lg - 1)
        start = min(max(leader - k // 2, 0), Lg - k)
        start = max(start, 0)
        return g, start, start + k
    leader = min((i // s) * s + s - 1, Lg - 1)
    return g, max(leader - (k - 1), 0), min(i + 1, Lg)


def neighbors(L, k, d, s, causal, x):
    g, a, b = window(L, k, d, s, causal, x)
    return [j * d + g for j in range(a, b)]


def write_neighbors():
    lines = []
    for L in range(1, 11):
        for k in range(1, L + 1):
            for d in range(1, L // k + 1):
                for s in range(1, k + 1):
                    for c in (0, 1):
                        for x in range(L):
                            nb = neighbors(L, k, d, s, c, x)
                            lines.append(f"{L} {k} {d} {s} {c} {x} : " + " ".join(map(str, nb)))
    with open(os.path.join(HERE, "neighbors.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
    return len(lines)


def forward(q, k, v, kernel, dilation, stride, causal, rpb=None, scale=None):
    """q, k, v: [batch, *spatial, heads, dim]; returns float64 output of the same shape."""
    q, k, v = (t.astype(np.float64) for t in (q, k, v))
    spatial = q.shape[1:-2]
    heads, dim = q.shape[-2], q.shape[-1]
    scale = dim ** -0.5 if scale is None else scale
    out = np.zeros_like(q)
    for b in range(q.shape[0]):
        for pos in itertools.product(*(range(n) for n in spatial)):
            lists = [neighbors(spatial[a], kernel[a], dilation[a], stride[a], causal[a], pos[a])
                     for a in range(len(spatial))]
            keys = list(itertools.product(*lists))
            for h in range(heads):
                qv = q[(b,) + pos + (h,)]
                sc = np.array([scale * qv.dot(k[(b,) + kp + (h,)]) for kp in keys])
                if rpb is not None:
                    for n, kp in enumerate(keys):
                        idx = tuple(kp[a] // dilation[a] - pos[a] // dilation[a] + kernel[a] - 1
                                    for a in range(len(spatial)))
                        sc[n] += rpb[(h,) + idx]
                w = np.exp(sc - sc.max())
                w /= w.sum()
                out[(b,) + pos + (h,)] = sum(w[n] * v[(b,) + kp + (h,)]
                                             for n, kp in enumerate(keys))
    return out


CASES = [
    # name, shape [batch, *spatial, heads, dim], kernel, dilation, stride, causal, rpb, scale
    ("c1d", (1, 11, 2, 4), (5,), (2,), (1,), (0,), True, None),
    ("c1d_even_causal", (2, 13, 1, 8), (4,), (3,), (2,), (1,), False, None),
    ("c2d", (2, 9, 7, 2, 8), (3, 4), (2, 1), (1, 2), (0, 1), False, None),
    ("c2d_rpb", (1, 8, 9, 2, 8), (3, 3), (1, 2), (1, 1), (0, 0), True, 0.3),
    ("c3d", (1, 5, 6, 7, 1, 4), (3, 3, 5), (1, 2, 1), (1, 1, 2), (1, 0, 0), False, None),
]


def write_forward():
    rng = np.random.default_rng(20240611)
    rows = []
    for name, shape, kernel, dil, stride, causal, with_rpb, scale in CASES:
        q, k, v = (rng.standard_normal(shape).astype(np.float32) for _ in range(3))
        rpb = None
        if with_rpb:
            rpb = rng.standard_normal((shape[-2],) + tuple(2 * kk - 1 for kk in kernel))
            rpb = rpb.astype(np.float32)
            np.save(os.path.join(HERE, f"{name}_rpb.npy"), rpb)
        out = forward(q, k, v, kernel, dil, stride, causal, rpb, scale)
        for t, arr in (("q", q), ("k", k), ("v", v)):
            np.save(os.path.join(HERE, f"{name}_{t}.npy"), arr)
        np.save(os.path.join(HERE, f"{name}_out.npy"), out.astype(np.float32))
        csv = lambda t: ",".join(map(str, t))
        rows.append(f"{name} {csv(kernel)} {csv(dil)} {csv(stride)} {csv(causal)} "
                    f"{1 if with_rpb else 0} {scale if scale is not None else 0}")
    with open(os.path.join(HERE, "cases.txt"), "w") as f:
        f.write("\n".join(rows) + "\n")


if __name__ == "__main__":
    n = write_neighbors()
    write_forward()
    print(f"{n} neighbourhood lines, {len(CASES)} forward cases")
