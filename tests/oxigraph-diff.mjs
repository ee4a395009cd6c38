// oxigraph-diff.mjs: run one SPARQL query in Oxigraph and compare its
// results with diplograph's (rasqal's) results for the same query and data.
//
//   node tests/oxigraph-diff.mjs DATA.nq QUERY.rq DIPLOGRAPH.json
//
// DATA.nq is the store exported by `diplograph export -f nquads`; it is
// loaded into an in-memory Oxigraph store and the query runs with the
// default graph as the union of all named graphs, as diplograph's default
// graph is.  DIPLOGRAPH.json is `diplograph query -f json QUERY.rq` (W3C
// SPARQL 1.1 Query Results JSON; CONSTRUCT results as subject/predicate/
// object rows).  The oxigraph package must be resolvable: run with
// NODE_PATH pointing at the node_modules folder that holds it.
//
// What is compared:
//   SELECT     the projected variables (in order, when diplograph returned
//              rows: librdf writes "vars": [] for an empty result), then the
//              solutions as multisets (sorted canonical rows); when the
//              query ends with ORDER BY, also the sequence of the ORDER BY
//              keys that are plain variables (?x, ASC(?x), DESC(?x)), so
//              diplograph's order must match Oxigraph's on those keys;
//   CONSTRUCT  the sets of triples;
//   ASK        the boolean.
// Terms are compared as RDF terms: IRIs; literals by lexical form and
// datatype, a simple literal being xsd:string (RDF 1.1) and a language
// literal rdf:langString with its tag lowercased; numbers of the XSD
// integer types by integer value, decimals and doubles by value; blank
// nodes all equal (their labels are local to each engine).  An unbound
// variable (librdf writes {"type": "unbound"}) is left out of its row.
//
// Exit status: 0 the engines agree, 1 they disagree (the differences on
// stdout), 2 an error (a message on stderr).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const XSD = "http://www.w3.org/2001/XMLSchema#";
const RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString";
const INTEGER_TYPES = new Set(
  [
    "integer", "int", "long", "short", "byte", "nonNegativeInteger",
    "positiveInteger", "nonPositiveInteger", "negativeInteger",
    "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte",
  ].map((t) => XSD + t),
);
const REAL_TYPES = new Set(["decimal", "double", "float"].map((t) => XSD + t));
const MAX_SHOWN = 15;

function die(msg) {
  process.stderr.write(`oxigraph-diff: error: ${msg}\n`);
  process.exit(2);
}

if (process.argv.length !== 5)
  die("usage: node oxigraph-diff.mjs DATA.nq QUERY.rq DIPLOGRAPH.json");
const [dataFile, queryFile, dgFile] = process.argv.slice(2);

let ox;
try {
  // NODE_PATH is honoured by require(), not by import.
  ox = createRequire(import.meta.url)("oxigraph");
} catch (e) {
  die(`cannot load the oxigraph package (set NODE_PATH): ${e.message}`);
}

function read(path) {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    die(`cannot read '${path}': ${e.message}`);
  }
}

// ---- canonical terms -------------------------------------------------------

function canonNumber(lex, dt) {
  const s = lex.trim();
  if (INTEGER_TYPES.has(dt)) {
    try {
      return `${BigInt(s)}^^${XSD}integer`;
    } catch {
      return null;
    }
  }
  if (REAL_TYPES.has(dt)) {
    const v = Number(s.replace(/^\+/, ""));
    return Number.isNaN(v) && !/^nan$/i.test(s) ? null : `${v}^^real`;
  }
  return null;
}

// A term as SPARQL JSON gives it ({type, value, datatype?, "xml:lang"?}).
function canonJson(t) {
  if (!t || t.type === "unbound") return null;
  switch (t.type) {
    case "uri":
      return `<${t.value}>`;
    case "bnode":
      return "_:";
    case "literal":
    case "typed-literal": {
      const lang = t["xml:lang"];
      if (lang) return `${JSON.stringify(t.value)}@${lang.toLowerCase()}`;
      const dt = t.datatype || XSD + "string";
      const n = canonNumber(t.value, dt);
      if (n) return n;
      return `${JSON.stringify(t.value)}^^<${dt}>`;
    }
    default:
      die(`unknown term type '${t.type}' in a result`);
  }
}

// A term as an RDF/JS object from oxigraph.
function canonTerm(t) {
  switch (t.termType) {
    case "NamedNode":
      return `<${t.value}>`;
    case "BlankNode":
      return "_:";
    case "Literal": {
      if (t.language) return `${JSON.stringify(t.value)}@${t.language.toLowerCase()}`;
      const dt = t.datatype ? t.datatype.value : XSD + "string";
      if (dt === RDF_LANGSTRING) return `${JSON.stringify(t.value)}@`;
      const n = canonNumber(t.value, dt);
      if (n) return n;
      return `${JSON.stringify(t.value)}^^<${dt}>`;
    }
    default:
      die(`unexpected term type '${t.termType}'`);
  }
}

function rowKey(row, vars) {
  return vars.map((v) => (row[v] === undefined ? "-" : row[v])).join("\t");
}

// ---- the ORDER BY keys of the outer query ----------------------------------

function stripComments(q) {
  // drop # comments outside strings and IRIs (enough for our queries)
  return q
    .split("\n")
    .map((line) => {
      let inStr = null;
      let inIri = false;
      for (let i = 0; i < line.length; i++) {
        const c = line[i];
        if (inStr) {
          if (c === "\\") i++;
          else if (c === inStr) inStr = null;
        } else if (inIri) {
          if (c === ">") inIri = false;
        } else if (c === '"' || c === "'") inStr = c;
        else if (c === "<" && /^<[^\s<>"{}|^`\\]*>/.test(line.slice(i))) inIri = true;
        else if (c === "#") return line.slice(0, i);
      }
      return line;
    })
    .join("\n");
}

// Returns the list of {v, desc} for the outer ORDER BY, up to its first key
// that is not a plain variable; [] when there is none.
function orderKeys(query) {
  const q = stripComments(query);
  const tail = q.slice(q.lastIndexOf("}") + 1);
  const m = /ORDER\s+BY\s+([\s\S]*?)(?:\bLIMIT\b|\bOFFSET\b|$)/i.exec(tail);
  if (!m) return [];
  const keys = [];
  const re = /\s*(?:(ASC|DESC)\s*\(\s*[?$](\w+)\s*\)|[?$](\w+))\s*/iy;
  let rest = m[1].trim();
  while (rest.length) {
    re.lastIndex = 0;
    const k = re.exec(rest);
    if (!k) break; // an expression key: stop here
    if (k[2]) keys.push({ v: k[2], desc: /desc/i.test(k[1]) });
    else keys.push({ v: k[3], desc: false });
    rest = rest.slice(re.lastIndex);
  }
  return keys;
}

// ---- run and compare -------------------------------------------------------

const query = read(queryFile);
let dg;
try {
  dg = JSON.parse(read(dgFile));
} catch (e) {
  die(`'${dgFile}' is not valid JSON: ${e.message}`);
}

const store = new ox.Store();
try {
  store.load(read(dataFile), { format: "application/n-quads" });
} catch (e) {
  die(`oxigraph cannot load '${dataFile}': ${e.message}`);
}
let res;
try {
  res = store.query(query, { use_default_graph_as_union: true });
} catch (e) {
  die(`oxigraph cannot run '${queryFile}': ${e.message}`);
}

const problems = [];

function compareMultisets(what, want, got) {
  // want: Oxigraph's canonical rows, got: diplograph's
  const count = (rows) => {
    const m = new Map();
    for (const r of rows) m.set(r, (m.get(r) || 0) + 1);
    return m;
  };
  const w = count(want);
  const g = count(got);
  const missing = [];
  const extra = [];
  for (const [r, n] of w) {
    const d = n - (g.get(r) || 0);
    if (d > 0) missing.push(d > 1 ? `${r}   (x${d})` : r);
  }
  for (const [r, n] of g) {
    const d = n - (w.get(r) || 0);
    if (d > 0) extra.push(d > 1 ? `${r}   (x${d})` : r);
  }
  if (!missing.length && !extra.length) return true;
  problems.push(
    `${what}: Oxigraph ${want.length}, diplograph ${got.length}; ` +
      `${missing.length} missing from diplograph, ${extra.length} extra`,
  );
  missing.sort().slice(0, MAX_SHOWN).forEach((r) => problems.push(`  - ${r}`));
  if (missing.length > MAX_SHOWN) problems.push(`  - ... ${missing.length - MAX_SHOWN} more`);
  extra.sort().slice(0, MAX_SHOWN).forEach((r) => problems.push(`  + ${r}`));
  if (extra.length > MAX_SHOWN) problems.push(`  + ... ${extra.length - MAX_SHOWN} more`);
  return false;
}

let summary;
if (typeof res === "boolean") {
  if (typeof dg.boolean !== "boolean") problems.push("diplograph gave no boolean for ASK");
  else if (dg.boolean !== res) problems.push(`ASK: Oxigraph ${res}, diplograph ${dg.boolean}`);
  summary = `ASK ${res}`;
} else if (Array.isArray(res) && (res.length === 0 || !(res[0] instanceof Map))
           && /\bCONSTRUCT\b/i.test(stripComments(query))) {
  const want = [...new Set(res.map((q) =>
    [q.subject, q.predicate, q.object].map(canonTerm).join(" ")))];
  const bindings = (dg.results && dg.results.bindings) || [];
  const got = [...new Set(bindings.map((b) =>
    ["subject", "predicate", "object"].map((v) => canonJson(b[v])).join(" ")))];
  compareMultisets("CONSTRUCT triples (as sets)", want, got);
  summary = `CONSTRUCT ${want.length} triples`;
} else if (Array.isArray(res)) {
  // SELECT: oxigraph gives one Map per solution, without unbound variables
  // and without the projection list; take that from its JSON serialization.
  const oxJson = JSON.parse(store.query(query, {
    use_default_graph_as_union: true,
    results_format: "application/sparql-results+json",
  }));
  const vars = oxJson.head.vars;
  const canonRows = (bindings) => bindings.map((b) => {
    const row = {};
    for (const v of vars) {
      const c = canonJson(b[v]);
      if (c !== null) row[v] = c;
    }
    return row;
  });
  const want = canonRows(oxJson.results.bindings);
  const dgVars = (dg.head && dg.head.vars) || [];
  const dgBindings = (dg.results && dg.results.bindings) || [];
  for (const b of dgBindings)
    for (const k of Object.keys(b))
      if (!vars.includes(k) && b[k] && b[k].type !== "unbound")
        problems.push(`diplograph binds ?${k}, which the query does not project`);
  if (dgBindings.length > 0 && dgVars.join(" ") !== vars.join(" "))
    problems.push(`columns: Oxigraph ?${vars.join(" ?")}, diplograph ?${dgVars.join(" ?")}`);
  const got = canonRows(dgBindings);
  const same = compareMultisets("solutions (as multisets)", want.map((r) => rowKey(r, vars)),
                                got.map((r) => rowKey(r, vars)));
  const keys = orderKeys(query).filter((k) => vars.includes(k.v));
  if (same && keys.length) {
    const kv = keys.map((k) => k.v);
    const ws = want.map((r) => rowKey(r, kv));
    const gs = got.map((r) => rowKey(r, kv));
    const i = ws.findIndex((r, j) => r !== gs[j]);
    if (i >= 0)
      problems.push(
        `ORDER BY ?${kv.join(" ?")}: row ${i + 1} differs\n` +
          `  Oxigraph:   ${ws[i]}\n  diplograph: ${gs[i]}`,
      );
  }
  summary = `SELECT ${want.length} rows` +
    (keys.length ? `, order checked on ?${keys.map((k) => k.v).join(" ?")}` : "");
} else {
  die(`unexpected result from oxigraph: ${typeof res}`);
}

if (problems.length) {
  process.stdout.write(`${queryFile}: the engines disagree\n${problems.join("\n")}\n`);
  process.exit(1);
}
process.stdout.write(`${queryFile}: agree (${summary})\n`);
process.exit(0);
