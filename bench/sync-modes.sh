#!/bin/sh
# sync-modes.sh: what durability costs a build.  Builds one generated
# corpus into a new lmdb store with each commit mode of the lmdb storage
# (`build` makes one librdf transaction per article) and prints the
# median build time of RUNS runs:
#
#   group     the default: the articles of one second grouped into one LMDB
#             commit (nested transactions), MDB_NOMETASYNC: one fdatasync
#             a second; a power cut may undo the last second of articles,
#             never corrupts the store
#   meta      MDB_NOMETASYNC, one LMDB commit per article: one fdatasync
#             per article; a power cut may undo the last article
#   yes       full sync per article: two fdatasyncs (data, then meta)
#   no        MDB_NOSYNC: no fdatasync; a power cut may corrupt the store
#   writemap  MDB_NOSYNC with MDB_WRITEMAP, the old default (SIGBUS on a
#             full disk, corruptible)
#
# usage: bench/sync-modes.sh [ARTICLES [RUNS [DIR [MODES]]]]
#        (2000 3 /tmp "group meta yes no writemap")
# The store goes to DIR, so pick the disk you want to measure.
set -eu
n=${1:-2000}
runs=${2:-3}
dir=${3:-/tmp}
modes=${4:-group meta yes no writemap}
here=$(cd "$(dirname "$0")" && pwd)
bin=${DG_BIN:-$here/../diplograph}
corpus=$dir/dg-sync-corpus-$n
store=$dir/dg-sync-store
[ -d "$corpus" ] || python3 "$here/gen-corpus.py" "$n" "$corpus" >/dev/null
echo "| mode | build of $n articles, median of $runs (s) | all runs (s) | data.mdb (ls -l) |"
echo "| --- | ---: | --- | ---: |"
for mode in $modes; do
    case $mode in
    group) opts="sync='meta',group-commit='1000'" ;;
    meta) opts="sync='meta'" ;;
    yes) opts="sync='yes'" ;;
    no) opts="sync='no'" ;;
    writemap) opts="sync='no',writemap='yes'" ;;
    esac
    times=""
    for r in $(seq "$runs"); do
        rm -rf "$store"
        t0=$(date +%s.%N)
        DIPLOGRAPH_LMDB_OPTIONS=$opts "$bin" -q build --store "$store" "$corpus"
        t1=$(date +%s.%N)
        times="$times $(echo "$t1 - $t0" | bc)"
    done
    med=$(printf '%s\n' $times | sort -n | sed -n "$(((runs + 1) / 2))p")
    size=$(stat -c %s "$store/data.mdb")
    echo "| $mode | $med | $(echo $times) | $size |"
done
rm -rf "$store"
