#!/bin/sh
# t0050: diplograph build: articles in, one graph each, bad input skipped
. "$DG_SRC/tests/lib.sh"
seeds="$DG_SRC/seeds"
a001="$seeds/001_0000c860e750e93b.txt"

expect_success 'build the seeds: a final line with the counts on stderr' '
    dg build --store st "$seeds" >out 2>err && test ! -s out &&
    grep -q "built 5 articles, [0-9]* sentences, [0-9]* triples in" err'
expect_success 'one named graph per article plus the ontology' '
    dg stats --store st >stats && grep -q "^graphs	6$" stats &&
    grep -q "^schema:NewsArticle	5$" stats'
expect_success 'rebuilding an article replaces its graph (no duplicates)' '
    dg export --store st -f nquads | LC_ALL=C sort >before &&
    dg -q build --store st "$a001" &&
    dg export --store st -f nquads | grep -v "prov#startedAtTime\|/run/" | LC_ALL=C sort >after &&
    grep -v "prov#startedAtTime\|/run/" before >before2 &&
    diff before2 after'
expect_success 'the article graph holds its sentences with byte offsets' '
    dg query --store st -f tsv -e "PREFIX dg: <https://w3id.org/diplograph/ns#>
      PREFIX schema: <http://schema.org/>
      SELECT ?s ?e ?t WHERE { GRAPH <https://w3id.org/diplograph/id/article/001_0000c860e750e93b> {
        ?x dg:index 1 ; dg:charStart ?s ; dg:charEnd ?e ; schema:text ?t } }" >out &&
    grep -q "^17	186	\"The dialogue took place" out'
expect_success 'the eval contract: query -f json answers the map queries' '
    dg query --store st -f json "$DG_SRC/tests/fixtures/countries.rq" >out &&
    python3 -c "import json; d=json.load(open(\"out\")); keys={b[\"iso3\"][\"value\"] for b in d[\"results\"][\"bindings\"]}; assert {\"VNM\",\"SGP\",\"RUS\",\"JPN\"} <= keys, keys"'

printf "\377\376 not utf-8 \200\n" >bad.txt
: >empty.txt
printf "abc\000def\n" >binary.txt
mkdir -p mixed && cp bad.txt empty.txt binary.txt "$a001" mixed/
expect_success 'bad articles are skipped with a warning each, the rest built' '
    dg build --store st2 mixed 2>err &&
    grep -q "warning: skipped '"'"'mixed/bad.txt'"'"': .*UTF-8" err &&
    grep -q "warning: skipped '"'"'mixed/empty.txt'"'"': .*empty" err &&
    grep -q "warning: skipped '"'"'mixed/binary.txt'"'"'" err &&
    grep -q "built 1 article" err && grep -q "^diplograph: 3 skipped$" err'
expect_failure 1 '--strict fails when an article was skipped' \
    'dg build --strict --store st3 mixed 2>/dev/null'
expect_failure 1 'only bad articles: nothing built, exit 1' '
    mkdir -p onlybad && cp bad.txt onlybad/ && dg build --store st4 onlybad 2>err; st=$?
    grep -q "no article could be built" err && exit $st'
expect_failure 1 'a missing path is one error line' '
    dg build --store st5 no-such-dir 2>err; st=$?
    one_line_error err "'"'"'no-such-dir'"'"': No such file" && exit $st'
expect_failure 1 'a directory without articles is an error' '
    mkdir -p void && dg build --store st6 void 2>err; st=$?
    one_line_error err "no \*.txt article" && exit $st'
expect_failure 1 'a store path that is a file is refused' '
    : >afile && dg build --store afile "$a001" 2>err; st=$?
    one_line_error err "not a directory" && exit $st'
expect_success 'a failed build leaves the earlier store intact' '
    dg stats --store st >before && { dg build --store st onlybad 2>/dev/null || true; } &&
    dg stats --store st >after && diff before after'
expect_success 'extract prints N-Triples without a store' '
    dg extract "$a001" >out.nt && rapper -q -i ntriples -c out.nt &&
    grep -q "country/SGP" out.nt && test ! -e out/store'
expect_failure 1 'extract of a non-UTF-8 file fails with one line' '
    dg extract bad.txt 2>err; st=$?; one_line_error err "bad.txt" && exit $st'
done_testing
