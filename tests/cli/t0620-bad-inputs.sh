#!/bin/sh
# t0620: hostile inputs.  For each command and each bad input: the exit
# status, exactly one line on stderr, no hang (a timeout wrapper), and the
# store unchanged (its N-Quads export, sorted, identical before and after).
. "$DG_SRC/tests/lib.sh"
a001="$DG_SRC/seeds/001_0000c860e750e93b.txt"

if ! command -v timeout >/dev/null 2>&1; then
    echo "1..0 # SKIP timeout(1) is missing"
    exit 0
fi

dg -q build --store st "$a001" || exit 1
snapshot() { dg export --store st -f nquads | LC_ALL=C sort; }
snapshot >"$T/before.nq"

# the bad inputs
: >empty.txt
printf '\377\376 not utf-8 \200\n' >notutf8.txt
cp "$(command -v ls)" binary.txt
truncate -s 17M huge.txt
mkfifo fifo.txt
mkdir loop && ln -s . loop/self
: >afile
printf 'SELECT ?x WHERE {\n' >broken.rq
cp "$(command -v ls)" binary.rq
cp empty.txt empty.nt
cp notutf8.txt notutf8.nt
cp binary.txt binary.nt
truncate -s 17M huge.nt
mkfifo fifo.nt fifo.rq

# case CODE TITLE COMMAND: COMMAND exits CODE within 20 s, writes one line
# on stderr, and leaves the store as it was
case_() {
    expect_success "$2" "
        st=0; timeout 20 $3 >out 2>err || st=\$?
        [ \$st -eq $1 ] || { echo \"exit status \$st, want $1\"; cat err; exit 1; }
        [ \$(wc -l <err) -eq 1 ] || { echo 'stderr is not one line:'; cat err; exit 1; }
        snapshot >after.nq && cmp -s \"\$T/before.nq\" after.nq ||
            { echo 'the store changed'; exit 1; }"
}

for f in empty notutf8 binary huge fifo; do
    case_ 1 "build $f.txt: exit 1, one line" "\"$DG_BIN\" build --store st $f.txt"
    case_ 1 "extract $f.txt: exit 1, one line" "\"$DG_BIN\" extract $f.txt"
done
case_ 1 'build /dev/zero: refused unread' '"$DG_BIN" build --store st /dev/zero'
case_ 1 'extract /dev/zero: refused unread' '"$DG_BIN" extract /dev/zero'
case_ 1 'build of a symbolic link loop only: exit 1' '"$DG_BIN" build --store st loop'
case_ 1 'build into a store path that is a file' '"$DG_BIN" build --store afile "$a001"'
case_ 2 'build --base that is not an IRI' '"$DG_BIN" build --store st --base "not an iri" "$a001"'
case_ 2 'build --base with a space' '"$DG_BIN" build --store st --base "http://x/a b/" "$a001"'
case_ 2 'extract --base that is not an IRI' '"$DG_BIN" extract --base "x<y" "$a001"'
case_ 2 'build with an unknown option' '"$DG_BIN" build --frob "$a001"'
case_ 2 'build with an option lacking its value' '"$DG_BIN" build --store'
case_ 2 'extract with an unknown option' '"$DG_BIN" extract -Z "$a001"'
case_ 1 'extract from stdin of 17 MiB: stops at the limit' \
    'sh -c "head -c 17825793 /dev/zero | \"$DG_BIN\" extract -"'

for f in notutf8 binary huge fifo; do
    case_ 1 "load $f.nt: exit 1, one line" "\"$DG_BIN\" load --store st $f.nt"
done
case_ 1 'load /dev/zero: refused unread' '"$DG_BIN" load --store st -i ntriples /dev/zero'
case_ 1 'load a missing file' '"$DG_BIN" load --store st no-such.nt'
case_ 1 'load into a store path that is a file' '"$DG_BIN" load --store afile empty.nt'
case_ 2 'load --graph that is not an IRI' '"$DG_BIN" load --store st --graph "a graph" empty.nt'
case_ 2 'load - without -i' '"$DG_BIN" load --store st --default -'
case_ 2 'load with an unknown option' '"$DG_BIN" load --frob empty.nt'
printf '<http://a> <http://b> "x\\u0000y" .\n' >nul-escape.nt
printf '<http://a> <http://b> "x\000y" .\n' >nul-byte.nt
case_ 1 'load: a \u0000 escape is refused, not cut' '"$DG_BIN" load --store st nul-escape.nt'
case_ 1 'load: a NUL byte is refused, not cut' '"$DG_BIN" load --store st nul-byte.nt'

case_ 1 'query: a broken query' '"$DG_BIN" query --store st broken.rq'
case_ 1 'query: an empty query file' '"$DG_BIN" query --store st empty.txt'
case_ 1 'query: a binary query file (NUL)' '"$DG_BIN" query --store st binary.rq'
case_ 1 'query: a huge query file' '"$DG_BIN" query --store st huge.txt'
case_ 1 'query: a FIFO' '"$DG_BIN" query --store st fifo.rq'
case_ 1 'query: /dev/zero' '"$DG_BIN" query --store st /dev/zero'
case_ 1 'query: a missing store' '"$DG_BIN" query --store no-such-store -e "ASK {}"'
case_ 1 'query: a store path that is a file' '"$DG_BIN" query --store afile -e "ASK {}"'
case_ 2 'query: an unknown option' '"$DG_BIN" query --frob -e "ASK {}"'
case_ 2 'query: a bad --max-rows' '"$DG_BIN" query --store st --max-rows -1 -e "ASK {}"'
case_ 1 'query: --max-rows 2 stops a query of more rows' \
    '"$DG_BIN" query --store st --max-rows 2 -e "SELECT * { ?s ?p ?o }"'
case_ 1 'query: --timeout stops a long query' \
    '"$DG_BIN" query --store st --timeout 1 -e "SELECT (COUNT(*) AS ?n) { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }"'

case_ 1 'render: a broken query' '"$DG_BIN" render --store st broken.rq'
case_ 1 'render: a FIFO' '"$DG_BIN" render --store st fifo.rq'
case_ 1 'render: /dev/zero' '"$DG_BIN" render --store st /dev/zero'
case_ 1 'render: a missing store' '"$DG_BIN" render --store no-such-store -e "SELECT * {}"'
case_ 1 'render: --max-rows stops the query' \
    '"$DG_BIN" render --store st --max-rows 2 -T dot -e "SELECT ?s ?o { ?s ?p ?o }"'
case_ 2 'render: an unknown option' '"$DG_BIN" render --frob -e "SELECT * {}"'

case_ 1 'export: a missing store' '"$DG_BIN" export --store no-such-store'
case_ 1 'export: a store path that is a file' '"$DG_BIN" export --store afile'
case_ 2 'export: --graph that is not an IRI' '"$DG_BIN" export --store st --graph "g 1"'
case_ 2 'export: an unknown option' '"$DG_BIN" export --frob'

expect_success 'stderr of the messages names the cause' '
    { dg build --store st fifo.txt 2>&1 || true; } | grep -q "'"'"'fifo.txt'"'"': not a regular file" &&
    { dg build --store st huge.txt 2>&1 || true; } | grep -q "larger than 16 MiB" &&
    { dg build --store st loop 2>&1 || true; } | grep -q "symbolic link loop" &&
    { dg query --store st --max-rows 2 -e "SELECT * { ?s ?p ?o }" 2>&1 || true; } |
        grep -q "query stopped: more than 2 rows in memory; use --max-rows" &&
    { dg query --store st --timeout 1 -e "SELECT (COUNT(*) AS ?n) { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f }" 2>&1 || true; } |
        grep -q "query timed out after 1 ms"'

mkdir twice && cp "$a001" twice/a.txt && ln -s a.txt twice/b.txt && ln twice/a.txt twice/c.txt
expect_success 'a file linked twice (symbolic and hard) is built once' '
    timeout 20 "$DG_BIN" build --store st2 twice 2>err &&
    grep -q "built 1 article," err && [ $(wc -l <err) -eq 1 ]'
expect_success 'build - reads one article from standard input' '
    timeout 20 "$DG_BIN" -q build --store st3 - <"$a001" &&
    dg query --store st3 -f tsv -e "ASK { GRAPH <https://w3id.org/diplograph/id/article/stdin> { ?s ?p ?o } }" | grep -q true'
expect_success 'COUNT(*) over no match gives one row of 0' '
    dg query --store st -f tsv -e "SELECT (COUNT(*) AS ?n) { ?s <http://no/such> ?o }" >out &&
    [ $(wc -l <out) -eq 2 ] && sed -n 2p out | grep -q "^0$\|^\"0\"\|^0\^\^"'
expect_success 'the store is unchanged after all of it' '
    snapshot >after.nq && cmp "$T/before.nq" after.nq'
done_testing
