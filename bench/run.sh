#!/usr/bin/env bash
# run.sh: diplograph's benchmarks: the speed table of the SPARQL engine
# (every canned query, `stats`, start-up, a bound-subject lookup, COUNT(*))
# side by side with Oxigraph on the same data, plus build, store size,
# memory, extraction, export and render figures on synthetic corpora,
# written to bench/RESULTS.md.  bench/README.md tells what each figure
# means and how it is measured.
#
# usage: bench/run.sh [--sizes 10000,50000] [--runs 3] [--quick]
#                     [--timeout SECONDS] [--build-timeout SECONDS]
#                     [--skip SECONDS] [--hashes] [--no-oxigraph]
#                     [--results FILE]
#
#   --sizes     corpus sizes in articles (default 10000,50000)
#   --runs      timed runs of every figure (default 3; queries under
#               0.5 s run at least 10 times); min/median/max
#   --quick     smoke test: 1 run, sizes 200,1000 unless --sizes is given
#   --timeout   a query (or render) running longer is stopped and
#               reported as a timeout (default 60), in diplograph and in
#               Oxigraph; a query whose time, scaled linearly from the
#               previous size, would exceed it is skipped
#   --build-timeout  the same for one build or export (default 3600)
#   --skip      a peer's build is skipped at a size when its time,
#               predicted from the previous size, exceeds this (default
#               600 = 10 min)
#   --hashes    also build librdf's BDB "hashes" storage (build figures
#               only; slow: 85 s at 10,000 articles)
#   --no-oxigraph  leave Oxigraph out
#   --results   where to write the report (default bench/RESULTS.md)
#
# Environment: DIPLOGRAPH (the binary, default ./diplograph at the top of
# the source tree), DIPLOGRAPH_DATADIR (lexicon, default extract/data),
# BENCH_SEED (corpus seed, default 42).  Work files go to bench/work/
# (git-ignored): corpora are generated once and reused.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=$(cd "$here/.." && pwd)
work=$here/work

sizes="" runs=3 quick=0 timeout_s=60 build_timeout_s=3600 skip_s=600
oxigraph=1 hashes=0
results="$here/RESULTS.md"

usage() {
    sed -n '/^# usage:/,/^# (git-ignored)/s/^# \{0,1\}//p' "$0"
}
die() {
    echo "bench: error: $*" >&2
    exit 1
}
note() { echo "bench: $*" >&2; }

while [ $# -gt 0 ]; do
    case $1 in
    --sizes) sizes=${2:?--sizes needs a value}; shift 2 ;;
    --sizes=*) sizes=${1#*=}; shift ;;
    --runs) runs=${2:?--runs needs a value}; shift 2 ;;
    --runs=*) runs=${1#*=}; shift ;;
    --quick) quick=1; shift ;;
    --timeout) timeout_s=${2:?}; shift 2 ;;
    --build-timeout) build_timeout_s=${2:?}; shift 2 ;;
    --skip) skip_s=${2:?}; shift 2 ;;
    --hashes) hashes=1; shift ;;
    --no-oxigraph) oxigraph=0; shift ;;
    --results) results=${2:?}; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) echo "bench: unknown option '$1'" >&2; usage >&2; exit 2 ;;
    esac
done
if [ "$quick" = 1 ]; then
    runs=1
    sizes=${sizes:-200,1000}
fi
sizes=${sizes:-10000,50000}
[[ $sizes =~ ^[0-9]+(,[0-9]+)*$ ]] || die "bad --sizes '$sizes'"
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "bad --runs '$runs'"
[[ $timeout_s =~ ^[0-9]+$ ]] || die "bad --timeout '$timeout_s'"
[[ $build_timeout_s =~ ^[0-9]+$ ]] || die "bad --build-timeout '$build_timeout_s'"
[[ $skip_s =~ ^[0-9]+$ ]] || die "bad --skip '$skip_s'"
case $results in /*) ;; *) results=$PWD/$results ;; esac

D=${DIPLOGRAPH:-$top/diplograph}
case $D in /*) ;; *) D=$PWD/$D ;; esac
if [ ! -x "$D" ]; then
    die "no diplograph binary at '$D': build it first with
  ./autogen.sh && ./configure && make -j2
(or set DIPLOGRAPH=/path/to/diplograph)"
fi
"$D" --help >/dev/null 2>&1 || die "'$D --help' failed"
export DIPLOGRAPH_DATADIR=${DIPLOGRAPH_DATADIR:-$top/extract/data}
seed=${BENCH_SEED:-42}

# ---- tools: install what is missing when we may (Debian, root)
have() { command -v "$1" >/dev/null 2>&1; }
apt_install() {
    if [ "$(id -u)" = 0 ] && have apt-get; then
        note "installing $*"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
            --no-install-recommends "$@" >&2 ||
            { apt-get update -qq >&2 &&
                DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
                    --no-install-recommends "$@" >&2; } || return 1
    else
        return 1
    fi
}
have python3 || die "python3 is required"
[ -x /usr/bin/time ] || apt_install time || die "/usr/bin/time is required (apt-get install time)"
have hyperfine || apt_install hyperfine || note "hyperfine missing: timing repeated queries with date +%s.%N"
have rapper || apt_install raptor2-utils || note "rapper missing: no I/O floor"
if [ "$oxigraph" = 1 ]; then
    if have node && have npm; then
        if [ ! -f "$here/node_modules/oxigraph/package.json" ]; then
            note "installing oxigraph into bench/node_modules"
            npm install --prefix "$here" --no-audit --no-fund >&2 ||
                npm install --prefix "$here" --no-audit --no-fund oxigraph >&2 ||
                { note "npm install failed: no Oxigraph figures"; oxigraph=0; }
        fi
    else
        note "node/npm missing: no Oxigraph figures"
        oxigraph=0
    fi
fi

mkdir -p "$work"
rec_file=$work/results.jsonl
: >"$rec_file"
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
ONTOLOGY='<https://w3id.org/diplograph/ns>'
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
t_all0=$(date +%s.%N)

# ---- records: one JSON object a line, for report.py
jstr() { # a JSON string
    local s=${1//\\/\\\\}
    s=${s//\"/\\\"}
    s=${s//$'\n'/ }
    s=${s//$'\t'/ }
    printf '"%s"' "$s"
}
# rec SIZE PEER METRIC "v1 v2 ..." [NOTE]
rec() {
    local vals
    vals=$(echo "$4" | awk '{for (i = 1; i <= NF; i++) printf "%s%s", (i > 1 ? "," : ""), $i}')
    printf '{"size":%s,"peer":%s,"metric":%s,"values":[%s],"note":%s}\n' \
        "$1" "$(jstr "$2")" "$(jstr "$3")" "$vals" "$(jstr "${5:-}")" >>"$rec_file"
}
# meta KEY VALUE
meta() {
    printf '{"meta":%s,"value":%s}\n' "$(jstr "$1")" "$(jstr "$2")" >>"$rec_file"
}

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.4f", b - a }'; }
fmul() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.4f", a * b }'; }
fgt() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a > b) }'; }

# timed PREFIX CMD...: runs CMD (stdout to PREFIX.out, stderr to
# PREFIX.err) under /usr/bin/time -v and timeout ($cap seconds, default
# --timeout); sets T (wall seconds by date +%s.%N), RSS_KB and RC (124:
# timed out).
timed() {
    local pfx=$1 t0 t1
    shift
    t0=$(now)
    set +e
    timeout -k 10 "${cap:-$timeout_s}" /usr/bin/time -v -o "$pfx.time" "$@" \
        >"$pfx.out" 2>"$pfx.err"
    RC=$?
    set -e
    t1=$(now)
    T=$(elapsed "$t0" "$t1")
    RSS_KB=$(awk -F': ' '/Maximum resident set size/ { print $2 }' \
        "$pfx.time" 2>/dev/null || true)
    RSS_KB=${RSS_KB:-0}
}

# ---- machine and versions
cpu_model=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
meta date "$started"
meta nproc "$(nproc)"
meta cpu "${cpu_model:-unknown}"
meta mem "$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
meta kernel "$(uname -sr)"
meta load_start "$load_start"
meta diplograph "$("$D" --version 2>/dev/null | head -1 || echo unknown)"
bdir=$(dirname "$D")
meta commit "$(git -C "$bdir" rev-parse --short HEAD 2>/dev/null || echo none)$(git -C "$bdir" diff --quiet HEAD -- . ':!bench' 2>/dev/null || echo ' (work tree differs)')"
pkgver() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null || echo "?"; }
meta librdf "$(pkgver librdf0)"
meta raptor "$(pkgver libraptor2-0)"
meta lmdb "$(pkgver liblmdb0)"
[ "$hashes" = 0 ] || meta bdb "$(pkgver libdb5.3)"
meta graphviz "$(pkgver libgvc6)"
meta hyperfine "$(hyperfine --version 2>/dev/null || echo none)"
meta node "$(node --version 2>/dev/null || echo none)"
meta oxigraph "$([ "$oxigraph" = 1 ] && node -p 'require(process.argv[1]).version' "$here/node_modules/oxigraph/package.json" 2>/dev/null || echo none)"
meta rapper "$(rapper --version 2>/dev/null || echo none)"
meta python "$(python3 -c 'import platform; print(platform.python_version())')"
meta runs "$runs"
meta sizes "$sizes"
meta timeout "$timeout_s"
meta skip "$skip_s"
meta quick "$quick"

# ---- which stores can this binary open?
probe=$work/probe
rm -rf "$probe" && mkdir -p "$probe/articles"
printf ' date 2021-01-02 Vietnam and Singapore held a defence policy dialogue in Hanoi.\n' \
    >"$probe/articles/p.txt"
can_store() {
    rm -rf "$probe/store"
    "$D" -q build --store "$1$probe/store" "$probe/articles" >/dev/null 2>&1
}
can_store "" || die "'$D build' fails on a one-line article: see '$D build --store $probe/store $probe/articles'"
if [ -f "$probe/store/data.mdb" ]; then default_kind=lmdb; else default_kind=hashes; fi
ls "$probe/store"/*.db >/dev/null 2>&1 && default_kind=hashes
meta default_kind "$default_kind"
# peers: NAME SPEC-PREFIX; the default store is always first
peers=("default|")
if [ "$default_kind" != lmdb ]; then
    if can_store lmdb:; then peers+=("lmdb|lmdb:"); else
        meta note_lmdb "the lmdb storage is not available in this binary: the default store is '$default_kind'"
    fi
fi
if [ "$default_kind" != hashes ] && [ "$hashes" = 1 ]; then
    if can_store hashes:; then peers+=("hashes|hashes:"); else
        meta note_hashes "the hashes storage is not available in this binary"
    fi
fi
has_render=0
"$D" render --help >/dev/null 2>&1 && has_render=1
meta render "$has_render"

# ---- the extraction harness, against the build's libdiplograph.a
xbench=""
if [ -f "$bdir/libdiplograph.a" ] && [ -f "$bdir/config.h" ]; then
    libs=$(pkg-config --libs redland raptor2 rasqal libgvc libcgraph \
        libutf8proc lmdb libxml-2.0 libcurl libmicrohttpd 2>/dev/null ||
        echo "-lrdf -lraptor2 -lrasqal -lgvc -lcgraph -lutf8proc -llmdb -lxml2 -lcurl -lmicrohttpd")
    # shellcheck disable=SC2086
    if cc -std=c11 -O2 -I"$bdir" -I"$top" -o "$work/extract-bench" \
        "$here/extract-bench.c" "$bdir/libdiplograph.a" $libs \
        2>"$work/extract-bench.log"; then
        xbench=$work/extract-bench
    else
        note "extract-bench does not compile (see $work/extract-bench.log)"
    fi
fi
[ -n "$xbench" ] || meta note_extract "extraction harness unavailable: extraction figure from 'build --store memory:'"

# ---- helpers for the figures
declare -A rate      # PEER -> seconds per triple of its last build
declare -A qslow     # PEER/QUERY -> size at which it timed out
declare -A qlast     # PEER/QUERY -> "SECONDS TRIPLES" of its last size
corpus_bytes() { find "$1" -name '*.txt' -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }'; }
store_bytes() { du -s -B1 "$1" 2>/dev/null | awk '{ print $1 }'; }
built_field() { # FIELD (articles|sentences|triples|secs) from a build's stderr
    sed -n 's/.*built \([0-9]*\) articles\{0,1\}[^,]*, \([0-9]*\) sentences, \([0-9]*\) triples in \([0-9.]*\) s.*/\1 \2 \3 \4/p' "$2" |
        tail -1 | awk -v f="$1" '{ i = (f == "articles" ? 1 : f == "sentences" ? 2 : f == "triples" ? 3 : 4); print $i }'
}

# build_peer SIZE NAME PREFIX CORPUS DIR: R builds into fresh stores
build_peer() {
    local n=$1 name=$2 prefix=$3 corpus=$4 dir=$5 r tws="" ins="" rss="" du=""
    local store=$dir/store-$name want=$runs
    for ((r = 1; r <= want; r++)); do
        rm -rf "$store"
        cap=$build_timeout_s timed "$dir/build-$name-$r" "$D" build --store "$prefix$store" "$corpus"
        if [ "$RC" = 124 ]; then
            rec "$n" "$name" build_s "" "timed out after $build_timeout_s s"
            return 1
        elif [ "$RC" != 0 ]; then
            rec "$n" "$name" build_s "" "failed: $(grep -m1 error "$dir/build-$name-$r.err" || tail -1 "$dir/build-$name-$r.err")"
            return 1
        fi
        tws+=" $T"
        ins+=" $(built_field secs "$dir/build-$name-$r.err")"
        rss+=" $RSS_KB"
        du+=" $(store_bytes "$store")"
        note "  build $name run $r: $T s, $(built_field triples "$dir/build-$name-$r.err") triples, $((RSS_KB / 1024)) MiB"
        if [ "$r" = 1 ] && [ "$want" -gt 1 ] && fgt "$T" 120; then
            want=1
            rec "$n" "$name" build_note "" "one build only: the first took $T s"
        fi
    done
    local last=$dir/build-$name-$((r - 1)).err
    rec "$n" "$name" build_s "$tws"
    rec "$n" "$name" build_inner_s "$ins"
    rec "$n" "$name" build_rss_kb "$rss"
    rec "$n" "$name" store_bytes "$du"
    rec "$n" "$name" built_articles "$(built_field articles "$last")"
    rec "$n" "$name" built_sentences "$(built_field sentences "$last")"
    rec "$n" "$name" built_triples "$(built_field triples "$last")"
    rate[$name]=$(awk -v t="${tws##* }" -v n="$(built_field triples "$last")" 'BEGIN { printf "%.9f", (n > 0 ? t / n : 0) }')
    return 0
}

# rows KIND FILE: the number of result rows of a diplograph -f json output
# (KIND query) or of lines of `stats` (KIND stats)
rows() {
    if [ "$1" = stats ]; then
        grep -c . "$2" || true
        return 0
    fi
    python3 -c '
import json, sys
try:
    d = json.load(open(sys.argv[1]))
except Exception:
    print(sum(1 for l in open(sys.argv[1]) if l.strip() and not l.startswith("@")))
    sys.exit(0)
print(len(d["results"]["bindings"]) if "results" in d else 1)' "$2"
}

# dg_cmd KIND FILE: the diplograph command line of a figure, in CMD
dg_cmd() {
    if [ "$1" = stats ]; then
        CMD=("$D" stats --store "$store")
    else
        CMD=("$D" query --store "$store" -f json "$2")
    fi
}

# measure SIZE NAME KIND FILE DIR: one figure of the speed table on the
# default store: a first run under /usr/bin/time -v (warm-up, rows, peak
# RSS), then N timed runs with hyperfine, each batch of a fast figure
# preceded by as many runs of the empty query (start-up) for "net".
measure() {
    local n=$1 name=$2 kind=$3 file=$4 dir=$5 k pfx times="" nrows
    pfx=$dir/q-$name
    if [ -n "${qslow[$name]:-}" ]; then
        rec "$n" default "query:$name" "" "skipped: timed out (> $timeout_s s) at ${qslow[$name]} articles"
        return 0
    fi
    if [ -n "${qlast[default/$name]:-}" ]; then
        local pred
        pred=$(echo "${qlast[default/$name]}" | awk -v t="$triples" '{ printf "%.1f", ($2 > 0 ? $1 * t / $2 : 0) }')
        if fgt "$pred" "$timeout_s"; then
            rec "$n" default "query:$name" "" "skipped: predicted $pred s (> $timeout_s s), linear in triples from the previous size"
            note "  $name: skipped (predicted $pred s)"
            return 0
        fi
    fi
    dg_cmd "$kind" "$file"
    timed "$pfx-probe" "${CMD[@]}"
    if [ "$RC" = 124 ]; then
        qslow[$name]=$n
        rec "$n" default "query:$name" "" "timeout: > $timeout_s s"
        note "  $name: timeout"
        return 0
    elif [ "$RC" != 0 ]; then
        rec "$n" default "query:$name" "" "error: $(head -1 "$pfx-probe.err")"
        note "  $name: error"
        return 0
    fi
    nrows=$(rows "$kind" "$pfx-probe.out")
    rec "$n" default "rows:$name" "$nrows"
    rec "$n" default "rss_kb:$name" "$RSS_KB"
    # one more run, sampled: the heap (RssAnon) apart from the store's
    # mapped pages (RssFile), which the peak RSS above counts too
    if python3 "$here/rss-sample.py" "$pfx.rss" "${CMD[@]}" 2>/dev/null; then
        rec "$n" default "anon_kb:$name" "$(cut -d' ' -f1 "$pfx.rss")"
        rec "$n" default "file_kb:$name" "$(cut -d' ' -f2 "$pfx.rss")"
    fi
    qlast[default/$name]="$T $triples"
    k=$runs
    if fgt 0.5 "$T"; then
        k=$((runs < 10 ? 10 : runs))
    fi
    if fgt "$(fmul "$T" "$runs")" "$skip_s" || fgt "$T" "$(fmul "$timeout_s" 0.25)"; then
        rec "$n" default "query:$name" "$T" "one run only: $T s"
        note "  $name: $T s (one run), $nrows rows"
        return 0
    fi
    local paired=0 stimes=""
    [ "$name" = startup ] || paired=1
    local -a scmd=("$D" query --store "$store" -f json "$here/queries/startup.rq")
    if have hyperfine; then
        local cmds=()
        [ "$paired" = 1 ] && cmds+=("$(printf '%q ' "${scmd[@]}")")
        cmds+=("$(printf '%q ' "${CMD[@]}")")
        hyperfine -N --runs "$k" --warmup 1 --time-unit second --style none \
            --export-json "$pfx.json" --output=null -- "${cmds[@]}" \
            >"$pfx.hf" 2>&1 || true
        times=$(python3 -c 'import json,sys; print(" ".join("%.6f" % t for t in json.load(open(sys.argv[1]))["results"][-1]["times"]))' "$pfx.json" 2>/dev/null || true)
        [ "$paired" = 1 ] && stimes=$(python3 -c 'import json,sys; print(" ".join("%.6f" % t for t in json.load(open(sys.argv[1]))["results"][0]["times"]))' "$pfx.json" 2>/dev/null || true)
        # CPU time (user + system, mean over the runs): less sensitive
        # to the other work on the machine than wall clock
        rec "$n" default "cpu:$name" "$(python3 -c 'import json,sys; r = json.load(open(sys.argv[1]))["results"][-1]; print("%.6f" % (r["user"] + r["system"]))' "$pfx.json" 2>/dev/null || true)"
        [ "$paired" = 0 ] || rec "$n" default "startup_cpu:$name" "$(python3 -c 'import json,sys; r = json.load(open(sys.argv[1]))["results"][0]; print("%.6f" % (r["user"] + r["system"]))' "$pfx.json" 2>/dev/null || true)"
    fi
    if [ -z "$times" ]; then
        stimes=""
        for ((r = 1; r <= k; r++)); do
            if [ "$paired" = 1 ]; then
                timed "$pfx-s$r" "${scmd[@]}"
                stimes+=" $T"
            fi
            timed "$pfx-$r" "${CMD[@]}"
            [ "$RC" = 0 ] || break
            times+=" $T"
        done
    fi
    [ -z "$stimes" ] || rec "$n" default "startup:$name" "$stimes"
    rec "$n" default "query:$name" "$times"
    note "  $name: $(echo "$times" | awk '{ printf "%s", $1 }') s ... ($k runs), $nrows rows, $((RSS_KB / 1024)) MiB"
}

IFS=, read -r -a size_list <<<"$sizes"
for n in "${size_list[@]}"; do
    note "=== $n articles ($(cut -d' ' -f1-3 /proc/loadavg))"
    corpus=$work/corpus-$n
    dir=$work/size-$n
    mkdir -p "$dir"
    python3 "$here/gen-corpus.py" --seed "$seed" --data "$DIPLOGRAPH_DATADIR" "$n" "$corpus"
    cbytes=$(corpus_bytes "$corpus")
    rec "$n" corpus bytes "$cbytes"
    rec "$n" corpus articles "$(find "$corpus" -name '*.txt' | wc -l)"
    rec "$n" meta load_avg "" "$(cut -d' ' -f1-3 /proc/loadavg)"

    # -- build: the default store, then the other storages on the same corpus
    if ! build_peer "$n" default "" "$corpus" "$dir"; then
        note "the default build failed at $n articles: stopping here"
        break
    fi
    triples=$(built_field triples "$dir/build-default-1.err")
    store=$dir/store-default
    for p in "${peers[@]:1}"; do
        name=${p%%|*} prefix=${p#*|}
        if [ -n "${rate[$name]:-}" ]; then
            pred=$(fmul "${rate[$name]}" "$triples")
            if fgt "$pred" "$skip_s"; then
                rec "$n" "$name" build_s "" "skipped: predicted $(printf '%.0f' "$pred") s > $skip_s s from the previous size"
                note "  build $name: skipped (predicted $pred s)"
                continue
            fi
        fi
        build_peer "$n" "$name" "$prefix" "$corpus" "$dir" || true
        rm -rf "$dir/store-$name"
    done

    # -- extraction only
    if [ -n "$xbench" ]; then
        x=""
        for ((r = 1; r <= runs; r++)); do
            find "$corpus" -name '*.txt' | sort | "$xbench" "$DIPLOGRAPH_DATADIR" >"$dir/extract-$r.out"
            x+=" $(sed -n 's/.*sentences=\([0-9]*\).*cpu_s=\([0-9.]*\).*/\2/p' "$dir/extract-$r.out")"
        done
        rec "$n" extract cpu_s "$x"
        rec "$n" extract sentences "$(sed -n 's/.*sentences=\([0-9]*\).*/\1/p' "$dir/extract-1.out")"
        rec "$n" extract wall_s "$(for ((r = 1; r <= runs; r++)); do sed -n 's/.*wall_s=\([0-9.]*\).*/\1/p' "$dir/extract-$r.out"; done | xargs)"
        note "  extract: cpu$x s"
    else
        timed "$dir/extract-mem" "$D" build --store memory: "$corpus"
        rec "$n" extract build_memory_s "$T" "build --store memory: (extraction plus librdf memory store)"
    fi

    # -- export (N-Quads) and the I/O floor
    e=""
    want=$runs
    for ((r = 1; r <= want; r++)); do
        cap=$build_timeout_s timed "$dir/export-$r" "$D" export --store "$store" -f nquads -o "$dir/all.nq"
        [ "$RC" = 0 ] || die "export failed: $(head -1 "$dir/export-$r.err")"
        e+=" $T"
        if [ "$r" = 1 ] && fgt "$T" 30; then want=1; fi
    done
    rec "$n" default export_s "$e"
    rec "$n" default export_quads "$(wc -l <"$dir/all.nq")"
    rec "$n" default export_bytes "$(stat -c %s "$dir/all.nq")"
    if have rapper; then
        e=""
        want=$runs
        for ((r = 1; r <= want; r++)); do
            cap=$build_timeout_s timed "$dir/rapper-$r" rapper -q -i nquads -c "$dir/all.nq"
            e+=" $T"
            if [ "$r" = 1 ] && fgt "$T" 30; then want=1; fi
        done
        rec "$n" rapper parse_s "$e"
    fi

    # -- the queries: the shipped ones, stats, and the bench's own
    qdir=$dir/queries
    rm -rf "$qdir" && mkdir -p "$qdir"
    for f in "$top"/queries/*.rq; do
        [ -e "$f" ] && cp "$f" "$qdir/"
    done
    cp "$here/queries/join-date.rq" "$qdir/bench-join-date.rq"
    cp "$here/queries/count.rq" "$qdir/bench-count.rq"
    mid=$(find "$corpus" -name '*.txt' -printf '%f\n' | sort | sed -n "$((n / 2 + 1))p")
    mid=${mid%.txt}
    subj=$(grep -m1 -o "^<[^>]*/event/$mid/[^>]*>" "$dir/all.nq" || true)
    if [ -z "$subj" ]; then
        subj=$(grep -m1 -o "^<[^>]*/article/$mid>" "$dir/all.nq" || true)
    fi
    [ -n "$subj" ] || subj="<https://w3id.org/diplograph/id/article/$mid>"
    printf '# bench: bound-subject lookup\nSELECT ?p ?o WHERE { %s ?p ?o }\n' "$subj" >"$qdir/bench-lookup.rq"
    rec "$n" meta lookup_subject "" "$subj"
    # what `stats` asks the engine, for --explain
    printf 'SELECT ?type (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?type } GROUP BY ?type ORDER BY ?type\n' >"$dir/stats-types.rq"
    qnames=()
    for f in "$qdir"/*.rq; do qnames+=("$(basename "$f" .rq)"); done
    note "  queries ($(cut -d' ' -f1-3 /proc/loadavg))"
    measure "$n" startup query "$here/queries/startup.rq" "$dir"
    measure "$n" stats stats "" "$dir"
    for q in "${qnames[@]}"; do
        measure "$n" "$q" query "$qdir/$q.rq" "$dir"
    done
    # every plan, for the report's "why" of a slow figure
    for q in "${qnames[@]}" stats; do
        f=$qdir/$q.rq
        [ "$q" = stats ] && f=$dir/stats-types.rq
        timeout 60 "$D" query --store "$store" --explain "$f" >"$dir/explain-$q.txt" 2>&1 || true
    done
    rec "$n" meta explain_dir "" "$dir"

    # -- Oxigraph on the same data: the export without the ontology graph,
    # which diplograph's default graph leaves out too
    if [ "$oxigraph" = 1 ]; then
        grep -v -F " $ONTOLOGY ." "$dir/all.nq" >"$dir/ox.nq" || true
        rec "$n" oxigraph dropped_quads "$(($(wc -l <"$dir/all.nq") - $(wc -l <"$dir/ox.nq")))"
        args=()
        for q in stats "${qnames[@]}"; do
            if [ -n "${qlast[oxigraph/$q]:-}" ]; then
                pred=$(echo "${qlast[oxigraph/$q]}" | awk -v t="$triples" '{ printf "%.1f", ($2 > 0 ? $1 * t / $2 : 0) }')
                if fgt "$pred" "$timeout_s"; then
                    rec "$n" oxigraph "query:$q" "" "skipped: predicted $pred s (> $timeout_s s), linear in triples from the previous size"
                    continue
                fi
            fi
            if [ "$q" = stats ]; then args+=("stats=@stats"); else args+=("$q=$qdir/$q.rq"); fi
        done
        note "  oxigraph ($(cut -d' ' -f1-3 /proc/loadavg))"
        cap=$build_timeout_s timed "$dir/oxigraph" node "$here/oxigraph-bench.mjs" --nquads "$dir/ox.nq" \
            --runs "$runs" --timeout "$timeout_s" --out "$dir/oxigraph.json" "${args[@]}"
        if [ "$RC" = 0 ]; then
            : >"$dir/oxigraph.last"
            python3 - "$dir/oxigraph.json" "$n" "$RSS_KB" "$T" "$dir/oxigraph.last" >>"$rec_file" <<'EOF'
import json, sys
d, n, rss, wall = json.load(open(sys.argv[1])), int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
def rec(metric, values, note=""):
    print(json.dumps({"size": n, "peer": "oxigraph", "metric": metric, "values": values, "note": note}))
rec("load_s", [d["load_s"]])
rec("quads", [d["quads"]])
rec("rss_kb", [rss])
rec("rss_after_load_kb", [d["rss_after_load_mb"] * 1024])
rec("process_s", [wall])
if d.get("reloads"):
    rec("reloads", [d["reloads"]], "the data was loaded again %d time(s) after a query timed out" % d["reloads"])
for name, q in d["queries"].items():
    if "error" in q:
        rec("query:" + name, [], "error: " + q["error"])
    elif "timeout" in q:
        rec("query:" + name, [], "timeout: > %g s" % q["timeout"])
        with open(sys.argv[5], "a") as fp:
            fp.write("%s %.6f\n" % (name, q["timeout"] * 2))
    else:
        rec("query:" + name, q["times_s"], q.get("note", ""))
        rec("rows:" + name, [q["rows"]])
        rec("rss_kb:" + name, [q["rss_mb"] * 1024])
        with open(sys.argv[5], "a") as fp:
            fp.write("%s %.6f\n" % (name, max(q["times_s"])))
EOF
            while read -r q t; do
                qlast[oxigraph/$q]="$t $triples"
            done <"$dir/oxigraph.last"
        else
            rec "$n" oxigraph load_s "" "failed (exit $RC after $T s, peak RSS $((RSS_KB / 1024)) MiB): $(grep -v '^ *at ' "$dir/oxigraph.err" | tail -3 | tr '\n' ' ')"
        fi
        rm -f "$dir/ox.nq"
    fi

    # -- render
    if [ "$has_render" = 1 ]; then
        e=""
        for ((r = 1; r <= runs; r++)); do
            timed "$dir/render-$r" "$D" render --store "$store" -K sfdp -T svg \
                --limit 1000 -o "$dir/render.svg" "$here/queries/render-network.rq"
            [ "$RC" = 0 ] || break
            e+=" $T"
        done
        if [ -n "$e" ]; then
            rec "$n" default render_s "$e"
            rec "$n" default render_nodes "$(grep -c 'class="node"' "$dir/render.svg" || true)"
        else
            rec "$n" default render_s "" "failed: $(head -1 "$dir/render-$r.err")"
        fi
    fi
done

meta load_end "$(cut -d' ' -f1-3 /proc/loadavg)"
meta total_s "$(elapsed "$t_all0" "$(now)")"
python3 "$here/report.py" "$rec_file" >"$results.tmp"
mv "$results.tmp" "$results"
note "wrote $results ($(elapsed "$t_all0" "$(now)") s)"
