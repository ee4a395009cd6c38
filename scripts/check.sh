#!/usr/bin/env bash
# check.sh: set up, build (warnings are errors), and run the whole test
# suite (make check); then make distcheck, which runs the suite again on
# the release tarball built with AddressSanitizer and UBSan (DG_SKIP_ASAN=1
# skips that second pass).
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export DG_SHARED="${DG_SHARED:-$(cd "$top/.." && pwd)/shared}"
export DG_CONFIGURE_FLAGS="${DG_CONFIGURE_FLAGS:---enable-werror}"
# one Oxigraph install (npm) for both passes of the differential test
export DG_OXIGRAPH_DIR="${DG_OXIGRAPH_DIR:-$top/tests/node_modules-ox}"
# what the tests need beyond the build: Chromium and xmllint for the report
# tests (t0310, t0320); Node.js and npm for Oxigraph (t0210) when this
# machine has none (NodeSource's node ships its own npm, which Debian's npm
# package would conflict with)
DG_EXTRA_PACKAGES="${DG_EXTRA_PACKAGES:-} chromium libxml2-utils clang-format"
# clang and libFuzzer for the fuzz pass after this script (scripts/fuzz.sh)
DG_EXTRA_PACKAGES="$DG_EXTRA_PACKAGES clang libclang-rt-14-dev"
# a local PostgreSQL server and librdf's storage for it (t0400)
DG_EXTRA_PACKAGES="$DG_EXTRA_PACKAGES postgresql librdf-storage-postgresql"
# Virtuoso, a SPARQL server built for scale, for the push test (t0710),
# and rapper to compare what it holds
DG_EXTRA_PACKAGES="$DG_EXTRA_PACKAGES virtuoso-opensource raptor2-utils"
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    DG_EXTRA_PACKAGES="$DG_EXTRA_PACKAGES nodejs npm"
fi
export DG_EXTRA_PACKAGES
. "$top/scripts/setup.sh"
cd "$top"

# Starts the local PostgreSQL cluster and makes an empty test database;
# exports DG_PG_SPEC for tests/cli/t0400-postgresql.sh.  Returns 1 (the
# test then skips) when no server can be started here.
start_postgres() {
    command -v pg_lsclusters >/dev/null 2>&1 || return 1
    local ver port
    ver=$(pg_lsclusters -h 2>/dev/null | awk 'NR == 1 { print $1 }')
    port=$(pg_lsclusters -h 2>/dev/null | awk 'NR == 1 { print $3 }')
    [ -n "$ver" ] && [ -n "$port" ] || return 1
    pg_ctlcluster "$ver" main start >/dev/null 2>&1 || true # may be running
    pg_lsclusters -h | awk '$4 == "online"' | grep -q . || return 1
    su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname = 'dgtest'\"" |
        grep -q 1 ||
        su postgres -c "psql -qc \"CREATE USER dgtest WITH PASSWORD 'dgtest'\"" ||
        return 1
    su postgres -c "dropdb --if-exists dgtest && createdb -O dgtest dgtest" ||
        return 1
    export DG_PG_SPEC="postgresql://dgtest:dgtest@127.0.0.1:$port/dgtest"
}
if ! start_postgres >&2; then
    echo "check: note: no PostgreSQL server here; t0400 will skip" >&2
fi

show_failures() { # print the logs of failed tests
    find "$1" -name '*.log' -path '*tests*' -print0 |
        xargs -0 grep -l '^not ok\|^ERROR\|^FAIL' 2>/dev/null |
        while read -r f; do echo "==== $f"; cat "$f"; done
}

# the C sources follow .clang-format (STYLE.md)
if ! git ls-files '*.c' '*.h' 2>/dev/null | xargs -r clang-format --dry-run -Werror; then
    echo "check: error: run 'git ls-files '*.c' '*.h' | xargs clang-format -i'" >&2
    exit 1
fi

if ! make -j"$(nproc)" check; then
    show_failures tests
    exit 1
fi

if [ "${DG_SKIP_ASAN:-0}" != 1 ]; then
    # make distcheck: builds the release tarball, then configures, builds
    # and tests it out of tree with a read-only source, here with ASan and
    # UBSan; proves every file the build and tests need is distributed
    echo "check: make distcheck with AddressSanitizer and UBSan" >&2
    export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
    export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
    export LSAN_OPTIONS=suppressions=$top/tests/lsan.supp:print_suppressions=0
    if ! make -j"$(nproc)" distcheck \
        DISTCHECK_CONFIGURE_FLAGS="--enable-sanitizers --enable-werror"; then
        show_failures "$top"/diplograph-*/_build
        exit 1
    fi
fi
