#!/bin/sh
# t0740: build URL and load URL fetch over HTTP (a python3 http.server on
# loopback): pages, text and RDF; redirects, 404, refused connections
. "$DG_SRC/tests/lib.sh"
if ! command -v python3 >/dev/null 2>&1; then
    echo "1..0 # SKIP python3 is missing (apt-get install python3)"
    exit 0
fi
fx="$DG_SRC/tests/fixtures/html"
ID=https://w3id.org/diplograph/id
pids=
trap 'for p in $pids; do kill "$p" 2>/dev/null; done; rm -rf "$T"' EXIT

mkdir -p www/sub
cp "$fx/talks.html" www/talks.html
cp "$fx/talks.txt" www/plain.txt
cp "$fx/talks.html" www/sub/index.html
printf '<http://ex.org/a> <http://ex.org/p> "x" .\n' >www/data.nt
printf '@prefix e: <http://ex.org/> .\ne:b e:p <rel> .\n' >www/data.ttl
printf '<http://ex.org/q> <http://ex.org/p> "q" <http://ex.org/qg> .\n' >www/data.nq
head -c 17000000 /dev/zero | tr '\0' a >www/big.txt

# a static server on a free loopback port; sets URL
python3 -u -m http.server 0 --bind 127.0.0.1 --directory www \
    >http.log 2>&1 &
pids="$pids $!"
i=0
URL=
while [ $i -lt 100 ] && [ -z "$URL" ]; do
    URL=$(sed -n 's|.*(\(http://127.0.0.1:[0-9]*\)/).*|\1|p' http.log 2>/dev/null)
    [ -n "$URL" ] || sleep 0.1
    i=$((i + 1))
done
[ -n "$URL" ] || { cat http.log; exit 1; }

entities() { # STORE KEY
    dg query --store "$1" -f tsv -e "SELECT DISTINCT ?e WHERE {
      GRAPH <$ID/article/$2> { ?x ?p ?e .
        FILTER(isIRI(?e) && !CONTAINS(STR(?e), \"/article/\") &&
               !CONTAINS(STR(?e), \"/event/\") &&
               !CONTAINS(STR(?e), \"/run/\") &&
               !STRSTARTS(STR(?e), \"http://127.0.0.1\")) } } ORDER BY ?e"
}
source_of() { # STORE KEY: the recorded URL (schema:url, dg:sourceFile)
    dg query --store "$1" -f tsv -e "SELECT ?u ?f WHERE {
      <$ID/article/$2> <http://schema.org/url> ?u ;
        <https://w3id.org/diplograph/ns#sourceFile> ?f }"
}

expect_success 'build URL: a page over HTTP, the same entities as the text' '
    cp "$fx/talks.txt" local.txt && dg -q build --store st local.txt &&
    dg build --store st "$URL/talks.html" 2>err &&
    grep -q "built 1 article" err &&
    entities st local >file && entities st talks >page &&
    test "$(wc -l <file)" -ge 8 && grep -q "country/VNM" file &&
    diff file page'
expect_success 'the URL is recorded as schema:url and dg:sourceFile' '
    source_of st talks >out &&
    grep -q "<$URL/talks.html>	\"$URL/talks.html\"" out'
expect_success 'build URL of text: the Content-Type says text' '
    dg -q build --store st "$URL/plain.txt" && entities st plain >plain &&
    diff file plain'
expect_success 'a redirect is followed; the final URL is recorded' '
    dg -q build --store st "$URL/sub" && source_of st sub >out &&
    grep -q "<$URL/sub/>" out && entities st sub >sub && diff file sub'
expect_failure 1 'a 404 is one line, exit 1' '
    dg build --store st2 "$URL/nosuch.html" 2>err; st=$?
    one_line_error err "'"'"'$URL/nosuch.html'"'"': the server answered 404" &&
    exit $st'
expect_failure 1 'a page over 16 MiB is refused, one line' '
    dg build --store st2 "$URL/big.txt" 2>err; st=$?
    one_line_error err "over 16 MiB" && exit $st'
expect_success 'a failed URL beside a good one: a warning, the rest built' '
    dg build --store st3 "$URL/nosuch.html" "$URL/talks.html" 2>err &&
    grep -q "warning: skipped .*404" err && grep -q "built 1 article" err'
expect_success 'load URL: N-Triples into the graph of the final URL' '
    dg load --store st4 "$URL/data.nt" &&
    dg export --store st4 -f nquads >out &&
    grep -q "\"x\" <$URL/data.nt> \\.$" out'
expect_success 'load URL: relative IRIs resolve against the URL' '
    dg load --store st4 --graph http://ex.org/g "$URL/data.ttl" &&
    dg export --store st4 -f nquads >out &&
    grep -q "<$URL/rel> <http://ex.org/g> \\.$" out'
expect_success 'load URL: N-Quads keep their graphs' '
    dg load --store st4 "$URL/data.nq" && dg export --store st4 -f nquads >out &&
    grep -q "\"q\" <http://ex.org/qg> \\.$" out'
expect_failure 1 'load of a web page is refused, one line' '
    dg load --store st4 "$URL/talks.html" 2>err; st=$?
    one_line_error err "is a web page, not RDF" && exit $st'
expect_failure 1 'load of a missing URL: one line naming the 404' '
    dg load --store st4 "$URL/nosuch.nt" 2>err; st=$?
    one_line_error err "cannot fetch '"'"'$URL/nosuch.nt'"'"': the server answered 404" &&
    exit $st'

# a refused connection: the server stopped, its port closed
for p in $pids; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
pids=
expect_failure 1 'a refused connection is one line, exit 1' '
    dg build --store st5 "$URL/talks.html" 2>err; st=$?
    one_line_error err "cannot reach the server" && exit $st'
expect_failure 1 'load: a refused connection is one line, exit 1' '
    dg load --store st5 "$URL/data.nt" 2>err; st=$?
    one_line_error err "cannot fetch .*cannot reach the server" && exit $st'
done_testing
