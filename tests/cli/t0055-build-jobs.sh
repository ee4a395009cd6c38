#!/bin/sh
# t0055: diplograph build -j N: the same store, messages and exit codes for
# any number of threads
. "$DG_SRC/tests/lib.sh"
seeds="$DG_SRC/seeds"
dev="$DG_SRC/tests/devset/articles"
a001="$seeds/001_0000c860e750e93b.txt"

# the run's start time differs between two builds: leave it out
quads() { # STORE: its quads, sorted, without the run's time
    dg export --store "$1" -f nquads |
        sed 's|/run/[0-9T:-]*Z>|/run/TIME>|; /prov#startedAtTime/d' |
        LC_ALL=C sort
}
summary() { # FILE: stderr without the time
    sed 's/ in [0-9.]* s into .*//' "$1"
}

expect_success 'seeds and devset with -j 1 and -j 4: the same quads' '
    dg build -j 1 --store s1 "$seeds" "$dev" 2>err1 &&
    dg build -j 4 --store s4 "$seeds" "$dev" 2>err4 &&
    quads s1 >q1 && quads s4 >q4 && test "$(wc -l <q1)" -gt 3000 &&
    diff q1 q4'
expect_success 'and the same summary line apart from the time' '
    grep -q "built 17 articles, [0-9]* sentences, [0-9]* triples in" err1 &&
    summary err1 >sum1 && summary err4 >sum4 && diff sum1 sum4'
expect_success '--jobs 2 and -j 0 (one thread per processor) agree too' '
    dg -q build --jobs 2 --store s2 "$seeds" "$dev" &&
    dg -q build -j 0 --store s0 "$seeds" "$dev" &&
    quads s2 >q2 && quads s0 >q0 && diff q1 q2 && diff q1 q0'
expect_success 'more threads than articles: one article, -j 8' '
    dg -q build -j 8 --store one "$a001" &&
    dg stats --store one >stats && grep -q "^schema:NewsArticle	1$" stats'
expect_success '-v tells where the time went' '
    dg -v build -j 2 --store sv "$seeds" 2>err &&
    grep -q "2 threads: reading and extracting [0-9.]* s CPU (summed), store writes [0-9.]* s CPU" err'
expect_success 'one key in many directories: the last one wins, whatever N' '
    i=0; for f in "$seeds"/*.txt "$dev"/*.txt; do
        i=$((i + 1)); mkdir -p "k/d$(printf %02d $i)"; cp "$f" "k/d$(printf %02d $i)/same.txt"
    done &&
    dg -q build -j 1 --store k1 k && dg -q build -j 4 --store k4 k &&
    quads k1 >q1 && quads k4 >q4 && diff q1 q4 &&
    grep -q "ns#sourceFile> \"k/d17/same.txt\"" q4 &&
    test "$(grep -c "ns#sourceFile> \"" q4)" -eq 1'

printf "\377\376 not utf-8 \200\n" >bad.txt
: >empty.txt
mkdir -p mixed && cp "$seeds"/*.txt mixed/ && cp bad.txt mixed/002_bad.txt &&
    cp empty.txt mixed/004_empty.txt
expect_success 'bad articles among good: the same messages with -j 1 and -j 3' '
    dg build -j 1 --store m1 mixed 2>err1 &&
    dg build -j 3 --store m3 mixed 2>err3 &&
    grep -q "warning: skipped '"'"'mixed/002_bad.txt'"'"': .*UTF-8" err1 &&
    grep -q "warning: skipped '"'"'mixed/004_empty.txt'"'"': .*empty" err1 &&
    grep -q "^diplograph: 2 skipped$" err1 &&
    summary err1 >sum1 && summary err3 >sum3 && diff sum1 sum3 &&
    quads m1 >q1 && quads m3 >q3 && diff q1 q3'
expect_success 'and the same exit code with --strict' '
    st1=0; st3=0
    dg build --strict -j 1 --store t1 mixed 2>err1 || st1=$?
    dg build --strict -j 3 --store t3 mixed 2>err3 || st3=$?
    test $st1 -eq 1 && test $st3 -eq 1 &&
    summary err1 >sum1 && summary err3 >sum3 && diff sum1 sum3'
expect_success 'only bad articles: the same error with -j 1 and -j 3' '
    mkdir -p onlybad && cp bad.txt onlybad/a.txt && cp bad.txt onlybad/b.txt &&
    st1=0; st3=0
    dg build -j 1 --store b1 onlybad 2>err1 || st1=$?
    dg build -j 3 --store b3 onlybad 2>err3 || st3=$?
    test $st1 -eq 1 && test $st3 -eq 1 && diff err1 err3 &&
    grep -q "no article could be built (2 skipped)" err1'
expect_failure 2 '-j abc is a usage error, one line' '
    dg build -j abc "$a001" 2>err; st=$?
    one_line_error err "jobs takes 0 to 256, not '"'"'abc'"'"'" && exit $st'
expect_failure 2 '--jobs -1 is a usage error, one line' '
    dg build --jobs -1 "$a001" 2>err; st=$?
    one_line_error err "jobs takes 0 to 256" && exit $st'
expect_failure 2 '-j without a value is a usage error' '
    dg build -j 2>err; st=$?; one_line_error err "needs a value" && exit $st'
expect_success 'the article from standard input with -j 2' '
    dg -q build -j 2 --store in - "$seeds" <"$a001" &&
    dg stats --store in >stats && grep -q "^schema:NewsArticle	6$" stats'
done_testing
