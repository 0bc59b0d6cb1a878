#!/bin/sh
# Regenerates the PARI/GP fixtures of the contfrac tests (TestPariFixtures.cpp). Needs gp (PARI/GP
# 2.15; Debian package pari-gp). PARI computes each constant at 3000 significant digits and
# contfrac() expands it (PARI itself returns only the terms the precision determines: 951 for e^2,
# 1558 for e). Only the first N terms are kept (1500; 800 for e^2, 1000 for tan(1), whose terms
# grow), so PARI's last terms never appear.
# Output: pari_<name>.txt, one line of comma-separated terms. Run from this directory.
set -eu
for triple in "pi:Pi:1500" "e:exp(1):1500" "sqrt2:sqrt(2):1500" "zeta3:zeta(3):1500" \
              "catalan:Catalan:1500" "log2:log(2):1500" "e2:exp(2):800" "tan1:tan(1):1000"; do
    name=${triple%%:*}
    rest=${triple#*:}
    expr=${rest%:*}
    count=${rest#*:}
    printf 'default(realprecision, 3000);\nv = contfrac(%s);\nprint(strjoin(apply(x->Str(x), v[1..%s]), ","));\n' "$expr" "$count" |
        gp -q -f > "pari_${name}.txt"
done
