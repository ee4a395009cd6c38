#!/bin/sh
# t0710: diplograph push to a Graph Store endpoint and query --endpoint,
# against diplograph serve started on loopback (and Virtuoso when it is
# installed)
. "$DG_SRC/tests/lib.sh"
seeds="$DG_SRC/seeds"
art=https://w3id.org/diplograph/id/article/001_0000c860e750e93b
pids=
trap 'for p in $pids; do kill "$p" 2>/dev/null; done; rm -rf "$T"' EXIT

# serve NAME ARGS...: dg_serve (tests/lib.sh)
serve() { dg_serve "$@"; }
# stop NAME: stops the server NAME and waits for it
stop() {
    eval "p=\$${1}_pid"
    kill "$p" && wait "$p" 2>/dev/null
    return 0
}
# same A B: the stores hold the same quads
same() {
    dg export --store "$1" -f nquads | sort >"$1.nq" &&
        dg export --store "$2" -f nquads | sort >"$2.nq" &&
        test -s "$1.nq" && cmp "$1.nq" "$2.nq"
}

dg -q build --store A "$seeds" || exit 1
printf 's3cret-token\n' >tok
printf 'Bearer s3cret-token\n' >bearer
printf 'Bearer wrong\n' >wrong
printf 'ann:pa55word\n' >userpw
chmod 600 tok bearer wrong userpw

serve B --store B --bind 127.0.0.1:0 --token-file tok
B=$URL
# the triples of the article graphs of A (what a push sends)
ntr=$(dg export --store A -f nquads | grep -c "/article/[^ ]*> \.$")
expect_failure 1 'push with wrong credentials: one line naming 401, nothing sent' '
    dg push --store A --endpoint "${B}sparql" --auth wrong 2>err
    st=$?; one_line_error err "answered 401" &&
    test "$(dg export --store B -f nquads | grep -c "/article/")" -eq 0 ||
    exit 9; exit $st'
expect_success 'push: every article graph created, the stores then equal' '
    dg push --store A --endpoint "${B}sparql" --auth bearer 2>err &&
    grep -q "pushed 5 graphs to .${B}store.: 5 sent (5 created, 0 replaced, $ntr triples), 0 unchanged" err &&
    same A B'
expect_success 'the state file holds one hash per graph for that URL' '
    test "$(grep -c "^${B}store	https://w3id.org/diplograph/id/article/[^	]*	[0-9a-f]\{64\}$" A/push-state.tsv)" -eq 5 &&
    test "$(wc -l <A/push-state.tsv)" -eq 5'
expect_success 'push again: nothing changed, nothing sent, the same stores' '
    dg push --store A --endpoint "${B}sparql" --auth bearer 2>err &&
    grep -q "5 graphs .*: 0 sent (0 created, 0 replaced, 0 triples), 5 unchanged" err &&
    same A B'
expect_success 'push --all: every graph replaced (idempotent PUT)' '
    dg -v push --store A --endpoint "${B}sparql" --auth bearer --all 2>err &&
    grep -q "5 sent (0 created, 5 replaced, $ntr triples), 0 unchanged" err &&
    test "$(grep -c "^diplograph: replaced .https://w3id.org/diplograph/id/article/" err)" -eq 5 &&
    same A B'
printf '<%s> <http://schema.org/name> "pushed" .\n' "$art" >extra.nt
expect_success 'a changed graph is the only one sent, and replaces the old one' '
    dg -q load --store A --graph "$art" extra.nt &&
    dg push --store A --endpoint "${B}sparql" --auth bearer 2>err &&
    grep -q "1 sent (0 created, 1 replaced, [0-9]* triples), 4 unchanged" err &&
    same A B && grep -q "\"pushed\"" B.nq'
expect_success 'the Graph Store URL: --graph-store, else /sparql made /store' '
    dg push --store A --endpoint http://127.0.0.1:1/nowhere \
        --graph-store "${B}store" --auth bearer 2>err &&
    grep -q "to .${B}store.: 0 sent" err'

# query --endpoint: the same bytes as query -f on the store served
q_sel='PREFIX schema: <http://schema.org/>
SELECT ?c ?name WHERE { ?c a schema:Country ; schema:name ?name } ORDER BY ?c ?name'
q_con='PREFIX schema: <http://schema.org/>
CONSTRUCT { ?c schema:name ?name } WHERE { ?c a schema:Country ; schema:name ?name }'
for f in tsv csv json xml; do
    expect_success "query --endpoint -f $f: the bytes of query -f $f" '
        dg query --store B -f $f -e "$q_sel" >want &&
        dg query --endpoint "${B}sparql" -f $f -e "$q_sel" >got &&
        test -s got && cmp want got'
done
expect_success 'query --endpoint: TSV by default, Turtle (or N-Triples) for CONSTRUCT' '
    dg query --store B -f tsv -e "$q_sel" >want &&
    dg query --endpoint "${B}sparql" -e "$q_sel" >got && cmp want got &&
    dg query --store B -e "$q_con" >want &&
    dg query --endpoint "${B}sparql" -e "$q_con" >got && cmp want got &&
    dg query --store B -f ntriples -e "$q_con" >want &&
    dg query --endpoint "${B}sparql" -f ntriples -e "$q_con" >got &&
    cmp want got &&
    dg query --store B -f turtle -e "$q_con" >want &&
    dg query --endpoint "${B}sparql" -f turtle -e "$q_con" -o got.ttl &&
    cmp want got.ttl'
q_val='SELECT ?x ?y ?z WHERE { VALUES (?x ?y ?z) {
    (1 "a\tb \"q\" \\ é"@en 1.5) (-2.5e3 UNDEF false) (true "x"^^<http://e/d> "plain") } }'
expect_success 'query --endpoint -f table: the TSV answer parsed back, as the local table' '
    dg query --store B -f table -e "$q_val" >want &&
    dg query --endpoint "${B}sparql" -f table -e "$q_val" >got &&
    grep -q "^-2.5e3 .* false$" got && cmp want got &&
    dg query --endpoint "${B}sparql" -f table -e "ASK { ?s ?p ?o }" >got &&
    test "$(cat got)" = yes &&
    dg query --endpoint "${B}sparql" -f table -e "$q_con" >got &&
    grep -q "^id:country/[A-Z]* *schema:name  *[A-Z]" got'
# render --endpoint: the same diagram, labels and kinds asked of the
# server (DOT lines compared sorted: cgraph orders clusters by heap
# addresses, which differ between processes)
for q in who-met-whom country-forum-network topics-by-country; do
    expect_success "render --endpoint -T dot $q.rq: the diagram of render on the store" '
        dg render --store B -T dot "$DG_SRC/queries/$q.rq" | sort >want &&
        dg render --endpoint "${B}sparql" -T dot "$DG_SRC/queries/$q.rq" | sort >got &&
        test "$(wc -l <got)" -gt 20 && cmp want got'
done
expect_success 'render --endpoint -T svg: a diagram with the labels of the server' '
    dg render --endpoint "${B}sparql" -o got.svg "$DG_SRC/queries/who-met-whom.rq" &&
    grep -q "<svg" got.svg && grep -q ">Chien<" got.svg'
expect_failure 1 'query --endpoint: a bad query is the server'\''s one-line 400' '
    dg query --endpoint "${B}sparql" -e "SELEC ?x" 2>err
    st=$?; one_line_error err "answered 400: query syntax error" || exit 9; exit $st'
expect_failure 2 'query --endpoint with --store or --explain: usage error' '
    dg query --endpoint "${B}sparql" --store B -e "$q_sel" 2>err
    st=$?; one_line_error err "goes without" &&
    dg query --endpoint "${B}sparql" --explain -e "$q_sel" 2>/dev/null
    [ $? -eq 2 ] || exit 9; exit $st'
expect_failure 2 'push without --endpoint: usage error' '
    dg push --store A 2>err; st=$?; one_line_error err "give --endpoint" ||
    exit 9; exit $st'
expect_failure 1 'an auth file with neither form is refused' '
    printf "justatoken\n" >bad && chmod 600 bad &&
    dg push --store A --endpoint "${B}sparql" --auth bad 2>err
    st=$?; one_line_error err "neither" || exit 9; exit $st'

# basic auth
serve C --store C --bind 127.0.0.1:0 --auth-file userpw
C=$URL
expect_success 'push with USER:PASSWORD (HTTP basic auth)' '
    dg push --store A --endpoint "${C}sparql" --auth userpw 2>err &&
    grep -q "5 sent (5 created" err && same A C'
stop C

# a server that is gone: retries, then one line, exit 1
expect_failure 1 'a closed port: retried, then one line, exit 1' '
    start=$(date +%s)
    dg push --store A --endpoint "${C}sparql" --auth userpw --all --retries 2 2>err
    st=$?; end=$(date +%s)
    one_line_error err "cannot push .https://w3id.org/diplograph/id/article/.*cannot reach .${C}store.: .*(3 tries)" &&
    [ $((end - start)) -ge 1 ] || exit 9; exit $st'

# a push stopped half-way (the third graph is over the server's body
# bound): the graphs sent are recorded; after a restart on the same port
# the re-run sends the rest only
serve D --store D --bind 127.0.0.1:0 --token-file tok --max-body 46000
D=$URL
expect_failure 1 'a push that fails half-way records the graphs sent' '
    dg push --store A --endpoint "${D}sparql" --auth bearer --retries 0 2>err
    st=$?; one_line_error err "answered 413" &&
    test "$(grep -c "^${D}store	" A/push-state.tsv)" -eq 2 &&
    test "$(grep -c "^${B}store	" A/push-state.tsv)" -eq 5 || exit 9; exit $st'
stop D
port=$(echo "$D" | sed "s|.*:\([0-9]*\)/$|\1|")
serve D --store D --bind "127.0.0.1:$port" --token-file tok
expect_success 'after a restart, the re-run sends the rest and ends equal' '
    test "$URL" = "$D" &&
    dg push --store A --endpoint "${D}sparql" --auth bearer 2>err &&
    grep -q "5 graphs .*: 3 sent (3 created, 0 replaced, [0-9]* triples), 2 unchanged" err &&
    same A D'
stop D

# Virtuoso, when installed (Debian virtuoso-opensource): a fresh
# database on free loopback ports, its open Graph Store endpoint
# (/sparql-graph-crud) made writable for the test
freeport() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
if ! command -v virtuoso-t >/dev/null 2>&1 || ! command -v isql-vt >/dev/null 2>&1 ||
    ! command -v rapper >/dev/null 2>&1 || ! command -v python3 >/dev/null 2>&1; then
    echo "# SKIP virtuoso: virtuoso-t, isql-vt, rapper or python3 is missing (apt-get install virtuoso-opensource raptor2-utils)"
else
    mkdir v
    vsql=$(freeport)
    vhttp=$(freeport)
    cat >v/virtuoso.ini <<EOF
[Database]
DatabaseFile = $T/v/v.db
ErrorLogFile = $T/v/v.log
LockFile = $T/v/v.lck
TransactionFile = $T/v/v.trx
xa_persistent_file = $T/v/v.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = $T/v/v-temp.db
TransactionFile = $T/v/v-temp.trx
[Parameters]
ServerPort = 127.0.0.1:$vsql
DisableUnixSocket = 1
NumberOfBuffers = 2000
MaxDirtyBuffers = 1500
DirsAllowed = .
[HTTPServer]
ServerPort = 127.0.0.1:$vhttp
ServerRoot = $T/v
ServerThreads = 4
EOF
    (cd v && exec virtuoso-t -f -c virtuoso.ini) >v/out.log 2>&1 &
    V_pid=$!
    pids="$pids $!"
    V="http://127.0.0.1:$vhttp"
    grant="grant SPARQL_UPDATE to \"SPARQL\"; DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 7);"
    expect_success 'virtuoso starts; SPARQL_UPDATE granted to its open endpoint' '
        i=0
        until grep -q "Server online at" v/out.log; do
            i=$((i + 1)); [ $i -lt 120 ] || { cat v/out.log; exit 1; }; sleep 0.5
        done
        isql-vt "127.0.0.1:$vsql" dba dba exec="$grant" >v/isql.log 2>&1'
    # vsame: each article graph, read back from Virtuoso, is A's
    vsame() {
        for g in $(dg query --store A -f tsv -e "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g" |
            sed -n "s/^<\(.*\)>$/\1/p"); do
            dg export --store A -f ntriples --graph "$g" >a.nt &&
                curl -sf -H "Accept: application/n-triples" \
                    "$V/sparql-graph-crud?graph=$g" >v.nt &&
                rapper -q -i ntriples -o ntriples a.nt | sort >a.s &&
                rapper -q -i ntriples -o ntriples v.nt | sort >v.s &&
                test -s a.s && cmp a.s v.s || return 1
        done
    }
    vpush() {
        dg push --store A --endpoint "$V/sparql" --graph-store "$V/sparql-graph-crud" "$@"
    }
    expect_success 'virtuoso: push creates every graph; read back, they are the same' '
        vpush 2>err && grep -q "5 sent (5 created, 0 replaced" err && vsame'
    expect_success 'virtuoso: push again sends nothing; --all replaces all, same graphs' '
        vpush 2>err && grep -q "0 sent .*5 unchanged" err &&
        vpush --all 2>err && grep -q "5 sent (0 created, 5 replaced" err && vsame'
    expect_success 'virtuoso: query --endpoint counts the triples pushed' '
        q="SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), \"https://w3id.org/diplograph/id/\")) }" &&
        dg query --endpoint "$V/sparql" -f csv -e "$q" >got &&
        dg query --store A -f csv -e "$q" >want &&
        n=$(tail -n 1 got | tr -d "\"\r") && test "$n" -gt 1000 &&
        test "$n" = "$(tail -n 1 want | tr -d "\r")"'
    kill "$V_pid" 2>/dev/null
    wait "$V_pid" 2>/dev/null
fi

done_testing
