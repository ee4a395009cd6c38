#!/usr/bin/env bash
# run.sh: runs libFuzzer targets one after the other, each for SECONDS,
# with its seed corpus and dictionary; exits 1 when any finds a crash, a
# leak, a timeout or an out-of-memory (`make fuzz-smoke` runs every target
# for a fixed number of inputs from a fixed seed, at most 60 s each;
# tests/fuzz/README.md has the rest).
#   usage: run.sh [-t SECONDS] [-s SEED -r RUNS-SCALE] [-f LIBFUZZER-FLAG]... TARGET...
# With -s (not empty), libFuzzer's mutations start from SEED and each target stops
# after its own number of inputs times RUNS-SCALE (a percentage, default
# 100): the same inputs on every machine, so a CI run fails only on a
# finding that a run here would find too.
# TARGET is the path of a built target (tests/fuzz/fuzz-NAME).  Each keeps
# the inputs it finds in $DG_FUZZ_OUT/corpus/NAME (default: out/fuzz) and
# writes a finding to $DG_FUZZ_OUT/artifacts/NAME-crash-..., with its log
# in $DG_FUZZ_OUT/NAME.log.
set -euo pipefail
src=${DG_SRC:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
out=${DG_FUZZ_OUT:-out/fuzz}
secs=60
seed=
scale=100
extra=()
usage() { echo "usage: run.sh [-t SECONDS] [-s SEED [-r RUNS-SCALE]] [-f LIBFUZZER-FLAG]... TARGET..." >&2; exit 2; }
while getopts t:s:r:f: opt; do
    case $opt in
    t) secs=$OPTARG ;;
    s) seed=$OPTARG ;;
    r) scale=$OPTARG ;;
    f) extra+=("$OPTARG") ;;
    *) usage ;;
    esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || usage

# leaks inside librdf, raptor and rasqal are theirs (tests/lsan.supp);
# ASan's own limits are set by libFuzzer's flags below
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
# open findings in code owned elsewhere are suppressed in ubsan.supp
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:suppressions=$src/tests/fuzz/ubsan.supp}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$src/tests/lsan.supp:print_suppressions=0}
export DIPLOGRAPH_DATADIR=${DIPLOGRAPH_DATADIR:-$src/extract/data}
# the targets' scratch stores: in memory when there is a tmpfs (fuzz-load
# creates an LMDB store per run: twice as fast there)
if [ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ]; then
    export TMPDIR=/dev/shm
fi

mkdir -p "$out/artifacts"
failed=()
for bin in "$@"; do
    name=$(basename "$bin")
    name=${name#fuzz-}
    flags=()
    # runs: about 60 s of each target on a 2-core machine of 2026
    case $name in
    extract) corpus=extract dict=extract runs=8000 ;;
    # measured: 146,112 runs in 90 s
    html) corpus=html dict=html runs=90000 ;;
    load)
        # each run opens a librdf world, and raptor leaks a few bytes per
        # world (tests/lsan.supp): libFuzzer would then run LeakSanitizer
        # after every unit, six times slower; leaks are still checked at exit
        corpus=load dict=rdf runs=10000 flags=(-detect_leaks=0) ;;
    sparql-eval) corpus=sparql dict=sparql runs=60000 ;;
    sparql-parse) corpus=sparql dict=sparql runs=600000 ;;
    *) echo "run.sh: error: unknown target '$bin'" >&2; exit 2 ;;
    esac
    [ -x "$bin" ] || { echo "run.sh: error: no target '$bin': build it first" >&2; exit 1; }
    mkdir -p "$out/corpus/$name"
    if [ -n "$seed" ]; then
        # a fixed sequence of inputs: start from the seeds alone
        rm -rf "${out:?}/corpus/$name"
        mkdir -p "$out/corpus/$name"
        flags+=(-seed="$seed" -runs=$((runs * scale / 100)))
    fi
    log=$out/$name.log
    echo "fuzz: $name for $secs s (log: $log)" >&2
    rc=0
    "$bin" -max_total_time="$secs" -rss_limit_mb=2048 -timeout=10 \
        -print_final_stats=1 -dict="$src/tests/fuzz/$dict.dict" \
        -artifact_prefix="$out/artifacts/$name-" ${flags[@]+"${flags[@]}"} \
        ${extra[@]+"${extra[@]}"} \
        "$out/corpus/$name" "$src/tests/fuzz/corpus/$corpus" >"$log" 2>&1 ||
        rc=$?
    # the last status line: runs, coverage (cov: edges, ft: features)
    stats=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    echo "fuzz: $name: ${runs:-?} runs; ${stats:-no status line}" >&2
    if [ "$rc" -ne 0 ]; then
        echo "fuzz: error: $name failed (exit $rc); the finding:" >&2
        grep -E 'ERROR:|SUMMARY:|artifact_prefix|Test unit written' "$log" | head -20 >&2 || true
        failed+=("$name")
    fi
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz: error: findings in ${failed[*]} (see $out/artifacts and tests/fuzz/README.md)" >&2
    exit 1
fi
echo "fuzz: no finding in $# target(s), $secs s each" >&2
