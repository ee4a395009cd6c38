#!/bin/sh
# t0110: export -f trig (written by diplograph: raptor 2 has no TriG
# writer) gives TriG that loads back into the same quads; every format
# keeps the default graph (load --default)
. "$DG_SRC/tests/lib.sh"
ex="$DG_SRC/tests/fixtures/example-001.trig"

expect_success 'export -f trig writes every graph as a block' '
    dg -q load --store st "$ex" &&
    dg export --store st -f trig >all.trig &&
    grep -c " {\$" all.trig | grep -q "^2$" &&
    grep -q "^<https://w3id.org/diplograph/id/article/001_0000c860e750e93b> {\$" all.trig'
expect_success 'the TriG export loads back into the same quads' '
    dg -q load --store st2 all.trig &&
    dg export --store st -f nquads | sort >want &&
    dg export --store st2 -f nquads | sort >got &&
    test -s want && diff want got'
expect_success 'export -f trig --graph IRI writes that graph alone' '
    dg export --store st -f trig --graph https://w3id.org/diplograph/ns >one.trig &&
    grep -c " {\$" one.trig | grep -q "^1$" &&
    head -1 one.trig | grep -q "^<https://w3id.org/diplograph/ns> {\$" &&
    tail -1 one.trig | grep -q "^}\$"'
expect_success 'the default graph is exported in every format' '
    printf "<http://example.org/s> <http://example.org/p> \"in default\" .\n" >d.nt &&
    dg -q load --store st --default d.nt &&
    for f in nquads trig ntriples turtle; do
        dg export --store st -f $f >out.$f &&
        grep -q "in default" out.$f || exit 1
    done &&
    grep -q "^<http://example.org/s> <http://example.org/p> \"in default\" \.\$" out.nquads &&
    grep -B1 "in default" out.trig | head -1 | grep -q "^{\$"'
expect_success 'the default graph round-trips through TriG and N-Quads' '
    for f in trig nquads; do
        rm -rf st3 && dg -q load --store st3 --default -i $f out.$f &&
        dg query --store st3 --default-graph stored -f tsv \
            -e "SELECT ?o { ?s ?p ?o }" >got &&
        printf "?o\n\"in default\"\n" >want && diff want got || exit 1
    done'
expect_success 'Turtle keeps numbers raptor would change or break' '
    x=http://www.w3.org/2001/XMLSchema &&
    printf "<http://a> <http://b> \"456.\"^^<$x#decimal> .\n<http://a> <http://b> \"456\"^^<$x#decimal> .\n<http://a> <http://b> \"1.5\"^^<$x#double> .\n<http://a> <http://b> \"INF\"^^<$x#double> .\n<http://a> <http://b> \"1\"^^<$x#boolean> .\n<http://a> <http://b> \"1.5\"^^<$x#decimal> .\n" >num.nt &&
    dg -q load --store num --graph http://g num.nt &&
    dg export --store num -f turtle --graph http://g >num.ttl &&
    dg -q load --store num2 --graph http://g num.ttl &&
    dg export --store num -f ntriples --graph http://g | sort >want &&
    dg export --store num2 -f ntriples --graph http://g | sort >got &&
    test "$(wc -l <want)" -eq 6 && diff want got'
expect_failure 2 'an unknown format is still a usage error' '
    dg export --store st -f trix >out 2>err'
done_testing
