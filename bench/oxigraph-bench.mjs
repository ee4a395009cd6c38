// oxigraph-bench.mjs: the Oxigraph side of diplograph's benchmark.
//
// usage: node oxigraph-bench.mjs --nquads FILE [--runs N] [--timeout S]
//                                [--out FILE.json] NAME=QUERY.rq...
//
// Loads FILE (N-Quads: the export of a diplograph store without the
// ontology graph, see run.sh) into an in-memory Oxigraph store (npm
// package "oxigraph", WebAssembly) in a worker thread, then runs each query
// once untimed (warm-up, and the row count) and N times timed (at least 10
// when the warm-up took under 0.5 s), with use_default_graph_as_union: true
// so that a query without GRAPH sees the union of the article graphs, as
// it does in diplograph.  Times are wall clock (performance.now()) inside
// the worker: parsing the query, evaluating it and materialising every
// result row; no process start-up.
//
// The query file "@stats" stands for what `diplograph stats` computes: the
// number of quads, the number of named graphs and the distinct subjects of
// each rdf:type (its rows: 2 + one per type, as diplograph prints them).
//
// A query still running after --timeout seconds (default 120) is stopped
// by terminating the worker; the data is loaded again in a new worker for
// the next query.  A query whose warm-up takes over a quarter of --timeout
// is not repeated: its one time is reported.
//
// Writes one JSON object (to --out, else stdout):
//   { "engine": "oxigraph", "version", "node", "quads", "load_s",
//     "rss_after_load_mb", "rss_max_mb", "reloads",
//     "queries": { NAME: { "rows", "times_s": [..], "rss_mb" }
//     or { "error": "..." } or { "timeout": S } } }
import { readFileSync, openSync, readSync, closeSync, writeFileSync }
  from "node:fs";
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";
import { Worker, isMainThread, parentPort, workerData }
  from "node:worker_threads";

const require = createRequire(import.meta.url);

// ---- the worker: loads the data, answers { name, path, runs, once_s }
function workerMain() {
  const oxigraph = require("oxigraph");
  const { nquads } = workerData;

  // The file as a sequence of chunks cut after a newline, so that a large
  // export never has to fit in one JavaScript string.
  function* chunks(path, size = 16 << 20) {
    const fd = openSync(path, "r");
    let carry = Buffer.alloc(0);
    try {
      for (;;) {
        const buf = Buffer.allocUnsafe(size);
        const n = readSync(fd, buf, 0, size, null);
        if (n === 0) break;
        const data = Buffer.concat([carry, buf.subarray(0, n)]);
        const cut = data.lastIndexOf(10) + 1;
        if (cut > 0) {
          yield data.subarray(0, cut);
          carry = Buffer.from(data.subarray(cut));
        } else {
          carry = data;
        }
      }
      if (carry.length) yield carry;
    } finally {
      closeSync(fd);
    }
  }

  function countRows(res) {
    if (typeof res === "boolean") return 1;
    if (Array.isArray(res)) return res.length;
    if (typeof res === "string") return res.split("\n").length;
    return 0;
  }

  const opts = { use_default_graph_as_union: true };
  const TYPES = "SELECT ?type (COUNT(DISTINCT ?s) AS ?n) " +
    "WHERE { ?s a ?type } GROUP BY ?type ORDER BY ?type";
  const GRAPHS = "SELECT (COUNT(DISTINCT ?g) AS ?n) " +
    "WHERE { GRAPH ?g { ?s ?p ?o } }";

  const store = new oxigraph.Store();
  let t0 = performance.now();
  try {
    for (const c of chunks(nquads)) {
      store.load(c, { format: "application/n-quads" });
    }
  } catch (e) {
    parentPort.postMessage({ loadError: String(e && e.message ? e.message : e) });
    return;
  }
  parentPort.postMessage({
    loaded: true, load_s: (performance.now() - t0) / 1000,
    quads: store.size,
  });

  parentPort.on("message", ({ name, path, runs, once_s }) => {
    const entry = { file: path, times_s: [] };
    let run;
    if (path === "@stats") {
      run = () => {
        const n = store.size;
        const g = store.query(GRAPHS, opts);
        const t = store.query(TYPES, opts);
        return n >= 0 && g.length === 1 ? 2 + t.length : -1;
      };
    } else {
      const q = readFileSync(path, "utf8");
      run = () => countRows(store.query(q, opts));
    }
    try {
      let t = performance.now();
      entry.rows = run();
      const warm = (performance.now() - t) / 1000;
      if (warm > once_s) {
        entry.times_s.push(warm);
        entry.note = `one run only: the first took ${warm.toFixed(1)} s`;
      } else {
        const k = warm < 0.5 ? Math.max(runs, 10) : runs;
        for (let r = 0; r < k; r++) {
          t = performance.now();
          run();
          entry.times_s.push((performance.now() - t) / 1000);
        }
      }
    } catch (e) {
      entry.error = String(e && e.message ? e.message : e).split("\n")[0];
    }
    parentPort.postMessage({ name, entry });
  });
}

// ---- the main thread: options, the worker's life, the timeouts
function usage(msg) {
  process.stderr.write(`oxigraph-bench: ${msg}\n` +
    "usage: node oxigraph-bench.mjs --nquads FILE [--runs N] " +
    "[--timeout S] [--out FILE.json] NAME=QUERY.rq...\n");
  process.exit(2);
}

async function main() {
  const { version } = require("oxigraph/package.json");
  const args = process.argv.slice(2);
  let nquads = null, runs = 3, timeout = 120, out = null;
  const queries = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--nquads") nquads = args[++i];
    else if (a === "--runs") runs = parseInt(args[++i], 10);
    else if (a === "--timeout") timeout = parseFloat(args[++i]);
    else if (a === "--out") out = args[++i];
    else if (a.startsWith("--")) usage(`unknown option '${a}'`);
    else {
      const eq = a.indexOf("=");
      if (eq < 1) usage(`expected NAME=FILE, got '${a}'`);
      queries.push([a.slice(0, eq), a.slice(eq + 1)]);
    }
  }
  if (!nquads) usage("--nquads is required");
  if (!(runs >= 1)) usage("--runs must be a positive integer");

  const result = {
    engine: "oxigraph", version, node: process.version, runs, quads: 0,
    load_s: 0, rss_after_load_mb: 0, rss_max_mb: 0, reloads: 0, queries: {},
  };
  const rss = () => {
    const m = process.memoryUsage().rss / (1 << 20);
    if (m > result.rss_max_mb) result.rss_max_mb = m;
    return m;
  };
  const sampler = setInterval(rss, 200);

  let worker = null, pending = null;
  function start() {
    return new Promise((resolve, reject) => {
      const w = new Worker(new URL(import.meta.url), {
        workerData: { nquads },
      });
      w.once("message", (m) => {
        if (m.loadError) reject(new Error(m.loadError));
        else { worker = w; resolve(m); }
      });
      w.on("message", (m) => {
        if (m.name && pending) { const p = pending; pending = null; p(m.entry); }
      });
      w.once("error", reject);
      w.on("exit", (code) => {
        if (worker === w) worker = null;
        if (pending) {
          const p = pending; pending = null;
          p({ error: `worker exited (code ${code})` });
        }
      });
    });
  }

  let m;
  try {
    m = await start();
  } catch (e) {
    process.stderr.write(`oxigraph-bench: load failed: ${e.message}\n`);
    clearInterval(sampler);
    process.exit(1);
  }
  result.load_s = m.load_s;
  result.quads = m.quads;
  result.rss_after_load_mb = rss();
  process.stderr.write(`oxigraph-bench: loaded ${result.quads} quads in ` +
    `${result.load_s.toFixed(2)} s\n`);

  for (const [name, path] of queries) {
    if (!worker) {
      result.reloads++;
      await start();
    }
    const entry = await new Promise((resolve) => {
      const timer = setTimeout(() => {
        pending = null;
        const w = worker;
        worker = null;
        w.terminate();
        resolve({ file: path, timeout: timeout });
      }, timeout * 1000);
      pending = (e) => { clearTimeout(timer); resolve(e); };
      worker.postMessage({ name, path, runs, once_s: timeout / 4 });
    });
    entry.rss_mb = rss();
    result.queries[name] = entry;
    process.stderr.write(`oxigraph-bench: ${name}: ` +
      (entry.error ? `error: ${entry.error}` :
        entry.timeout ? `timeout (> ${timeout} s)` :
          `${entry.rows} rows, ${entry.times_s.map((x) => x.toFixed(4))
            .join(" ")} s`) + "\n");
  }
  clearInterval(sampler);
  if (worker) await worker.terminate();

  const text = JSON.stringify(result, null, 1) + "\n";
  if (out) writeFileSync(out, text);
  else process.stdout.write(text);
}

if (isMainThread) main();
else workerMain();
