#!/bin/sh
# t0210: differential test of the shipped queries against a trusted engine.
# Every queries/*.rq runs in diplograph (its own SPARQL engine) and in
# Oxigraph (npm package, pinned below) on the same data: the store
# exported as N-Quads, Oxigraph's default graph the merge of every graph
# but the ontology graph, as diplograph's is; the results must agree
# (tests/oxigraph-diff.mjs says how, and lists its allowances).  Three data
# sets: the fixed fixture tests/fixtures/articles.trig, a store built from
# seeds/ by the current extractor and one built from a generated corpus of
# 200 articles (bench/gen-corpus.py, fixed seed): whatever they extract,
# only agreement counts.  SELECT and ASK results are read as -f json,
# CONSTRUCT results as -f ntriples.  First, the comparison itself is tested
# on made-up answers.  A shipped query that disagrees is an engine bug.
#
# Oxigraph is installed once into $DG_BUILD/tests/node_modules-ox (DG_BUILD
# defaults to the build tree of DG_BIN); DG_OXIGRAPH_DIR overrides the
# folder.  Without node and npm (scripts/check.sh installs them) or without
# the npm registry, the test fails: it is not optional.
. "$DG_SRC/tests/lib.sh"


expect_success 'node and npm are installed' '
    node --version && npm --version'

oxigraph_install

# ---- the comparison on made-up answers
# case NAME: NAME.rq and NAME.out come from the here-documents below;
# `agrees NAME` and `disagrees NAME PATTERN` run the comparison on d.nq.
cat >d.nq <<'END'
<http://e/a> <http://e/p> "x" <http://e/g1> .
<http://e/a> <http://e/p> "x" <http://e/g2> .
<http://e/b> <http://e/p> "y" <http://e/g2> .
<http://e/b> <http://e/q> "2"^^<http://www.w3.org/2001/XMLSchema#integer> <http://e/g2> .
<http://e/a> <http://e/q> "3"^^<http://www.w3.org/2001/XMLSchema#integer> <http://e/g1> .
<https://w3id.org/diplograph/ns> <http://e/p> "onto" <https://w3id.org/diplograph/ns> .
END
# made-up cases: "== NAME" lines start a case, "--" separates query and answer
cat >cases <<'END'
== sel
SELECT ?s ?o WHERE { ?s <http://e/p> ?o } ORDER BY ?s
--
{"head":{"vars":["s","o"]},"results":{"bindings":[
{"s":{"type":"uri","value":"http://e/a"},"o":{"type":"literal","value":"x"}},
{"s":{"type":"uri","value":"http://e/b"},"o":{"type":"literal","value":"y"}}]}}
== graphs
SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g
--
{"head":{"vars":["g"]},"results":{"bindings":[
{"g":{"type":"uri","value":"http://e/g1"}},{"g":{"type":"uri","value":"http://e/g2"}}]}}
== onto
SELECT ?o WHERE { GRAPH <https://w3id.org/diplograph/ns> { ?s ?p ?o } }
--
{"head":{"vars":["o"]},"results":{"bindings":[{"o":{"type":"literal","value":"onto"}}]}}
== missing
SELECT ?s ?o WHERE { ?s <http://e/p> ?o } ORDER BY ?s
--
{"head":{"vars":["s","o"]},"results":{"bindings":[
{"s":{"type":"uri","value":"http://e/a"},"o":{"type":"literal","value":"x"}}]}}
== extra
SELECT ?s ?o WHERE { ?s <http://e/p> ?o } ORDER BY ?s
--
{"head":{"vars":["s","o"]},"results":{"bindings":[
{"s":{"type":"uri","value":"http://e/a"},"o":{"type":"literal","value":"x"}},
{"s":{"type":"uri","value":"http://e/a"},"o":{"type":"literal","value":"x"}},
{"s":{"type":"uri","value":"http://e/b"},"o":{"type":"literal","value":"y"}}]}}
== datatype
SELECT ?s ?o WHERE { ?s <http://e/p> ?o }
--
{"head":{"vars":["s","o"]},"results":{"bindings":[
{"s":{"type":"uri","value":"http://e/a"},"o":{"type":"literal","value":"x"}},
{"s":{"type":"uri","value":"http://e/b"},"o":{"type":"literal","value":"y","datatype":"http://www.w3.org/2001/XMLSchema#token"}}]}}
== order
SELECT ?s ?o WHERE { ?s <http://e/p> ?o } ORDER BY ?s
--
{"head":{"vars":["s","o"]},"results":{"bindings":[
{"s":{"type":"uri","value":"http://e/b"},"o":{"type":"literal","value":"y"}},
{"s":{"type":"uri","value":"http://e/a"},"o":{"type":"literal","value":"x"}}]}}
== columns
SELECT ?s ?o WHERE { ?s <http://e/p> ?o }
--
{"head":{"vars":["o","s"]},"results":{"bindings":[
{"s":{"type":"uri","value":"http://e/a"},"o":{"type":"literal","value":"x"}},
{"s":{"type":"uri","value":"http://e/b"},"o":{"type":"literal","value":"y"}}]}}
== star
SELECT * WHERE { ?s <http://e/p> ?o }
--
{"head":{"vars":["o","s"]},"results":{"bindings":[
{"s":{"type":"uri","value":"http://e/a"},"o":{"type":"literal","value":"x"}},
{"s":{"type":"uri","value":"http://e/b"},"o":{"type":"literal","value":"y"}}]}}
== numbers
SELECT (AVG(?n) AS ?a) (SUM(?n) AS ?s) (1/3 AS ?d) (2.5e0 AS ?e) (4/2 AS ?f) WHERE { ?x <http://e/q> ?n }
--
{"head":{"vars":["a","s","d","e","f"]},"results":{"bindings":[
{"a":{"type":"literal","value":"2.5","datatype":"http://www.w3.org/2001/XMLSchema#decimal"},
 "s":{"type":"literal","value":"5","datatype":"http://www.w3.org/2001/XMLSchema#integer"},
 "d":{"type":"literal","value":"0.33333333333333333333","datatype":"http://www.w3.org/2001/XMLSchema#decimal"},
 "e":{"type":"literal","value":"2.5E0","datatype":"http://www.w3.org/2001/XMLSchema#double"},
 "f":{"type":"literal","value":"2.0","datatype":"http://www.w3.org/2001/XMLSchema#decimal"}}]}}
== sum-decimal
SELECT (SUM(?n) AS ?s) WHERE { ?x <http://e/q> ?n }
--
{"head":{"vars":["s"]},"results":{"bindings":[
{"s":{"type":"literal","value":"5.0","datatype":"http://www.w3.org/2001/XMLSchema#decimal"}}]}}
== sum-lexical
SELECT (SUM(?n) AS ?s) WHERE { ?x <http://e/q> ?n }
--
{"head":{"vars":["s"]},"results":{"bindings":[
{"s":{"type":"literal","value":"05","datatype":"http://www.w3.org/2001/XMLSchema#integer"}}]}}
== concat
SELECT (GROUP_CONCAT(?o; SEPARATOR="|") AS ?all) WHERE { ?s <http://e/p> ?o }
--
{"head":{"vars":["all"]},"results":{"bindings":[{"all":{"type":"literal","value":"y|x"}}]}}
== concat-wrong
SELECT (GROUP_CONCAT(?o; SEPARATOR="|") AS ?all) WHERE { ?s <http://e/p> ?o }
--
{"head":{"vars":["all"]},"results":{"bindings":[{"all":{"type":"literal","value":"y|x|x"}}]}}
== ask
ASK { ?s <http://e/q> 3 }
--
{"head":{},"boolean":true}
== ask-wrong
ASK { ?s <http://e/q> 4 }
--
{"head":{},"boolean":true}
== bnodes
CONSTRUCT { ?s <http://e/r> [ <http://e/v> ?o ] } WHERE { ?s <http://e/p> ?o }
--
<http://e/a> <http://e/r> _:k1 .
_:k1 <http://e/v> "x" .
<http://e/b> <http://e/r> _:k2 .
_:k2 <http://e/v> "y" .
== bnodes-swapped
CONSTRUCT { ?s <http://e/r> [ <http://e/v> ?o ] } WHERE { ?s <http://e/p> ?o }
--
<http://e/a> <http://e/r> _:k1 .
_:k2 <http://e/v> "x" .
<http://e/b> <http://e/r> _:k2 .
_:k1 <http://e/v> "y" .
== bnodes-merged
CONSTRUCT { ?s <http://e/r> [ <http://e/v> ?o ] } WHERE { ?s <http://e/p> ?o }
--
<http://e/a> <http://e/r> _:k1 .
_:k1 <http://e/v> "x" .
<http://e/b> <http://e/r> _:k1 .
_:k1 <http://e/v> "y" .
== bnodes-json
CONSTRUCT { ?s <http://e/r> [ <http://e/v> ?o ] } WHERE { ?s <http://e/p> ?o }
--
{"head":{"vars":["subject","predicate","object"]},"results":{"bindings":[
{"subject":{"type":"uri","value":"http://e/a"},"predicate":{"type":"uri","value":"http://e/r"},"object":{"type":"bnode","value":"z"}},
{"subject":{"type":"bnode","value":"z"},"predicate":{"type":"uri","value":"http://e/v"},"object":{"type":"literal","value":"x"}},
{"subject":{"type":"uri","value":"http://e/b"},"predicate":{"type":"uri","value":"http://e/r"},"object":{"type":"bnode","value":"w"}},
{"subject":{"type":"bnode","value":"w"},"predicate":{"type":"uri","value":"http://e/v"},"object":{"type":"literal","value":"y"}}]}}
== bnodes-select
SELECT ?s ?b WHERE { ?s <http://e/p> ?o BIND(BNODE() AS ?b) }
--
{"head":{"vars":["s","b"]},"results":{"bindings":[
{"s":{"type":"uri","value":"http://e/a"},"b":{"type":"bnode","value":"n1"}},
{"s":{"type":"uri","value":"http://e/b"},"b":{"type":"bnode","value":"n2"}}]}}
== bnodes-select-one
SELECT ?s ?b WHERE { ?s <http://e/p> ?o BIND(BNODE() AS ?b) }
--
{"head":{"vars":["s","b"]},"results":{"bindings":[
{"s":{"type":"uri","value":"http://e/a"},"b":{"type":"bnode","value":"n1"}},
{"s":{"type":"uri","value":"http://e/b"},"b":{"type":"bnode","value":"n1"}}]}}
== refused
SELECT * WHERE { ?s ?p ?o }
--
{}
END
awk '/^== /{name=$2; part="rq"; next} /^--$/{part="out"; next}
     {print > (name "." part)}' cases
echo 1 >refused.out.rc
echo 'diplograph: error: boom' >refused.out.err
agrees() { node "$DG_SRC/tests/oxigraph-diff.mjs" d.nq "$1.rq" "$1.out"; }
disagrees() {
    node "$DG_SRC/tests/oxigraph-diff.mjs" d.nq "$1.rq" "$1.out" >"$1.log" && {
        echo "$1: no disagreement found"; return 1; }
    grep -q -- "$2" "$1.log" || { cat "$1.log"; return 1; }
}
expect_success 'the comparison: a triple in two graphs is one in the default graph; the ontology graph is hidden from GRAPH ?g, not from its name' '
    agrees sel && agrees graphs && agrees onto'
expect_success 'the comparison: a missing row, an extra row, a wrong datatype' '
    disagrees missing "1 missing from diplograph, 0 extra"
    disagrees extra "0 missing from diplograph, 1 extra"
    disagrees datatype "XMLSchema#token"'
expect_success 'the comparison: the order of ORDER BY keys; columns, in any order for SELECT *' '
    disagrees order "ORDER BY ?s: row 1 differs"
    disagrees columns "columns: Oxigraph ?s ?o, diplograph ?o ?s"
    agrees star'
expect_success 'the comparison: numbers (doubles by value, long decimals rounded), GROUP_CONCAT in any order, ASK' '
    agrees numbers
    disagrees sum-decimal "XMLSchema#decimal"
    disagrees sum-lexical "\"05\""
    agrees concat
    disagrees concat-wrong "1 extra"
    agrees ask
    disagrees ask-wrong "ASK: Oxigraph false, diplograph true"'
expect_success 'the comparison: blank nodes up to renaming (CONSTRUCT as N-Triples or JSON, SELECT)' '
    agrees bnodes && agrees bnodes-json && agrees bnodes-select
    disagrees bnodes-swapped "no renaming of blank nodes"
    disagrees bnodes-merged "no renaming of blank nodes"
    disagrees bnodes-select-one "no renaming of blank nodes"'
expect_success 'the comparison: a query diplograph refuses' '
    disagrees refused "diplograph fails: exit status 1: diplograph: error: boom"'

# ---- the shipped queries
# compare_all NAME STORE: every shipped query on STORE, one TAP line each
# (one Oxigraph process compares them all)
compare_all() {
    expect_success "$1: export the store, run the queries in diplograph and Oxigraph" "
        dg export --store '$2' -f nquads -o '$T/$1.nq' 2>/dev/null
        : >'$T/$1.list'
        for q in '$DG_SRC'/queries/*.rq; do
            r='$T/$1-'\$(basename \"\$q\" .rq).out
            f=json
            grep -qi '^CONSTRUCT' \"\$q\" && f=ntriples
            st=0
            dg query --store '$2' -f \$f \"\$q\" >\"\$r\" 2>\"\$r.err\" || st=\$?
            echo \$st >\"\$r.rc\"
            printf '%s\t%s\n' \"\$q\" \"\$r\" >>'$T/$1.list'
        done
        node '$DG_SRC/tests/oxigraph-diff.mjs' --batch '$T/$1.nq' '$T/$1.list'"
    for q in "$DG_SRC"/queries/*.rq; do
        name=$(basename "$q" .rq)
        expect_success "$1: $name agrees with Oxigraph" "
            v='$T/$1-$name.out.verdict'
            test -f \"\$v\" || { echo 'no verdict'; exit 1; }
            cat \"\$v\"
            head -n 1 \"\$v\" | grep -q ': agree'"
    done
}

expect_success 'load the fixture' '
    dg load --store "$T/fixture" "$DG_SRC/tests/fixtures/articles.trig" 2>/dev/null'
compare_all fixture "$T/fixture"

expect_success 'build a store from seeds/' '
    dg build --store "$T/seeds" "$DG_SRC/seeds" 2>/dev/null'
compare_all seeds "$T/seeds"

expect_success 'generate and build a corpus of 200 articles' '
    python3 "$DG_SRC/bench/gen-corpus.py" --seed 7 200 "$T/corpus" 2>/dev/null
    dg build --store "$T/corpus-store" "$T/corpus" 2>/dev/null'
compare_all corpus "$T/corpus-store"
done_testing
