#!/usr/bin/env python3
"""Times Golly's bgolly (HashLife, one thread) and `algoscope-cli life run --unbounded
--engine hashlife` side by side, whole process, on Golly's shipped guns, breeders and
methuselahs at generations 2^10, 2^20 and 2^40, and checks that both print the same population.

Each (pattern, generation) pair runs REPS times per tool, alternating bgolly and ours; the table
reports the smallest whole-process CPU time (user + system, from the kernel's rusage: start-up,
reading, stepping, output) of each and their ratio. A pair whose first bgolly run takes longer than TIMEOUT
seconds is reported as such and skipped.

Usage: bench/hashlife_vs_bgolly.py path/to/algoscope-cli [REPS] [TIMEOUT] > table.md
Needs /usr/bin/bgolly and /usr/share/golly/Patterns (Debian package golly 3.3).
"""
import glob
import json
import os
import resource
import subprocess
import sys
import time

CLI = sys.argv[1]
REPS = int(sys.argv[2]) if len(sys.argv) > 2 else 5
TIMEOUT = float(sys.argv[3]) if len(sys.argv) > 3 else 30.0
PATTERNS = "/usr/share/golly/Patterns/Life"
ENV = dict(os.environ, OMP_WAIT_POLICY="passive")
WALL = []


class Result:
    def __init__(self, returncode, stdout, stderr):
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


def run(cmd, timeout):
    """Runs cmd; returns (CPU seconds of the process: user + system, Result). CPU time rather
    than wall time: this machine is shared, and a descheduled process's wall time says nothing
    about the program (the wall time is printed too, for the record)."""
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)
    try:
        out, err = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        p.kill()
        p.communicate()
        raise
    # communicate() reaped the child; its rusage went to RUSAGE_CHILDREN.
    wall = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    WALL.append(wall)
    return cpu, Result(p.returncode, out, err)


def bgolly(path, n, timeout):
    secs, out = run(["bgolly", "-a", "HashLife", "-m", str(n), "-i", str(n), path], timeout)
    last = out.stdout.strip().splitlines()[-1]
    gen, pop = last.split(":")
    assert int(gen.replace(",", "")) == n, last
    return secs, int(pop.replace(",", ""))


def ours(path, n, timeout):
    secs, out = run([CLI, "life", "run", "--in", path, "--unbounded", "--engine", "hashlife",
                     "--generations", str(n)], timeout)
    if out.returncode != 0:
        raise RuntimeError(out.stderr.strip())
    j = json.loads(out.stdout)
    return secs, int(j["population"])


files = sorted(glob.glob(f"{PATTERNS}/Guns/*.rle*") + glob.glob(f"{PATTERNS}/Breeders/*.rle") +
               glob.glob(f"{PATTERNS}/Methuselahs/*.rle"))
print("| pattern | generation | population (both) | bgolly CPU s | ours CPU s | ours / bgolly |")
print("|---|---|---|---|---|---|")
worst = 0.0
for path in files:
    name = os.path.relpath(path, PATTERNS)
    for k in (10, 20, 40):
        n = 2 ** k
        try:
            g_best, g_pop = bgolly(path, n, TIMEOUT)
        except subprocess.TimeoutExpired:
            print(f"| {name} | 2^{k} | - | > {TIMEOUT:.0f} | - | skipped (bgolly too slow) |",
                  flush=True)
            continue
        o_best, o_pop = ours(path, n, max(TIMEOUT, 4 * g_best + 5))
        for _ in range(REPS - 1):
            g_best = min(g_best, bgolly(path, n, TIMEOUT)[0])
            o_best = min(o_best, ours(path, n, TIMEOUT)[0])
        ratio = o_best / g_best
        worst = max(worst, ratio)
        same = "" if o_pop == g_pop else f" DIFFERENT: ours {o_pop}"
        print(f"| {name} | 2^{k} | {g_pop:,}{same} | {g_best:.3f} | {o_best:.3f} | {ratio:.2f} |",
              flush=True)
print(f"\nWorst ratio ours / bgolly: {worst:.2f}")
