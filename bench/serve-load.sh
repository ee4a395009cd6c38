#!/usr/bin/env bash
# serve-load.sh: the load test of `diplograph serve` (issue 12): a store
# built from ARTICLES generated articles, served on a free loopback port
# with a token for writes; 16 clients for 60 s mixing the canned queries and
# PUTs (bench/serve-load.py); every answer must equal the quiet store's.
# SLOW > 0 adds that many clients sending a query that runs until the
# server's timeout (2000 ms then): what a long query costs the others.
#   usage: bench/serve-load.sh [ARTICLES [CLIENTS [SECONDS [SLOW]]]]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
D=${DIPLOGRAPH:-$top/diplograph}
n=${1:-1000} clients=${2:-16} secs=${3:-60} slow=${4:-0}
timeout_opt=
[ "$slow" -gt 0 ] && timeout_opt="--timeout 2000"
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT
python3 "$here/gen-corpus.py" "$n" "$work/corpus" >/dev/null
DIPLOGRAPH_DATADIR=${DIPLOGRAPH_DATADIR:-$top/extract/data} \
    "$D" build --store "$work/st" "$work/corpus" 2>/dev/null
echo "load-test-token" >"$work/token"
chmod 600 "$work/token"
"$D" serve --store "$work/st" --bind 127.0.0.1:0 --token-file "$work/token" \
    $timeout_opt 2>"$work/serve.log" &
pid=$!
for _ in $(seq 50); do
    port=$(sed -n 's/.*127\.0\.0\.1:\([0-9][0-9]*\).*/\1/p' "$work/serve.log" | head -1)
    [ -n "$port" ] && break
    sleep 0.2
done
[ -n "$port" ] || { echo "serve-load: the server did not start" >&2; cat "$work/serve.log" >&2; exit 1; }
python3 "$here/serve-load.py" "http://127.0.0.1:$port" load-test-token \
    "$top/queries" "$clients" "$secs" "$slow"
