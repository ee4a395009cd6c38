#!/usr/bin/env bash
# main.sh: set up, build, and run the main job on seeds/: the store in
# out/store, every query of queries/ as a table (out/tables/) and a diagram
# (out/diagrams/), the graph as Turtle (out/graph.ttl), the HTML report
# (out/report/), and a short summary on stdout.
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
. "$top/scripts/setup.sh"
cd "$top"
dg=./diplograph
store=out/store
mkdir -p out/tables out/diagrams
$dg build --store "$store" seeds/
for q in queries/*.rq; do
    name=$(basename "$q" .rq)
    # SELECT as TSV; a CONSTRUCT (a graph) as N-Triples
    if grep -v '^#' "$q" | grep -qi '^ *CONSTRUCT'; then
        $dg query --store "$store" -f ntriples "$q" >"out/tables/$name.nt"
    else
        $dg query --store "$store" -f tsv "$q" >"out/tables/$name.tsv"
    fi
    # a query whose header says "render: none" is a table only
    if ! grep -q '^# render: *none' "$q"; then
        $dg render --store "$store" -T svg -o "out/diagrams/$name.svg" "$q"
        $dg render --store "$store" -T png -o "out/diagrams/$name.png" "$q"
    fi
done
$dg export --store "$store" -f turtle -o out/graph.ttl
$dg export --store "$store" -f nquads -o out/graph.nq
$dg report --store "$store" -o out/report
echo "== diplograph main job: summary"
$dg stats --store "$store"
count() { # count GLOB...: the files that exist
    local n=0 f
    for f in "$@"; do [ -e "$f" ] && n=$((n + 1)); done
    echo $n
}
echo "tables:   $(count out/tables/*.tsv out/tables/*.nt) in out/tables/" \
    "(TSV; N-Triples for a CONSTRUCT)"
svg=$(count out/diagrams/*.svg) png=$(count out/diagrams/*.png)
if [ "$svg" = "$png" ]; then
    echo "diagrams: $svg (SVG and PNG) in out/diagrams/"
else
    echo "diagrams: $svg SVG, $png PNG in out/diagrams/"
fi
# The triple counts differ for two reasons: the store (and N-Quads) holds
# the ontology's graph beside the articles' graphs, and Turtle merges the
# graphs, writing once a triple that several articles state.
quads=$(wc -l <out/graph.nq)
onto=$(grep -c '<https://w3id.org/diplograph/ns> \.$' out/graph.nq || :)
merged=$($dg export --store "$store" -f ntriples 2>/dev/null | wc -l)
echo "triples:  $quads in out/graph.nq = $((quads - onto)) built from the" \
    "articles + $onto of the ontology;"
echo "          $merged in out/graph.ttl (graphs merged: a triple stated by" \
    "several articles is written once)"
[ -f out/report/index.html ] && echo "report:   out/report/index.html"
exit 0
