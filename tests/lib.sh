# lib.sh: sourced by the CLI tests (tests/cli/tNNNN-*.sh); prints TAP.
#
#   . "$DG_SRC/tests/lib.sh"
#   expect_success 'title' 'commands'     # commands must exit 0
#   expect_failure 2 'title' 'commands'   # commands must exit with status 2
#   golden NAME FILE                      # FILE must equal tests/golden/NAME
#   done_testing
#
# Each test runs in a fresh temporary directory ($T) with set -e semantics
# inside the command string.  DG_UPDATE_GOLDEN=1 rewrites the golden files.
set -u
LC_ALL=C
export LC_ALL
: "${DG_BIN:?DG_BIN must name the diplograph binary}"
: "${DG_SRC:?DG_SRC must name the source tree}"
dg() { "$DG_BIN" "$@"; }
T=$(mktemp -d "${TMPDIR:-/tmp}/dg-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 1
unset DIPLOGRAPH_STORE
tap_n=0
tap_failed=0

_report() { # _report STATUS TITLE LOG
    tap_n=$((tap_n + 1))
    if [ "$1" -eq 0 ]; then
        echo "ok $tap_n - $2"
    else
        tap_failed=$((tap_failed + 1))
        echo "not ok $tap_n - $2"
        sed 's/^/# /' "$3"
    fi
}

expect_success() { # TITLE COMMANDS
    (set -e; eval "$2") >"$T/.log" 2>&1
    local st=$?
    [ $st -eq 0 ] || echo "exit status $st" >>"$T/.log"
    _report $st "$1" "$T/.log"
}

expect_failure() { # CODE TITLE COMMANDS: COMMANDS' last command exits CODE
    local code=$1
    (eval "$3") >"$T/.log" 2>&1
    local st=$?
    if [ $st -eq "$code" ]; then
        _report 0 "$2" "$T/.log"
    else
        echo "expected exit $code, got $st" >>"$T/.log"
        _report 1 "$2" "$T/.log"
    fi
}

golden() { # golden NAME FILE: compare FILE with tests/golden/NAME
    local want="$DG_SRC/tests/golden/$1"
    if [ "${DG_UPDATE_GOLDEN:-0}" = 1 ]; then
        mkdir -p "$(dirname "$want")"
        cp "$2" "$want"
        return 0
    fi
    if [ ! -f "$want" ]; then
        echo "missing golden file $want (DG_UPDATE_GOLDEN=1 writes it)"
        return 1
    fi
    diff -u "$want" "$2"
}

# one line on stderr, naming the cause
one_line_error() { # FILE PATTERN
    [ "$(wc -l <"$1")" -eq 1 ] && grep -q -- "$2" "$1" || {
        echo "stderr was:"; cat "$1"; return 1; }
}

# oxigraph_install: one TAP test that installs Oxigraph (npm, the version
# below) once into $OX_DIR, $DG_OXIGRAPH_DIR or else the build tree's
# tests/node_modules-ox, for the differential tests (t0210, t0220); then
# NODE_PATH points at it.
OX_VERSION=0.5.11
oxigraph_install() {
    DG_BUILD=${DG_BUILD:-$(cd "$(dirname "$DG_BIN")" && pwd)}
    OX_DIR=${DG_OXIGRAPH_DIR:-$DG_BUILD/tests/node_modules-ox}
    expect_success "oxigraph $OX_VERSION is installed (cached in $OX_DIR)" '
        have=$(node -e "console.log(require(process.argv[1]).version)" \
            "$OX_DIR/node_modules/oxigraph/package.json" 2>/dev/null || true)
        [ "$have" = "$OX_VERSION" ] ||
            { mkdir -p "$OX_DIR" &&
              npm install --prefix "$OX_DIR" --no-audit --no-fund --no-save \
                  --loglevel=error "oxigraph@$OX_VERSION"; }'
    NODE_PATH="$OX_DIR/node_modules"
    export NODE_PATH
}

# dg_serve NAME [-v] ARGS...: starts `diplograph [-v] serve` on a free
# loopback port, its log in NAME.log; sets URL and NAME_pid and adds the
# pid to $pids (the test stops them); fails after 10 s without a server
dg_serve() {
    _n=$1
    shift
    _v=
    if [ "${1:-}" = -v ]; then
        _v=-v
        shift
    fi
    "$DG_BIN" $_v serve --bind 127.0.0.1:0 "$@" >/dev/null 2>"$_n.log" &
    pids="${pids:-} $!"
    eval "${_n}_pid=$!"
    _i=0
    while [ $_i -lt 100 ]; do
        URL=$(sed -n 's/^diplograph: serving .* at \(http:[^ ]*\).*/\1/p' \
            "$_n.log" 2>/dev/null)
        [ -n "$URL" ] && return 0
        sleep 0.1
        _i=$((_i + 1))
    done
    cat "$_n.log"
    return 1
}

done_testing() {
    echo "1..$tap_n"
    [ $tap_failed -eq 0 ]
    exit $?
}
