#!/usr/bin/env bash
# fuzz.sh: CI's fuzz pass, after scripts/check.sh: `make fuzz-smoke` (each
# libFuzzer target of tests/fuzz on the same inputs every time: a fixed
# seed and number of runs, about 60 s each, at most FUZZ_SECONDS) on a
# clang build with ASan and UBSan; FUZZ_SEED= (empty) fuzzes at random.  The source tree is configured in place for
# gcc, so the fuzz build is made in a copy (`make distdir`, _fuzz-src/),
# which also proves the fuzz files are distributed.  Findings are kept in
# out/fuzz/artifacts.  DG_SKIP_FUZZ=1 skips the pass; clang and libFuzzer
# come from scripts/check.sh (Debian: clang, libclang-rt-14-dev).
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$top"
if [ "${DG_SKIP_FUZZ:-0}" = 1 ]; then
    echo "fuzz: skipped (DG_SKIP_FUZZ=1)" >&2
    exit 0
fi
if ! command -v clang >/dev/null 2>&1; then
    echo "fuzz: error: no clang: install clang and libclang-rt-14-dev" >&2
    exit 1
fi
src=_fuzz-src
rm -rf "$src"
make distdir distdir="$src" top_distdir="$src" >/dev/null
cd "$src"
./configure -q --enable-fuzzing --enable-werror CC=clang >&2
make -j"$(nproc)" fuzz-smoke FUZZ_SECONDS="${FUZZ_SECONDS:-120}" \
    FUZZ_SEED="${FUZZ_SEED-1}" \
    FUZZ_OUT="$top/out/fuzz" >&2
cd "$top"
rm -rf "$src"
