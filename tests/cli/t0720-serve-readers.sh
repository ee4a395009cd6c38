#!/bin/sh
# t0720: diplograph serve runs queries at once (issue 12): a quick query
# and a PUT answer while a slow query is still running (checked with the
# slow client's process and the server's log, not with timings), and
# concurrent PUTs and reads of one graph always see a whole version of it
. "$DG_SRC/tests/lib.sh"
if ! command -v curl >/dev/null 2>&1; then
    echo "1..0 # SKIP curl is missing (apt-get install curl)"
    exit 0
fi
seeds="$DG_SRC/seeds"
pids=
trap 'for p in $pids; do kill "$p" 2>/dev/null; done; rm -rf "$T"' EXIT

# serve NAME ARGS...: dg_serve -v (tests/lib.sh): the tests read its log
serve() {
    _sn=$1
    shift
    dg_serve "$_sn" -v "$@"
}
# wait_log FILE PATTERN: waits (10 s at most) for a line of FILE (the
# server logs a request after it has answered it: a client may read the
# answer before the line is written)
wait_log() {
    i=0
    while [ $i -lt 100 ]; do
        grep -q -- "$2" "$1" && return 0
        sleep 0.1
        i=$((i + 1))
    done
    echo "no line '$2' in $1:"
    cat "$1"
    return 1
}
auth='Authorization: Bearer t0720-token'
xint='<http://www.w3.org/2001/XMLSchema#integer>'
# version K: graph <urn:x-t0720:g> as 40 triples whose object is K
version() {
    j=1
    while [ $j -le 40 ]; do
        echo "<urn:x-t0720:s$j> <urn:x-t0720:p> \"$1\"^^$xint ."
        j=$((j + 1))
    done
}
put() { # put K: PUTs version K, fails unless 201 or 204
    version "$1" >v.nt
    code=$(curl -s -o /dev/null -w '%{http_code}' -X PUT -H "$auth" \
        -H "Content-Type: application/n-triples" --data-binary @v.nt \
        "${URL}store?graph=urn:x-t0720:g")
    [ "$code" = 201 ] || [ "$code" = 204 ] || { echo "PUT $1: $code"; return 1; }
}

dg -q build --store st "$seeds" || exit 1
printf 't0720-token\n' >tok
chmod 600 tok
serve A --store st --token-file tok --timeout 3000
URL_A=$URL

# a cross join of the whole store with itself three times: far longer
# than the timeout on any machine, so it runs until the server stops it
slow='SELECT (COUNT(*) AS ?slowmarker) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }'
expect_success 'a quick query and a PUT answer while a slow query runs' '
    curl -s -o slow.body -G --data-urlencode "query=$slow" "${URL}sparql" &
    slow_pid=$!
    wait_log A.log "GET /sparql?query=.*slowmarker.* running$" &&
    curl -s -f -o quick.body -H "Accept: text/csv" -G \
        --data-urlencode "query=SELECT (COUNT(*) AS ?n) WHERE { ?s a ?t }" \
        "${URL}sparql" &&
    put 0 &&
    kill -0 $slow_pid &&
    ! grep "slowmarker" A.log | grep -qv " running$" &&
    test "$(sed -n 2p quick.body)" -gt 0 &&
    wait $slow_pid &&
    grep -q "query timed out after 3000 ms" slow.body &&
    wait_log A.log "slowmarker.* 503 .*query timed out"'

expect_success 'the writer lock is free again: GET of the graph just put' '
    curl -s -f -H "Accept: application/n-triples" \
        "${URL}store?graph=urn:x-t0720:g" >got &&
    version 0 | sort >want && sort got | diff want -'

# one slot: the slow query holds it for 4 s; the PUT does not wait for
# it, the quick query does (its own logged time, on the server's clock,
# is most of the slow one's 4 s: with free slots it takes milliseconds)
serve B --store st --token-file tok --timeout 4000 --threads 1 || URL=
expect_success '--threads 1: a PUT takes no slot; a second query waits for it' '
    test -n "$URL" && test "$URL" != "$URL_A" &&
    { curl -s -o slow.body -G --data-urlencode "query=$slow" "${URL}sparql" &
      slow_pid=$!; } &&
    wait_log B.log "GET /sparql?query=.*slowmarker.* running$" &&
    put 1 &&
    kill -0 $slow_pid &&
    ! grep "slowmarker" B.log | grep -qv " running$" &&
    curl -s -f -o quick.body -G --data-urlencode "query=ASK { ?s ?p ?o }" \
        "${URL}sparql" &&
    wait $slow_pid &&
    grep -q "query timed out after 4000 ms" slow.body &&
    wait_log B.log "GET /sparql?query=ASK[^ ]* 200 .* ms$" &&
    ms=$(sed -n "s/.* GET \/sparql?query=ASK[^ ]* 200 [0-9]* bytes \([0-9]*\) ms$/\1/p" B.log) &&
    test -n "$ms" && test "$ms" -ge 1000 || { cat B.log; false; }'
URL=$URL_A

# reader N: queries the graph until the writer is done; each answer must
# be one whole version (40 triples, one object) and versions never go
# back (each query begins after the one before ended); the last query
# begins after the writer is done, so it sees the last version
reader() {
    last=0
    n=0
    while :; do
        n=$((n + 1))
        after=0
        [ -f writer.done ] && after=1
        curl -s -f -H "Accept: text/csv" -G --data-urlencode \
            "query=SELECT (COUNT(*) AS ?n) (COUNT(DISTINCT ?o) AS ?d) (MAX(?o) AS ?v) WHERE { GRAPH <urn:x-t0720:g> { ?s ?p ?o } }" \
            "${URL}sparql" >"r$1.csv" || { echo "query failed"; return 1; }
        row=$(sed -n 2p "r$1.csv" | tr -d '\r')
        case "$row" in
        40,1,*) ;;
        *) echo "reader $1: not one whole version: $row"; return 1 ;;
        esac
        v=${row##*,}
        [ "$v" -ge "$last" ] || { echo "reader $1: version $v after $last"; return 1; }
        last=$v
        curl -s -f -H "Accept: application/n-triples" \
            "${URL}store?default" >/dev/null || { echo "GET failed"; return 1; }
        [ $after = 1 ] && [ $n -ge 3 ] && break
    done
    echo "$last" >"reader$1.last"
}
expect_success 'concurrent PUTs and queries: each query sees one whole version' '
    rm -f writer.done
    reader 1 >reader1.out 2>&1 &
    r1=$!
    reader 2 >reader2.out 2>&1 &
    r2=$!
    k=1
    while [ $k -le 15 ]; do
        put $k || break
        k=$((k + 1))
    done
    touch writer.done
    s1=0 s2=0
    wait $r1 || s1=$?
    wait $r2 || s2=$?
    cat reader1.out reader2.out
    test $k -eq 16 && test $s1 -eq 0 && test $s2 -eq 0 &&
    test "$(cat reader1.last)" -eq 15 && test "$(cat reader2.last)" -eq 15'

expect_success 'after the writes: a new query sees the last version' '
    curl -s -f -H "Accept: text/csv" -G --data-urlencode \
        "query=SELECT ?o WHERE { GRAPH <urn:x-t0720:g> { ?s ?p ?o } } LIMIT 1" \
        "${URL}sparql" >got && test "$(sed -n 2p got | tr -d "\r")" = 15'

done_testing
