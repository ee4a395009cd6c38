#!/bin/sh
# t0730: saved web pages (*.html) are articles: the same entities as the
# same article in plain text, the page's date and title, boilerplate left out
. "$DG_SRC/tests/lib.sh"
fx="$DG_SRC/tests/fixtures/html"
ID=https://w3id.org/diplograph/id

# the entities of an article graph: no article, event, run or sentence node
entities() { # STORE KEY
    dg query --store "$1" -f tsv -e "SELECT DISTINCT ?e WHERE {
      GRAPH <$ID/article/$2> { ?x ?p ?e .
        FILTER(isIRI(?e) && !CONTAINS(STR(?e), \"/article/\") &&
               !CONTAINS(STR(?e), \"/event/\") &&
               !CONTAINS(STR(?e), \"/run/\")) } } ORDER BY ?e"
}

mkdir -p d && cp "$fx/talks.txt" d/plain.txt && cp "$fx/talks.html" d/page.html
expect_success 'a directory build takes *.html beside *.txt' '
    dg -v build --store st d 2>err &&
    grep -q "built 2 articles" err &&
    grep -q "'"'"'d/page.html'"'"': web page, main text from article, date from meta article:published_time" err'
expect_success 'the page gives the same entities as the text' '
    entities st plain >plain && entities st page >page &&
    test "$(wc -l <plain)" -ge 8 && diff plain page &&
    grep -q "country/VNM" page && grep -q "country/LAO" page'
expect_success 'boilerplate of the page gave no entity' '
    for c in CHN RUS IND IDN AUS SGP MMR MYS KHM THA; do
        ! grep -q "country/$c" page || { echo "$c found"; exit 1; }
    done'
expect_success 'the date and the title of the page' '
    dg query --store st -f tsv -e "PREFIX schema: <http://schema.org/>
      SELECT ?d WHERE { <$ID/article/page> schema:datePublished ?d }" >out &&
    grep -q "2024-03-01" out &&
    dg extract d/page.html >page.nt &&
    grep -q "Vietnam and Laos hold defence talks in Hanoi" page.nt &&
    ! grep -q "Example News" page.nt'
expect_success 'a page named .txt is read as HTML (<!doctype html)' '
    mkdir -p e && cp "$fx/talks.html" e/sniffed.txt &&
    dg -q build --store st e && entities st sniffed >sniffed &&
    diff plain sniffed'
expect_success 'a page on standard input is read as HTML' '
    dg -q build --store st - <"$fx/talks.html" && entities st stdin >stdin &&
    diff plain stdin'
printf '<html><head><title></title><script>x()</script></head><body><nav>Home</nav></body></html>\n' >empty.html
expect_failure 1 'a page without text is skipped, saying why' '
    dg build --store st2 empty.html 2>err; st=$?
    one_line_error err "empty.html'"'"': no article text in the page" && exit $st'
expect_success 'the empty page beside a good one: a warning, the rest built' '
    mkdir -p f && cp empty.html "$fx/talks.html" f/ &&
    dg build --store st3 f 2>err &&
    grep -q "warning: skipped '"'"'f/empty.html'"'"': no article text" err &&
    grep -q "built 1 article" err'
done_testing
