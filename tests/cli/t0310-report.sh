#!/bin/sh
# t0310: diplograph report: index.html and its SVG files, well-formed,
# self-contained, with links to the evidence sentences; the questions
# first, diagrams inline, tables sorted, statistics those of stats
. "$DG_SRC/tests/lib.sh"
fx="$DG_SRC/tests/fixtures"
check="$DG_SRC/tests/check-html.py"

expect_success 'load the render fixture into a store' '
    dg -q load --store st "$fx/render.trig"'
expect_success 'report writes index.html and one SVG per drawn query' '
    dg report --store st -o rep 2>err &&
    test -s rep/index.html && ls rep/*.svg >/dev/null &&
    grep -q "wrote .rep/index.html." err &&
    ! ls rep/*.tmp* 2>/dev/null'
expect_success 'the page is well-formed HTML5 and every image exists' '
    python3 "$check" rep/index.html'
expect_success 'xmllint reads every SVG as XML' '
    command -v xmllint >/dev/null || exit 0
    for f in rep/*.svg; do xmllint --noout "$f" || exit 1; done'
expect_success 'no scripts, fonts or network references' '
    ! grep -Eiq "<script|<link|@font-face|@import|(src|href)=.(https?:)?//" rep/index.html'
expect_success 'every shipped query has a section with its title' '
    for q in "$DG_SRC"/queries/*.rq; do
        t=$(sed -n "s/^# title: *//p" "$q" | head -n 1 | sed "s/'"'"'/\&#39;/g")
        [ -z "$t" ] || grep -qF "$t" rep/index.html || { echo "no $t"; exit 1; }
    done'
expect_success 'articles list their sentences with anchors; events link to them' '
    grep -q "<li id=\"t1-s1\" value=\"1\">Vietnam and Singapore held" rep/index.html &&
    grep -q "<a href=\"#t1-s1\">" rep/index.html &&
    grep -q "<a href=\"#t1-s2\">" rep/index.html &&
    grep -q "<article id=\"article-t2\">" rep/index.html'
expect_success 'the questions come first, one article'"'"'s triples after them, collapsed' '
    last_q=$(grep -n "^<section id=\"q-" rep/index.html | grep -v q-article-graph |
        tail -n 1 | cut -d: -f1) &&
    raw=$(grep -n "^<section id=\"q-article-graph\">" rep/index.html | cut -d: -f1) &&
    stats=$(grep -n "^<section id=\"stats\">" rep/index.html | cut -d: -f1) &&
    test -n "$last_q" && test -n "$raw" && test -n "$stats" &&
    test "$last_q" -lt "$stats" && test "$stats" -lt "$raw" &&
    grep "^<section" rep/index.html | head -n 1 | grep -q "id=\"q-" &&
    sed -n "$((raw + 1))p" rep/index.html | grep -q "^<details>"'
expect_success 'diagrams are inline SVG with ids of their own, no <img>' '
    n=$(ls rep/*.svg | wc -l) && test "$n" -ge 2 &&
    test "$(grep -c "^<svg " rep/index.html)" -eq "$n" &&
    ! grep -q "<img" rep/index.html &&
    ! grep -q "<?xml\|<!DOCTYPE svg\|<!--" rep/index.html &&
    grep -q "<g id=\"d1-graph0\"" rep/index.html &&
    grep -q "<g id=\"d2-graph0\"" rep/index.html &&
    ! grep -q " id=\"graph0\"" rep/index.html'
expect_success 'diagram nodes and table cells link to entity entries in the page' '
    grep -q "<a xlink:href=\"#e-[^\"]*\" xlink:title=" rep/index.html &&
    grep -q "<td><a href=\"#e-" rep/index.html &&
    grep -q "<li id=\"e-country-VNM-[0-9a-f]*\"><b>Vietnam</b>" rep/index.html &&
    grep -q "xlink:href=\"index.html#e-" rep/*.svg'
expect_success 'sentence text is HTML-escaped' '
    grep -q "support to &lt;ADMM-Plus&gt; &amp; ASEAN" rep/index.html'
expect_success 'the statistics count entities by type, not the ontology' '
    grep -q "<th>triples</th>" rep/index.html &&
    grep -q ">country</span></th><td>3</td>" rep/index.html &&
    ! grep -q "owl:Class" rep/index.html'

# a queries directory of our own: diagram, none, cluster, and a broken query
expect_success 'a query directory with a broken query: reported, page written, exit 1' '
    mkdir q && cp "$fx"/render-network.rq "$fx"/render-cluster.rq q/ &&
    printf "# title: Ranking\n# render: none\nSELECT ?c WHERE { ?c a <http://schema.org/Country> } ORDER BY ?c\n" >q/ranking.rq &&
    printf "# title: Broken <query>\nSELECT ?x WHERE {\n" >q/zz-broken.rq &&
    printf "# title: Numbers\n# render: none\nSELECT ?n ?s WHERE { VALUES (?n ?s) { (10 \"b\") (9 \"c\") (100 \"a\") (\"x\" \"d\") } }\n" >q/numbers.rq &&
    printf "# title: Numbers ordered\n# render: none\nSELECT ?n ?s WHERE { VALUES (?n ?s) { (10 \"b\") (9 \"c\") (100 \"a\") } } ORDER BY ?s\n" >q/numbers-ordered.rq &&
    st=0; DIPLOGRAPH_QUERIES=$PWD/q dg report --store st -o rep2 2>err || st=$? &&
    test $st -eq 1 &&
    grep -q "warning: 1 query failed" err &&
    test -s rep2/render-network.svg && test -s rep2/render-cluster.svg &&
    test ! -e rep2/ranking.svg &&
    grep -q "Broken &lt;query&gt;" rep2/index.html &&
    grep -q "class=\"error\">The query failed" rep2/index.html &&
    python3 "$check" rep2/index.html'
expect_success 'a table without ORDER BY is sorted by its first column, numbers as numbers' '
    sed -n "/<section id=\"q-numbers\">/,/<\/section>/p" rep2/index.html |
        sed -n "s/^<tr><td>\([^<]*\)<\/td>.*/\1/p" | tr "\n" " " >got &&
    test "$(cat got)" = "9 10 100 x "'
expect_success 'a table with ORDER BY keeps the order of the query' '
    sed -n "/<section id=\"q-numbers-ordered\">/,/<\/section>/p" rep2/index.html |
        sed -n "s/^<tr><td>\([^<]*\)<\/td>.*/\1/p" | tr "\n" " " >got &&
    test "$(cat got)" = "100 10 9 "'
expect_success 'every article is listed, with or without a date line' '
    dg -q build --store seeds-st "$DG_SRC/seeds" &&
    dg -q report --store seeds-st -o rep4 &&
    test "$(grep -c "<article id=" rep4/index.html)" -eq 5 &&
    grep -q "id=\"article-000_59eb9aca7fa84c62\"" rep4/index.html &&
    python3 "$check" rep4/index.html'
# the rows of the statistics table as stats prints them: KEY TAB COUNT
stats_of() { # stats_of PAGE
    sed -n "/^<section id=\"stats\">/,/^<\/section>/p" "$1" |
        sed -n -e "s/^<tr><th>\([a-z]*\)<\/th><td>\([0-9]*\)<\/td><\/tr>\$/\1	\2/p" \
            -e "s/^<tr><th><span title=\"\([^\"]*\)\">[^<]*<\/span><\/th><td>\([0-9]*\)<\/td><\/tr>\$/\1	\2/p"
}
expect_success 'the statistics are the same in two runs and equal to stats' '
    dg -q report --store seeds-st -o rep5 &&
    dg stats --store seeds-st >stats.tsv && test "$(wc -l <stats.tsv)" -gt 5 &&
    stats_of rep4/index.html >a.tsv && stats_of rep5/index.html >b.tsv &&
    diff stats.tsv a.tsv && diff stats.tsv b.tsv &&
    cmp rep4/index.html rep5/index.html'
expect_success 'report --help prints the usage on stdout' '
    dg report --help >out && grep -q "^usage: diplograph report" out'
expect_failure 2 'report with an argument is a usage error' \
    'dg report --store st extra 2>/dev/null'
expect_failure 1 'report on a missing store fails' \
    'dg report --store no-such-store -o rep3 2>/dev/null'
expect_failure 1 'report into an unwritable directory fails with one line' '
    echo file >plain
    dg report --store st -o plain/sub 2>err; st=$?
    one_line_error err "cannot create" && exit $st'
done_testing
