#!/usr/bin/env bash
# setup.sh: install what is missing (Debian 12, as root), then configure
# and build diplograph in the source tree.  Sourced by main.sh and check.sh;
# safe to run again (it installs only missing packages and rebuilds only
# what changed).
#   DG_CONFIGURE_FLAGS  extra ./configure flags (CI adds --enable-werror)
#   DG_EXTRA_PACKAGES   more Debian packages (the tests add theirs)
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$top"

packages=(build-essential autoconf automake libtool pkg-config
    librdf0-dev libraptor2-dev libgraphviz-dev
    liblmdb-dev libutf8proc-dev libpcre2-dev nettle-dev libmicrohttpd-dev
    libcurl4-gnutls-dev libxml2-dev
    raptor2-utils python3 curl
    ${DG_EXTRA_PACKAGES:-})
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
        missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing ${missing[*]}" >&2
    if [ "$(id -u)" -ne 0 ]; then
        echo "setup: error: missing packages and not root: ${missing[*]}" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

if [ ! -x configure ] || [ configure.ac -nt configure ] ||
    [ Makefile.am -nt Makefile.in ]; then
    ./autogen.sh >&2
fi
flags="${DG_CONFIGURE_FLAGS:-}"
if [ ! -f Makefile ] || [ configure -nt Makefile ] ||
    [ "$(cat .configure-flags 2>/dev/null)" != "$flags" ]; then
    # shellcheck disable=SC2086
    ./configure $flags >&2
    printf '%s' "$flags" >.configure-flags
fi
make -j"$(nproc)" >&2
