#!/bin/sh
# build-jobs.sh: what `build -j N` gains.  Builds one generated corpus into
# a new store with each thread count, RUNS times, and prints a Markdown
# table: the median wall time [min-max], the median CPU time (user +
# system), the speed-up over -j 1 (of the median wall times), and where the
# time went, from `build -v`'s last line (medians): reading + extracting
# summed over the threads and the writer's store writes (its transactions
# and the final sync), both in CPU time (so the other work on the machine
# does not count), and the wall time the writer waited for an article.
#
# usage: bench/build-jobs.sh [ARTICLES [RUNS [JOBS [DIR]]]]
#        (3000 3 "1 2 4" /tmp)
set -eu
n=${1:-3000}
runs=${2:-3}
jobs=${3:-1 2 4}
dir=${4:-/tmp}
here=$(cd "$(dirname "$0")" && pwd)
bin=${DG_BIN:-$here/../diplograph}
corpus=$dir/dg-jobs-corpus-$n
store=$dir/dg-jobs-store
log=$dir/dg-jobs-log
[ -d "$corpus" ] || python3 "$here/gen-corpus.py" "$n" "$corpus" >/dev/null

median() { sort -n | sed -n "$(((runs + 1) / 2))p"; }

echo "| -j | wall, median [min–max] (s) | CPU user+sys (s) | speed-up | extraction CPU, summed (s) | store writes CPU (s) | writer waiting (s) |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
base=""
for j in $jobs; do
    walls="" cpus="" xs="" ws="" waits=""
    for r in $(seq "$runs"); do
        rm -rf "$store"
        /usr/bin/time -f "%e %U %S" -o "$log.time" \
            "$bin" -v build -j "$j" --store "$store" "$corpus" 2>"$log"
        read -r wall user sys <"$log.time"
        walls="$walls $wall"
        cpus="$cpus $(echo "$user + $sys" | bc | xargs printf %.2f)"
        line=$(grep "reading and extracting" "$log")
        xs="$xs $(echo "$line" | sed 's/.*extracting \([0-9.]*\) s.*/\1/')"
        ws="$ws $(echo "$line" | sed 's/.*store writes \([0-9.]*\) s.*/\1/')"
        waits="$waits $(echo "$line" | sed 's/.*waiting \([0-9.]*\) s.*/\1/')"
    done
    wall=$(printf '%s\n' $walls | median)
    min=$(printf '%s\n' $walls | sort -n | head -1)
    max=$(printf '%s\n' $walls | sort -n | tail -1)
    [ -n "$base" ] || base=$wall
    echo "| $j | $wall [$min–$max] | $(printf '%s\n' $cpus | median) |" \
        "$(echo "scale=3; $base / $wall" | bc | xargs printf %.2f) |" \
        "$(printf '%s\n' $xs | median) | $(printf '%s\n' $ws | median) |" \
        "$(printf '%s\n' $waits | median) |"
done
rm -rf "$store" "$log" "$log.time"
