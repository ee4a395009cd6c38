#!/usr/bin/env bash
# check.sh: set up, build (warnings are errors), and run the whole test
# suite (make check), then the evaluation kit when it is present.
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export DG_CONFIGURE_FLAGS="${DG_CONFIGURE_FLAGS:---enable-werror}"
. "$top/scripts/setup.sh"
cd "$top"
if ! make -j"$(nproc)" check; then
    for f in tests/unit/*.log tests/cli/*.log; do
        grep -q '^not ok\|^ERROR\|^FAIL' "$f" 2>/dev/null && cat "$f"
    done
    exit 1
fi
