#!/bin/sh
# t0300: diplograph render: DOT before layout against golden files, SVG,
# PNG and PDF smoke tests, the node limit, and the failure paths
. "$DG_SRC/tests/lib.sh"
fx="$DG_SRC/tests/fixtures"

# valid XML: xmllint when installed, else python3
xml_ok() {
    if command -v xmllint >/dev/null 2>&1; then
        xmllint --noout "$1"
    else
        python3 -c 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])' "$1"
    fi
}

expect_success 'load the render fixture into a store' '
    dg -q load --store st "$fx/render.trig"'

for q in network cluster pairs attrs; do
    expect_success "-T dot of render-$q.rq matches its golden file" "
        dg render --store st -T dot '$fx/render-$q.rq' >raw.dot &&
        python3 \"\$DG_SRC/tests/canon-dot.py\" raw.dot >out.dot &&
        golden render-$q.dot out.dot"
done
expect_success '--limit keeps the most connected nodes and says so' '
    dg render --store st -T dot --limit 3 "$fx/render-network.rq" >raw.dot 2>err &&
    python3 "$DG_SRC/tests/canon-dot.py" raw.dot >out.dot &&
    golden render-limit.dot out.dot &&
    grep -q "showing 3 of 7 nodes" out.dot && grep -q "showing 3 of 7 nodes" err'
expect_success 'an empty result is an empty diagram that says so' '
    dg render --store st -T dot -e "SELECT ?a ?b WHERE { ?a <urn:none> ?b }" >out.dot &&
    grep -q "label=\"no results\"" out.dot'
expect_success '-o FILE writes what stdout would' '
    dg render --store st -T dot -o file.dot "$fx/render-network.rq" &&
    dg render --store st -T dot "$fx/render-network.rq" >stdout.dot &&
    cmp file.dot stdout.dot && ! ls file.dot.tmp* 2>/dev/null'

expect_success 'SVG is valid XML with labels and no raw IRIs in text' '
    dg render --store st -o out.svg "$fx/render-network.rq" &&
    xml_ok out.svg && grep -q "<svg" out.svg &&
    grep "<text" out.svg | sed "s/&#45;/-/g" >texts &&
    for l in Vietnam Singapore Japan "ASEAN Defence Ministers" "2021-10-11" \
             "member of" "co-chairs" legend "Country network (fixture)"; do
        grep -q "$l" texts || { echo "no label $l"; exit 1; }
    done &&
    ! grep -E "<(text|title)[^>]*>[^<]*(https?://|w3id)" out.svg'
expect_success 'SVG tooltips carry the literals' '
    dg render --store st -T svg "$fx/render-attrs.rq" >out.svg && xml_ok out.svg &&
    grep -q "xlink:title=\"Vu Chien Thang (person)&#10;rank: General" out.svg'
for engine in dot neato sfdp circo fdp; do
    expect_success "-K $engine lays out an SVG" "
        dg render --store st -K $engine '$fx/render-cluster.rq' >out.svg &&
        xml_ok out.svg && grep -q 'defence policy dialogue' out.svg"
done
expect_success 'PNG starts with the PNG signature' '
    dg render --store st -T png -o out.png "$fx/render-network.rq" &&
    test "$(head -c 8 out.png | od -An -tx1 | tr -d " \n")" = 89504e470d0a1a0a'
expect_success 'PDF starts with %PDF' '
    dg render --store st -T pdf "$fx/render-network.rq" >out.pdf &&
    test "$(head -c 4 out.pdf)" = "%PDF"'
expect_success 'every shipped query with a diagram renders' '
    for q in "$DG_SRC"/queries/*.rq; do
        grep -q "^# render: *none" "$q" && continue
        dg render --store st -T svg -o out.svg "$q" && xml_ok out.svg ||
            { echo "failed: $q"; exit 1; }
    done'

expect_success 'render --help prints the usage on stdout' '
    dg render --help >out && grep -q "^usage: diplograph render" out'
expect_failure 2 'an unknown format is a usage error' '
    dg render --store st -T gif "$fx/render-network.rq" 2>err; st=$?
    grep -q "unknown format .gif." err && exit $st'
expect_failure 2 'x11 is not an output format' \
    'dg render --store st -T x11 "$fx/render-network.rq" 2>/dev/null'
expect_failure 2 'an unknown layout engine is a usage error' '
    dg render --store st -K twopi2 "$fx/render-network.rq" 2>err; st=$?
    grep -q "unknown layout engine" err && exit $st'
expect_failure 2 'a bad --limit is a usage error' \
    'dg render --store st --limit 0 "$fx/render-network.rq" 2>/dev/null'
expect_failure 2 'no query is a usage error' 'dg render --store st 2>/dev/null'
expect_failure 2 'a bad option is a usage error' 'dg render --no-such-option 2>/dev/null'
expect_failure 1 'a broken query fails with one line naming the file' '
    printf "SELECT ?x WHERE { ?x \n" >bad.rq
    dg render --store st bad.rq 2>err; st=$?
    one_line_error err "bad.rq" && exit $st'
expect_failure 1 'an ASK query cannot be drawn' '
    dg render --store st -e "ASK { ?s ?p ?o }" 2>err; st=$?
    one_line_error err "cannot draw an ASK" && exit $st'
expect_failure 1 'a missing store fails with one line' '
    dg render --store no-such-store "$fx/render-network.rq" 2>err; st=$?
    one_line_error err "error:" && exit $st'
expect_failure 1 'an unwritable -o fails with one line' '
    dg render --store st -o no-such-dir/out.svg "$fx/render-network.rq" 2>err; st=$?
    one_line_error err "cannot write .no-such-dir/out.svg." && exit $st'
expect_success 'a failed render leaves the old -o file untouched' '
    echo old >keep.svg
    dg render --store st -o keep.svg -e "ASK { ?s ?p ?o }" 2>/dev/null && exit 1
    test "$(cat keep.svg)" = old && ! ls keep.svg.tmp* 2>/dev/null'
expect_success 'writing to a full device fails with exit 1' '
    if [ -w /dev/full ]; then
        st=0; dg render --store st -T dot "$fx/render-network.rq" >/dev/full 2>err || st=$?
        test $st -eq 1 && grep -q "cannot write" err
    fi'
done_testing
