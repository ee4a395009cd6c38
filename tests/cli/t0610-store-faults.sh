#!/bin/sh
# t0610: the lmdb store under faults: damage is reported (never a quiet
# wrong answer), a full disk is one error line and leaves the store
# usable, a read-only store can be read by another user; check, backup
. "$DG_SRC/tests/lib.sh"
seeds="$DG_SRC/seeds"

# copy_store SRC DST: a store directory copied without its lock file
copy_store() { mkdir "$2" && cp "$1/data.mdb" "$2/"; }

# damage FILE MODE SEED: random bytes over four data pages (pages), or
# three bytes flipped in every data page (flip), at offsets fixed by SEED;
# the two meta pages are left alone.  MODE dupkey: in every leaf page of
# quad index keys (32-byte keys, empty values), the second key becomes a
# copy of the third: keys out of order wherever an index is read
damage() {
    python3 - "$@" <<'EOF'
import random, sys
path, mode, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
data = bytearray(open(path, 'rb').read())
ps, r = 4096, random.Random(seed)
npages = len(data) // ps
def u16(o): return data[o] | data[o + 1] << 8
if mode == 'pages':
    for pg in r.sample(range(2, npages), 4):
        data[pg * ps:(pg + 1) * ps] = bytes(r.getrandbits(8) for _ in range(ps))
elif mode == 'dupkey':
    hit = 0
    for pg in range(2, npages):
        b = pg * ps
        if u16(b + 10) != 0x02:  # flags: a plain leaf page
            continue
        n = (u16(b + 12) - 16) // 2  # lower: end of the node offsets
        nodes = [b + u16(b + 16 + 2 * i) for i in range(n)]
        if n < 3 or any(u16(o + 6) != 32 or u16(o) or u16(o + 2)
                        for o in nodes):
            continue
        data[nodes[1] + 8:nodes[1] + 40] = data[nodes[2] + 8:nodes[2] + 40]
        hit += 1
    assert hit >= 6, hit
else:
    for pg in range(2, npages):
        for _ in range(3):
            data[pg * ps + r.randrange(16, ps)] ^= 0xff
open(path, 'wb').write(data)
EOF
}

# replace FILE OLD NEW: the bytes OLD (once, same length) become NEW
replace() {
    python3 - "$@" <<'EOF'
import sys
path, old, new = sys.argv[1], sys.argv[2].encode(), sys.argv[3].encode()
data = open(path, 'rb').read()
assert len(old) == len(new) and data.count(old) == 1, data.count(old)
open(path, 'wb').write(data.replace(old, new))
EOF
}

expect_success 'build the seeds; check says ok with the counts' '
    dg -q build --store st "$seeds" &&
    dg check --store st >out 2>err && test ! -s err &&
    grep -q "^ok: [0-9]* quads, [0-9]* terms, 6 graphs$" out &&
    n=$(dg stats --store st | sed -n "s/^triples	//p") &&
    grep -q "^ok: $n quads" out'
dg export --store st -f nquads 2>/dev/null | LC_ALL=C sort >good.nq

expect_success 'data.mdb of a small store is small on disk and in ls -l' '
    size=$(wc -c <st/data.mdb) && test "$size" -lt 4194304'

# ---- damage that the open catches

copy_store st empty && : >empty/data.mdb
expect_failure 1 'a zero-length data.mdb is an error, not an empty store' '
    dg export --store empty -f nquads >out 2>err ||
        { st=$?; one_line_error err "damaged: its data.mdb is empty" &&
          test ! -s out && exit $st; }'
expect_failure 1 'build refuses it too, and leaves it as it is' '
    dg build --store empty "$seeds" 2>err ||
        { st=$?; one_line_error err "damaged" && test ! -s empty/data.mdb &&
          exit $st; }'

copy_store st short &&
    head -c $(($(wc -c <st/data.mdb) / 2)) st/data.mdb >short/data.mdb
expect_failure 1 'a truncated data.mdb is an error' '
    dg query --store short -e "ASK {}" 2>err ||
        { st=$?; one_line_error err "damaged: its data.mdb is truncated" &&
          exit $st; }'

copy_store st v9 && replace v9/data.mdb "diplograph-lmdb 1" "diplograph-lmdb 9"
expect_failure 1 'a store of another format version is refused' '
    dg query --store v9 -e "ASK {}" 2>err ||
        { st=$?; one_line_error err "format is .diplograph-lmdb 9., this diplograph reads .diplograph-lmdb 1." &&
          exit $st; }'
expect_failure 1 'build refuses it too' '
    dg build --store v9 "$seeds" 2>err ||
        { st=$?; one_line_error err "diplograph-lmdb 9" && exit $st; }'

copy_store st nomagic && replace nomagic/data.mdb "formatdiplograph" "formaxdiplograph"
expect_failure 1 'an LMDB environment without the format record is refused' '
    dg stats --store nomagic 2>err ||
        { st=$?; one_line_error err "not a diplograph store" && exit $st; }'

# ---- damage inside the pages: check reports every copy, reads never
# answer wrongly with exit 0 where check found nothing

for d in pages:1 pages:2 pages:3 pages:4 pages:5 flip:1 flip:2 flip:3 flip:4 flip:5; do
    copy_store st "d-${d%:*}${d#*:}"
    damage "d-${d%:*}${d#*:}/data.mdb" "${d%:*}" "${d#*:}"
done
expect_success 'check exits 1 on each of ten damaged copies, with reasons' '
    for d in d-*; do
        st=0; dg check --store "$d" >out 2>err || st=$?
        test $st -eq 1 || { echo "$d: exit $st"; cat err; exit 1; }
        grep -q "is damaged" err || { echo "$d: no error line"; exit 1; }
    done'
expect_success 'export of a damaged copy fails or gives the whole store' '
    for d in d-*; do
        st=0; dg export --store "$d" -f nquads >out 2>err || st=$?
        if [ $st -eq 0 ]; then
            LC_ALL=C sort out | cmp -s - good.nq ||
                { echo "$d: exit 0 with a wrong export"; exit 1; }
        elif grep -q "Sanitizer" err; then
            echo "$d: crash inside LMDB (under a sanitizer)"
        elif [ $st -eq 1 ]; then
            grep -q "damaged" err || { echo "$d: exit 1 without damaged"; cat err; exit 1; }
        else
            echo "$d: export exit $st (crash inside LMDB)"
        fi
    done'
copy_store st dup && damage dup/data.mdb dupkey 0
expect_failure 1 'index keys out of order: export says damaged' '
    dg export --store dup -f nquads >/dev/null 2>err ||
        { st=$?; one_line_error err "is damaged" && exit $st; }'
expect_failure 1 'query says damaged' '
    dg query --store dup -e "SELECT * { ?s ?p ?o }" >/dev/null 2>err ||
        { st=$?; one_line_error err "is damaged" && exit $st; }'
expect_success 'check names the index keys and the missing quads' '
    ! dg check --store dup >out 2>/dev/null &&
    grep -q "^damaged: index keys of the wrong size, order or value" out &&
    grep -q "^damaged: quads of spoc missing from another index" out'

# ---- backup

expect_success 'backup writes a compact copy; its export is the same' '
    dg backup --store st bk 2>err && one_line_error err "backed up" &&
    test -s bk/data.mdb &&
    test "$(wc -c <bk/data.mdb)" -le "$(wc -c <st/data.mdb)" &&
    dg export --store bk -f nquads | LC_ALL=C sort >bk.nq &&
    cmp good.nq bk.nq && dg check --store bk >/dev/null'
expect_failure 1 'backup into a directory that is not empty is refused' '
    dg backup --store st bk 2>err ||
        { st=$?; one_line_error err "not empty" && exit $st; }'
expect_success 'backup into an empty directory works' '
    mkdir bk2 && dg -q backup --store st bk2 && dg check --store bk2 >/dev/null'
expect_failure 2 'backup without a directory is a usage error' \
    'dg backup --store st 2>/dev/null'

# ---- as root: a full disk, a read-only store of another user

if [ "$(id -u)" = 0 ] && mkdir full && mount -t tmpfs -o size=2m tmpfs full 2>/dev/null; then
    trap 'umount "$T/full" 2>/dev/null; rm -rf "$T"' EXIT
    python3 "$DG_SRC/bench/gen-corpus.py" 100 corpus >/dev/null
    expect_failure 1 'a full disk: one line, exit 1' '
        dg build --store full/st corpus 2>err ||
            { st=$?; one_line_error err "no space left on device" && exit $st; }'
    mount -o remount,size=64m full
    expect_success 'with space again the store checks ok and a new build works' '
        dg check --store full/st >out && grep -q "^ok: " out &&
        dg -q build --store full/st corpus &&
        dg check --store full/st >out && grep -q ", 101 graphs$" out'
    # one LMDB commit per article (no group commit): what was committed
    # before the disk filled is still there
    rm -rf full/st && mount -o remount,size=2m full
    expect_failure 1 'a full disk with a commit per article: one line, exit 1' '
        DIPLOGRAPH_LMDB_OPTIONS="sync=meta" dg build --store full/st corpus 2>err ||
            { st=$?; one_line_error err "no space left on device" && exit $st; }'
    mount -o remount,size=64m full
    expect_success 'the articles committed before are kept, the store checks ok' '
        dg check --store full/st >out && grep -q "^ok: " out &&
        g=$(dg stats --store full/st | sed -n "s/^graphs	//p") &&
        test "$g" -ge 2 &&
        dg export --store full/st -f nquads | grep -c . >n &&
        test "$(cat n)" -gt 216'
    umount full
else
    tap_n=$((tap_n + 1))
    echo "ok $tap_n - full disk # SKIP needs root to mount a tmpfs"
fi

if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
    as_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
    copy_store st ro && chmod 0444 ro/data.mdb && chmod 0555 ro && chmod 0755 "$T"
    expect_success 'another user reads a read-only store (no lock file there)' '
        as_nobody "$DG_BIN" export --store "$T/ro" -f nquads | LC_ALL=C sort >ro.nq &&
        cmp good.nq ro.nq &&
        as_nobody "$DG_BIN" check --store "$T/ro" | grep -q "^ok: "'
    chmod 0755 ro && cp st/lock.mdb ro/ && chmod 0444 ro/lock.mdb ro/data.mdb &&
        chmod 0555 ro
    expect_success 'and with a lock file it may not write' '
        as_nobody "$DG_BIN" query --store "$T/ro" -f tsv \
            -e "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }" >out &&
        test "$(sed -n 2p out)" -gt 0'
    expect_failure 1 'but it cannot build into it' '
        as_nobody "$DG_BIN" build --store "$T/ro" "$seeds" 2>/dev/null'
    chmod 0755 ro
else
    tap_n=$((tap_n + 1))
    echo "ok $tap_n - read-only store of another user # SKIP needs root and setpriv"
fi

done_testing
