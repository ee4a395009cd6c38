// oxigraph-diff.mjs: run SPARQL queries in Oxigraph and compare their
// results with diplograph's results for the same queries and data.
//
//   node tests/oxigraph-diff.mjs DATA.nq QUERY.rq RESULT
//   node tests/oxigraph-diff.mjs --batch DATA.nq LIST
//
// DATA.nq is the store exported by `diplograph export -f nquads`.  RESULT
// is the standard output of `diplograph query -f json QUERY.rq` (W3C SPARQL
// 1.1 Query Results JSON; for CONSTRUCT either subject/predicate/object
// rows in that JSON or N-Triples, as `-f ntriples` writes).  When the file
// RESULT.rc exists it holds diplograph's exit status, and RESULT.err its
// standard error: a query diplograph refuses (status != 0) agrees only
// with a query Oxigraph refuses too.  With --batch, LIST has one
// "QUERY.rq<TAB>RESULT" per line; the data is loaded once, and for every
// query the verdict is written to RESULT.verdict: a first line "agree
// (...)" or "disagree", then the differences and both answers.  The
// oxigraph package must be resolvable: run with NODE_PATH pointing at the
// node_modules folder that holds it.
//
// The dataset.  diplograph's default graph is the RDF merge (each distinct
// triple once) of every graph except the ontology graph
// <https://w3id.org/diplograph/ns>, which is also left out of GRAPH ?g;
// naming it reaches it.  Oxigraph gets the same: the merge is loaded into
// its default graph, every graph as a named graph, and the query runs with
// named_graphs = every graph but the ontology one, or every graph when the
// query text contains <https://w3id.org/diplograph/ns> (so a query that
// both names the ontology graph and enumerates GRAPH ?g is not compared
// faithfully: don't write one).  A query with its own FROM / FROM NAMED
// runs on the dataset it describes.
//
// What is compared, strictly:
//   SELECT     the projected variables, in order; the solutions as
//              multisets, blank nodes matched up to a renaming (one
//              bijection for the whole result: colour refinement, then
//              backtracking); the order, when the outermost query has an
//              ORDER BY (see below);
//   CONSTRUCT  the graphs (sets of triples), equal up to blank node
//              renaming (isomorphic);
//   ASK        the boolean.
// Terms: IRIs exactly; literals by exact lexical form, datatype (a simple
// literal is xsd:string) and language tag.
//
// Allowances, each for a difference SPARQL leaves to the implementation:
//   1. Blank node labels (above).
//   2. Language tags compare case-insensitively (BCP 47 tags are; Oxigraph
//      normalises them to lower case).
//   3. xsd:double and xsd:float compare by value: both engines write a
//      computed double in decimal notation between 1.0E-6 and 1.0E6
//      ("5", "0.1"), but Oxigraph also rewrites the doubles written in a
//      query ("1.0e0" as "1") and writes 1.0E20 as "100000000000000000000".
//   4. xsd:decimal compares exactly, except that an integral value may be
//      written "2" or "2.0": both engines compute XSD 1.1's canonical "2",
//      but Oxigraph also rewrites the decimals written in a query (VALUES
//      ?v { 1.0 } gives "1"), where diplograph keeps a literal as written;
//      and a decimal with more than 15 significant digits (a
//      non-terminating quotient, AVG included) is compared rounded to 15
//      significant digits: the precision of decimal division is
//      implementation-defined (XPath F&O 4.2, at least 18 digits).
//   5. A column that is directly (GROUP_CONCAT(...) AS ?v) in the
//      outermost SELECT compares as the sorted list of its items (split on
//      its SEPARATOR, " " by default): the order of a group's members is
//      undefined.
//   6. A column that is directly (SAMPLE(...) AS ?v) in the outermost
//      SELECT compares only as bound or unbound: any member may be picked.
//   7. Order.  The outermost ORDER BY keys are taken up to the first one
//      that is not a plain variable (?x, ASC(?x), DESC(?x)) or not
//      projected, and up to the first one whose values in Oxigraph's rows
//      mix literals SPARQL does not order (e.g. xsd:date with xsd:gYear,
//      strings with numbers): their relative order is undefined.  When the
//      remaining keys' values are distinct across Oxigraph's rows, the
//      full rows must come in the same order; otherwise the sequences of
//      key values must be equal (rows with equal keys may come in any
//      order).  Blank nodes in keys compare as equal (their order is
//      undefined).  A query whose LIMIT / OFFSET cuts rows with equal keys
//      gives an undefined subset: queries must not do that.
//   8. The columns of SELECT * may come in any order (SPARQL defines the
//      set of in-scope variables, not their order).
//   9. DESCRIBE results are implementation-defined: not compared.
//
// Exit status (single query): 0 the engines agree, 1 they disagree (the
// differences on stdout), 2 an error (a message on stderr).  --batch exits
// 0 when every verdict could be written, 2 otherwise.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const XSD = "http://www.w3.org/2001/XMLSchema#";
const ONTOLOGY = "https://w3id.org/diplograph/ns";
const MAX_SHOWN = 15;
const MAX_ANSWER = 40; // rows of each answer shown on a disagreement

function die(msg) {
  process.stderr.write(`oxigraph-diff: error: ${msg}\n`);
  process.exit(2);
}

let ox;
try {
  // NODE_PATH is honoured by require(), not by import.
  ox = createRequire(import.meta.url)("oxigraph");
} catch (e) {
  die(`cannot load the oxigraph package (set NODE_PATH): ${e.message}`);
}

function read(path) {
  return readFileSync(path, "utf8");
}

// ---- canonical terms -------------------------------------------------------
// A term is a string: <iri>, _:label, or "lexical" followed by @lang or
// ^^<datatype> (nothing for xsd:string); null when unbound.

function sigDigits(lex) {
  const m = /^[+-]?0*(\d*)\.?(\d*)$/.exec(lex.trim());
  if (!m) return 0;
  return (m[1] + m[2]).replace(/^0+/, "").replace(/0+$/, "").length;
}

function canonLiteral(value, dt, lang) {
  const lex = JSON.stringify(value);
  if (lang) return `${lex}@${lang.toLowerCase()}`;
  if (!dt || dt === XSD + "string") return lex;
  if (dt === XSD + "double" || dt === XSD + "float") {
    // allowance 3: by value
    const s = value.trim();
    const v = /^[+-]?INF$/.test(s) ? (s.startsWith("-") ? -Infinity : Infinity) : Number(s);
    if (s === "NaN") return `"NaN"^^<${dt}>`;
    if (!Number.isNaN(v)) return `"${Object.is(v, -0) ? "-0" : String(v)}"^^<${dt}>`;
  } else if (dt === XSD + "decimal" && /^[+-]?\d+\.0*$/.test(value.trim())) {
    // allowance 4: an integral decimal as "N" or "N.0"
    return `"${BigInt(value.trim().replace(/\..*/, ""))}"^^<${dt}>`;
  } else if (dt === XSD + "decimal" && sigDigits(value) > 15) {
    // allowance 4: rounded to 15 significant digits
    const v = Number(value);
    if (!Number.isNaN(v)) return `"~${v.toPrecision(15)}"^^<${dt}>`;
  }
  return `${lex}^^<${dt}>`;
}

// A term as SPARQL JSON gives it ({type, value, datatype?, "xml:lang"?}).
function canonJson(t, problems) {
  if (t === undefined || t === null) return null;
  switch (t.type) {
    case "uri":
      return `<${t.value}>`;
    case "bnode":
      return `_:${t.value}`;
    case "literal":
      return canonLiteral(t.value, t.datatype, t["xml:lang"]);
    default:
      problems.push(`not W3C SPARQL JSON: a term of type '${t.type}'`);
      return `?${t.type}`;
  }
}

// A term as an RDF/JS object from oxigraph.
function canonTerm(t) {
  switch (t.termType) {
    case "NamedNode":
      return `<${t.value}>`;
    case "BlankNode":
      return `_:${t.value}`;
    case "Literal":
      return canonLiteral(t.value, t.datatype && t.datatype.value, t.language);
    default:
      throw new Error(`unexpected term type '${t.termType}'`);
  }
}

const isBnode = (t) => t !== null && t.startsWith("_:");

// ---- the query text --------------------------------------------------------

// Drops # comments and replaces the contents of string literals by spaces
// of the same length, so that keyword searches do not look inside them.
function blankStrings(q) {
  let out = "";
  for (let i = 0; i < q.length; i++) {
    const c = q[i];
    if (c === "#") {
      while (i < q.length && q[i] !== "\n") out += " ", i++;
      out += i < q.length ? "\n" : "";
    } else if (c === "<" && /^<[^\s<>"{}|^`\\]*>/.test(q.slice(i, i + 2000))) {
      const m = /^<[^\s<>"{}|^`\\]*>/.exec(q.slice(i, i + 2000));
      out += m[0];
      i += m[0].length - 1;
    } else if (c === '"' || c === "'") {
      const long = q.startsWith(c.repeat(3), i);
      const close = long ? c.repeat(3) : c;
      out += close;
      i += close.length;
      while (i < q.length && !q.startsWith(close, i)) {
        if (q[i] === "\\") out += " ", i++;
        out += q[i] === "\n" ? "\n" : " ";
        i++;
      }
      out += close;
      i += close.length - 1;
    } else out += c;
  }
  return out;
}

function queryForm(b) {
  let rest = b;
  for (;;) {
    const m = /^\s*(?:PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)/i.exec(rest);
    if (!m) break;
    rest = rest.slice(m[0].length);
  }
  const k = /^\s*(SELECT|ASK|CONSTRUCT|DESCRIBE)\b/i.exec(rest);
  return k ? k[1].toUpperCase() : null;
}

// the text of the outermost SELECT clause (between SELECT and WHERE or {)
function selectClause(b) {
  const m = /\bSELECT\b/i.exec(b);
  if (!m) return { text: "", start: 0 };
  let depth = 0;
  let i = m.index + m[0].length;
  const start = i;
  for (; i < b.length; i++) {
    const c = b[i];
    if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (depth === 0 && (c === "{" || /^WHERE\b/i.test(b.slice(i, i + 6)))) break;
  }
  return { text: b.slice(start, i), start };
}

// {var: {kind: "concat", sep} | {kind: "sample"}} for allowances 5 and 6
function looseColumns(q, b) {
  const { text: clause, start } = selectClause(b);
  const cols = {};
  const re = /\(\s*(GROUP_CONCAT|SAMPLE)\s*\(/gi;
  let m;
  while ((m = re.exec(clause))) {
    // find the matching ")" of the aggregate, then "AS ?v )"
    let depth = 1;
    let i = m.index + m[0].length;
    for (; i < clause.length && depth; i++) {
      if (clause[i] === "(") depth++;
      else if (clause[i] === ")") depth--;
    }
    const as = /^\s*AS\s*[?$](\w+)\s*\)/i.exec(clause.slice(i));
    if (!as) continue;
    if (/SAMPLE/i.test(m[1])) {
      cols[as[1]] = { kind: "sample" };
    } else {
      const off = q.slice(start + m.index, start + i);
      const sep = /SEPARATOR\s*=\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')/i.exec(off);
      let s = " ";
      if (sep) s = sep[1].startsWith('"') ? JSON.parse(sep[1]) : JSON.parse(`"${sep[1].slice(1, -1).replace(/"/g, '\\"')}"`);
      cols[as[1]] = { kind: "concat", sep: s };
    }
  }
  return cols;
}

// The outer ORDER BY keys that are plain variables, up to the first that is
// not: [{v, desc}].
function orderKeys(b) {
  const tail = b.slice(b.lastIndexOf("}") + 1);
  const m = /ORDER\s+BY\s+([\s\S]*?)(?:\bLIMIT\b|\bOFFSET\b|\bVALUES\b|$)/i.exec(tail);
  if (!m) return [];
  const keys = [];
  const re = /^\s*(?:(ASC|DESC)\s*\(\s*[?$](\w+)\s*\)|[?$](\w+))\s*/i;
  let rest = m[1].trim();
  while (rest.length) {
    const k = re.exec(rest);
    if (!k) break; // an expression key: stop here
    if (k[2]) keys.push({ v: k[2], desc: /desc/i.test(k[1]) });
    else keys.push({ v: k[3], desc: false });
    rest = rest.slice(k[0].length);
  }
  return keys;
}

// The family of a term for ORDER BY: terms of one family are ordered by
// SPARQL among themselves; unbound, blank nodes and IRIs with anything.
const NUMERIC = new Set(
  ["integer", "decimal", "double", "float", "int", "long", "short", "byte",
   "nonNegativeInteger", "positiveInteger", "nonPositiveInteger",
   "negativeInteger", "unsignedLong", "unsignedInt", "unsignedShort",
   "unsignedByte"].map((t) => XSD + t),
);
function orderFamily(t) {
  if (t === null || t.startsWith("_:") || t.startsWith("<")) return null;
  const dt = /\^\^<([^>]*)>$/.exec(t);
  if (!dt) return /"@[^"]*$/.test(t) ? "lang" : "string";
  if (NUMERIC.has(dt[1])) return "numeric";
  return dt[1];
}

// ---- blank node matching ---------------------------------------------------

// Finds a bijection between the blank nodes of rows A and rows B (arrays of
// terms) under which the multisets are equal.  Returns a Map (B label ->
// A label), or null when there is none (or the search gives up).
function matchBnodes(A, B) {
  const labels = (rows) => {
    const s = new Set();
    for (const r of rows) for (const t of r) if (isBnode(t)) s.add(t);
    return [...s];
  };
  const la = labels(A);
  const lb = labels(B);
  if (la.length !== lb.length) return null;
  if (!la.length) return new Map();
  let budget = 20000;

  // joint refinement of the colourings ca (of A's labels) and cb
  function refine(ca, cb) {
    for (;;) {
      const dict = new Map();
      const id = (s) => {
        if (!dict.has(s)) dict.set(s, dict.size);
        return dict.get(s);
      };
      const step = (rows, c) => {
        const contrib = new Map();
        for (const r of rows) {
          const sig = r.map((t) => (isBnode(t) ? `_:${c.get(t)}` : t)).join("\t");
          r.forEach((t, i) => {
            if (!isBnode(t)) return;
            if (!contrib.has(t)) contrib.set(t, []);
            contrib.get(t).push(`${i}@${sig}`);
          });
        }
        const n = new Map();
        for (const [t, list] of contrib) n.set(t, `${c.get(t)}|${list.sort().join("\n")}`);
        return n;
      };
      const na = step(A, ca);
      const nb = step(B, cb);
      const ra = new Map([...na].map(([t, s]) => [t, id(s)]));
      const rb = new Map([...nb].map(([t, s]) => [t, id(s)]));
      const count = (m) => new Set(m.values()).size;
      const stable = count(ra) === count(new Set(ca.values())) && count(rb) === count(new Set(cb.values()));
      for (const [t, v] of ra) ca.set(t, v);
      for (const [t, v] of rb) cb.set(t, v);
      // colour classes must have equal sizes on both sides
      const hist = (m) => {
        const h = new Map();
        for (const v of m.values()) h.set(v, (h.get(v) || 0) + 1);
        return h;
      };
      const ha = hist(ca);
      const hb = hist(cb);
      if (ha.size !== hb.size) return false;
      for (const [v, n] of ha) if (hb.get(v) !== n) return false;
      if (stable) return true;
    }
  }

  function search(ca, cb, depth) {
    if (--budget < 0) return null;
    if (!refine(ca, cb)) return null;
    const classes = new Map();
    for (const [t, v] of ca) {
      if (!classes.has(v)) classes.set(v, []);
      classes.get(v).push(t);
    }
    let pick = null;
    for (const [v, ts] of classes) if (ts.length > 1 && (!pick || ts.length < pick[1].length)) pick = [v, ts];
    if (!pick) {
      const byColour = new Map([...ca].map(([t, v]) => [v, t]));
      const map = new Map([...cb].map(([t, v]) => [t, byColour.get(v)]));
      const key = (r, f) => r.map((t) => (isBnode(t) ? f(t) : t)).join("\t");
      const ka = A.map((r) => key(r, (t) => t)).sort();
      const kb = B.map((r) => key(r, (t) => map.get(t))).sort();
      return ka.every((k, i) => k === kb[i]) ? map : null;
    }
    const [v, ts] = pick;
    const a = ts[0];
    for (const [b, w] of cb) {
      if (w !== v) continue;
      const ca2 = new Map(ca);
      const cb2 = new Map(cb);
      ca2.set(a, `x${depth}`);
      cb2.set(b, `x${depth}`);
      const r = search(ca2, cb2, depth + 1);
      if (r) return r;
    }
    return null;
  }
  return search(new Map(la.map((t) => [t, 0])), new Map(lb.map((t) => [t, 0])), 0);
}

// ---- comparing -------------------------------------------------------------

function showRow(r, vars) {
  if (!vars) return r.join(" ");
  return vars.map((v, i) => `?${v}=${r[i] === null ? "(unbound)" : r[i]}`).join(" ");
}

function multisetDiff(want, got) {
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
  return [missing, extra];
}

// compares row lists (as multisets, blank nodes up to renaming); returns
// the Map B label -> A label, or null after pushing the problems
function compareRows(what, want, got, vars, problems) {
  const coarse = (r) => showRow(r.map((t) => (isBnode(t) ? "_:" : t)), vars);
  const [missing, extra] = multisetDiff(want.map(coarse), got.map(coarse));
  if (missing.length || extra.length) {
    problems.push(
      `${what}: Oxigraph ${want.length}, diplograph ${got.length}; ` +
        `${missing.length} missing from diplograph, ${extra.length} extra`,
    );
    missing.sort().slice(0, MAX_SHOWN).forEach((r) => problems.push(`  - ${r}`));
    if (missing.length > MAX_SHOWN) problems.push(`  - ... ${missing.length - MAX_SHOWN} more`);
    extra.sort().slice(0, MAX_SHOWN).forEach((r) => problems.push(`  + ${r}`));
    if (extra.length > MAX_SHOWN) problems.push(`  + ... ${extra.length - MAX_SHOWN} more`);
    return null;
  }
  const map = matchBnodes(want, got);
  if (!map) problems.push(`${what}: the same rows up to blank nodes, but no renaming of blank nodes makes them equal`);
  return map;
}

function answerText(ans, vars) {
  if (ans.error) return `  error: ${ans.error}`;
  if (typeof ans.boolean === "boolean") return `  ${ans.boolean}`;
  const lines = ans.rows.slice(0, MAX_ANSWER).map((r) => `  ${showRow(r, vars)}`);
  if (ans.rows.length > MAX_ANSWER) lines.push(`  ... ${ans.rows.length - MAX_ANSWER} more rows`);
  if (!ans.rows.length) lines.push("  (no rows)");
  return lines.join("\n");
}

// ---- running Oxigraph ------------------------------------------------------

function loadStore(dataFile) {
  const text = read(dataFile);
  const store = new ox.Store();
  store.load(text, { format: "application/n-quads" });
  // the default graph: every triple of a graph but the ontology, once
  // (loaded as N-Triples text: much faster than quad by quad)
  const graphs = new Map();
  const merged = [];
  for (const q of ox.parse(text, { format: "application/n-quads" })) {
    if (q.graph.termType !== "DefaultGraph") {
      graphs.set(q.graph.value, q.graph);
      if (q.graph.value === ONTOLOGY) continue;
    }
    merged.push(`${q.subject.toString()} ${q.predicate.toString()} ${q.object.toString()} .\n`);
  }
  store.load(merged.join(""), { format: "application/n-triples" });
  const named = [...graphs.values()];
  return {
    store,
    visible: named.filter((g) => g.value !== ONTOLOGY),
    all: named,
  };
}

// Oxigraph's answer: {form, vars, rows} | {form, boolean} | {form, error}
function runOxigraph(ds, q, b) {
  const form = queryForm(b);
  const opts = {};
  if (!/\bFROM\b/i.test(b)) {
    opts.default_graph = ox.defaultGraph();
    opts.named_graphs = q.includes(`<${ONTOLOGY}>`) ? ds.all : ds.visible;
  }
  try {
    if (form === "CONSTRUCT" || form === "DESCRIBE") {
      const quads = ds.store.query(q, opts);
      return { form, rows: quads.map((t) => [t.subject, t.predicate, t.object].map(canonTerm)) };
    }
    const json = JSON.parse(ds.store.query(q, { ...opts, results_format: "application/sparql-results+json" }));
    if (typeof json.boolean === "boolean") return { form, boolean: json.boolean };
    const vars = json.head.vars;
    const p = [];
    return { form, vars, rows: json.results.bindings.map((s) => vars.map((v) => canonJson(s[v], p))) };
  } catch (e) {
    return { form, error: String(e.message || e).split("\n")[0] };
  }
}

// diplograph's answer, read from RESULT (+ .rc, .err)
function readDiplograph(file, form, problems) {
  const rc = existsSync(`${file}.rc`) ? Number(read(`${file}.rc`).trim()) : 0;
  if (rc !== 0) {
    const err = existsSync(`${file}.err`) ? read(`${file}.err`).trim().split("\n")[0] : "";
    return { error: `exit status ${rc}: ${err}` };
  }
  const text = read(file);
  if (/^\s*\{/.test(text)) {
    let json;
    try {
      json = JSON.parse(text);
    } catch (e) {
      return { error: `output is not valid JSON: ${e.message}` };
    }
    if (typeof json.boolean === "boolean") return { boolean: json.boolean };
    const vars = (json.head && json.head.vars) || [];
    const bindings = (json.results && json.results.bindings) || [];
    if (form === "CONSTRUCT" || form === "DESCRIBE")
      return { rows: bindings.map((s) => ["subject", "predicate", "object"].map((v) => canonJson(s[v], problems))) };
    for (const s of bindings)
      for (const k of Object.keys(s))
        if (!vars.includes(k)) problems.push(`diplograph binds ?${k}, which its head does not list`);
    return { vars, rows: bindings.map((s) => vars.map((v) => canonJson(s[v], problems))) };
  }
  if (form === "CONSTRUCT" || form === "DESCRIBE") {
    try {
      const quads = ox.parse(text, { format: "application/n-triples" });
      return { rows: quads.map((t) => [t.subject, t.predicate, t.object].map(canonTerm)) };
    } catch (e) {
      return { error: `output is neither JSON nor N-Triples: ${e.message}` };
    }
  }
  return { error: "output is not JSON" };
}

// loosen GROUP_CONCAT and SAMPLE columns (allowances 5 and 6)
function loosen(rows, vars, loose) {
  const idx = vars.map((v) => loose[v]);
  if (!idx.some(Boolean)) return rows;
  return rows.map((r) =>
    r.map((t, i) => {
      const l = idx[i];
      if (!l || t === null) return t;
      if (l.kind === "sample") return "(some value)";
      const m = /^("(?:[^"\\]|\\.)*")(.*)$/.exec(t);
      if (!m) return t;
      const items = l.sep === "" ? [...JSON.parse(m[1])] : JSON.parse(m[1]).split(l.sep);
      return `${JSON.stringify(items.sort().join(l.sep))}${m[2]} (items sorted)`;
    }),
  );
}

function compareOne(ds, queryFile, resultFile) {
  const q = read(queryFile);
  const b = blankStrings(q);
  const problems = [];
  const want = runOxigraph(ds, q, b);
  const got = readDiplograph(resultFile, want.form, problems);
  let summary = "";
  if (want.error || got.error) {
    if (want.error && got.error) summary = "both refuse the query";
    else if (want.error) problems.push(`Oxigraph refuses the query: ${want.error}`);
    else problems.push(`diplograph fails: ${got.error}`);
  } else if (want.form === "DESCRIBE") {
    summary = "DESCRIBE, not compared";
  } else if (typeof want.boolean === "boolean") {
    if (typeof got.boolean !== "boolean") problems.push("diplograph gave no boolean for ASK");
    else if (got.boolean !== want.boolean) problems.push(`ASK: Oxigraph ${want.boolean}, diplograph ${got.boolean}`);
    summary = `ASK ${want.boolean}`;
  } else if (want.form === "CONSTRUCT") {
    const uniq = (rows) => [...new Map(rows.map((r) => [r.join(" "), r])).values()];
    compareRows("CONSTRUCT triples (as sets)", uniq(want.rows), uniq(got.rows || []), null, problems);
    summary = `CONSTRUCT ${uniq(want.rows).length} triples`;
  } else {
    const vars = want.vars;
    const star = /^\s*(?:DISTINCT|REDUCED)?\s*\*\s*$/i.test(selectClause(b).text);
    if (got.vars && star && got.vars.length === vars.length && vars.every((v) => got.vars.includes(v))) {
      // allowance 8: SELECT * columns in any order
      const idx = vars.map((v) => got.vars.indexOf(v));
      got.rows = got.rows.map((r) => idx.map((i) => r[i]));
      got.vars = vars;
    }
    if (!got.vars) problems.push("diplograph gave no solutions for SELECT");
    else if (got.vars.join(" ") !== vars.join(" "))
      problems.push(`columns: Oxigraph ?${vars.join(" ?")}, diplograph ?${got.vars.join(" ?")}`);
    else {
      const loose = looseColumns(q, b);
      const wr = loosen(want.rows, vars, loose);
      const gr = loosen(got.rows, vars, loose);
      const map = compareRows("solutions (as multisets)", wr, gr, vars, problems);
      summary = `SELECT ${wr.length} rows`;
      if (map) summary += checkOrder(b, vars, wr, gr, map, problems);
    }
  }
  const verdict = problems.length ? "disagree" : `agree (${summary})`;
  let text = `${queryFile}: ${verdict}\n`;
  if (problems.length) {
    text += `${problems.join("\n")}\n--- query\n${q.trimEnd()}\n`;
    text += `--- Oxigraph's answer\n${answerText(want, want.vars)}\n`;
    text += `--- diplograph's answer\n${answerText(got, got.vars)}\n`;
  }
  return { ok: !problems.length, text };
}

// allowance 7
function checkOrder(b, vars, wr, gr, map, problems) {
  const keys = [];
  for (const k of orderKeys(b)) {
    const i = vars.indexOf(k.v);
    if (i < 0) break;
    const fams = new Set(wr.map((r) => orderFamily(r[i])).filter((f) => f !== null));
    if (fams.size > 1) break;
    keys.push(i);
  }
  if (!keys.length) return "";
  const keyOf = (r) => keys.map((i) => (isBnode(r[i]) ? "_:" : r[i])).join("\t");
  const distinct = new Set(wr.map(keyOf)).size === wr.length && !wr.some((r) => keys.some((i) => isBnode(r[i])));
  const rename = (r) => r.map((t) => (isBnode(t) ? map.get(t) : t));
  const ws = distinct ? wr.map((r) => showRow(r, vars)) : wr.map(keyOf);
  const gs = distinct ? gr.map((r) => showRow(rename(r), vars)) : gr.map(keyOf);
  const i = ws.findIndex((r, j) => r !== gs[j]);
  const names = keys.map((k) => `?${vars[k]}`).join(" ");
  if (i >= 0)
    problems.push(`ORDER BY ${names}: row ${i + 1} differs\n  Oxigraph:   ${ws[i]}\n  diplograph: ${gs[i]}`);
  return `, order checked on ${distinct ? "full rows" : names}`;
}

// ---- main ------------------------------------------------------------------

const args = process.argv.slice(2);
if (args[0] === "--batch") {
  if (args.length !== 3) die("usage: node oxigraph-diff.mjs --batch DATA.nq LIST");
  let ds;
  try {
    ds = loadStore(args[1]);
  } catch (e) {
    die(`oxigraph cannot load '${args[1]}': ${e.message}`);
  }
  let n = 0;
  for (const line of read(args[2]).split("\n")) {
    if (!line.trim()) continue;
    const [qf, rf] = line.split("\t");
    let v;
    try {
      v = compareOne(ds, qf, rf);
    } catch (e) {
      v = { ok: false, text: `${qf}: disagree\ncannot compare: ${e.message}\n` };
    }
    writeFileSync(`${rf}.verdict`, v.text);
    n += v.ok ? 0 : 1;
  }
  process.stderr.write(`oxigraph-diff: ${n} disagreement(s)\n`);
  process.exit(0);
}
if (args.length !== 3) die("usage: node oxigraph-diff.mjs DATA.nq QUERY.rq RESULT");
let ds;
try {
  ds = loadStore(args[0]);
} catch (e) {
  die(`oxigraph cannot load '${args[0]}': ${e.message}`);
}
for (const f of [args[1], args[2]]) if (!existsSync(f)) die(`cannot read '${f}'`);
const v = compareOne(ds, args[1], args[2]);
process.stdout.write(v.text);
process.exit(v.ok ? 0 : 1);
