#!/bin/sh
# t0310: diplograph report: index.html and its SVG files, well-formed,
# self-contained, with links to the evidence sentences
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
    st=0; DIPLOGRAPH_QUERIES=$PWD/q dg report --store st -o rep2 2>err || st=$? &&
    test $st -eq 1 &&
    grep -q "warning: 1 query failed" err &&
    test -s rep2/render-network.svg && test -s rep2/render-cluster.svg &&
    test ! -e rep2/ranking.svg &&
    grep -q "Broken &lt;query&gt;" rep2/index.html &&
    grep -q "class=\"error\">The query failed" rep2/index.html &&
    python3 "$check" rep2/index.html'
expect_success 'every article is listed, with or without a date line' '
    dg -q build --store seeds-st "$DG_SRC/seeds" &&
    dg -q report --store seeds-st -o rep4 &&
    test "$(grep -c "<article id=" rep4/index.html)" -eq 5 &&
    grep -q "id=\"article-000_59eb9aca7fa84c62\"" rep4/index.html &&
    python3 "$check" rep4/index.html'
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
