#!/usr/bin/env bash
# check.sh: set up, build (warnings are errors), and run the whole test
# suite (make check), then the evaluation kit when it is present.
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export DG_CONFIGURE_FLAGS="${DG_CONFIGURE_FLAGS:---enable-werror}"
# tests/cli/t0210-oxigraph.sh runs Oxigraph through node and npm: ask
# setup.sh for Debian's packages only when they are missing (a node from
# elsewhere, e.g. NodeSource, brings its own npm).
if ! command -v node >/dev/null 2>&1; then
    export DG_EXTRA_PACKAGES="${DG_EXTRA_PACKAGES:-} nodejs npm"
elif ! command -v npm >/dev/null 2>&1; then
    export DG_EXTRA_PACKAGES="${DG_EXTRA_PACKAGES:-} npm"
fi
. "$top/scripts/setup.sh"
cd "$top"
if ! make -j"$(nproc)" check; then
    for f in tests/unit/*.log tests/cli/*.log; do
        grep -q '^not ok\|^ERROR\|^FAIL' "$f" 2>/dev/null && cat "$f"
    done
    exit 1
fi
