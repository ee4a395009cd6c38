#!/usr/bin/env bash
# check.sh: set up, build (warnings are errors), and run the whole test
# suite (make check); then the same suite again in a separate build with
# AddressSanitizer and UBSan (_build/asan; DG_SKIP_ASAN=1 skips it).
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export DG_CONFIGURE_FLAGS="${DG_CONFIGURE_FLAGS:---enable-werror}"
. "$top/scripts/setup.sh"
cd "$top"

show_failures() { # print the logs of failed tests
    find "$1" -name '*.log' -path '*tests*' -print0 |
        xargs -0 grep -l '^not ok\|^ERROR\|^FAIL' 2>/dev/null |
        while read -r f; do echo "==== $f"; cat "$f"; done
}

if ! make -j"$(nproc)" check; then
    show_failures tests
    exit 1
fi

if [ "${DG_SKIP_ASAN:-0}" != 1 ]; then
    echo "check: sanitizer build in _build/asan" >&2
    mkdir -p _build/asan
    (cd _build/asan &&
        { [ -f Makefile ] || ../../configure --enable-sanitizers --enable-werror >&2; } &&
        make -j"$(nproc)" >&2)
    export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
    export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
    export LSAN_OPTIONS=suppressions=$top/tests/lsan.supp:print_suppressions=0
    if ! make -C _build/asan -j"$(nproc)" check; then
        show_failures _build/asan/tests
        exit 1
    fi
fi
