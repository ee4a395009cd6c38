#!/usr/bin/env python3
"""serve-load.py: N concurrent clients against `diplograph serve` for S
seconds, mixing the canned queries (GET /sparql, TSV) and graph writes (PUT
/store of a small graph of their own), then checks that every query answer
equals the answer of the same query on the quiet store, and prints
requests/s and p50/p99 latency as a Markdown table row.

With SLOW > 0, SLOW more clients send, one after another, a query that
never ends by itself (a cross join of the store with itself), which the
server stops at its --timeout (bench/serve-load.sh then sets 2000 ms):
each must answer 503; they are counted apart (a line on stderr), not in
the table.

usage: serve-load.py URL TOKEN QUERIES_DIR [CLIENTS [SECONDS [SLOW]]]
Standard library only.  The store is left with the clients' graphs
(bench/serve-load.sh deletes them at the end)."""
import os, sys, threading, time, urllib.error, urllib.request, urllib.parse, hashlib, random

url, token, qdir = sys.argv[1], sys.argv[2], sys.argv[3]
clients = int(sys.argv[4]) if len(sys.argv) > 4 else 16
seconds = float(sys.argv[5]) if len(sys.argv) > 5 else 60
slow_clients = int(sys.argv[6]) if len(sys.argv) > 6 else 0
SLOW_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
queries = {}
for f in sorted(os.listdir(qdir)):
    if f.endswith(".rq"):
        queries[f] = open(os.path.join(qdir, f), encoding="utf-8").read()

def ask(q):
    req = urllib.request.Request(url + "/sparql?" + urllib.parse.urlencode({"query": q}),
                                 headers={"Accept": "text/tab-separated-values, application/n-triples;q=0.9"})
    with urllib.request.urlopen(req, timeout=120) as r:
        return r.status, r.read()

def put(graph, body):
    req = urllib.request.Request(url + "/store?" + urllib.parse.urlencode({"graph": graph}),
                                 data=body, method="PUT",
                                 headers={"Content-Type": "application/n-triples",
                                          "Authorization": "Bearer " + token})
    with urllib.request.urlopen(req, timeout=120) as r:
        return r.status, r.read()

# the quiet answers: the clients' graphs add no triple the queries see
# (their predicate is outside the vocabulary)
quiet = {f: hashlib.sha256(ask(q)[1]).hexdigest() for f, q in queries.items()}
lat = {"query": [], "put": [], "slow": []}
bad = []
lock = threading.Lock()
stop = time.time() + seconds

def client(i):
    rnd = random.Random(i)
    n = 0
    while time.time() < stop:
        n += 1
        t0 = time.time()
        try:
            if rnd.random() < 0.2:
                g = "urn:x-load:client-%d" % i
                body = ("<urn:x-load:s%d> <urn:x-load:p> \"%d\" .\n" % (i, n)).encode()
                st, _ = put(g, body)
                kind, ok = "put", st in (200, 201, 204)
            else:
                f = rnd.choice(sorted(queries))
                st, data = ask(queries[f])
                kind, ok = "query", st == 200 and hashlib.sha256(data).hexdigest() == quiet[f]
        except Exception as e:  # noqa: BLE001 - any failure is a failed request
            kind, ok = "error", False
            with lock:
                bad.append(str(e)[:200])
        dt = time.time() - t0
        with lock:
            if kind in lat:
                lat[kind].append(dt)
            if not ok and kind != "error":
                bad.append("%s answer differs or status" % kind)

def slow_client(i):
    while time.time() < stop:
        t0 = time.time()
        try:
            ask(SLOW_QUERY)
            ok = False  # it must time out
        except urllib.error.HTTPError as e:
            ok = e.code == 503
        except Exception:  # noqa: BLE001
            ok = False
        with lock:
            lat["slow"].append(time.time() - t0)
            if not ok:
                bad.append("slow query did not answer 503")

ts = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
ts += [threading.Thread(target=slow_client, args=(i,)) for i in range(slow_clients)]
t0 = time.time()
for t in ts:
    t.start()
for t in ts:
    t.join()
wall = time.time() - t0

def pct(v, p):
    v = sorted(v)
    return v[min(len(v) - 1, int(p * len(v)))] if v else 0

total = len(lat["query"]) + len(lat["put"])
print("| clients | seconds | requests | requests/s | query p50 ms | query p99 ms | PUT p50 ms | PUT p99 ms | failed |")
print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
print("| %d | %.0f | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %d |" % (
    clients, wall, total, total / wall, 1000 * pct(lat["query"], .5), 1000 * pct(lat["query"], .99),
    1000 * pct(lat["put"], .5), 1000 * pct(lat["put"], .99), len(bad)))
if slow_clients:
    print("slow clients: %d, %d slow queries, p50 %.0f ms" % (
        slow_clients, len(lat["slow"]), 1000 * pct(lat["slow"], .5)), file=sys.stderr)
for b in bad[:5]:
    print("failed:", b, file=sys.stderr)
sys.exit(1 if bad else 0)
