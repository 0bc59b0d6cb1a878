#!/bin/sh
# Regenerates the bgolly reference fixtures of tests/life/TestHashLife.cpp and
# tests/life/TestMacrocell.cpp. Needs Golly's command-line tool and its shipped patterns
# (Debian package golly 3.3: /usr/bin/bgolly, /usr/share/golly/Patterns); the tests only read
# the committed files, they never run Golly.
#
#  - copies the Golly patterns used (a few KiB each) into this folder;
#  - populations.txt: "FILE GENERATION POPULATION" lines, each from
#        bgolly -a HashLife -m N -i N FILE
#    (one HashLife jump straight to generation N; thousands separators removed);
#  - rake-breeder-2e20-golly.mc: the rake breeder at generation 2^20 as Macrocell, written by
#        bgolly -a HashLife -m 1048576 -i 1048576 -o rake-breeder-2e20-golly.mc rake-breeder.rle
#    (a file in Golly's own Macrocell dialect for the reader test).
# Usage: make_hashlife_fixtures.sh
set -eu
cd "$(dirname "$0")"
P=/usr/share/golly/Patterns

for f in Life/Guns/period-52-glider-gun.rle Life/Guns/gun-p165mwss.rle \
    Life/Guns/vacuum-cleaner.rle Life/Guns/p59-gun-with-Snark-reflectors.rle \
    Life/Guns/loafer-gun-p210.rle Life/Breeders/rake-breeder.rle \
    Life/Breeders/switch-engine-breeder.rle Life/Breeders/spacefiller.rle \
    Life/Breeders/p90-rake-factory.rle Life/Breeders/pi-blink-breeder1.rle \
    Life/Breeders/LWSS-breeder.rle Life/Breeders/switch-engine-ping-pong.rle \
    Life/Methuselahs/rabbits-relation-17423.rle Life-Like/replicator.rle \
    Life-Like/Day-and-Night-gun-and-antigun.rle HashLife/totalperiodic.mc \
    HashLife/wedge-grow.mc HashLife/ruler.mc; do
    cp "$P/$f" .
done

pop() { # file generation
    printf '%s %s ' "$1" "$2"
    bgolly -a HashLife -m "$2" -i "$2" "$1" | tail -1 | sed 's/.*: //' | tr -d ','
}

{
    echo "# bgolly -a HashLife -m N -i N FILE (Golly 3.3): FILE N population at generation N"
    for f in period-52-glider-gun.rle gun-p165mwss.rle vacuum-cleaner.rle \
        p59-gun-with-Snark-reflectors.rle loafer-gun-p210.rle rake-breeder.rle \
        switch-engine-breeder.rle spacefiller.rle p90-rake-factory.rle pi-blink-breeder1.rle \
        LWSS-breeder.rle rabbits-relation-17423.rle replicator.rle \
        Day-and-Night-gun-and-antigun.rle wedge-grow.mc ruler.mc; do
        for n in 1024 1048576 1099511627776; do
            pop "$f" "$n"
        done
    done
    # Gosper's totalperiodic turns chaotic: 2^40 takes bgolly many minutes.
    pop totalperiodic.mc 1024
    pop totalperiodic.mc 1048576
    # The 210,515-cell-wide RLE (read straight into the quadtree); 2^40 takes bgolly minutes.
    pop switch-engine-ping-pong.rle 1024
    pop switch-engine-ping-pong.rle 1048576
    # Big and odd generation counts.
    pop period-52-glider-gun.rle 1000000
    pop period-52-glider-gun.rle 1267650600228229401496703205376
} > populations.txt

bgolly -a HashLife -m 1048576 -i 1048576 -o rake-breeder-2e20-golly.mc rake-breeder.rle > /dev/null
