#!/bin/sh
# t0750: diplograph remove (by path or graph IRI) and build --prune (the
# store mirrors a directory): removals in one transaction, unknown graphs
# refused with the store unchanged
. "$DG_SRC/tests/lib.sh"
seeds="$DG_SRC/seeds"
ID=https://w3id.org/diplograph/id/article
a0=000_59eb9aca7fa84c62
a1=001_0000c860e750e93b
a2=002_ced7635fd6bb6ecc

graphs() { # STORE: the article graphs, sorted
    dg query --store "$1" -f tsv -e "SELECT DISTINCT ?g WHERE {
      GRAPH ?g { ?a a <http://schema.org/NewsArticle> } } ORDER BY ?g" |
        sed 1d
}
mkdir -p d/sub
cp "$seeds/$a0.txt" "$seeds/$a1.txt" d/
cp "$seeds/$a2.txt" d/sub/
cp "$DG_SRC/tests/fixtures/html/talks.html" d/sub/
cp "$seeds/003_b73f8267f0eb02d5.txt" outside.txt
dg -q build --store st d outside.txt || exit 1

expect_success 'remove by the article path: its graph alone is gone' '
    dg export --store st -f nquads | grep -v "<$ID/$a0>" | sort >want &&
    dg remove --store st d/$a0.txt 2>err &&
    grep -q "removed 1 graph ([0-9]* triples)" err &&
    dg export --store st -f nquads | sort >got && diff want got &&
    ! graphs st | grep -q "$a0"'
expect_success 'remove by graph IRI, two at once' '
    dg remove --store st "$ID/$a1" d/sub/talks.html 2>err &&
    grep -q "removed 2 graphs" err &&
    graphs st >out && ! grep -q "$a1\|/talks>" out && grep -q "$a2" out'
expect_failure 1 'an unknown graph: one line, exit 1, store unchanged' '
    dg export --store st -f nquads | sort >before &&
    dg remove --store st "$ID/$a2" d/no-such.txt 2>err; st=$?
    dg export --store st -f nquads | sort >after && diff before after &&
    one_line_error err "no graph for '"'"'d/no-such.txt'"'"'" && exit $st'
expect_failure 1 'an unknown graph IRI: one line, exit 1' '
    dg remove --store st http://example.org/nothing 2>err; st=$?
    one_line_error err "no graph '"'"'http://example.org/nothing'"'"'" &&
    exit $st'
expect_failure 1 'the ontology graph is not removed' '
    dg remove --store st https://w3id.org/diplograph/ns 2>err; st=$?
    one_line_error err "ontology" && exit $st'
expect_failure 2 'remove without an argument is a usage error' \
    'dg remove --store st 2>/dev/null'
expect_failure 1 'remove from a missing store: one line, exit 1' '
    dg remove --store nostore x.txt 2>err; st=$?
    one_line_error err "nostore" && exit $st'

# --prune: the store mirrors the directory
rm -rf st
dg -q build --store st d outside.txt || exit 1
expect_success 'build --prune removes the graphs of deleted files only' '
    rm d/$a1.txt d/sub/talks.html &&
    dg build --prune --store st ./d/ 2>err &&
    grep -q "pruned 2 graphs of articles gone from '"'"'./d/'"'"'" err &&
    graphs st >out &&
    printf "<%s>\n" "$ID/$a0" "$ID/$a2" "$ID/outside" | sort >want &&
    diff want out'
expect_success 'build --prune with nothing gone prunes nothing' '
    dg build --prune --store st d 2>err && grep -q "pruned 0 graphs" err &&
    test "$(graphs st | wc -l)" -eq 3'
expect_success 'a directory emptied: --prune removes all of its graphs' '
    rm -r d/* && dg build --prune --store st d 2>err &&
    grep -q "pruned 2 graphs" err &&
    graphs st >out && echo "<$ID/outside>" >want && diff want out'
expect_failure 2 '--prune without a directory is a usage error' '
    dg build --prune --store st outside.txt 2>err; st=$?
    grep -q "needs a directory" err && exit $st'
done_testing
