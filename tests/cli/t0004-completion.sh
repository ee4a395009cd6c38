#!/bin/sh
# t0004: the bash completion (scripts/diplograph.bash), sourced in bash:
# commands, help CMD, options per command, -f/-T/-K/-i values, query files
# and the queries of $DIPLOGRAPH_QUERIES.  Skipped without bash.
. "$DG_SRC/tests/lib.sh"
if ! command -v bash >/dev/null 2>&1; then
    echo "ok 1 # SKIP bash is not installed"
    echo "1..1"
    exit 0
fi
mkdir -p qdir sub && touch a.rq b.txt qdir/who-met-whom.rq qdir/events.rq
# comp WORD...: the completions of the last word, sorted, one per line
cat >comp.sh <<'SH'
. "$DG_SRC/scripts/diplograph.bash"
COMP_WORDS=("$DG_BIN" "$@")
COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
_diplograph
printf '%s\n' "${COMPREPLY[@]}" | sort
SH
comp() { bash comp.sh "$@"; }

expect_success 'the commands, from the table' '
    comp "" >got && dg --help | sed -n "/^commands:/,/^\$/s/^  \([a-z]*\) .*/\1/p" >want &&
    echo help >>want && sort want >want.s && diff want.s got &&
    test "$(comp qu)" = query && test "$(comp -q ex | tr "\n" " ")" = "export extract "'
expect_success 'help CMD completes commands' '
    test "$(comp help rep)" = report'
expect_success 'options per command, from its usage' '
    comp query -- >got && grep -qx -- --endpoint got && grep -qx -- --store got &&
    ! grep -qx -- --bind got &&
    comp serve --b >got && test "$(cat got)" = --bind'
expect_success '-f values: the formats each command takes' '
    test "$(comp query -f j | tr "\n" " ")" = "json jsonld " &&
    comp query -f "" | tr "\n" " " >got &&
    test "$(cat got)" = "csv json jsonld nquads ntriples table tsv turtle xml " &&
    comp export --format "" | tr "\n" " " >got &&
    test "$(cat got)" = "jsonld nquads ntriples rdfxml trig turtle "'
expect_success '-T, -K, -i, --default-graph values' '
    test "$(comp render -T p | tr "\n" " ")" = "pdf png " &&
    test "$(comp render -K sf)" = sfdp &&
    test "$(comp load -i tr)" = trig &&
    test "$(comp query --default-graph s)" = stored'
expect_success 'query files: *.rq and directories, and the shipped queries' '
    comp query "" >got && grep -qx a.rq got && grep -qx qdir got &&
    ! grep -qx b.txt got &&
    DIPLOGRAPH_QUERIES="$T/qdir" comp render wh >got &&
    grep -qx "$T/qdir/who-met-whom.rq" got && ! grep -q events got'
expect_success 'store specs after --store' '
    comp --store "" >got && grep -qx memory: got && grep -qx lmdb: got &&
    comp stats --store post >got && grep -qx postgresql:// got'
done_testing
