#!/bin/sh
# t0001: the command table, --help, usage errors and exit codes
. "$DG_SRC/tests/lib.sh"

expect_success '--help lists the commands on stdout' '
    dg --help >out 2>err && grep -q "^  build " out && grep -q "^  query " out &&
    test ! -s err'
expect_success '--version prints the version' '
    dg --version | grep -q "^diplograph [0-9]"'
expect_failure 2 'no command: usage on stderr, exit 2' '
    dg >out 2>err; st=$?; test ! -s out && grep -q "^usage:" err; test $? -eq 0 && exit $st'
expect_failure 2 'unknown command exits 2 naming it' '
    dg frobnicate 2>err; st=$?; grep -q "unknown command '"'"'frobnicate'"'"'" err && exit $st'
expect_failure 2 'unknown global option exits 2' 'dg --frob 2>/dev/null'
for cmd in build load query render report export stats extract; do
    expect_success "$cmd --help exits 0 with usage on stdout" "
        dg $cmd --help >out && grep -q '^usage: diplograph $cmd' out"
    expect_failure 2 "$cmd with a bad option exits 2" "dg $cmd --no-such-option 2>/dev/null"
done
expect_failure 2 'build without articles is a usage error' 'dg build 2>/dev/null'
expect_failure 2 'query without a query is a usage error' 'dg query 2>/dev/null'
expect_failure 2 'query with an unknown format is a usage error' \
    'dg query -f yaml -e "ASK {}" 2>/dev/null'
expect_failure 2 'export with an unknown format is a usage error' \
    'dg export -f yaml 2>/dev/null'
expect_success 'writing to a full device fails with exit 1' '
    if [ -w /dev/full ]; then
        st=0; dg --help >/dev/full 2>err || st=$?
        test $st -eq 1 && grep -q "cannot write" err
    fi'
done_testing
