#!/bin/sh
# t0330: diagrams of graphs too large to draw whole: the top-N cut, the
# edge cut, the engine switch recorded in -T dot, undirected edges for a
# symmetric predicate, edge labels said once, counts on edges, news
# outlets, determinism.  A generated store of 1,200 countries; -T dot
# only (no layout), so it takes seconds.
. "$DG_SRC/tests/lib.sh"

# ring: 120 countries, each cooperating with the next and the 7th next,
# stated in both directions (as the extractor does); chain: 1,200 more,
# each a member of the next; three forums, every ring country a member of
# one and a participant of another; one news outlet
cat >gen.py <<'EOF'
dg = "https://w3id.org/diplograph/ns#"
sc = "http://schema.org/"
base = "https://w3id.org/diplograph/id/"
rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
out = ["<%sarticle/big> {" % base]
def t(s, p, o):
    out.append("<%s> <%s> %s ." % (s, p, o))
def country(i, prefix):
    iri = "%scountry/%s%04d" % (base, prefix, i)
    t(iri, rdf_type, "<%sCountry>" % sc)
    t(iri, sc + "name", '"%s %04d"' % ("Ring" if prefix == "R" else "Chain", i))
    return iri
ring = [country(i, "R") for i in range(120)]
for i in range(120):
    for k in (1, 7):
        j = (i + k) % 120
        t(ring[i], dg + "cooperatesWith", "<%s>" % ring[j])
        t(ring[j], dg + "cooperatesWith", "<%s>" % ring[i])
chain = [country(i, "C") for i in range(1200)]
for i in range(1199):
    t(chain[i], dg + "memberOf", "<%s>" % chain[i + 1])
forums = []
for f in range(3):
    iri = "%sorg/forum%d" % (base, f)
    t(iri, rdf_type, "<%sOrganization>" % sc)
    t(iri, sc + "name", '"Forum %d"' % f)
    forums.append(iri)
for i, c in enumerate(ring):
    t(c, dg + "memberOf", "<%s>" % forums[i % 3])
    t(c, dg + "participatesIn", "<%s>" % forums[(i + 1) % 3])
out_iri = base + "org/daily-news"
t(out_iri, rdf_type, "<%sOrganization>" % sc)
t(out_iri, sc + "name", '"Daily News"')
t(out_iri, dg + "orgKind", '"media"')
t(out_iri, dg + "memberOf", "<%s>" % forums[0])
out.append("}")
print("\n".join(out))
EOF

cat >ring.rq <<'EOF'
# title: Ring of cooperation
# question: Who cooperates with whom?
# render: circo
PREFIX dg: <https://w3id.org/diplograph/ns#>
SELECT DISTINCT ?source ?edge ?target
WHERE { ?source dg:cooperatesWith ?target . BIND(dg:cooperatesWith AS ?edge)
        FILTER(REGEX(STR(?source), "/R")) }
ORDER BY ?source ?target
EOF
cat >forums.rq <<'EOF'
# title: Forums
# question: Which ring countries belong to or take part in which forum?
# render: dot
PREFIX dg: <https://w3id.org/diplograph/ns#>
CONSTRUCT { ?c ?p ?f }
WHERE { VALUES ?p { dg:memberOf dg:participatesIn }
        ?c ?p ?f . FILTER(REGEX(STR(?f), "/org/")) }
EOF
cat >chain.rq <<'EOF'
# title: Chain
# question: Which country is a member of which?
# render: neato
PREFIX dg: <https://w3id.org/diplograph/ns#>
SELECT ?source ?edge ?target
WHERE { ?source dg:memberOf ?target . BIND(dg:memberOf AS ?edge)
        FILTER(REGEX(STR(?source), "/C")) }
ORDER BY ?source ?target
EOF

# the "layout" graph attribute of a DOT file
layout_of() { sed -n 's/^[[:space:]]*layout=\([a-z]*\),*$/\1/p' "$1"; }

expect_success 'load a generated store of 1,300 countries' '
    python3 gen.py >big.trig && dg -q load --store st big.trig'

expect_success 'by default 60 of 120 nodes are drawn, and the label says so' '
    dg render --store st -T dot ring.rq >out.dot 2>err &&
    grep -q "showing 60 of 120 nodes" out.dot &&
    grep -q "showing 60 of 120 nodes (--max-nodes)" err &&
    test "$(grep -c "^	\"country/R" out.dot)" -ge 60 &&
    test "$(grep -c "^	\"country/R[0-9]*\"	\[" out.dot)" = 60'
expect_success '--max-nodes 0 draws all 120; circo is replaced by sfdp, said three times' '
    dg render --store st -T dot --max-nodes 0 ring.rq >out.dot 2>err &&
    ! grep -q "showing" out.dot &&
    test "$(grep -c "^	\"country/R[0-9]*\"	\[" out.dot)" = 120 &&
    test "$(layout_of out.dot)" = sfdp &&
    grep -q "layout sfdp: circo would be too slow for 120 nodes and 240 edges" out.dot &&
    grep -q "layout with sfdp: circo would be too slow" err'
expect_success 'a graph circo lays out quickly keeps circo' '
    dg render --store st -T dot --max-nodes 30 ring.rq >out.dot &&
    test "$(layout_of out.dot)" = circo && ! grep -q "too slow" out.dot'
expect_success '-K asks for an engine, also replaced when too slow' '
    dg render --store st -T dot --max-nodes 0 -K dot chain.rq >out.dot 2>err &&
    test "$(layout_of out.dot)" = sfdp && grep -q "dot would be too slow" out.dot'
expect_success 'a symmetric predicate: one undirected edge per pair, label said once' '
    dg render --store st -T dot --max-nodes 0 ring.rq >out.dot &&
    test "$(grep -c " -> " out.dot)" = 240 &&
    grep -q "dir=none" out.dot &&
    ! grep -q "country/R0001\" -> \"country/R0000\"" out.dot &&
    grep -q "country/R0000\" -> \"country/R0001\"" out.dot &&
    grep -q "edges: cooperates with" out.dot &&
    ! grep -q "label=\"cooperates with\"" out.dot'
expect_success 'a directed predicate keeps its arrows' '
    dg render --store st -T dot chain.rq >out.dot &&
    ! grep -q "dir=none" out.dot && grep -q "edges: member of" out.dot'
expect_success 'the header says a relation is symmetric: # edges: or edges=' '
    sed "s/^# render: neato\$/&\\
# edges: undirected/" chain.rq >chain-u.rq && grep -q "^# edges: undirected" chain-u.rq &&
    dg render --store st -T dot chain-u.rq >out.dot 2>/dev/null &&
    grep -q "dir=none" out.dot &&
    sed "s/^# render: neato\$/# render: neato; edges=undirected/" chain.rq >chain-v.rq &&
    dg render --store st -T dot chain-v.rq >out2.dot 2>/dev/null && cmp out.dot out2.dot &&
    sed "s/^# render: neato\$/# render: neato; edges=directed/" chain.rq >chain-w.rq &&
    dg render --store st -T dot chain-w.rq >out3.dot 2>/dev/null && ! grep -q "dir=none" out3.dot'
expect_success 'sfdp draws at most 700 nodes: --max-nodes 0 on 1,200' '
    dg render --store st -T dot --max-nodes 0 chain.rq >out.dot 2>err &&
    grep -q "showing 700 of 1200 nodes" out.dot &&
    test "$(layout_of out.dot)" = sfdp'
expect_success 'many edges with two labels: coloured, with the colours in the legend' '
    dg render --store st -T dot --max-nodes 0 forums.rq >out.dot &&
    test "$(grep -c " -> \"org/forum" out.dot)" = 241 &&
    ! grep -q "label=\"member of\"" out.dot &&
    grep -q "\"legend:edge:1\"" out.dot && grep -q "→ member of" out.dot &&
    grep -q "→ participates in" out.dot'
cat >seen.rq <<'EOF'
# title: Seen with
# question: Which ring country is seen with which organisation?
# render: sfdp
PREFIX schema: <http://schema.org/>
SELECT ?source ?edge ?target
WHERE { ?source a schema:Organization . ?target a schema:Country .
        FILTER(REGEX(STR(?target), "/R")) BIND("seen with" AS ?edge) }
ORDER BY ?source ?target
EOF
expect_success 'edges are cut to 3 per node drawn, each node keeping one' '
    dg render --store st -T dot --max-nodes 20 seen.rq >out.dot 2>/dev/null &&
    grep -q "showing 20 of 124 nodes" out.dot &&
    grep -q "60 of their 64 edges" out.dot &&
    test "$(grep -v legend out.dot | grep -c " -> ")" = 60 &&
    for n in $(sed -n "s/^	\"\([a-z]*\/[^\"]*\)\"	\[.*/\1/p" out.dot); do
        grep -q "\"$n\" -> \|-> \"$n\"" out.dot || { echo "$n has no edge"; exit 1; }
    done'
expect_success 'a count column is the edge tooltip and thickness, not a node line' '
    dg render --store st -T dot -e "SELECT ?source ?edge ?target ?articles
        WHERE { VALUES (?source ?target ?articles) {
            (<https://w3id.org/diplograph/id/org/forum0> <https://w3id.org/diplograph/id/country/R0000> 1)
            (<https://w3id.org/diplograph/id/org/forum0> <https://w3id.org/diplograph/id/country/R0001> 8) }
            BIND(\"seen with\" AS ?edge) } ORDER BY ?target" >out.dot &&
    grep -q "penwidth=5.00" out.dot && grep -q "articles: 8" out.dot &&
    ! grep -q "penwidth=1" out.dot &&
    ! grep -q "Ring 0001 (country)\\\\narticles" out.dot'
expect_success 'a news outlet is drawn as one, not as an organisation' '
    dg render --store st -T dot -e "PREFIX dg: <https://w3id.org/diplograph/ns#>
        SELECT ?source ?target WHERE { ?source dg:memberOf ?target
        FILTER(REGEX(STR(?target), \"forum0\")) } ORDER BY ?source" >out.dot &&
    grep -A6 "^	\"org/daily-news\"" out.dot | grep -q "shape=component" &&
    grep -q "Daily News (news outlet)" out.dot &&
    grep -A6 "^	\"org/forum0\"" out.dot | grep -q "shape=hexagon"'
expect_success 'two runs give the same DOT' '
    for q in ring forums chain; do
        dg render --store st -T dot --max-nodes 0 $q.rq >a.dot 2>/dev/null &&
        dg render --store st -T dot --max-nodes 0 $q.rq >b.dot 2>/dev/null &&
        python3 "$DG_SRC/tests/canon-dot.py" a.dot >a.canon &&
        python3 "$DG_SRC/tests/canon-dot.py" b.dot >b.canon &&
        cmp a.canon b.canon || exit 1
    done &&
    dg render --store st -T dot ring.rq >a.dot 2>/dev/null &&
    dg render --store st -T dot ring.rq >b.dot 2>/dev/null && cmp a.dot b.dot'
expect_success 'the SVG of the cut graph has fonts of 10 pt or more' '
    dg render --store st -T svg forums.rq >out.svg 2>/dev/null &&
    grep -o "font-size=\"[0-9.]*\"" out.svg | sort -u >sizes &&
    test -s sizes &&
    ! grep -Eq "font-size=\"[0-9](\.[0-9]*)?\"" sizes'
expect_failure 2 'a negative --max-nodes is a usage error' '
    dg render --store st --max-nodes -1 ring.rq 2>err; st=$?
    grep -q "max-nodes" err && exit $st'
expect_failure 2 'a --max-nodes that is not a number is a usage error' \
    'dg render --store st --max-nodes many ring.rq 2>/dev/null'
done_testing
