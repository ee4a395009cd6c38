#!/bin/sh
# t0400: the postgresql:// store (librdf's PostgreSQL storage), for teams.
# Runs when DG_PG_SPEC names a database diplograph may write to
# (scripts/check.sh starts a local server and sets it); skipped otherwise.
. "$DG_SRC/tests/lib.sh"
if [ -z "${DG_PG_SPEC:-}" ]; then
    echo "ok 1 # SKIP DG_PG_SPEC is not set (no PostgreSQL server)"
    echo "1..1"
    exit 0
fi
pg=$DG_PG_SPEC
a001="$DG_SRC/seeds/001_0000c860e750e93b.txt"

expect_success 'build the seeds into PostgreSQL' '
    dg build --store "$pg" "$DG_SRC/seeds" 2>err &&
    grep -q "built 5 articles" err'
expect_success 'one graph per article plus the ontology' '
    dg stats --store "$pg" >stats && grep -q "^graphs	6$" stats &&
    grep -q "^schema:NewsArticle	5$" stats'
# (the rebuilt article names its own, newer build run: prov lines differ)
expect_success 'rebuilding an article replaces its graph' '
    dg stats --store "$pg" | grep -v "^prov:" >before &&
    dg -q build --store "$pg" "$a001" &&
    dg stats --store "$pg" | grep -v "^prov:" >after && diff before after'
expect_success 'queries run on it' '
    dg query --store "$pg" -f tsv "$DG_SRC/tests/fixtures/countries.rq" >out &&
    grep -q "\"VNM\"" out'
expect_failure 1 'a wrong password fails with one line that hides it' '
    bad=$(printf "%s" "$pg" | sed "s|^\(postgresql://[^:]*\):[^@]*@|\1:not-the-password@|")
    dg stats --store "$bad" 2>err; st=$?
    one_line_error err "cannot open store" && ! grep -q not-the-password err &&
    exit $st'
done_testing
