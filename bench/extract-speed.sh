#!/bin/bash
# extract-speed.sh: extraction-only sentences/s per core, the figure of
# bench/RESULTS.md's "Extraction only" later paragraphs.
#
# usage: bench/extract-speed.sh [BUILDDIR...]
#
# For each build directory (default: the top of the tree), compiles
# bench/extract-bench.c against its libdiplograph.a (as bench/run.sh does),
# then times the same corpus: the articles of $DEV (default
# ../shared/eval/dev/articles beside the tree) and $GEN (default 500) articles of
# bench/gen-corpus.py --seed 42, the list repeated five times.  The builds
# run in turn, $RUNS (default 7) times each, interleaved so that a change
# in the machine's load falls on all of them; prints the minimum CPU time
# of each and its sentences/s.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
dev=${DEV:-$top/../shared/eval/dev/articles}
gen=${GEN:-500}
runs=${RUNS:-7}
[ $# -gt 0 ] || set -- "$top"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 "$here/gen-corpus.py" --seed 42 --data "$top/extract/data" "$gen" \
    "$work/gen" >/dev/null 2>&1
for i in 1 2 3 4 5; do
    find "$dev" -name '*.txt' | sort
    find "$work/gen" -name '*.txt' | sort
done >"$work/list"
libs=$(pkg-config --libs redland raptor2 rasqal libgvc libcgraph \
    libutf8proc lmdb libxml-2.0 libcurl libmicrohttpd)
n=0
for b in "$@"; do
    n=$((n + 1))
    # shellcheck disable=SC2086
    cc -std=c11 -O2 -I"$b" -I"$top" -o "$work/xb$n" "$here/extract-bench.c" \
        "$b/libdiplograph.a" $libs
done
for _ in $(seq "$runs"); do
    for i in $(seq "$n"); do
        "$work/xb$i" "$top/extract/data" <"$work/list" >>"$work/runs$i"
    done
done
i=0
for b in "$@"; do
    i=$((i + 1))
    awk -v b="$b" '{ for (k = 1; k <= NF; k++) { split($k, a, "="); v[a[1]] = a[2] }
        if (min == "" || v["cpu_s"] + 0 < min) min = v["cpu_s"] + 0
        s = v["sentences"]; n = v["articles"] }
        END { printf "%s: %d articles, %d sentences, min CPU %.3f s of %d runs: %.0f sentences/s per core\n",
              b, n, s, min, NR, s / min }' "$work/runs$i"
done
