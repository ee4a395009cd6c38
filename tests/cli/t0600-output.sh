#!/bin/sh
# t0600: -o FILE behaves as a shell's `>` (but atomically): a regular file
# replaced keeping its mode, a new one 0666 & ~umask, a symlink followed, a
# FIFO or device written through, a directory or missing directory refused
# with one line and nothing created, the old file kept when a command fails;
# and every command that writes stdout fails with one line on a full device.
. "$DG_SRC/tests/lib.sh"
fx="$DG_SRC/tests/fixtures"
Q='SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o'

expect_success 'load the render fixture into a store' '
    dg -q load --store st "$fx/render.trig"'

# one command per kind of -o output; run_NAME FILE writes FILE
run_export() { dg -q export --store st -f ntriples -o "$1"; }
run_dot() { dg -q render --store st -T dot -o "$1" "$fx/render-network.rq"; }
run_svg() { dg -q render --store st -T svg -o "$1" "$fx/render-network.rq"; }
run_query() { dg -q query --store st -f tsv -o "$1" -e "$Q"; }
# the same command on stdout
out_export() { dg -q export --store st -f ntriples; }
out_dot() { dg -q render --store st -T dot "$fx/render-network.rq"; }
out_svg() { dg -q render --store st -T svg "$fx/render-network.rq"; }
out_query() { dg -q query --store st -f tsv -e "$Q"; }

# private device nodes when root may make them, so that a regression can
# never replace the machine's /dev/null; without root /dev is safe anyway
if mknod null c 1 3 2>/dev/null && mknod full c 1 7 2>/dev/null &&
    [ -c null ] && echo x >null 2>/dev/null; then
    NULLDEV=$T/null FULLDEV=$T/full
elif [ "$(id -u)" != 0 ]; then
    NULLDEV=/dev/null FULLDEV=/dev/full
else
    NULLDEV= FULLDEV=
fi

no_tmp() { ! ls -a "${1:-.}" | grep -q '\.tmp'; }

for k in export dot svg query; do
    expect_success "$k: -o FILE writes what stdout would" "
        out_$k >ref.$k && test -s ref.$k && run_$k file.$k &&
        if [ $k = svg ]; then grep -q '<svg' file.$k; else cmp ref.$k file.$k; fi &&
        no_tmp"
    expect_success "$k: an existing file is replaced and keeps mode 640" "
        echo old >keep.$k && chmod 640 keep.$k && run_$k keep.$k &&
        test \"\$(stat -c %a keep.$k)\" = 640 && ! grep -q '^old\$' keep.$k &&
        test -s keep.$k && no_tmp"
    expect_success "$k: a new file has mode 0666 & ~umask (umask 027: 640)" "
        rm -f new.$k && (umask 027 && run_$k new.$k) &&
        test \"\$(stat -c %a new.$k)\" = 640"
    expect_success "$k: a symlink is followed: still a link, target replaced" "
        echo old >target.$k && ln -sf target.$k link.$k && run_$k link.$k &&
        test -L link.$k && test \"\$(readlink link.$k)\" = target.$k &&
        ! grep -q '^old\$' target.$k && test -s target.$k"
    expect_success "$k: a dangling symlink gets its target created" "
        rm -f made.$k && ln -sf made.$k dangling.$k && run_$k dangling.$k &&
        test -L dangling.$k && test -s made.$k"
    expect_success "$k: a FIFO is written through and stays a FIFO" "
        rm -f fifo.$k && mkfifo fifo.$k &&
        { timeout 20 cat fifo.$k >got.$k & } &&
        run_$k fifo.$k && wait && test -p fifo.$k && test -s got.$k &&
        if [ $k = svg ]; then grep -q '<svg' got.$k; else cmp ref.$k got.$k; fi"
    if [ -n "$NULLDEV" ]; then
        expect_success "$k: a device ($NULLDEV) is written through, stays one" "
            run_$k '$NULLDEV' && test -c '$NULLDEV' && no_tmp &&
            touch null-ok.$k"
        expect_failure 1 "$k: a full device ($FULLDEV) is one error line, exit 1" "
            run_$k '$FULLDEV' 2>err; st=\$?
            one_line_error err \"cannot write '$FULLDEV': No space left\" &&
            test -c '$FULLDEV' && no_tmp || exit 99; exit \$st"
    fi
    expect_failure 1 "$k: -o a directory: one line, exit 1, nothing created" "
        rm -rf dir && mkdir dir && run_$k dir 2>err; st=\$?
        one_line_error err \"cannot write 'dir': Is a directory\" &&
        test -d dir && test -z \"\$(ls -A dir)\" && no_tmp || exit 99; exit \$st"
    expect_failure 1 "$k: -o in a missing directory: one line, nothing made" "
        run_$k nodir/out 2>err; st=\$?
        one_line_error err \"cannot write 'nodir/out': No such file\" &&
        test ! -e nodir || exit 99; exit \$st"
    # a link of our own to /proc/self/fd/1, as /dev/stdout is
    expect_success "$k: -o - and -o a link to /proc/self/fd/1 write stdout" "
        ln -sf /proc/self/fd/1 stdout-link &&
        run_$k - >dash.$k && run_$k stdout-link >devout.$k &&
        run_$k stdout-link | cat >piped.$k &&
        if [ $k != svg ]; then cmp ref.$k dash.$k && cmp ref.$k devout.$k &&
            cmp ref.$k piped.$k; fi && test -f devout.$k &&
        test \"\$(readlink stdout-link)\" = /proc/self/fd/1 && touch stdout-ok"
done

# the machine's /dev/null and /dev/stdout themselves: only once the private
# stand-ins above passed, so that a broken build never replaces them; they
# are only asserted, never changed
if [ -n "$NULLDEV" ]; then
    expect_success '-o /dev/null leaves /dev/null a character device' '
        test -f null-ok.export || { echo "device test failed: not tried"; exit 1; }
        run_export /dev/null && test -c /dev/null'
fi
expect_success '-o /dev/stdout writes standard output' '
    test -f stdout-ok || { echo "stdout link test failed: not tried"; exit 1; }
    run_export /dev/stdout >devout && cmp ref.export devout &&
    run_export /dev/stdout | cmp ref.export - && test -L /dev/stdout'

# a failing command leaves the old file as it was
expect_failure 1 'render: a bad query leaves the existing -o file unchanged' '
    echo keep >e.svg && chmod 640 e.svg &&
    dg render --store st -o e.svg -e "SELEC bad" 2>err; st=$?
    test "$(cat e.svg)" = keep && test "$(stat -c %a e.svg)" = 640 &&
    one_line_error err "syntax error" && no_tmp || exit 99; exit $st'
expect_failure 1 'query: a bad query leaves the existing -o file unchanged' '
    echo keep >e.tsv &&
    dg query --store st -o e.tsv -e "SELECT ?x WHERE { ?x" 2>err; st=$?
    test "$(cat e.tsv)" = keep && one_line_error err "error" && no_tmp ||
    exit 99; exit $st'
expect_failure 1 'export: a missing store leaves the existing -o file unchanged' '
    echo keep >e.nt &&
    dg export --store nostore -o e.nt 2>err; st=$?
    test "$(cat e.nt)" = keep && test ! -e nostore && no_tmp || exit 99; exit $st'

if [ "$(id -u)" = 0 ]; then
    expect_success 'as root, a replaced file keeps its owner and group' '
        echo old >owned && chown 1234:2345 owned && chmod 604 owned &&
        run_export owned && test "$(stat -c %u:%g:%a owned)" = 1234:2345:604'
else
    expect_failure 1 'a read-only file is refused and kept, as with >' '
        echo keep >ro && chmod 444 ro && run_export ro 2>err; st=$?
        test "$(cat ro)" = keep && one_line_error err "Permission denied" ||
        exit 99; exit $st'
    expect_failure 1 'an unwritable directory is refused, nothing created' '
        mkdir -p rodir && chmod 555 rodir && run_export rodir/x 2>err; st=$?
        chmod 755 rodir; test ! -e rodir/x && no_tmp rodir &&
        one_line_error err "Permission denied" || exit 99; exit $st'
fi

# report -o DIR: its files follow the same rules
expect_success 'report: files are replaced keeping their mode, links followed' '
    dg -q report --store st -o rep && test -s rep/index.html &&
    ls rep/*.svg >/dev/null && chmod 640 rep/index.html &&
    svg=$(ls rep/*.svg | head -1) && mv "$svg" real.svg &&
    ln -s ../real.svg "$svg" &&
    dg -q report --store st -o rep &&
    test "$(stat -c %a rep/index.html)" = 640 && test -L "$svg" &&
    grep -q "<svg" real.svg && no_tmp rep'
expect_success 'report: new files have mode 0666 & ~umask (umask 027: 640)' '
    (umask 027 && dg -q report --store st -o rep027) &&
    test "$(stat -c %a rep027/index.html)" = 640'
expect_failure 1 'report: -o a regular file is one error line, exit 1' '
    echo keep >notdir && dg report --store st -o notdir 2>err; st=$?
    test "$(cat notdir)" = keep && one_line_error err "not a directory" ||
    exit 99; exit $st'
if [ -n "$FULLDEV" ]; then
    expect_failure 1 'report: index.html on a full device: one line, exit 1' '
        mkdir -p repfull && ln -sf "$FULLDEV" repfull/index.html &&
        dg report --store st -o repfull 2>err; st=$?
        one_line_error err "cannot write .*No space left" &&
        test -L repfull/index.html && no_tmp repfull || exit 99; exit $st'
    expect_failure 1 'report: a diagram on a full device: one line, exit 1' '
        rm -rf repsvg && cp -r rep repsvg && rm -f repsvg/*.svg &&
        for f in rep/*.svg; do ln -s "$FULLDEV" "repsvg/${f#rep/}"; done &&
        cp repsvg/index.html old.html &&
        dg report --store st -o repsvg 2>err; st=$?
        one_line_error err "cannot write .*\.svg.*No space left" &&
        cmp old.html repsvg/index.html && no_tmp repsvg || exit 99; exit $st'
fi

# every command that writes standard output fails on a full device
if [ -w /dev/full ]; then
    printf 'Vietnam and Japan signed a defence pact in Hanoi on 1 May 2021.\n' \
        >art.txt
    for c in "export --store st" "export --store st -f nquads" \
        "render --store st -T dot $fx/render-network.rq" \
        "render --store st -T svg $fx/render-network.rq" \
        "render --store st -T png $fx/render-network.rq" \
        "query --store st -f tsv -e '$Q'" "query --store st -f json -e '$Q'" \
        "query --store st --explain -e '$Q'" "stats --store st" \
        "extract art.txt" "--help" "--version" "help" \
        "build --help" "load --help" "query --help" "render --help" \
        "report --help" "export --help" "stats --help" "extract --help"; do
        expect_failure 1 "$c >/dev/full: one error line, exit 1" "
            dg $c >/dev/full 2>err; st=\$?
            one_line_error err 'cannot write standard output: No space left' ||
            exit 99; exit \$st"
    done
    expect_success 'build and load write nothing to stdout: /dev/full is fine' '
        mkdir -p arts && cp art.txt arts/ &&
        dg -q build --store stb arts >/dev/full 2>err && test ! -s err &&
        dg -q load --store stl "$fx/render.trig" >/dev/full 2>err &&
        test ! -s err'
else
    echo "# /dev/full absent: full-device tests skipped"
fi

done_testing
