// oxigraph-bench.mjs: the Oxigraph side of diplograph's benchmark.
//
// usage: node oxigraph-bench.mjs --nquads FILE [--runs N] [--timeout S]
//                                [--out FILE.json] NAME=QUERY.rq...
//
// Loads FILE (N-Quads, the export of a diplograph store) into an in-memory
// Oxigraph store (npm package "oxigraph", WebAssembly), then runs each
// query once untimed (warm-up, and the row count) and N times timed, with
// use_default_graph_as_union: true so that a query without GRAPH sees the
// union of the article graphs, as it does in diplograph.  Times are wall
// clock (performance.now()) inside this process: parsing the query,
// evaluating it and materialising every result row; no process start-up.
// Writes one JSON object (to --out, else stdout):
//   { "engine": "oxigraph", "version", "node", "quads", "load_s",
//     "rss_after_load_mb", "queries": { NAME: { "rows", "times_s": [..] }
//     or { "error": "..." } or { "skipped": "..." } } }
// A query whose warm-up takes longer than --timeout seconds (default 120)
// is not repeated: its one time is reported.
import { readFileSync, openSync, readSync, closeSync, writeFileSync }
  from "node:fs";
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";

const require = createRequire(import.meta.url);
const oxigraph = require("oxigraph");
const { version } = require("oxigraph/package.json");

function usage(msg) {
  process.stderr.write(`oxigraph-bench: ${msg}\n` +
    "usage: node oxigraph-bench.mjs --nquads FILE [--runs N] " +
    "[--timeout S] [--out FILE.json] NAME=QUERY.rq...\n");
  process.exit(2);
}

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

const result = {
  engine: "oxigraph", version, node: process.version, runs, quads: 0,
  load_s: 0, rss_after_load_mb: 0, queries: {},
};

const store = new oxigraph.Store();
const t0 = performance.now();
for (const c of chunks(nquads)) {
  store.load(c, { format: "application/n-quads" });
}
result.load_s = (performance.now() - t0) / 1000;
result.quads = store.size;
result.rss_after_load_mb = process.memoryUsage().rss / (1 << 20);
process.stderr.write(`oxigraph-bench: loaded ${result.quads} quads in ` +
  `${result.load_s.toFixed(2)} s\n`);

for (const [name, path] of queries) {
  const q = readFileSync(path, "utf8");
  const opts = { use_default_graph_as_union: true };
  const entry = { file: path, times_s: [] };
  try {
    let t = performance.now();
    const first = store.query(q, opts);
    const warm = (performance.now() - t) / 1000;
    entry.rows = countRows(first);
    if (warm > timeout) {
      entry.times_s.push(warm);
      entry.note = `one run only: the first took ${warm.toFixed(1)} s`;
    } else {
      for (let r = 0; r < runs; r++) {
        t = performance.now();
        store.query(q, opts);
        entry.times_s.push((performance.now() - t) / 1000);
      }
    }
  } catch (e) {
    entry.error = String(e && e.message ? e.message : e).split("\n")[0];
  }
  result.queries[name] = entry;
  process.stderr.write(`oxigraph-bench: ${name}: ` +
    (entry.error ? `error: ${entry.error}` :
      `${entry.rows} rows, ${entry.times_s.map((x) => x.toFixed(4))
        .join(" ")} s`) + "\n");
}

const text = JSON.stringify(result, null, 1) + "\n";
if (out) writeFileSync(out, text);
else process.stdout.write(text);
