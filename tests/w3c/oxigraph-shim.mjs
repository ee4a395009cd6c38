#!/usr/bin/env node
// oxigraph-shim.mjs: the few `diplograph load` and `diplograph query`
// calls that tests/w3c/run.py makes, answered by Oxigraph (npm package
// `oxigraph`, found through NODE_PATH), to check the runner itself:
//
//   NODE_PATH=DIR/node_modules python3 tests/w3c/run.py \
//       --bin tests/w3c/oxigraph-shim.mjs --known /dev/null
//
// A store is a folder holding data.nq.  Not part of `make check`.
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const ox = require("oxigraph");

function fail(msg, code = 1) {
  process.stderr.write(`diplograph: error: ${msg.split("\n")[0]}\n`);
  process.exit(code);
}

let args = process.argv.slice(2);
if (args[0] === "-q") args = args.slice(1);
const cmd = args.shift();
const opts = {};
const files = [];
while (args.length) {
  const a = args.shift();
  if (a === "--store" || a === "--graph" || a === "-f" ||
      a === "--default-graph" || a === "--timeout" || a === "-e")
    opts[a] = args.shift();
  else if (a === "--default") opts[a] = true;
  else files.push(a);
}
const dir = (opts["--store"] || "").replace(/^lmdb:/, "");
const nq = path.join(dir, "data.nq");

function openStore() {
  const store = new ox.Store();
  if (fs.existsSync(nq))
    store.load(fs.readFileSync(nq, "utf8"), { format: "application/n-quads" });
  return store;
}

const formats = { ".ttl": "text/turtle", ".nt": "application/n-triples",
                  ".rdf": "application/rdf+xml", ".nq": "application/n-quads" };

if (cmd === "load") {
  fs.mkdirSync(dir, { recursive: true });
  const store = openStore();
  for (const f of files) {
    const format = formats[path.extname(f)] || "text/turtle";
    const to_graph_name = opts["--graph"] ? ox.namedNode(opts["--graph"])
                                          : ox.defaultGraph();
    try {
      store.load(fs.readFileSync(f, "utf8"), {
        format, base_iri: pathToFileURL(path.resolve(f)).href, to_graph_name });
    } catch (e) {
      fail(`cannot parse '${f}': ${e}`);
    }
  }
  fs.writeFileSync(nq, store.dump({ format: "application/n-quads" }));
} else if (cmd === "query") {
  if (!fs.existsSync(dir)) fail(`no store at '${dir}'`);
  const store = openStore();
  const text = opts["-e"] ?? fs.readFileSync(files[0], "utf8");
  const mime = { json: "application/sparql-results+json", csv: "text/csv",
                 tsv: "text/tab-separated-values", xml: "application/sparql-results+xml",
                 ntriples: "application/n-triples", turtle: "text/turtle" };
  const run = (f) => store.query(text, {
    results_format: mime[f],
    use_default_graph_as_union: opts["--default-graph"] !== "stored" });
  let out;
  try {
    try {
      out = run(opts["-f"] || "json");
    } catch (e) { // no -f: N-Triples for CONSTRUCT and DESCRIBE
      if (opts["-f"] || !/RDF format/.test(`${e}`)) throw e;
      out = run("ntriples");
    }
  } catch (e) {
    fail(`${e}`);
  }
  process.stdout.write(out);
} else {
  fail(`unknown command '${cmd}'`, 2);
}
