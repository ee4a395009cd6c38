#!/bin/sh
# t0130: the formats of graph results (CONSTRUCT, DESCRIBE) and of
# export -f jsonld: Turtle by default, N-Triples and N-Quads the same
# lines, JSON-LD read back by Oxigraph as the same dataset as N-Quads, and
# a format that does not fit the query: exit 2 with one line naming the
# formats that do.
. "$DG_SRC/tests/lib.sh"

cat >d.trig <<'TRIG'
@prefix e: <http://e/> .
e:a e:p "x"@en, "1"^^<http://www.w3.org/2001/XMLSchema#integer>, e:b .
e:g { _:n1 e:q "tab\there \"q\" \u00e9" . e:a e:p e:c . }
TRIG
C='CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <http://e/g> { ?s ?p ?o } }'
expect_success 'load a small dataset' '
    dg load --store lmdb:st d.trig 2>/dev/null'

expect_success 'CONSTRUCT prints Turtle by default (as -f turtle)' '
    dg query --store lmdb:st -e "$C" >def &&
    dg query --store lmdb:st -f turtle -e "$C" >ttl &&
    cmp def ttl && grep -q "^<http://e/a> <http://e/p> <http://e/c> .$" ttl'
expect_success 'CONSTRUCT -f ntriples and -f nquads: the same N-Triples lines' '
    dg query --store lmdb:st -f ntriples -e "$C" | sort >nt &&
    dg query --store lmdb:st -f nquads -e "$C" | sort >nq &&
    cmp nt nq && test $(wc -l <nt) -eq 2 &&
    grep -q "^_:[^ ]* <http://e/q> \"tab\\\\there \\\\\"q\\\\\" \\(é\\|\\\\u00E9\\)\" .$" nt'
expect_success 'CONSTRUCT -f jsonld: a JSON-LD array of node objects' '
    dg query --store lmdb:st -f jsonld -e "$C" >out.jsonld &&
    python3 -c "
import json, sys
d = json.load(open(\"out.jsonld\"))
byid = dict((n[\"@id\"], n) for n in d)
assert len(d) == 2 and len(byid) == 2, d
assert byid[\"http://e/a\"][\"http://e/p\"] == [{\"@id\": \"http://e/c\"}], d
b = [n for n in d if n[\"@id\"].startswith(\"_:\")][0]
assert b[\"http://e/q\"] == [{\"@value\": \"tab\\there \\\"q\\\" \u00e9\"}], b
"'
for f in xml csv tsv json; do
    expect_failure 2 "CONSTRUCT -f $f: exit 2, one line naming the formats that fit" '
        echo keep >o.txt
        dg query --store lmdb:st -f '$f' -o o.txt -e "$C" >out 2>err; st=$?
        one_line_error err "format '"'"$f"'"' does not fit a CONSTRUCT or DESCRIBE result: use -f turtle, ntriples, nquads, jsonld or table" &&
        test ! -s out && test "$(cat o.txt)" = keep || exit 99
        exit $st'
done
for f in turtle ntriples nquads jsonld; do
    expect_failure 2 "SELECT -f $f: exit 2, one line naming the formats that fit" '
        dg query --store lmdb:st -f '$f' -e "SELECT * { ?s ?p ?o }" >out 2>err; st=$?
        one_line_error err "format '"'"$f"'"' does not fit a SELECT or ASK result: use -f table, tsv, csv, json or xml" &&
        test ! -s out || exit 99
        exit $st'
done
expect_success 'DESCRIBE is a graph result too' '
    dg query --store lmdb:st -f ntriples -e "DESCRIBE <http://e/a>" >out &&
    grep -q "^<http://e/a> " out'

expect_success 'export -f jsonld: valid JSON, one @graph per named graph' '
    dg export --store lmdb:st -f jsonld -o all.jsonld 2>err &&
    grep -q "wrote [0-9]* quads to .all.jsonld." err &&
    dg export --store lmdb:st -f nquads -o all.nq 2>/dev/null &&
    python3 -c "
import json
d = json.load(open(\"all.jsonld\"))
graphs = sorted(n[\"@id\"] for n in d if \"@graph\" in n)
assert \"http://e/g\" in graphs and \"https://w3id.org/diplograph/ns\" in graphs, graphs
n = sum(len(v) for g in d for node in g.get(\"@graph\", [g]) for k, v in node.items() if not k.startswith(\"@\"))
want = len(set(open(\"all.nq\").read().splitlines()))
assert n == want, (n, want)
"'
expect_success 'export -f jsonld --graph IRI: that graph only, named' '
    dg export --store lmdb:st -f jsonld --graph http://e/g >g.jsonld &&
    python3 -c "
import json
d = json.load(open(\"g.jsonld\"))
assert len(d) == 1 and d[0][\"@id\"] == \"http://e/g\", d
assert len(d[0][\"@graph\"]) == 2, d
"'
expect_success 'export -f jsonld of an empty graph: []' '
    printf "" >empty.nt && dg load --store lmdb:e2 empty.nt 2>/dev/null &&
    dg export --store lmdb:e2 -f jsonld --graph http://e/none >e.jsonld &&
    test "$(cat e.jsonld)" = "[]"'
expect_failure 2 'export -f bogus: exit 2, one line' '
    dg export --store lmdb:st -f bogus 2>err; st=$?
    one_line_error err "unknown format .bogus." || exit 99
    exit $st'

# the JSON-LD read back by Oxigraph: the same dataset as N-Quads (blank
# node labels aside)
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
    oxigraph_install
    expect_success 'Oxigraph reads export -f jsonld as the same quads as -f nquads' '
        node -e "
const ox = require(\"oxigraph\"), fs = require(\"fs\");
const canon = (qs) => qs.map((q) => q.toString().replace(/_:[A-Za-z0-9_-]+/g, \"_:B\")).sort();
const a = canon(ox.parse(fs.readFileSync(\"all.jsonld\", \"utf8\"), { format: \"application/ld+json\" }));
const b = canon(ox.parse(fs.readFileSync(\"all.nq\", \"utf8\"), { format: \"application/n-quads\" }));
if (a.length < 10 || JSON.stringify(a) !== JSON.stringify(b)) {
    console.log(a.length, b.length, a.filter((x) => !b.includes(x)).slice(0, 5));
    process.exit(1);
}
console.log(a.length + \" quads agree\");
"'
    expect_success 'Oxigraph reads query -f jsonld as the same triples as -f ntriples' '
        node -e "
const ox = require(\"oxigraph\"), fs = require(\"fs\");
const canon = (qs) => qs.map((q) => q.toString().replace(/_:[A-Za-z0-9_-]+/g, \"_:B\")).sort();
const a = canon(ox.parse(fs.readFileSync(\"out.jsonld\", \"utf8\"), { format: \"application/ld+json\" }));
const b = canon(ox.parse(fs.readFileSync(\"nt\", \"utf8\"), { format: \"application/n-triples\" }));
if (a.length !== 2 || JSON.stringify(a) !== JSON.stringify(b)) { console.log(a, b); process.exit(1); }
"'
else
    tap_n=$((tap_n + 1))
    echo "ok $tap_n # SKIP node and npm are missing: no Oxigraph round trip"
fi
done_testing
