#!/bin/sh
# t0003: the manual page diplograph.1 cannot drift from the program: every
# command of the table has its section, every option a command's usage
# names is in it, every environment variable the sources read too; and
# groff renders it without warnings (skipped without groff).
. "$DG_SRC/tests/lib.sh"

man="$DG_SRC/diplograph.1"
# the page's text with roff's \- as -
sed 's/\\-/-/g' "$man" >man.txt
commands=$(dg --help | sed -n '/^commands:/,/^$/s/^  \([a-z]*\) .*/\1/p')
expect_success 'the command table is read from --help' '
    test $(echo $commands | wc -w) -ge 12'
for c in $commands; do
    expect_success "man page: a section for $c, with every option of its usage" "
        grep -qx '.SS $c' man.txt &&
        sed -n '/^.SS $c\$/,/^.SS /p' man.txt >sec &&
        dg $c --help | sed '/^\$/q' | grep -o -- '--[a-z][a-z-]*' | sort -u >opts &&
        test -s opts &&
        while read -r o; do
            grep -q -- \"\$o\\([^a-z-]\\|\$\\)\" sec || { echo \"$c: \$o is missing\"; exit 1; }
        done <opts"
done
expect_success 'man page: the global options, exit codes, store specs' '
    for o in --quiet --verbose --version --store --help; do
        grep -q -- "$o" man.txt || { echo "$o missing"; exit 1; }
    done
    grep -q "^.SH EXIT STATUS" man.txt && grep -q "^.SH STORE SPECS" man.txt &&
    for k in lmdb: hashes: memory: postgresql:// --endpoint; do
        grep -q -- "$k" man.txt || { echo "$k missing"; exit 1; }
    done'
expect_success 'man page: every environment variable the sources read' '
    vars=$(cd "$DG_SRC" && grep -rhoE "getenv\(\"[A-Z_0-9]+\"\)|\"DIPLOGRAPH_[A-Z_]+\"" \
        cli common extract graph | grep -oE "[A-Z][A-Z_0-9]+" | sort -u)
    test -n "$vars" && echo "$vars" | grep -q DIPLOGRAPH_DATADIR &&
    echo "$vars" | grep -q DIPLOGRAPH_QUERIES &&
    for v in $vars; do
        grep -q "^.B $v\$" man.txt || { echo "$v is not in the ENVIRONMENT section"; exit 1; }
    done'
if command -v groff >/dev/null 2>&1; then
    expect_success 'groff renders it without a warning' '
        groff -man -Tutf8 -ww -z "$man" 2>err && test ! -s err &&
        groff -man -Tutf8 -P-cbou "$man" 2>/dev/null | grep -q "^EXIT STATUS"'
else
    tap_n=$((tap_n + 1))
    echo "ok $tap_n # SKIP groff is not installed"
fi
done_testing
