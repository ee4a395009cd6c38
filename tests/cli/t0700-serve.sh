#!/bin/sh
# t0700: diplograph serve: the SPARQL 1.1 Protocol and the Graph Store
# HTTP Protocol over a store built from the seeds, exercised with curl
. "$DG_SRC/tests/lib.sh"
if ! command -v curl >/dev/null 2>&1; then
    echo "1..0 # SKIP curl is missing (apt-get install curl)"
    exit 0
fi
seeds="$DG_SRC/seeds"
art=https://w3id.org/diplograph/id/article/001_0000c860e750e93b
new=http://example.org/graph/new
pids=
trap 'for p in $pids; do kill "$p" 2>/dev/null; done; rm -rf "$T"' EXIT

# serve NAME ARGS...: dg_serve (tests/lib.sh)
serve() { dg_serve "$@"; }
# req ARGS...: curl, body in body, headers in headers; prints the status
req() { rm -f body headers; curl -s -o body -D headers -w '%{http_code}' "$@"; }
# status WANT ARGS...: the request answers WANT
status() {
    want=$1
    shift
    got=$(req "$@")
    [ "$got" = "$want" ] || { echo "wanted $want, got $got:"; cat body; return 1; }
}
ctype() { grep -qi "^content-type: $1" headers || { cat headers; return 1; }; }
q_sel='PREFIX schema: <http://schema.org/>
SELECT ?c ?name WHERE { ?c a schema:Country ; schema:name ?name } ORDER BY ?c ?name'
q_con='PREFIX schema: <http://schema.org/>
CONSTRUCT { ?c schema:name ?name } WHERE { ?c a schema:Country ; schema:name ?name }'

dg -q build --store st "$seeds" || exit 1
printf 's3cret-token\n' >tok
chmod 600 tok
dg export --store st -f nquads | sort >before.nq

# servers start in this shell (not in a test's subshell) so that it can
# wait for them
serve A --store st --token-file tok --max-body 200000
expect_success 'serve starts on a free loopback port and logs its address' '
    case "$URL" in http://127.0.0.1:[0-9]*/) ;; *) exit 1 ;; esac'
expect_success 'GET / is a page with a query box and no script' '
    status 200 "$URL" && ctype text/html && grep -q "<textarea name=\"query\"" body &&
    ! grep -qi "<script" body'
for f in json:application/sparql-results+json xml:application/sparql-results+xml \
    csv:text/csv tsv:text/tab-separated-values; do
    fmt=${f%%:*}
    mime=${f#*:}
    expect_success "GET query, Accept $mime: the answer of query -f $fmt" '
        dg query --store st -f $fmt -e "$q_sel" >want &&
        status 200 -G --data-urlencode "query=$q_sel" -H "Accept: $mime" \
            "${URL}sparql" && ctype "$mime" && cmp want body'
done
expect_success 'POST form-encoded query, Accept CSV' '
    dg query --store st -f csv -e "$q_sel" >want &&
    status 200 --data-urlencode "query=$q_sel" -H "Accept: text/csv" \
        "${URL}sparql" && ctype text/csv && cmp want body'
expect_success 'POST application/sparql-query, Accept XML' '
    dg query --store st -f xml -e "$q_sel" >want &&
    status 200 --data-binary "$q_sel" -H "Content-Type: application/sparql-query" \
        -H "Accept: application/sparql-results+xml" "${URL}sparql" && cmp want body'
expect_success 'no Accept: JSON; q-values choose; ?format= overrides' '
    dg query --store st -f json -e "$q_sel" >want && dg query --store st -f tsv -e "$q_sel" >want2 &&
    status 200 -G --data-urlencode "query=$q_sel" -H "Accept:" "${URL}sparql" && cmp want body &&
    status 200 -G --data-urlencode "query=$q_sel" \
        -H "Accept: text/csv;q=0.5, text/tab-separated-values" "${URL}sparql" && cmp want2 body &&
    status 200 -G --data-urlencode "query=$q_sel" --data-urlencode format=tsv \
        -H "Accept: text/csv" "${URL}sparql" && cmp want2 body'
expect_success 'CONSTRUCT as Turtle, N-Triples and JSON-LD' '
    dg query --store st -f turtle -e "$q_con" >want &&
    dg query --store st -f ntriples -e "$q_con" >want2 &&
    status 200 -G --data-urlencode "query=$q_con" -H "Accept: text/turtle" \
        "${URL}sparql" && ctype text/turtle && cmp want body &&
    status 200 -G --data-urlencode "query=$q_con" -H "Accept: application/n-triples" \
        "${URL}sparql" && ctype application/n-triples && cmp want2 body &&
    test -s body &&
    dg query --store st -f jsonld -e "$q_con" >want3 &&
    status 200 -G --data-urlencode "query=$q_con" -H "Accept: application/ld+json" \
        "${URL}sparql" && ctype application/ld+json && cmp want3 body'
expect_success 'protocol dataset: default-graph-uri replaces the query default graph' '
    q="SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }" &&
    dg query --store st -f csv -e "SELECT (COUNT(*) AS ?n) FROM <$art> WHERE { ?s ?p ?o }" >want &&
    status 200 -G --data-urlencode "query=$q" --data-urlencode "default-graph-uri=$art" \
        -H "Accept: text/csv" "${URL}sparql" && cmp want body &&
    ! dg query --store st -f csv -e "$q" | cmp -s - body'
expect_success 'graph store GET of an article graph is export --graph' '
    dg export --store st --graph "$art" >want &&
    dg export --store st -f ntriples --graph "$art" >want2 &&
    status 200 -G --data-urlencode "graph=$art" "${URL}store" && ctype text/turtle &&
    cmp want body &&
    status 200 -G --data-urlencode "graph=$art" -H "Accept: application/n-triples" \
        "${URL}store" && cmp want2 body'
expect_success 'HEAD of a graph: 200 without a body; of a missing one: 404' '
    status 200 -I -G --data-urlencode "graph=$art" "${URL}store" && ctype text/turtle &&
    grep -qi "^content-length: [1-9]" body && ! grep -q "^@prefix" body &&
    status 404 -I -G --data-urlencode "graph=$new" "${URL}store"'

printf '@prefix ex: <http://example.org/> .\nex:a ex:p "one" .\nex:b ex:p ex:c .\n' >g1.ttl
printf '<http://example.org/a> <http://example.org/p> "two" .\n' >g2.nt
auth='Authorization: Bearer s3cret-token'
expect_success 'PUT a Turtle graph: 201, then GET gives it back' '
    status 201 -X PUT -H "$auth" -H "Content-Type: text/turtle" --data-binary @g1.ttl \
        "${URL}store?graph=$new" &&
    status 200 -H "Accept: application/n-triples" "${URL}store?graph=$new" &&
    sort body >got && printf "%s\n" \
        "<http://example.org/a> <http://example.org/p> \"one\" ." \
        "<http://example.org/b> <http://example.org/p> <http://example.org/c> ." |
        sort >want && diff want got'
expect_success 'PUT again replaces the graph (204); POST adds to it (204)' '
    status 204 -X PUT -H "$auth" -H "Content-Type: application/n-triples" \
        --data-binary @g2.nt "${URL}store?graph=$new" &&
    status 200 -H "Accept: application/n-triples" "${URL}store?graph=$new" &&
    test "$(wc -l <body)" -eq 1 && grep -q "\"two\"" body &&
    status 204 -X POST -H "$auth" -H "Content-Type: text/turtle" --data-binary @g1.ttl \
        "${URL}store?graph=$new" &&
    status 200 -H "Accept: application/n-triples" "${URL}store?graph=$new" &&
    test "$(wc -l <body)" -eq 3'
expect_success 'a written graph is seen by queries, here and in another process' '
    status 200 -G --data-urlencode "query=SELECT ?o WHERE { GRAPH <$new> { ?s ?p ?o } } ORDER BY ?o" \
        -H "Accept: text/csv" "${URL}sparql" && grep -q "^one" body && grep -q "^two" body &&
    dg query --store st -f csv -e "ASK { GRAPH <$new> { ?s ?p \"two\" } }" | grep -q true'
expect_success 'DELETE the graph: 204, then GET and DELETE give 404' '
    status 204 -X DELETE -H "$auth" "${URL}store?graph=$new" &&
    status 404 "${URL}store?graph=$new" && grep -q "no graph" body &&
    status 404 -X DELETE -H "$auth" "${URL}store?graph=$new"'
expect_success 'the default graph: PUT, GET, DELETE' '
    status 204 -X PUT -H "$auth" -H "Content-Type: text/turtle" --data-binary @g1.ttl \
        "${URL}store?default" &&
    status 200 -H "Accept: application/n-triples" "${URL}store?default" &&
    test "$(wc -l <body)" -eq 2 &&
    status 204 -X DELETE -H "$auth" "${URL}store?default" &&
    status 200 -H "Accept: application/n-triples" "${URL}store?default" && test ! -s body'

# from the W3C protocol suites (sparql11/protocol, graph-store-protocol)
expect_success 'W3C: named-graph-uri gives the named graphs of the query' '
    q="ASK { GRAPH ?g { ?s ?p ?o } FILTER(?g != <$art>) }" &&
    status 200 -G --data-urlencode "query=$q" --data-urlencode "named-graph-uri=$art"         -H "Accept: text/csv" "${URL}sparql" && grep -q false body &&
    status 200 -G --data-urlencode "query=$q" -H "Accept: text/csv" "${URL}sparql" &&
    grep -q true body'
expect_success 'W3C: a graph IRI is percent-decoded once, however it was encoded' '
    status 201 -X PUT -H "$auth" -H "Content-Type: text/turtle" --data-binary @g1.ttl \
        "${URL}store?graph=http%3A%2F%2Fexample.org%2Fgraph%2Fa%2541" &&
    status 200 "${URL}store?graph=http://example.org/graph/a%2541" &&
    status 404 "${URL}store?graph=http://example.org/graph/aA" &&
    status 204 -X DELETE -H "$auth" "${URL}store?graph=http%3a%2f%2fexample.org%2fgraph%2fa%2541"'
expect_success 'W3C: relative IRIs in a PUT resolve against the graph IRI' '
    status 201 -X PUT -H "$auth" -H "Content-Type: text/turtle" \
        --data-binary "<x> <http://example.org/p> <#y> ." "${URL}store?graph=$new" &&
    status 200 -H "Accept: application/n-triples" "${URL}store?graph=$new" &&
    grep -q "^<http://example.org/graph/x> <http://example.org/p> <http://example.org/graph/new#y> \.$" body &&
    status 204 -X DELETE -H "$auth" "${URL}store?graph=$new"'
expect_success 'W3C: a graph named by its URL (direct identification)' '
    host=${URL#http://}; host=${host%/} &&
    status 201 -X PUT -H "$auth" -H "Content-Type: text/turtle" --data-binary @g1.ttl \
        "${URL}store/person/42" &&
    status 200 -H "Accept: application/n-triples" "${URL}store?graph=http://$host/store/person/42" &&
    test "$(wc -l <body)" -eq 2 &&
    status 200 -I "${URL}store/person/42" &&
    status 400 "${URL}store/person/42?default" &&
    status 204 -X DELETE -H "$auth" "${URL}store/person/42" &&
    status 404 "${URL}store/person/42"'
expect_success 'W3C: POST to /store makes a new graph: 201 and its Location' '
    status 201 -X POST -H "$auth" -H "Content-Type: text/turtle" --data-binary @g1.ttl \
        "${URL}store" &&
    loc=$(sed -n "s/^[Ll]ocation: *\([^[:space:]]*\).*/\1/p" headers) &&
    case "$loc" in "${URL}store/"[0-9a-f]*) ;; *) echo "Location: $loc"; exit 1 ;; esac &&
    status 200 -H "Accept: application/n-triples" "$loc" && test "$(wc -l <body)" -eq 2 &&
    status 204 -X DELETE -H "$auth" "$loc" && status 404 "$loc"'
dg export --store st -f nquads | sort >mid.nq
expect_success 'the store is back as built after the writes' 'diff before.nq mid.nq'
one_line_body() { [ "$(wc -l <body)" -eq 1 ] && grep -q -- "$1" body || { cat body; return 1; }; }
expect_success 'malformed SPARQL: 400 with a one-line message' '
    status 400 -G --data-urlencode "query=SELECT WHERE {" "${URL}sparql" &&
    one_line_body "query syntax error: line 1"'
expect_success 'wrong content types: 415' '
    status 415 --data-binary "ASK {}" -H "Content-Type: text/plain" "${URL}sparql" &&
    one_line_body "unsupported content type" &&
    status 415 -X PUT -H "$auth" -H "Content-Type: application/json" --data-binary "{}" \
        "${URL}store?graph=$new" &&
    status 415 --data-binary "ASK {}" -H "Content-Type: application/sparql-query; charset=utf-16" \
        "${URL}sparql"'
expect_success 'a body over --max-body: 413' '
    head -c 300000 /dev/zero | tr "\0" a >big &&
    status 413 -X PUT -H "$auth" -H "Content-Type: text/turtle" --data-binary @big \
        "${URL}store?graph=$new" && one_line_body "larger than 200000 bytes" &&
    status 413 -X PUT -H "$auth" -H "Content-Type: text/turtle" \
        -H "Expect: 100-continue" --data-binary @big "${URL}store?graph=$new" &&
    one_line_body "larger than 200000 bytes"'
expect_success 'writes without or with a wrong token: 401' '
    status 401 -X PUT -H "Content-Type: text/turtle" --data-binary @g1.ttl \
        "${URL}store?graph=$new" && grep -qi "^www-authenticate: bearer" headers &&
    status 401 -X DELETE -H "Authorization: Bearer wrong" "${URL}store?graph=$art"'
expect_success 'SPARQL Update is refused: 501' '
    status 501 --data-urlencode "update=DROP ALL" "${URL}sparql" &&
    status 501 --data-binary "DROP ALL" -H "Content-Type: application/sparql-update" "${URL}sparql" &&
    status 400 -G --data-urlencode "query=INSERT DATA { <a:b> <a:c> <a:d> }" "${URL}sparql"'
expect_success 'other bad requests: 400, 404, 405' '
    status 400 "${URL}sparql?query=ASK%7B%7D&query=ASK%7B%7D" && one_line_body "more than one" &&
    status 400 "${URL}sparql" && one_line_body "no .query. parameter" &&
    status 400 "${URL}sparql?query=%zz" &&
    status 400 "${URL}store?graph=not%20an%20iri" &&
    status 400 "${URL}store" && status 400 "${URL}store?graph=$art&default" &&
    status 404 "${URL}nowhere" &&
    status 405 -X DELETE "${URL}sparql" && grep -qi "^allow: GET, POST" headers &&
    status 400 -X PUT -H "$auth" -H "Content-Type: text/turtle" --data-binary "<a> <b" \
        "${URL}store?graph=$art" && one_line_body "cannot parse"'
dg export --store st -f nquads | sort >after.nq
expect_success 'the store is unchanged by the bad requests' 'diff before.nq after.nq'
expect_success 'eight queries at once all answer' '
    dg query --store st -f json -e "$q_sel" >want &&
    for i in 1 2 3 4 5 6 7 8; do
        curl -s -o par$i -G --data-urlencode "query=$q_sel" "${URL}sparql" & done; wait &&
    for i in 1 2 3 4 5 6 7 8; do cmp want par$i; done'
expect_success 'each request is logged on stderr' '
    grep -q "^diplograph: serve: 127.0.0.1 GET /sparql?query=.* 200 [0-9]* bytes" A.log &&
    grep -q "^diplograph: serve: 127.0.0.1 PUT /store?graph=.* 401 .*(writes need credentials)" A.log'
kill -TERM "$A_pid"
wait "$A_pid"
echo $? >A.status
expect_success 'SIGTERM stops the server cleanly (exit 0)' '
    test "$(cat A.status)" = 0 && grep -q "stopping on signal" A.log'

serve B --store st --read-only --timeout 1 --max-rows 5
expect_success 'a read-only server with small bounds starts' '
    grep -q "serving .* (read-only)" B.log'
expect_success 'read-only: writes get 405, reads work' '
    status 405 -X PUT -H "Content-Type: text/turtle" --data-binary @g1.ttl \
        "${URL}store?graph=$new" && one_line_body "read-only" &&
    status 405 -X DELETE "${URL}store?graph=$art" &&
    status 200 "${URL}store?graph=$art"'
expect_success 'a query over --max-rows or --timeout: 503' '
    status 503 -G --data-urlencode "query=SELECT * WHERE { ?s ?p ?o }" "${URL}sparql" &&
    one_line_body "more than 5 rows" &&
    status 503 -G --data-urlencode "query=SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }" \
        "${URL}sparql" && one_line_body "timed out"'
dg export --store st -f nquads | sort >after2.nq
expect_success 'the store is unchanged after the read-only server' 'diff before.nq after2.nq'
printf 'alice:open sesame\n' >auth
chmod 600 auth
serve C --store st --auth-file auth
expect_success 'basic auth from --auth-file: 401 without or wrong, 2xx with it' '
    status 401 -X PUT -H "Content-Type: text/turtle" --data-binary @g1.ttl \
        "${URL}store?graph=$new" && grep -qi "^www-authenticate: basic" headers &&
    status 401 -X PUT -u "alice:wrong" -H "Content-Type: text/turtle" \
        --data-binary @g1.ttl "${URL}store?graph=$new" &&
    status 401 -X PUT -H "Authorization: Bearer open sesame" -H "Content-Type: text/turtle" \
        --data-binary @g1.ttl "${URL}store?graph=$new" &&
    status 201 -X PUT -u "alice:open sesame" -H "Content-Type: text/turtle" \
        --data-binary @g1.ttl "${URL}store?graph=$new" &&
    status 204 -X DELETE -u "alice:open sesame" "${URL}store?graph=$new" &&
    status 200 "${URL}store?graph=$art"'
expect_failure 1 'a port in use is one error line' '
    port=${URL##*:}; port=${port%/}
    dg serve --store st --bind "127.0.0.1:$port" 2>err; st=$?
    one_line_error err "cannot listen on" && exit $st'
expect_failure 2 'a bad --bind is a usage error' 'dg serve --store st --bind nowhere 2>/dev/null'
expect_failure 1 'an empty token file is refused' ': >empty && dg serve --store st --token-file empty 2>/dev/null'
done_testing
