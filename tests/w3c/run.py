#!/usr/bin/env python3
"""run.py: the W3C SPARQL 1.0 and 1.1 query test suites through the CLI.

Reads the manifests of $DG_SHARED/w3c-sparql (sparql10/*, and the query
folders of sparql11), turning Turtle into N-Triples with rapper
(raptor2-utils).  For every evaluation test it builds a fresh store
(`diplograph load --store lmdb:DIR --default DATA`, `--graph IRI` for each
named graph and for each file the query names in FROM / FROM NAMED), runs
`diplograph query --default-graph stored` and compares the answer with the
expected result: solutions as multisets, blank nodes matched up to a
consistent renaming, literals by lexical form, datatype and language tag;
in order when the query has an outer ORDER BY (rows that tie on the ORDER
BY variables may come in any order); graphs up to blank node isomorphism.
Syntax tests run the query on an empty store: a positive one must exit 0,
a negative one exit 1 with one line on stderr.

Prints TAP on stdout.  tests/w3c/known-failures.txt lists the tests that
are known to fail (one id, `suite/folder/name`, or test IRI a line; `#`
starts a comment saying why): such a failure prints as `not ok ... # TODO`
(expected), a new failure as `not ok` (a regression, exit status 1), and a
known failure that passes gets a note (--update rewrites the list).  A
table of pass/total per folder goes to stderr; --json FILE writes every
result.  Python 3 standard library only.
"""

import argparse
import concurrent.futures
import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
MF = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
QT = "http://www.w3.org/2001/sw/DataAccess/tests/test-query#"
DAWGT = "http://www.w3.org/2001/sw/DataAccess/tests/test-dawg#"
RS = "http://www.w3.org/2001/sw/DataAccess/tests/result-set#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SRX = "{http://www.w3.org/2005/sparql-results#}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# sparql11 folders that are not about queries on a local dataset
SPARQL11_EXCLUDED = {
    "add", "basic-update", "clear", "copy", "delete", "delete-data",
    "delete-insert", "delete-where", "drop", "move", "update-silent",
    "syntax-update-1", "syntax-update-2", "entailment", "service",
    "syntax-fed", "protocol", "graph-store-protocol", "http-rdf-update",
    "service-description",
}
EVAL_TYPES = {MF + "QueryEvaluationTest", MF + "CSVResultFormatTest"}
POS_SYNTAX = {MF + "PositiveSyntaxTest", MF + "PositiveSyntaxTest11"}
NEG_SYNTAX = {MF + "NegativeSyntaxTest", MF + "NegativeSyntaxTest11"}
SKIPPED_APPROVALS = {DAWGT + "Deprecated", DAWGT + "Withdrawn",
                     DAWGT + "Rejected", DAWGT + "Obsoleted"}


class Failure(Exception):
    """A test failed; the message says why, in one line."""


# ---- terms
#
# ("I", iri) | ("B", label) | ("L", lexical, datatype or None, lang or None)
# with the language tag lower-cased, and xsd:string (RDF 1.1: a simple
# literal) and rdf:langString written as None.

def iri(v):
    return ("I", v)


def bnode(v):
    return ("B", v)


def literal(lex, dt=None, lang=None):
    if lang:
        return ("L", lex, None, lang.lower())
    if dt in (XSD + "string", RDF + "langString"):
        dt = None
    return ("L", lex, dt or None, None)


def show(t):
    if t is None:
        return "UNDEF"
    if t[0] == "I":
        return "<%s>" % t[1]
    if t[0] == "B":
        return "_:" + t[1]
    s = json.dumps(t[1], ensure_ascii=False)
    if t[3]:
        return s + "@" + t[3]
    if t[2]:
        return s + "^^<%s>" % t[2]
    return s


# ---- N-Triples (rapper's output and `query -f ntriples`)

ECHARS = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f",
          '"': '"', "'": "'", "\\": "\\"}
UCHAR = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})|\\(.)", re.S)


def unescape(s):
    def sub(m):
        if m.group(1) or m.group(2):
            return chr(int(m.group(1) or m.group(2), 16))
        c = m.group(3)
        if c not in ECHARS:
            raise ValueError("bad escape \\" + c)
        return ECHARS[c]
    return UCHAR.sub(sub, s) if "\\" in s else s


TERM = re.compile(r"""\s*(?:
    <(?P<iri>[^>]*)>
  | _:(?P<bn>[^\s.,;]+(?:\.[^\s.,;]+)*)
  | "(?P<lit>(?:[^"\\]|\\.)*)"(?:@(?P<lang>[A-Za-z]+(?:-[A-Za-z0-9]+)*)
                               |\^\^<(?P<dt>[^>]*)>)?
)""", re.X | re.S)


def parse_term(s, pos):
    m = TERM.match(s, pos)
    if not m:
        raise ValueError("bad term at %r" % s[pos:pos + 40])
    if m.group("iri") is not None:
        return iri(unescape(m.group("iri"))), m.end()
    if m.group("bn") is not None:
        return bnode(m.group("bn")), m.end()
    dt = m.group("dt")
    return (literal(unescape(m.group("lit")), dt and unescape(dt),
                    m.group("lang")), m.end())


def parse_ntriples(text):
    triples = []
    for n, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            s, pos = parse_term(line, 0)
            p, pos = parse_term(line, pos)
            o, pos = parse_term(line, pos)
            if line[pos:].strip() != ".":
                raise ValueError("no final '.'")
        except ValueError as e:
            raise Failure("bad N-Triples line %d: %s" % (n, e))
        triples.append((s, p, o))
    return triples


def file_url(path):
    return "file://" + urllib.request.pathname2url(os.path.abspath(path))


def url_path(url):
    if not url.startswith("file:"):
        return None
    return urllib.request.url2pathname(urllib.parse.urlparse(url).path)


def rapper(path, syntax=None):
    """The triples of an RDF file, read by rapper with the file's URL as
    base."""
    if syntax is None:
        syntax = {".rdf": "rdfxml", ".nt": "ntriples"}.get(
            os.path.splitext(path)[1], "turtle")
    p = subprocess.run(["rapper", "-q", "-i", syntax, "-o", "ntriples",
                        path, file_url(path)],
                       capture_output=True, timeout=60)
    if p.returncode != 0:
        raise Failure("rapper cannot read %s: %s" % (
            path, p.stderr.decode("utf-8", "replace").strip()[:200]))
    return parse_ntriples(p.stdout.decode("utf-8"))


class Graph:
    def __init__(self, triples):
        self.po = {}
        for s, p, o in triples:
            self.po.setdefault(s, {}).setdefault(p, []).append(o)

    def all(self, s, p):
        return self.po.get(s, {}).get(p, [])

    def one(self, s, p):
        v = self.all(s, p)
        return v[0] if v else None

    def subjects(self, p, o):
        return [s for s, m in self.po.items() if o in m.get(p, [])]

    def list(self, head):
        items = []
        while head and head != iri(RDF + "nil"):
            items.append(self.one(head, iri(RDF + "first")))
            head = self.one(head, iri(RDF + "rest"))
        return items


# ---- results: ("boolean", value) or ("bindings", vars, rows, ordered)
# or ("graph", triples); rows are dicts var -> term

def parse_srx(path):
    root = ET.parse(path).getroot()
    head = root.find(SRX + "head")
    variables = [v.get("name") for v in head.findall(SRX + "variable")]
    b = root.find(SRX + "boolean")
    if b is not None:
        return ("boolean", b.text.strip() == "true")
    rows = []
    for res in root.find(SRX + "results").findall(SRX + "result"):
        row = {}
        for bd in res.findall(SRX + "binding"):
            (t,) = list(bd)
            if t.tag == SRX + "uri":
                row[bd.get("name")] = iri(t.text or "")
            elif t.tag == SRX + "bnode":
                row[bd.get("name")] = bnode(t.text or "")
            elif t.tag == SRX + "literal":
                row[bd.get("name")] = literal(t.text or "", t.get("datatype"),
                                              t.get(XML_LANG))
            else:
                raise Failure("unknown SRX term %s in %s" % (t.tag, path))
        rows.append(row)
    return ("bindings", variables, rows, True)


def json_term(t):
    ty = t.get("type")
    if ty == "uri":
        return iri(t["value"])
    if ty == "bnode":
        return bnode(t["value"])
    if ty in ("literal", "typed-literal"):
        return literal(t["value"], t.get("datatype"), t.get("xml:lang"))
    raise Failure("unknown JSON term type %r" % ty)


def parse_srj(text):
    try:
        d = json.loads(text)
    except ValueError as e:
        raise Failure("not JSON: %s" % e)
    if "boolean" in d:
        return ("boolean", bool(d["boolean"]))
    variables = d.get("head", {}).get("vars", [])
    rows = [{k: json_term(v) for k, v in b.items()}
            for b in d["results"]["bindings"]]
    return ("bindings", variables, rows, True)


NUMBER_TYPES = [
    (re.compile(r"[+-]?[0-9]+$"), XSD + "integer"),
    (re.compile(r"[+-]?[0-9]*\.[0-9]+$"), XSD + "decimal"),
    (re.compile(r"[+-]?([0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)[eE][+-]?[0-9]+$"),
     XSD + "double"),
]


def tsv_term(cell):
    """A TSV cell: a term in Turtle syntax, or empty (unbound)."""
    if cell == "":
        return None
    for rx, dt in NUMBER_TYPES:
        if rx.match(cell):
            t = literal(cell, dt)
            break
    else:
        if cell in ("true", "false"):
            return literal(cell, XSD + "boolean")
        try:
            t, end = parse_term(cell, 0)
        except ValueError:
            raise Failure("bad TSV term %r" % cell)
        if end != len(cell):
            raise Failure("bad TSV term %r" % cell)
    if t[0] == "L" and t[2] == XSD + "double":
        t = literal(t[1].lower(), t[2])  # 1.0E6 and 1.0e6 are both fine
    return t


def parse_tsv(text):
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines:
        raise Failure("empty TSV")
    lines = [ln[:-1] if ln.endswith("\r") else ln for ln in lines]
    if lines[0] in ("true", "false") and len(lines) == 1:
        return ("boolean", lines[0] == "true")
    head = lines[0].split("\t") if lines[0] else []
    for v in head:
        if not v.startswith("?") and not v.startswith("$"):
            raise Failure("TSV header %r has no '?'" % v)
    variables = [v[1:] for v in head]
    rows = []
    for ln in lines[1:]:
        cells = ln.split("\t")
        if len(cells) != len(variables):
            raise Failure("TSV row with %d cells for %d variables" %
                          (len(cells), len(variables)))
        row = {}
        for v, c in zip(variables, cells):
            t = tsv_term(c)
            if t is not None:
                row[v] = t
        rows.append(row)
    return ("bindings", variables, rows, True)


def parse_csv(text):
    """CSV keeps only text: every cell is a plain literal, blank nodes are
    '_:label' and an empty cell is unbound, so that two CSV tables compare
    with the same code as solutions."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows:
        raise Failure("empty CSV")
    if len(rows) == 1 and len(rows[0]) == 1 and rows[0][0] in ("true",
                                                              "false"):
        return ("boolean", rows[0][0] == "true")
    variables = rows[0]
    out = []
    for r in rows[1:]:
        if len(r) != len(variables):
            raise Failure("CSV row with %d cells for %d variables" %
                          (len(r), len(variables)))
        row = {}
        for v, c in zip(variables, r):
            if c.startswith("_:"):
                row[v] = bnode(c[2:])
            elif c != "":
                row[v] = literal(c)
        out.append(row)
    return ("bindings", variables, out, True)


def parse_rdf_result(path):
    triples = rapper(path)
    g = Graph(triples)
    sets = g.subjects(iri(RDF + "type"), iri(RS + "ResultSet"))
    if not sets:
        return ("graph", triples)
    rs = sets[0]
    b = g.one(rs, iri(RS + "boolean"))
    if b is not None:
        return ("boolean", b[1] == "true")
    variables = [v[1] for v in g.all(rs, iri(RS + "resultVariable"))]
    sols = []
    for s in g.all(rs, iri(RS + "solution")):
        row = {}
        for bd in g.all(s, iri(RS + "binding")):
            row[g.one(bd, iri(RS + "variable"))[1]] = g.one(
                bd, iri(RS + "value"))
        idx = g.one(s, iri(RS + "index"))
        sols.append((int(idx[1]) if idx else None, row))
    ordered = bool(sols) and all(i is not None for i, _ in sols)
    if ordered:
        sols.sort(key=lambda x: x[0])
    return ("bindings", variables, [r for _, r in sols], ordered)


def read_expected(path):
    ext = os.path.splitext(path)[1]
    with open(path, "rb") as f:
        data = f.read()
    if ext == ".srx":
        return parse_srx(path)
    if ext == ".srj":
        return parse_srj(data.decode("utf-8"))
    if ext == ".tsv":
        return parse_tsv(data.decode("utf-8"))
    if ext == ".csv":
        return parse_csv(data.decode("utf-8"))
    return parse_rdf_result(path)


# ---- comparison up to blank node renaming

def has_bnode(row):
    return any(t is not None and t[0] == "B" for t in row)


def shape(row):
    return tuple(("B",) if t is not None and t[0] == "B" else t for t in row)


def unify(a, b, fwd, back):
    """Extends the bijection fwd/back so that row a maps onto row b;
    returns the new pairs, or None (fwd/back then unchanged)."""
    added = []
    for x, y in zip(a, b):
        if x is None or x[0] != "B":
            if x != y:
                break
            continue
        if y is None or y[0] != "B":
            break
        if x in fwd:
            if fwd[x] != y:
                break
        elif y in back:
            break
        else:
            fwd[x], back[y] = y, x
            added.append(x)
    else:
        return added
    for x in added:
        del back[fwd.pop(x)]
    return None


def match_rows(exp, act, ordered, limit=200000):
    """Whether the rows (tuples of terms) match, as sequences when ordered,
    else as multisets, with one renaming of blank nodes for all rows.
    Returns None or a one-line reason."""
    if len(exp) != len(act):
        return "%d rows expected, %d given" % (len(exp), len(act))
    fwd, back = {}, {}
    if ordered:
        for i, (a, b) in enumerate(zip(exp, act)):
            if unify(a, b, fwd, back) is None:
                return "row %d: expected %s, got %s" % (
                    i + 1, " ".join(map(show, a)), " ".join(map(show, b)))
        return None
    # ground rows must match exactly; the rest by backtracking
    ge = sorted((r for r in exp if not has_bnode(r)), key=repr)
    ga = sorted((r for r in act if not has_bnode(r)), key=repr)
    if ge != ga:
        missing = [r for r in ge if r not in ga]
        extra = [r for r in ga if r not in ge]
        msg = []
        if missing:
            msg.append("missing %s" % " ".join(map(show, missing[0])))
        if extra:
            msg.append("unexpected %s" % " ".join(map(show, extra[0])))
        return "%d rows missing, %d unexpected: %s" % (
            len(missing), len(extra), "; ".join(msg))
    be = [r for r in exp if has_bnode(r)]
    ba = [r for r in act if has_bnode(r)]
    shapes = {}
    for r in ba:
        shapes.setdefault(shape(r), []).append(r)
    if sorted(map(shape, be), key=repr) != sorted(map(shape, ba), key=repr):
        return "rows with blank nodes differ"
    be.sort(key=lambda r: len(shapes[shape(r)]))
    used = [False] * len(ba)
    index = {id(r): i for i, r in enumerate(ba)}
    steps = [0]

    def solve(k):
        if k == len(be):
            return True
        steps[0] += 1
        if steps[0] > limit:
            raise Failure("blank node matching gave up after %d steps" %
                          limit)
        for cand in shapes[shape(be[k])]:
            i = index[id(cand)]
            if used[i]:
                continue
            added = unify(be[k], cand, fwd, back)
            if added is None:
                continue
            used[i] = True
            if solve(k + 1):
                return True
            used[i] = False
            for x in added:
                del back[fwd.pop(x)]
        return False

    if not solve(0):
        return "no renaming of blank nodes makes the rows match"
    return None


def strip_query(text):
    """The query without comments, strings and IRIs (so keywords found in
    it are keywords)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "#":
            while i < n and text[i] != "\n":
                i += 1
        elif c in "\"'":
            q = text[i:i + 3] if text[i:i + 3] in ('"""', "'''") else c
            i += len(q)
            while i < n and text[i:i + len(q)] != q:
                i += 2 if text[i] == "\\" else 1
            i += len(q)
            out.append('""')
        elif c == "<" and re.match(r"<[^<>\"{}|^`\\\s]*>", text[i:]):
            m = re.match(r"<[^<>\"{}|^`\\\s]*>", text[i:])
            i += m.end()
            out.append("<>")
        else:
            out.append(c)
            i += 1
    return "".join(out)


def order_by_vars(query):
    """None when the query has no outer ORDER BY; else the variables its
    keys use (in order)."""
    s = strip_query(query)
    depth = 0
    for i, c in enumerate(s):
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        elif depth == 0 and c in "oO" and re.match(r"ORDER\s+BY\b", s[i:],
                                                    re.I):
            if i and (s[i - 1].isalnum() or s[i - 1] in "_?$"):
                continue
            rest = s[i:]
            end = re.search(r"\b(LIMIT|OFFSET|VALUES)\b|\{|$", rest, re.I)
            keys = re.findall(r"[?$]([A-Za-z0-9_\u00b7-\uffff]+)",
                              rest[:end.start()])
            seen = []
            for k in keys:
                if k not in seen:
                    seen.append(k)
            return seen
    return None


def compare(exp, act, query, lax=False):
    """None when act is an answer exp allows; else a one-line reason."""
    if exp[0] != act[0]:
        return "expected a %s result, got a %s result" % (exp[0], act[0])
    if exp[0] == "boolean":
        if exp[1] != act[1]:
            return "expected %s, got %s" % (exp[1], act[1])
        return None
    if exp[0] == "graph":
        e, a = sorted(set(exp[1])), sorted(set(act[1]))
        return match_rows(e, a, False)
    _, evars, erows, eordered = exp
    _, avars, arows, _ = act
    if evars and set(evars) != set(avars):
        return "variables differ: expected %s, got %s" % (
            " ".join(sorted(evars)), " ".join(sorted(avars)))
    allvars = sorted(set(evars) | set(avars) |
                     {k for r in erows + arows for k in r})
    e = [tuple(r.get(v) for v in allvars) for r in erows]
    a = [tuple(r.get(v) for v in allvars) for r in arows]
    if lax:  # REDUCED: any number of duplicates may go
        e, a = sorted(set(e), key=repr), sorted(set(a), key=repr)
    why = match_rows(e, a, False)
    if why:
        return why
    keys = order_by_vars(query) if eordered else None
    if keys is None:
        return None
    keys = [k for k in keys if k in allvars]
    if keys:  # rows that tie on the keys may come in any order
        cols = [allvars.index(k) for k in keys]
        e = [tuple(("B",) if t and t[0] == "B" else t for t in
                   (r[c] for c in cols)) for r in e]
        a = [tuple(("B",) if t and t[0] == "B" else t for t in
                   (r[c] for c in cols)) for r in a]
    why = match_rows(e, a, True)
    return why and "order differs: " + why


# ---- the manifests

class Test:
    def __init__(self, **kw):
        self.__dict__.update(kw)


def folders(shared):
    out = []
    for suite in ("sparql10", "sparql11"):
        base = os.path.join(shared, "w3c-sparql", suite)
        if not os.path.isdir(base):
            continue
        for name in sorted(os.listdir(base)):
            if suite == "sparql11" and name in SPARQL11_EXCLUDED:
                continue
            if os.path.isfile(os.path.join(base, name, "manifest.ttl")):
                out.append((suite, name, os.path.join(base, name)))
    return out


def local_name(node, fallback):
    if node[0] == "I":
        tail = re.split(r"[#/]", node[1])[-1]
        if tail:
            return tail
    return fallback


def read_manifest(suite, folder, path):
    g = Graph(rapper(os.path.join(path, "manifest.ttl")))
    man = iri(file_url(os.path.join(path, "manifest.ttl")))
    entries = []
    for m in [man] + [s for s in g.subjects(iri(RDF + "type"),
                                            iri(MF + "Manifest")) if s != man]:
        for e in g.list(g.one(m, iri(MF + "entries"))):
            if e not in entries:
                entries.append(e)
    tests = []
    for e in entries:
        types = {t[1] for t in g.all(e, iri(RDF + "type"))}
        name = g.one(e, iri(MF + "name"))
        approval = g.one(e, iri(DAWGT + "approval"))
        tid = "%s/%s/%s" % (suite, folder, local_name(
            e, name[1] if name else "test%d" % len(tests)))
        kind = ("eval" if types & EVAL_TYPES else
                "positive-syntax" if types & POS_SYNTAX else
                "negative-syntax" if types & NEG_SYNTAX else None)
        if kind is None:
            continue
        action = g.one(e, iri(MF + "action"))
        t = Test(id=tid, iri=e[1] if e[0] == "I" else tid, kind=kind,
                 folder="%s/%s" % (suite, folder),
                 name=name[1] if name else tid,
                 csv=MF + "CSVResultFormatTest" in types,
                 approval=approval[1].split("#")[-1] if approval else None,
                 requires=[r[1].split("#")[-1]
                           for r in g.all(e, iri(MF + "requires"))],
                 lax=g.one(e, iri(MF + "resultCardinality")) ==
                 iri(MF + "LaxCardinality"),
                 query=None, data=[], graphs=[], result=None)
        if kind == "eval":
            q = g.one(action, iri(QT + "query")) if action else None
            res = g.one(e, iri(MF + "result"))
            if q is None or res is None:
                continue
            t.query = url_path(q[1])
            t.data = [url_path(d[1]) for d in g.all(action, iri(QT + "data"))]
            t.graphs = [(d[1], url_path(d[1]))
                        for d in g.all(action, iri(QT + "graphData"))]
            t.result = url_path(res[1])
        else:
            if action is None or action[0] != "I":
                continue
            t.query = url_path(action[1])
        if not t.query or not t.query.endswith(".rq"):
            continue  # updates (.ru) are not this runner's business
        tests.append(t)
    return tests


# ---- running diplograph

class Runner:
    def __init__(self, args, workdir):
        self.args = args
        self.workdir = workdir
        self.empty_store = None
        self.lock = threading.Lock()

    def run(self, argv, timeout=None):
        """Runs diplograph; stderr comes back with the temporary folders
        left out of it (messages then stay the same from run to run)."""
        try:
            p = subprocess.run([self.args.bin] + argv, capture_output=True,
                               timeout=timeout or self.args.timeout)
        except subprocess.TimeoutExpired:
            raise Failure("timed out after %gs: diplograph %s" % (
                timeout or self.args.timeout, argv[0]))
        err = p.stderr.decode("utf-8", "replace")
        err = re.sub(re.escape(self.workdir) + r"/[^/\s']*/", "", err)
        return p.returncode, p.stdout, err

    def load(self, store, files, graph=None):
        argv = ["-q", "load", "--store", "lmdb:" + store]
        argv += ["--graph", graph] if graph else ["--default"]
        rc, _, err = self.run(argv + files)
        if rc != 0:
            raise Failure("load failed (exit %d): %s" % (
                rc, err.strip().splitlines()[-1:] or ""))

    def query_file(self, tmp, path):
        """The query with the file's URL as its base, in a file: BASE
        declarations of the prologue are made absolute, or one is put
        first (SPARQL 1.0 allows only one).  Returns the original text,
        the new file and the base of the query."""
        with open(path, encoding="utf-8") as f:
            text = f.read()
        base, pos, parts, had_base = file_url(path), 0, [], False
        decl = re.compile(r"""\s+|\#[^\n]*
            |(?P<base>BASE\s*<(?P<iri>[^>]*)>)
            |PREFIX\s*[^\s:]*:\s*<[^>]*>""", re.X | re.I)
        while True:
            m = decl.match(text, pos)
            if not m or m.end() == pos:
                break
            if m.group("base"):
                base = urllib.parse.urljoin(base, m.group("iri"))
                parts.append("BASE <%s>" % base)
                had_base = True
            else:
                parts.append(m.group(0))
            pos = m.end()
        body = "".join(parts) + text[pos:]
        if not had_base:
            body = "BASE <%s>\n%s" % (base, text)
        out = os.path.join(tmp, os.path.basename(path))
        with open(out, "w", encoding="utf-8") as f:
            f.write(body)
        return text, out, base

    def empty(self):
        with self.lock:
            if self.empty_store is None:
                d = os.path.join(self.workdir, "empty")
                os.mkdir(d)
                nt = os.path.join(d, "empty.nt")
                open(nt, "w").close()
                self.load(os.path.join(d, "store"), [nt])
                self.empty_store = os.path.join(d, "store")
            return self.empty_store

    def syntax(self, t, tmp):
        _, q, _ = self.query_file(tmp, t.query)
        # no -f: the default format fits every query form
        rc, _, err = self.run(["query", "--store", "lmdb:" + self.empty(), q])
        lines = err.strip().splitlines()
        if t.kind == "positive-syntax":
            if rc != 0:
                raise Failure("exit %d: %s" % (rc, lines[-1] if lines
                                               else "no message"))
        else:
            if rc != 1:
                raise Failure("exit %d for a bad query (want 1)" % rc)
            if len(lines) != 1:
                raise Failure("%d lines on stderr (want 1)" % len(lines))

    def from_graphs(self, text, base):
        """IRIs of FROM / FROM NAMED that name files of the suite."""
        s = re.sub(r"#[^\n]*", "", text)
        out = []
        for m in re.finditer(r"\bFROM\s+(?:NAMED\s+)?<([^>]*)>", s, re.I):
            u = urllib.parse.urljoin(base, m.group(1))
            p = url_path(u)
            if p and os.path.isfile(p) and u not in out:
                out.append(u)
        return out

    def evaluate(self, t, tmp):
        exp = read_expected(t.result)
        text, q, base = self.query_file(tmp, t.query)
        store = os.path.join(tmp, "store")
        if t.data:
            self.load(store, t.data)
        else:
            nt = os.path.join(tmp, "empty.nt")
            open(nt, "w").close()
            self.load(store, [nt])
        named = [g for g, _ in t.graphs]
        for g, path in t.graphs:
            self.load(store, [path], g)
        for u in self.from_graphs(text, base):
            if u not in named:
                self.load(store, [url_path(u)], u)
                named.append(u)
        ext = os.path.splitext(t.result)[1]
        fmt = ("csv" if ext == ".csv" else "tsv" if ext == ".tsv" else
               "ntriples" if exp[0] == "graph" else "json")
        rc, out, err = self.run([
            "query", "--store", "lmdb:" + store, "--default-graph",
            "stored", "--timeout", str(int(self.args.timeout * 1000)),
            "-f", fmt, q])
        if rc != 0:
            lines = err.strip().splitlines()
            raise Failure("exit %d: %s" % (rc, lines[-1] if lines
                                           else "no message"))
        try:
            out = out.decode("utf-8")
        except UnicodeDecodeError:
            raise Failure("output is not UTF-8")
        act = {"csv": parse_csv, "tsv": parse_tsv, "json": parse_srj,
               "ntriples": lambda s: ("graph", parse_ntriples(s))}[fmt](out)
        why = compare(exp, act, text, t.lax)
        if why:
            raise Failure(why)

    def __call__(self, t):
        if t.approval and DAWGT + t.approval in SKIPPED_APPROVALS:
            return t, "skip", "not approved (%s)" % t.approval
        tmp = tempfile.mkdtemp(dir=self.workdir)
        try:
            if t.kind == "eval":
                self.evaluate(t, tmp)
            else:
                self.syntax(t, tmp)
            return t, "pass", ""
        except Failure as e:
            return t, "fail", str(e)
        except (OSError, ValueError, KeyError, TypeError, ET.ParseError,
                subprocess.SubprocessError) as e:
            return t, "fail", "runner error: %s: %s" % (type(e).__name__, e)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


# ---- the known-failures list

def read_known(path):
    """{id or IRI: reason}, and the leading comment block."""
    known, header, in_header = {}, [], True
    if not os.path.exists(path):
        return known, header
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if in_header and (line.startswith("#") or not line.strip()):
                header.append(line)
                continue
            in_header = False
            parts = re.split(r"(?:^|\s)#\s?", line, maxsplit=1)
            body = parts[0].strip()
            why = parts[1].strip() if len(parts) > 1 else ""
            if body:
                known[body] = why
    return known, header


def write_known(path, header, known, results):
    ran = {t.id: t for t, _, _ in results}
    ran_iris = {t.iri: t for t, _, _ in results}
    lines = {}
    for key, why in known.items():  # keep what this run did not cover
        if key not in ran and key not in ran_iris:
            lines[key] = why
    for t, status, why in results:
        if status == "fail":
            lines[t.id] = why
    with open(path, "w", encoding="utf-8") as f:
        for h in header:
            f.write(h + "\n")
        for key in sorted(lines):
            why = re.sub(r"\s+", " ", lines[key])[:160]
            f.write("%s  # %s\n" % (key, why) if why else key + "\n")


def self_test():
    """Checks the comparison on small cases, each that must pass or fail;
    prints TAP."""
    x, y = iri("http://e/x"), iri("http://e/y")
    one = literal("1", XSD + "integer")
    b1, b2, b3 = bnode("b1"), bnode("b2"), bnode("b3")

    def sel(rows, variables=("a", "b"), ordered=True):
        return ("bindings", list(variables),
                [dict(zip(variables, r)) for r in rows], ordered)

    q, qo = "SELECT * { ?a ?p ?b }", "SELECT * { ?a ?p ?b } ORDER BY ?a"
    cases = [
        ("same rows in another order", sel([(x, one), (y, one)]),
         sel([(y, one), (x, one)]), q, True),
        ("a missing row", sel([(x, one), (y, one)]), sel([(x, one)]), q,
         False),
        ("a duplicate row counts", sel([(x, one), (x, one)]),
         sel([(x, one), (y, one)]), q, False),
        ("lexical forms differ", sel([(x, one)]),
         sel([(x, literal("01", XSD + "integer"))]), q, False),
        ("datatypes differ", sel([(x, one)]),
         sel([(x, literal("1", XSD + "decimal"))]), q, False),
        ("language tags ignore case", sel([(x, literal("a", None, "en-US"))]),
         sel([(x, literal("a", None, "en-us"))]), q, True),
        ("xsd:string is a simple literal", sel([(x, literal("a"))]),
         sel([(x, literal("a", XSD + "string"))]), q, True),
        ("unbound is not a value", sel([(x, None)]), sel([(x, one)]), q,
         False),
        ("blank nodes renamed", sel([(b1, b2), (b2, b1)]),
         sel([(b3, b1), (b1, b3)]), q, True),
        ("blank nodes: one renaming for all rows", sel([(b1, x), (b1, y)]),
         sel([(b1, x), (b2, y)]), q, False),
        ("blank nodes: two labels for one node", sel([(b1, x), (b2, y)]),
         sel([(b3, x), (b3, y)]), q, False),
        ("ORDER BY: order counts", sel([(x, one), (y, one)]),
         sel([(y, one), (x, one)]), qo, False),
        ("ORDER BY: ties in any order", sel([(x, one), (x, y)]),
         sel([(x, y), (x, one)]), qo, True),
        ("ORDER BY in a subquery only", sel([(x, one), (y, one)]),
         sel([(y, one), (x, one)]),
         "SELECT * { { SELECT * { ?a ?p ?b } ORDER BY ?a LIMIT 2 } }", True),
        ("variables differ", sel([(x, one)]), sel([(x, one)], ("a", "c")), q,
         False),
        ("booleans", ("boolean", True), ("boolean", False), "ASK {}", False),
        ("graphs up to blank nodes", ("graph", [(b1, x, b2), (b2, x, one)]),
         ("graph", [(b3, x, b1), (b1, x, one)]), "CONSTRUCT", True),
        ("graphs: not isomorphic", ("graph", [(b1, x, b2), (b2, x, one)]),
         ("graph", [(b3, x, b1), (b3, x, one)]), "CONSTRUCT", False),
    ]
    print("1..%d" % (len(cases) + 4))
    bad = 0
    for n, (title, exp, act, query, want) in enumerate(cases, 1):
        why = compare(exp, act, query)
        ok = (why is None) == want
        bad += not ok
        print("%s %d - compare: %s%s" % ("ok" if ok else "not ok", n, title,
                                         "" if ok else ": " + str(why)))
    n = len(cases)
    checks = [
        ("TSV terms", parse_tsv("?a\t?b\n1.0E6\t\"a\\tb\"@en\n")[2] ==
         [{"a": literal("1.0e6", XSD + "double"),
           "b": literal("a\tb", None, "en")}]),
        ("CSV cells", parse_csv("a,b\r\n_:x,\"1,2\"\r\n")[2] ==
         [{"a": bnode("x"), "b": literal("1,2")}]),
        ("N-Triples escapes", parse_ntriples(
            '<http://e/\\u0041> <http://e/p> "\\u00e9\\n"^^<http://e/d> .')
         == [(iri("http://e/A"), iri("http://e/p"),
              literal("\u00e9\n", "http://e/d"))]),
        ("ORDER BY keys", order_by_vars(
            "SELECT ?a { ?a ?b ?c } ORDER BY DESC(?b) ?a LIMIT 3") ==
         ["b", "a"]),
    ]
    for title, ok in checks:
        n += 1
        bad += not ok
        print("%s %d - %s" % ("ok" if ok else "not ok", n, title))
    return 1 if bad else 0


def tap_text(s):
    return re.sub(r"\s+", " ", s).replace("#", "\\#")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", default=os.environ.get("DG_BIN") or os.path.join(
        HERE, "..", "..", "diplograph"), help="the diplograph binary")
    ap.add_argument("--shared", default=os.environ.get("DG_SHARED") or
                    os.path.join(HERE, "..", "..", "..", "shared"),
                    help="the folder holding w3c-sparql/")
    ap.add_argument("--known", default=os.path.join(HERE,
                                                    "known-failures.txt"),
                    help="the known-failures list")
    ap.add_argument("--filter", action="append", default=[],
                    help="run only tests whose id or IRI holds SUBSTR "
                    "(repeatable)")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--timeout", type=float, default=20.0,
                    help="seconds per diplograph command")
    ap.add_argument("--json", help="write every result to FILE")
    ap.add_argument("--update", action="store_true",
                    help="rewrite the known-failures list from this run")
    ap.add_argument("--list", action="store_true",
                    help="list the tests and exit")
    ap.add_argument("--self-test", action="store_true",
                    help="check the comparison code itself and exit")
    ap.add_argument("--first", type=int, default=1,
                    help="number of the first TAP test (the plan is then "
                    "left to the caller)")
    args = ap.parse_args()
    if args.self_test:
        return self_test()
    args.bin = os.path.abspath(args.bin)

    root = os.path.join(args.shared, "w3c-sparql")
    if not os.path.isdir(root):
        print("1..0 # SKIP no W3C test suites at %s" % root)
        return 0
    if shutil.which("rapper") is None:
        print("1..0 # SKIP rapper (raptor2-utils) is not installed")
        return 0
    tests = []
    for suite, folder, path in folders(args.shared):
        try:
            tests += read_manifest(suite, folder, path)
        except Failure as e:
            print("Bail out! %s/%s: %s" % (suite, folder, e))
            return 1
    if args.filter:
        tests = [t for t in tests
                 if any(f in t.id or f in t.iri for f in args.filter)]
    if args.list:
        for t in tests:
            print(t.id, t.kind, t.iri)
        return 0
    known, header = read_known(args.known)

    if args.first == 1:
        print("1..%d" % len(tests))
    sys.stdout.flush()
    workdir = tempfile.mkdtemp(prefix="dg-w3c.")
    results = []
    regressions = fixed = 0
    try:
        runner = Runner(args, workdir)
        with concurrent.futures.ThreadPoolExecutor(max(1, args.jobs)) as ex:
            for n, (t, status, why) in enumerate(ex.map(runner, tests),
                                                 args.first):
                results.append((t, status, why))
                is_known = t.id in known or t.iri in known
                if status == "skip":
                    print("ok %d - %s # SKIP %s" % (n, t.id, why))
                elif status == "pass":
                    print("ok %d - %s" % (n, t.id))
                    if is_known:
                        fixed += 1
                        print("# %s now passes: remove it from %s" % (
                            t.id, os.path.basename(args.known)))
                elif is_known:
                    print("not ok %d - %s # TODO known failure: %s" % (
                        n, t.id, tap_text(why)[:200]))
                else:
                    regressions += 1
                    print("not ok %d - %s: %s" % (n, t.id, tap_text(why)))
                    print("# %s (%s)" % (t.iri, t.query))
                sys.stdout.flush()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    per = {}
    for t, status, _ in results:
        c = per.setdefault(t.folder, [0, 0, 0])
        if status == "skip":
            c[2] += 1
        else:
            c[1] += 1
            c[0] += status == "pass"
    width = max([len(f) for f in per] + [5])
    sys.stderr.write("%-*s  pass/total  skipped\n" % (width, "folder"))
    tp = tt = ts = 0
    for f in sorted(per):
        p, n, s = per[f]
        tp, tt, ts = tp + p, tt + n, ts + s
        sys.stderr.write("%-*s  %4d/%-5d  %s\n" % (width, f, p, n,
                                                   s if s else ""))
    sys.stderr.write("%-*s  %4d/%-5d  %s\n" % (width, "total", tp, tt, ts))
    sys.stderr.write("%d new failures, %d known failures now pass\n" %
                     (regressions, fixed))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump([{"id": t.id, "iri": t.iri, "kind": t.kind,
                        "folder": t.folder, "name": t.name,
                        "approval": t.approval, "requires": t.requires,
                        "status": s, "reason": why,
                        "known": t.id in known or t.iri in known}
                       for t, s, why in results], f, indent=1)
            f.write("\n")
    if args.update:
        write_known(args.known, header, known, results)
        sys.stderr.write("rewrote %s\n" % args.known)
        return 0
    return 1 if regressions else 0


if __name__ == "__main__":
    sys.exit(main())
