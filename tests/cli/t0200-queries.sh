#!/bin/sh
# t0200: the shipped queries (queries/*.rq) on the fixed fixture
# tests/fixtures/articles.trig: their header, their golden tables
# (tests/golden/queries/NAME.tsv; DG_UPDATE_GOLDEN=1 regenerates), at least
# one row each, valid SPARQL JSON; and the failure paths of `query`.
. "$DG_SRC/tests/lib.sh"

S="$T/store"
expect_success 'load the query fixture' '
    dg load --store "$S" "$DG_SRC/tests/fixtures/articles.trig" 2>err &&
    grep -q "loaded" err'

# The comment header the renderer and the report parse, exactly:
#   # title: ...
#   # question: ...
#   # render: dot|neato|sfdp|circo|fdp|none
#   # cluster: ?var            (optional)
check_header() { # FILE
    sed -n 1p "$1" | grep -Eq '^# title: [^ ].*[^ ]$' || {
        echo "line 1 is not '# title: ...'"; return 1; }
    sed -n 2p "$1" | grep -Eq '^# question: [^ ].*\?$' || {
        echo "line 2 is not '# question: ...?'"; return 1; }
    sed -n 3p "$1" | grep -Eq '^# render: (dot|neato|sfdp|circo|fdp|none)$' || {
        echo "line 3 is not '# render: ENGINE'"; return 1; }
    if sed -n 4p "$1" | grep -q '^# cluster:'; then
        sed -n 4p "$1" | grep -Eq '^# cluster: \?[A-Za-z_][A-Za-z0-9_]*$' || {
            echo "line 4 is not '# cluster: ?var'"; return 1; }
        var=$(sed -n 4p "$1" | sed 's/^# cluster: //')
        projection "$1" | tr ' ' '\n' | grep -qx -- "$var" || {
            echo "cluster column $var is not projected"; return 1; }
    fi
}

# The outer SELECT's projected variables, and its ORDER BY keys.
projection() { python3 "$DG_SRC/tests/projection.py" "$1" | sed -n 1p; }
order_keys() { python3 "$DG_SRC/tests/projection.py" "$1" | sed -n 2p; }

is_construct() { grep -v '^#' "$1" | grep -q '^CONSTRUCT'; }

for q in "$DG_SRC"/queries/*.rq; do
    name=$(basename "$q" .rq)
    expect_success "$name: header" "check_header '$q'"
    expect_success "$name: listed in dist_query_DATA" \
        "grep -q '^	queries/$name.rq' '$DG_SRC/Makefile.am'"
    if is_construct "$q"; then
        expect_success "$name: golden N-Triples (sorted), at least one" "
            dg query --store '$S' -f ntriples '$q' | sort >'$name.nt'
            test -s '$name.nt'
            golden 'queries/$name.tsv' '$name.nt'"
    else
        expect_success "$name: ORDER BY every projected column" "
            cols=\$(projection '$q'); test -n \"\$cols\"
            order=\$(order_keys '$q')
            for c in \$cols; do
                echo \" \$order \" | grep -q \" \$c \" ||
                    { echo \"\$c is not in ORDER BY \$order\"; exit 1; }
            done"
        if ! sed -n 3p "$q" | grep -q 'none$'; then
            expect_success "$name: renders, so ?source ?edge ?target first" "
                projection '$q' | grep -q '^?source ?edge ?target\\( \\|\$\\)'"
        fi
        expect_success "$name: golden table, at least one row" "
            dg query --store '$S' -f tsv '$q' >'$name.tsv'
            test \$(wc -l <'$name.tsv') -ge 2
            golden 'queries/$name.tsv' '$name.tsv'"
    fi
    if is_construct "$q"; then
        expect_success "$name: -f jsonld is JSON-LD, as many quads as N-Triples" "
        dg query --store '$S' -f jsonld '$q' >'$name.jsonld'
        python3 - '$name.jsonld' '$name.nt' <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
assert isinstance(d, list) and d, 'not a non-empty list'
n = 0
for node in d:
    assert '@id' in node and '@graph' not in node, node
    for k, vs in node.items():
        if k != '@id':
            assert k.startswith('http'), k
            n += len(vs)
want = len(set(open(sys.argv[2]).read().splitlines()))
assert n == want, (n, want)
EOF"
        continue
    fi
    expect_success "$name: -f json is SPARQL 1.1 results JSON" "
        dg query --store '$S' -f json '$q' >'$name.json'
        python3 - '$name.json' <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
assert isinstance(d['head']['vars'], list), 'head.vars'
rows = d['results']['bindings']
assert rows, 'no rows'
for r in rows:
    for k, t in r.items():
        assert k in d['head']['vars'], 'unknown variable ' + k
        assert t['type'] in ('uri', 'literal', 'bnode', 'unbound'), t
EOF"
done

expect_success 'there are at least 12 shipped queries' '
    test $(ls "$DG_SRC"/queries/*.rq | wc -l) -ge 12'

# ---- failure paths
expect_failure 1 'a query file that does not exist: exit 1, one line' '
    dg query --store "$S" no-such.rq 2>err; st=$?
    one_line_error err "no-such.rq" || exit 99; exit $st'
expect_failure 1 'a syntax error: exit 1, one line giving the line' '
    printf "SELECT ?x\nWHERE {\n  ?x ?y\n}\n" >bad.rq
    dg query --store "$S" bad.rq >out 2>err; st=$?
    test ! -s out && one_line_error err "bad.rq.*line [0-9]" || exit 99; exit $st'
expect_success 'VALUES inside the group' '
    printf "SELECT ?x\nWHERE {\n  VALUES ?x { 1 2 }\n}\n" >values.rq
    dg query --store "$S" -f tsv values.rq >out &&
    printf "?x\n1\n2\n" >want && diff want out'
expect_success 'MINUS removes the compatible rows' '
    dg query --store "$S" -f tsv -e "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o MINUS { ?s a ?c } }" >out &&
    printf "?n\n0\n" >want && diff want out'
expect_failure 1 'a broken query: exit 1, one line with line and column, no output' '
    printf "SELECT ?x\nWHERE {\n  ?x ?p\n}\n" >broken.rq
    dg query --store "$S" broken.rq >out 2>err; st=$?
    test ! -s out && one_line_error err "line 4, column 1:" || exit 99
    exit $st'
expect_success 'an empty result is valid JSON with no rows' '
    dg query --store "$S" -f json \
        -e "SELECT ?x WHERE { ?x a <http://example.org/None> }" >e.json
    python3 -c "import json,sys; d=json.load(open(\"e.json\"));
assert d[\"results\"][\"bindings\"] == []"'
done_testing
