#!/bin/sh
# t0210: differential test of the shipped queries against a trusted engine.
# Every queries/*.rq runs in diplograph (rasqal 0.9.33 on librdf) and in
# Oxigraph (npm package, pinned below) on the same data, the store exported
# as N-Quads with the default graph as the union of the named graphs; the
# results must agree (tests/oxigraph-diff.mjs says how).  Two data sets:
# the fixed fixture tests/fixtures/articles.trig and a store built from
# seeds/ by the current extractor (whatever it extracts: only agreement
# counts).  A query that disagrees must be rewritten, not skipped.
#
# Oxigraph is installed once into $DG_BUILD/tests/node_modules-ox (DG_BUILD
# defaults to the build tree of DG_BIN); DG_OXIGRAPH_DIR overrides the
# folder.  Without node and npm (scripts/check.sh installs them) or without
# the npm registry, the test fails: it is not optional.
. "$DG_SRC/tests/lib.sh"

OX_VERSION=0.5.11
DG_BUILD=${DG_BUILD:-$(cd "$(dirname "$DG_BIN")" && pwd)}
OX_DIR=${DG_OXIGRAPH_DIR:-$DG_BUILD/tests/node_modules-ox}

expect_success 'node and npm are installed' '
    node --version && npm --version'

install_oxigraph() {
    have=$(node -e "console.log(require(process.argv[1]).version)" \
        "$OX_DIR/node_modules/oxigraph/package.json" 2>/dev/null || true)
    [ "$have" = "$OX_VERSION" ] && return 0
    mkdir -p "$OX_DIR" &&
        npm install --prefix "$OX_DIR" --no-audit --no-fund --no-save \
            --loglevel=error "oxigraph@$OX_VERSION"
}
expect_success "oxigraph $OX_VERSION is installed (cached in $OX_DIR)" \
    'install_oxigraph'
NODE_PATH="$OX_DIR/node_modules"
export NODE_PATH

# compare_all NAME STORE: every shipped query on STORE, one TAP line each
compare_all() {
    expect_success "$1: export the store as N-Quads" "
        dg export --store '$2' -f nquads -o '$T/$1.nq'
        test -s '$T/$1.nq'"
    for q in "$DG_SRC"/queries/*.rq; do
        name=$(basename "$q" .rq)
        expect_success "$1: $name agrees with Oxigraph" "
            dg query --store '$2' -f json '$q' >'$T/$1-$name.json'
            node '$DG_SRC/tests/oxigraph-diff.mjs' '$T/$1.nq' '$q' \
                '$T/$1-$name.json'"
    done
}

expect_success 'the comparison catches a disagreement' '
    printf "<http://e/a> <http://e/p> \"x\" <http://e/g> .\n" >d.nq
    printf "SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s\n" >d.rq
    printf "{\"head\":{\"vars\":[\"s\"]},\"results\":{\"bindings\":[]}}" >d.json
    node "$DG_SRC/tests/oxigraph-diff.mjs" d.nq d.rq d.json >out && exit 1
    grep -q "1 missing from diplograph" out
    printf "{\"head\":{\"vars\":[\"s\"]},\"results\":{\"bindings\":[{\"s\":{\"type\":\"uri\",\"value\":\"http://e/a\"}}]}}" >d.json
    node "$DG_SRC/tests/oxigraph-diff.mjs" d.nq d.rq d.json'

expect_success 'load the fixture' '
    dg load --store "$T/fixture" "$DG_SRC/tests/fixtures/articles.trig" 2>/dev/null'
compare_all fixture "$T/fixture"

expect_success 'build a store from seeds/' '
    dg build --store "$T/seeds" "$DG_SRC/seeds" 2>/dev/null'
compare_all seeds "$T/seeds"
done_testing
