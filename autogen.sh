#!/bin/sh
# autogen.sh: regenerate the build system (configure, Makefile.in, ...)
set -e
cd "$(dirname "$0")"
autoreconf --install --force
# automake does not install its TAP driver by itself (make check uses it)
cp -f "$(automake --print-libdir)/tap-driver.sh" build-aux/tap-driver.sh
