#!/bin/sh
# t0100: load, query, export and stats on a store, success and failure
. "$DG_SRC/tests/lib.sh"
ex="$DG_SRC/tests/fixtures/example-001.trig"

expect_success 'load a TriG file into a new store' '
    dg load --store st "$ex" 2>err && grep -q "loaded 205 triples" err'
expect_success 'stats counts triples, graphs and entities by type' '
    dg stats --store st >out &&
    grep -q "^graphs	2$" out && grep -q "^schema:Person	2$" out &&
    grep -q "^dg:Sentence	11$" out && ! grep -q "owl:Class" out'
expect_success 'loading the same file again stores no duplicate' '
    dg stats --store st >before && dg -q load --store st "$ex" &&
    dg stats --store st >after && diff before after'
expect_success 'query -f tsv gives a header and rows' '
    dg query --store st -f tsv -e "PREFIX schema: <http://schema.org/>
        SELECT DISTINCT ?n WHERE { ?p a schema:Person ; schema:name ?n } ORDER BY ?n" >out &&
    printf "?n\n\"Chan Heng Kee\"\n\"Chien\"\n" >want && diff want out'
expect_success 'query -f json is W3C SPARQL results JSON' '
    dg query --store st -f json -e "SELECT ?s WHERE { ?s <https://w3id.org/diplograph/ns#iso3> \"VNM\" }" >out &&
    python3 -c "import json,sys; d=json.load(open(\"out\")); assert d[\"head\"][\"vars\"]==[\"s\"]; b=d[\"results\"][\"bindings\"]; assert b[0][\"s\"]==dict(type=\"uri\",value=\"https://w3id.org/diplograph/id/country/VNM\"), b"'
expect_success 'query -f table shows labels, not IRIs' '
    dg query --store st -f table -e "SELECT DISTINCT ?c WHERE { ?c <https://w3id.org/diplograph/ns#iso3> ?i } ORDER BY ?i" >out &&
    grep -q "^Singapore" out && grep -q "^Vietnam" out && grep -q "(2 rows)" out'
expect_success 'query -f csv and xml' '
    dg query --store st -f csv -e "SELECT DISTINCT ?i WHERE { ?c <https://w3id.org/diplograph/ns#iso3> ?i } ORDER BY ?i" >out &&
    printf "i\r\nSGP\r\nVNM\r\n" >want && diff want out &&
    dg query --store st -f xml -e "ASK { ?c <https://w3id.org/diplograph/ns#iso3> \"SGP\" }" | grep -q "<boolean>true</boolean>"'
expect_success 'query from a file; CONSTRUCT prints N-Triples' '
    printf "CONSTRUCT { ?c <urn:x> ?i } WHERE { ?c <https://w3id.org/diplograph/ns#iso3> ?i }\n" >q.rq &&
    dg query --store st -f ntriples q.rq | sort >out &&
    grep -c "<urn:x>" out | grep -q "^2$"'
expect_failure 1 'missing store: one line naming it, exit 1' '
    dg query --store nowhere -e "ASK {}" 2>err; st=$?
    one_line_error err "no store at '"'"'nowhere'"'"': run '"'"'diplograph build'"'"' first" && exit $st'
expect_failure 1 'syntax error names the line and column' '
    printf "SELECT ?x\nWHERE { ?x ?y }\n" >bad.rq
    dg query --store st bad.rq >out 2>err; st=$?
    test ! -s out && one_line_error err "line 2, column 15: expected" || exit 99
    exit $st'
expect_success 'VALUES after the WHERE clause restricts the rows' '
    dg query --store st -f tsv -e "SELECT ?c WHERE { ?c <https://w3id.org/diplograph/ns#iso3> ?i } VALUES ?i { \"SGP\" \"XXX\" }" >out &&
    printf "?c\n<https://w3id.org/diplograph/id/country/SGP>\n" >want && diff want out'
expect_success 'CONCAT inside BIND' '
    dg query --store st -f tsv -e "SELECT ?y WHERE { BIND(CONCAT(\"a\",\"b\") AS ?y) }" >out &&
    printf "?y\n\"ab\"\n" >want && diff want out'
expect_success 'keywords inside strings and IRIs are not refused' '
    dg query --store st -f tsv -e "ASK { ?x ?p \"VALUES MINUS\" }" >out && grep -q false out'
expect_failure 1 'a missing query file is an error' \
    'dg query --store st no-such.rq 2>err; st=$?; one_line_error err "no-such.rq" && exit $st'
expect_success 'export turtle parses back and round-trips through load' '
    dg export --store st -f turtle -o g.ttl && rapper -q -i turtle -c g.ttl &&
    dg -q load --store st2 --graph urn:g g.ttl && dg stats --store st2 | grep -q "^schema:Person	2$"'
expect_success 'export nquads keeps the graphs' '
    dg export --store st -f nquads >g.nq &&
    grep -q "<https://w3id.org/diplograph/id/article/001_0000c860e750e93b> \.$" g.nq'
expect_success 'export one graph as N-Triples' '
    dg export --store st -f ntriples --graph https://w3id.org/diplograph/id/article/001_0000c860e750e93b >g.nt &&
    test "$(wc -l <g.nt)" -eq 205'
expect_failure 1 'export to an unwritable path fails and leaves nothing' '
    dg export --store st -o nodir/x.ttl 2>err; st=$?; test ! -e nodir && exit $st'
expect_failure 1 'loading a broken Turtle file fails with the line, store unchanged' '
    dg stats --store st >before
    printf "<urn:a> <urn:b> <urn:c> .\n<urn:a> <urn:b> .\n" >bad.ttl
    dg load --store st bad.ttl 2>err; st=$?
    dg stats --store st >after; diff before after && one_line_error err "line 2" && exit $st'
expect_failure 2 'load with an unknown extension needs -i' '
    printf "x" >data.foo; dg load --store st data.foo 2>/dev/null'
expect_failure 2 'an unknown store kind is a usage error' '
    dg stats --store frob:/tmp/x 2>err; st=$?; grep -q "unknown store kind" err && exit $st'
done_testing
