#!/bin/sh
# t0120: load refuses IRIs with control characters, which raptor's
# N-Triples and N-Quads parsers let through (found by tests/fuzz/fuzz-load:
# stored, they made TriG exports that do not load back)
. "$DG_SRC/tests/lib.sh"

expect_failure 1 'a control character in a graph IRI: one line, the line number, nothing stored' '
    printf "<http://e/s> <http://e/p> \"ok\" <http://e/g> .\n<http://e/s> <http://e/p> \"x\" <http://e/g\001> .\n" >bad.nq
    dg load --store st bad.nq 2>err; st=$?
    one_line_error err "line 2: text not UTF-8, or an IRI or blank node with a space, a control character" &&
    dg query --store st -f tsv -e "SELECT ?o { GRAPH ?g { ?s ?p ?o } }" >out &&
    printf "?o\n" >want && diff want out || exit 99
    exit $st'
expect_failure 1 'a control character in a datatype IRI' '
    printf "<http://e/s> <http://e/p> \"1\"^^<http://e/\037int> .\n" >bad.nt
    dg load --store st bad.nt 2>err; st=$?
    one_line_error err "an IRI or blank node with a space" || exit 99
    exit $st'
expect_failure 1 'an escape in a blank node label (no writer could write it back)' '
    printf "_:b\\\\n1 <http://e/p> \"42\" .\n" >bad.nt
    dg load --store st bad.nt 2>err; st=$?
    one_line_error err "line 1: text not UTF-8, or an IRI or blank node" || exit 99
    exit $st'
expect_failure 1 'a colon in a blank node label (TriG would read a prefix)' '
    printf "_:xex: <http://e/p> \"x\" .\n" >bad.nt
    dg load --store st bad.nt 2>err; st=$?
    one_line_error err "line 1: text not UTF-8, or an IRI or blank node" || exit 99
    exit $st'
expect_failure 1 'a literal that is not UTF-8 (raptor would write no Turtle)' '
    printf "<http://e/s> <http://e/p> \"bad \362\362\" .\n" >bad.ttl
    dg load --store st -i turtle bad.ttl 2>err; st=$?
    one_line_error err "line 1: text not UTF-8" || exit 99
    exit $st'
expect_success 'ordinary IRIs, escapes and all, still load' '
    printf "_:a-b.c <http://e/p> \"bnode\" <http://e/g> .\n<http://e/s> <http://e/p> \"x\\\\u0001\" <http://e/g> .\n<http://e/%%C3%%A9> <http://e/p> <http://e/\\\\u00E9> .\n" >ok.nq &&
    dg load --store st ok.nq 2>err && grep -q "loaded 3 triples" err'
done_testing
