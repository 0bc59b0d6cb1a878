#!/bin/sh
# Regenerates the bgolly reference fixtures of tests/life/TestGollyFixtures.cpp. Needs Golly's
# command-line tool (Debian package golly 3.3: /usr/bin/bgolly) and a built algoscope-cli; the
# tests only read the committed output, they never run Golly.
#
# For each case: algoscope-cli writes a random soup as RLE whose rule carries Golly's bounded-grid
# suffix (:T torus, :P plane), then
#     bgolly -a QuickLife -m GENS -i 1 NAME.rle
# prints "gen: population" for every generation; NAME.pop keeps those lines without the
# thousands separators. Usage: make_fixtures.sh path/to/algoscope-cli
set -eu
CLI=${1:?usage: make_fixtures.sh path/to/algoscope-cli}
cd "$(dirname "$0")"

fixture() { # name size rule topology density seed generations
    "$CLI" life run --random "$5" --seed "$6" --size "$2" --rule "$3" "--$4" --generations 0 \
        --out "$1.rle" > /dev/null
    {
        echo "# bgolly -a QuickLife -m $7 -i 1 $1.rle   (Golly 3.3; generation population)"
        bgolly -a QuickLife -m "$7" -i 1 "$1.rle" | grep -E '^[0-9,]+: [0-9,]+$' | tr -d ',' |
            tr -d ':'
    } > "$1.pop"
}

fixture life-torus-64x64     64x64   B3/S23       torus 0.5  1 200
fixture life-plane-64x48     64x48   B3/S23       plane 0.5  2 200
fixture life-torus-63x65     63x65   B3/S23       torus 0.35 3 150
fixture life-torus-130x3     130x3   B3/S23       torus 0.5  4 50
fixture highlife-torus-70x33 70x33   B36/S23      torus 0.4  5 150
fixture seeds-torus-100x100  100x100 B2/S         torus 0.05 6 60
fixture daynight-torus-64x64 64x64   B3678/S34678 torus 0.5  7 150
fixture b0s8-torus-65x33     65x33   B0/S8        torus 0.5  8 60
fixture b013s125-torus-31x70 31x70   B013/S125    torus 0.3  9 60

# An RLE written by Golly itself (its header and line wrapping), read by TestRle:
#     bgolly -a QuickLife -m 100 -o gosper-gun-gen100-golly.rle gosper-glider-gun.rle
# bgolly prints population 63 at generation 100 for it (checked by the test).
bgolly -a QuickLife -m 100 -o gosper-gun-gen100-golly.rle \
    ../../../resources/patterns/gosper-glider-gun.rle | tail -1
