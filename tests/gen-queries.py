#!/usr/bin/env python3
"""gen-queries.py: random SPARQL queries over diplograph's own vocabulary.

usage: gen-queries.py [--seed S] [--count N] DATA.nq OUTDIR

Reads a store exported as N-Quads (`diplograph export -f nquads`), learns
its shape (which classes each property links, which literals and datatypes
occur; the ontology graph <https://w3id.org/diplograph/ns> is left out as
the engine's default graph leaves it out), and writes N queries
OUTDIR/q0001.rq ... (default 520) for tests/cli/t0220-oxigraph-random.sh,
which runs each in diplograph and in Oxigraph (tests/oxigraph-diff.mjs).

Query kinds, in turn: connected basic graph patterns (1-4 triple
patterns), FILTERs (comparisons, regex, string functions, lang, datatype,
bound, IN, EXISTS / NOT EXISTS), OPTIONAL (nested too), UNION, MINUS,
BIND, VALUES, property paths (/ | ^ * + ? !), GRAPH ?g and GRAPH <iri>,
aggregates (COUNT SUM MIN MAX AVG GROUP_CONCAT SAMPLE, DISTINCT, GROUP BY,
HAVING), sub-queries, ORDER BY with LIMIT / OFFSET, DISTINCT, ASK,
CONSTRUCT, and expressions in SELECT.  IRIs and literals are sampled from
the data, so most queries have answers.

Deterministic: query i depends only on (--seed, i, the data).  Every
query's answer is defined by SPARQL 1.1 up to what oxigraph-diff.mjs
allows (blank node labels, GROUP_CONCAT order, SAMPLE): ORDER BY is used
with LIMIT / OFFSET only when it orders the projected rows totally, and on
keys SPARQL orders (IRIs, or literals of one kind), no NOW(), RAND(),
UUID(), BNODE(); GROUP_CONCAT and SAMPLE only in the outermost SELECT and
not in ORDER BY or HAVING.

Language tags are written in lower case: LANG() returns the tag as
stored, and Oxigraph stores tags in lower case (tags are case-insensitive).

Python 3 standard library only.
"""

import argparse
import os
import random
import re
import sys

ONTOLOGY = "https://w3id.org/diplograph/ns"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XSD = "http://www.w3.org/2001/XMLSchema#"
PREFIXES = [
    ("dg", "https://w3id.org/diplograph/ns#"),
    ("schema", "http://schema.org/"),
    ("org", "http://www.w3.org/ns/org#"),
    ("prov", "http://www.w3.org/ns/prov#"),
    ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ("owl", "http://www.w3.org/2002/07/owl#"),
    ("xsd", XSD),
    ("rdf", RDF),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
]
PROLOGUE = "".join(f"PREFIX {p}: <{n}>\n" for p, n in PREFIXES)

# ---------------------------------------------------------------- N-Quads

TERM = r'(<[^>]*>|_:\S+|"(?:[^"\\]|\\.)*"(?:@[A-Za-z0-9-]+|\^\^<[^>]*>)?)'
QUAD = re.compile(rf"^{TERM}\s+{TERM}\s+{TERM}\s*(?:{TERM})?\s*\.\s*$")


def unescape(s):
    return re.sub(r'\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)',
                  lambda m: (chr(int(m.group(1)[1:], 16)) if m.group(1)[0] in "uU"
                             else {"t": "\t", "n": "\n", "r": "\r", "b": "\b",
                                   "f": "\f"}.get(m.group(1), m.group(1))), s)


class Lit:
    """a literal: lexical form and datatype (xsd:string for simple ones)"""

    def __init__(self, lex, dt, lang=None):
        self.lex, self.dt, self.lang = lex, dt, lang

    def sparql(self):
        s = '"' + self.lex.replace("\\", "\\\\").replace('"', '\\"') \
            .replace("\n", "\\n").replace("\r", "\\r") + '"'
        if self.lang:
            return s + "@" + self.lang
        if self.dt == XSD + "string":
            return s
        if self.dt == XSD + "integer" and re.fullmatch(r"-?\d+", self.lex):
            return self.lex
        return s + "^^" + qname(self.dt)


def parse_term(t):
    if t.startswith("<"):
        return t[1:-1]
    if t.startswith("_:"):
        return None  # blank nodes: not used as constants
    m = re.match(r'^"((?:[^"\\]|\\.)*)"(?:@([A-Za-z0-9-]+)|\^\^<([^>]*)>)?$', t)
    return Lit(unescape(m.group(1)), m.group(3) or XSD + "string", m.group(2))


def qname(iri):
    for p, n in PREFIXES:
        if iri.startswith(n) and re.fullmatch(r"[A-Za-z_][\w-]*", iri[len(n):]):
            return f"{p}:{iri[len(n):]}"
    return f"<{iri}>"


# ---------------------------------------------------------------- the data


class Data:
    def __init__(self, path):
        self.types = {}        # subject IRI -> sorted classes
        self.triples = []      # (s, p, o, g), o an IRI string or a Lit
        self.graphs = set()
        with open(path, encoding="utf-8") as fp:
            for line in fp:
                m = QUAD.match(line.strip())
                if not m:
                    continue
                g = m.group(4)
                if g and g[1:-1] == ONTOLOGY:
                    continue
                s, p, o = (parse_term(m.group(i)) for i in (1, 2, 3))
                if s is None or o is None:
                    continue
                g = g[1:-1] if g else None
                if g:
                    self.graphs.add(g)
                if p == RDF + "type":
                    self.types.setdefault(s, set()).add(o)
                self.triples.append((s, p, o, g))
        self.graphs = sorted(self.graphs)
        self.cls = {s: sorted(c)[0] for s, c in self.types.items()}
        # edges: (subject class, p, object kind) -> list of (s, o)
        # an object kind is a class IRI, "iri" (untyped IRI), or ("lit", dt)
        self.edges = {}
        self.instances = {}
        seen = set()
        for s, p, o, g in self.triples:
            if (s, p, o if isinstance(o, str) else (o.lex, o.dt)) in seen:
                continue
            seen.add((s, p, o if isinstance(o, str) else (o.lex, o.dt)))
            if p == RDF + "type":
                self.instances.setdefault(o, []).append(s)
                continue
            sc = self.cls.get(s)
            if sc is None:
                continue
            ok = self.kind(o)
            self.edges.setdefault((sc, p, ok), []).append((s, o))
        self.edge_keys = sorted(self.edges, key=str)
        self.by_class = {}
        for k in self.edge_keys:
            self.by_class.setdefault(("s", k[0]), []).append(k)
            if isinstance(k[2], str) and k[2] != "iri":
                self.by_class.setdefault(("o", k[2]), []).append(k)
        self.classes = sorted(self.instances)
        self.preds = sorted({k[1] for k in self.edge_keys})
        ends = {}
        for s, p, o, g in self.triples:
            e = ends.setdefault(qname(p), set())
            e.add(s)
            if isinstance(o, str):
                e.add(o)
        self.ends = {p: sorted(e) for p, e in ends.items()}
        self.subjects = sorted(self.cls)
        self.lit_types = {}  # predicate -> set of kinds of its objects
        for s, p, o, g in self.triples:
            self.lit_types.setdefault(p, set()).add(o.dt if isinstance(o, Lit) else "iri")

    def kind(self, o):
        if isinstance(o, Lit):
            return ("lit", o.dt)
        return self.cls.get(o, "iri")

    def lit_values(self, p, dt=None):
        vals = []
        for k in self.edge_keys:
            if k[1] == p and isinstance(k[2], tuple) and (dt is None or k[2][1] == dt):
                vals += [o for _, o in self.edges[k]]
        return vals


# ---------------------------------------------------------------- patterns


class Gen:
    def __init__(self, data, rng):
        self.d, self.r = data, rng
        self.nvar = 0
        self.vars = {}  # name -> kind (class IRI, "iri" or ("lit", dt))

    def var(self, kind):
        name = "abcdefghijklmnopqrstuvwxyz"[self.nvar % 26] + (str(self.nvar // 26) if self.nvar >= 26 else "")
        self.nvar += 1
        self.vars[name] = kind
        return "?" + name

    def lit_vars(self, dt=None):
        return ["?" + v for v, k in self.vars.items()
                if isinstance(k, tuple) and (dt is None or k[1] == dt)]

    def iri_vars(self):
        return ["?" + v for v, k in self.vars.items() if isinstance(k, str)]

    def pick(self, seq):
        return seq[self.r.randrange(len(seq))]

    def bgp(self, n, start=None, const=0.3):
        """n connected triple patterns; returns (lines, [vars]).  start is an
        existing (var, class) to grow from."""
        r, d = self.r, self.d
        lines = []
        frontier = []  # (var, class)
        if start:
            frontier.append(start)
        else:
            c = self.pick(d.classes)
            v = self.var(c)
            lines.append(f"{v} a {qname(c)} .")
            frontier.append((v, c))
            n -= 1
        for _ in range(max(n, 0)):
            v, c = self.pick(frontier)
            outs = d.by_class.get(("s", c), [])
            ins = d.by_class.get(("o", c), [])
            if not outs and not ins:
                break
            if outs and (not ins or r.random() < 0.7):
                k = self.pick(outs)
                s_, o_ = self.pick(d.edges[k])
                if r.random() < const:
                    o = qname(o_) if isinstance(o_, str) else o_.sparql()
                else:
                    o = self.var(k[2])
                    if isinstance(k[2], str) and k[2] != "iri":
                        frontier.append((o, k[2]))
                lines.append(f"{v} {qname(k[1])} {o} .")
            else:
                k = self.pick(ins)
                s_, o_ = self.pick(d.edges[k])
                if r.random() < const:
                    s = qname(s_)
                else:
                    s = self.var(k[0])
                    frontier.append((s, k[0]))
                lines.append(f"{s} {qname(k[1])} {v} .")
        return lines, frontier

    def literal_pattern(self, v, c, dt=None):
        """a pattern from ?v (of class c) to a new literal variable"""
        keys = [k for k in self.d.by_class.get(("s", c), [])
                if isinstance(k[2], tuple) and (dt is None or k[2][1] == dt)]
        if not keys:
            return None, None, None
        k = self.pick(keys)
        o = self.var(k[2])
        return f"{v} {qname(k[1])} {o} .", o, k

    def iri_pattern(self, v, c):
        keys = [k for k in self.d.by_class.get(("s", c), []) if isinstance(k[2], str)]
        if not keys:
            return None, None, None
        k = self.pick(keys)
        o = self.var(k[2])
        return f"{v} {qname(k[1])} {o} .", o, k

    def filter_for(self, v, k):
        """a FILTER expression on ?v whose values are those of edge k"""
        r = self.r
        vals = [o for _, o in self.d.edges[k]]
        sample = self.pick(vals)
        dt = k[2][1] if isinstance(k[2], tuple) else None
        if dt == XSD + "integer":
            n = int(sample.lex)
            return self.pick([f"{v} > {n}", f"{v} <= {n}", f"{v} = {n}", f"{v} != {n}",
                              f"{v} * 2 >= {n} + 1", f"{v} IN ({n}, {n + 1}, {n + 3})",
                              f"ABS({v} - {n}) < 5", f"{v} / 2 > {n // 3}",
                              f"DATATYPE({v}) = xsd:integer", f"isNumeric({v})"])
        if dt == XSD + "string":
            word = re.findall(r"[A-Za-z]{3,}", sample.lex) or ["abc"]
            w = self.pick(word)
            sub = w[:r.randint(2, len(w))]
            return self.pick([
                f'regex({v}, "{sub}", "i")', f'regex({v}, "^{w[0]}")',
                f'CONTAINS(LCASE({v}), "{sub.lower()}")', f'STRSTARTS({v}, "{w[:2]}")',
                f'STRENDS({v}, "{w[-2:]}")', f"STRLEN({v}) > {len(sample.lex)}",
                f"{v} < {sample.sparql()}", f"{v} >= {sample.sparql()}",
                f"{v} = {sample.sparql()}", f"{v} != {sample.sparql()}",
                f'LANG({v}) = ""', f"DATATYPE({v}) = xsd:string",
                f"UCASE({v}) = {Lit(sample.lex.upper(), dt).sparql()}",
                f"{v} NOT IN ({sample.sparql()}, \"x\")",
                f'STRBEFORE({v}, " ") != ""', f"isLiteral({v}) && !isIRI({v})",
            ])
        if dt in (XSD + "date", XSD + "dateTime"):
            # YEAR() and MONTH() on other types than xsd:dateTime and
            # xsd:date are extensions (schema:startDate has gYear too)
            return self.pick([f"{v} >= {sample.sparql()}", f"{v} < {sample.sparql()}",
                              f"DATATYPE({v}) = {qname(dt)} && YEAR({v}) = {sample.lex[:4]}",
                              f"DATATYPE({v}) = {qname(dt)} && MONTH({v}) > 6",
                              f"{v} = {sample.sparql()}"])
        if dt == XSD + "boolean":
            return self.pick([f"{v}", f"!{v}", f"{v} = true"])
        if dt is not None:
            return self.pick([f"DATATYPE({v}) = {qname(dt)}", f"STR({v}) >= {Lit(sample.lex, XSD + 'string').sparql()}",
                              f"sameTerm({v}, {sample.sparql()})"])
        # IRIs
        return self.pick([f"{v} = {qname(sample)}", f"{v} != {qname(sample)}", f"isIRI({v})",
                          f'STRSTARTS(STR({v}), "https://w3id.org/diplograph/id/")',
                          f"sameTerm({v}, {qname(sample)})", f'CONTAINS(STR({v}), "{sample[-3:]}")'])


# ---------------------------------------------------------------- query kinds


def q_bgp(g):
    lines, _ = g.bgp(g.r.randint(1, 4))
    vs = sorted({m for m in re.findall(r"\?\w+", " ".join(lines))})
    sel = g.pick(["*", "DISTINCT " + " ".join(vs), " ".join(vs[:max(1, len(vs) - 1)]),
                  "DISTINCT " + vs[0], "REDUCED " + " ".join(vs)])
    if sel.startswith("REDUCED"):
        sel = "DISTINCT" + sel[7:]  # REDUCED's cardinality is undefined
    return f"SELECT {sel} WHERE {{\n  " + "\n  ".join(lines) + "\n}"


def q_filter(g):
    lines, frontier = g.bgp(g.r.randint(1, 3), const=0.1)
    v, c = g.pick(frontier)
    if g.r.random() < 0.75:
        pat, o, k = g.literal_pattern(v, c)
    else:
        pat, o, k = g.iri_pattern(v, c)
    if pat:
        lines.append(pat)
        f = g.filter_for(o, k)
        if g.r.random() < 0.3:
            pat2, o2, k2 = g.literal_pattern(v, c)
            if pat2:
                lines.append(pat2)
                f = f"({f}) {g.pick(['&&', '||'])} ({g.filter_for(o2, k2)})"
        pos = g.r.randrange(len(lines) + 1)
        lines.insert(pos, f"FILTER({f})")
    return "SELECT * WHERE {\n  " + "\n  ".join(lines) + "\n}"


def q_optional(g):
    lines, frontier = g.bgp(g.r.randint(1, 3), const=0.15)
    v, c = g.pick(frontier)
    pat, o, k = (g.literal_pattern if g.r.random() < 0.5 else g.iri_pattern)(v, c)
    if not pat:
        return q_bgp(g)
    inner = pat
    if isinstance(k[2], str) and k[2] != "iri" and g.r.random() < 0.5:
        pat2, o2, k2 = g.literal_pattern(o, k[2])
        if pat2:
            inner += f"\n    OPTIONAL {{ {pat2} }}"  # nested
    if g.r.random() < 0.3:
        inner += f"\n    FILTER({g.filter_for(o, k)})"
    body = "\n  ".join(lines) + f"\n  OPTIONAL {{\n    {inner}\n  }}"
    if g.r.random() < 0.3:
        pat3, o3, _ = g.literal_pattern(v, c)
        if pat3:
            body += f"\n  OPTIONAL {{ {pat3} }}"
    tail = g.pick(["", f"\n  FILTER(!BOUND({o}))", f"\n  FILTER(BOUND({o}))", ""])
    return f"SELECT * WHERE {{\n  {body}{tail}\n}}"


def q_union(g):
    c = g.pick(g.d.classes)
    v = g.var(c)
    a, _ = g.bgp(g.r.randint(1, 2), start=(v, c), const=0.2)
    b, _ = g.bgp(g.r.randint(1, 2), start=(v, c), const=0.2)
    if not a or not b:
        return q_bgp(g)
    head = f"  {v} a {qname(c)} .\n" if g.r.random() < 0.6 else ""
    sel = g.pick(["*", f"DISTINCT {v}"])
    third = ""
    if g.r.random() < 0.25:
        c3 = g.pick(g.d.classes)
        third = f" UNION {{ {g.var(c3)} a {qname(c3)} }}"
    return (f"SELECT {sel} WHERE {{\n{head}  {{ " + " ".join(a) + " }\n  UNION\n  { "
            + " ".join(b) + " }" + third + "\n}")


def q_minus(g):
    lines, frontier = g.bgp(g.r.randint(1, 3), const=0.1)
    v, c = g.pick(frontier)
    m, _ = g.bgp(g.r.randint(1, 2), start=(v, c), const=0.3)
    if not m:
        m = [f"{v} a {qname(c)} ."]
    return "SELECT * WHERE {\n  " + "\n  ".join(lines) + "\n  MINUS { " + " ".join(m) + " }\n}"


def q_exists(g):
    lines, frontier = g.bgp(g.r.randint(1, 2), const=0.1)
    v, c = g.pick(frontier)
    e, _ = g.bgp(g.r.randint(1, 2), start=(v, c), const=0.3)
    if not e:
        return q_bgp(g)
    neg = g.pick(["", "NOT "])
    return ("SELECT * WHERE {\n  " + "\n  ".join(lines)
            + f"\n  FILTER({neg}EXISTS {{ " + " ".join(e) + " })\n}")


def q_bind(g):
    d = g.d
    # sentences give integers, names give strings
    if g.r.random() < 0.4:
        s = g.var("https://w3id.org/diplograph/ns#Sentence")
        a, b, i = g.var(("lit", XSD + "integer")), g.var(("lit", XSD + "integer")), g.var(("lit", XSD + "integer"))
        x = g.var(("lit", XSD + "integer"))
        e = g.pick([f"{b} - {a}", f"({b} - {a}) / 2", f"{i} * 10 + 1", f"-{a}", f"ABS({a} - {b})",
                    f"IF({i} > 3, {a}, {b})", f"{a} / {i}", f"ROUND({b} / 7)", f"CEIL({a} / 3)",
                    f"FLOOR({b} / 9.0)", f"COALESCE({a} / 0, -1)", f"STR({i})", f"{a} + 0.5", f"{b} * 1.0e0"])
        art = g.pick(sorted(d.graphs))
        return (f"SELECT {s} {x} WHERE {{\n  {s} dg:inArticle <{art}> ;\n     dg:index {i} ;\n"
                f"     dg:charStart {a} ;\n     dg:charEnd {b} .\n  BIND({e} AS {x})\n}}")
    c = g.pick([k for k in d.classes if any(isinstance(k2[2], tuple) and k2[2][1] == XSD + "string"
                                           for k2 in d.by_class.get(("s", k), []))])
    v = g.var(c)
    pat, o, k = g.literal_pattern(v, c, XSD + "string")
    x = g.var(("lit", XSD + "string"))
    e = g.pick([f"STRLEN({o})", f"UCASE({o})", f"LCASE({o})", f'CONCAT({o}, " / ", STR({v}))',
                f"SUBSTR({o}, 2, 3)", f'REPLACE({o}, "[aeiou]", "_")', f'STRAFTER({o}, " ")',
                f'STRBEFORE({o}, "e")', f"ENCODE_FOR_URI({o})", f'IF(STRLEN({o}) > 10, "long", "short")',
                f'COALESCE(?nothing, {o})', f"STR({v})", f"IRI(CONCAT(\"http://e/\", ENCODE_FOR_URI({o})))",
                f"MD5({o})", f"STRLANG({o}, \"en\")", f"STRDT({o}, xsd:token)", f"isBlank({v})",
                f'CONTAINS({o}, "a")', f"SUBSTR({o}, STRLEN({o}))"])
    return f"SELECT {v} {o} {x} WHERE {{\n  {v} a {qname(c)} .\n  {pat}\n  BIND({e} AS {x})\n}}"


def q_values(g):
    d = g.d
    c = g.pick(d.classes)
    inst = sorted(set(d.instances[c]))
    vals = [g.pick(inst) for _ in range(g.r.randint(1, 4))]
    v = g.var(c)
    lines, frontier = g.bgp(g.r.randint(1, 2), start=(v, c), const=0.1)
    if g.r.random() < 0.5 or not lines:
        vv = " ".join(qname(x) for x in vals) + " <http://example.org/none>"
        vb = f"VALUES {v} {{ {vv} }}"
    else:
        w = "?" + g.pick([x for x in g.vars if "?" + x != v] or ["zz"])
        rows = " ".join(f"({qname(x)} UNDEF)" if i % 2 else f"({qname(x)} {w if False else 'UNDEF'})" for i, x in enumerate(vals))
        vb = f"VALUES ({v} {w}) {{ {rows} }}"
    parts = [vb] + (lines or [f"{v} a {qname(c)} ."])
    if g.r.random() < 0.5:
        parts = parts[1:] + parts[:1]
    return "SELECT * WHERE {\n  " + "\n  ".join(parts) + "\n}"


PATHS = [
    "dg:participatesIn/dg:partOf", "^dg:participatesIn", "dg:memberOf|dg:participatesIn",
    "org:subOrganizationOf*", "org:subOrganizationOf+", "org:subOrganizationOf?",
    "schema:location/schema:containedInPlace?", "dg:cooperatesWith+", "dg:cooperatesWith/dg:cooperatesWith",
    "^dg:agent/dg:recipient", "dg:evidence/dg:inArticle", "^dg:inEvent/dg:actionType",
    "!(rdf:type|schema:name)", "!rdf:type", "(dg:chairs|dg:hosts|dg:coChairs)/schema:name",
    "schema:worksFor/org:subOrganizationOf*", "(dg:attends/^dg:attends)+", "schema:about/skos:prefLabel",
    "^schema:nationality/schema:name", "(dg:partOf|^dg:partOf)*", "dg:cooperatesWith*",
    "^(dg:memberOf|schema:nationality)", "dg:evidence/^dg:evidence", "(schema:name|schema:alternateName)",
    "^dg:inArticle/dg:index", "schema:location/(schema:name|dg:iso3)", "!(^rdf:type)",
]


def q_path(g):
    d = g.d
    p = g.pick(PATHS)
    first = p.split("/")[0].strip("(^!*+?)").split("|")[0]
    # anchor: an IRI that has the first step's property (or any subject)
    cands = d.ends.get(first) or d.subjects
    anchor = qname(g.pick(cands or subj))
    x, y = g.var("iri"), g.var("iri")
    form = g.r.randrange(4)
    if form == 0:
        body = f"{anchor} {p} {y} ."
    elif form == 1:
        body = f"{x} {p} {anchor} ."
    elif form == 2:
        c = g.pick(["schema:Country", "schema:Organization", "schema:Person", "schema:Event"])
        body = f"{x} a {c} .\n  {x} {p} {y} ."
    else:
        body = f"{x} {p} {y} ."
        if "*" in p or "?" in p or "!" in p:
            body = f"{x} a schema:Country .\n  {x} {p} {y} ."
    sel = g.pick(["*", f"DISTINCT {y if '?' + 'b' in body or y in body else x}"])
    return f"SELECT {sel} WHERE {{\n  {body}\n}}"


def q_graph(g):
    d = g.d
    lines, _ = g.bgp(g.r.randint(1, 3), const=0.2)
    vs = sorted(set(re.findall(r"\?\w+", " ".join(lines))))
    if g.r.random() < 0.6:
        gv = "?g"
        pre = ""
        if g.r.random() < 0.3:
            pre = f"  ?g schema:identifier ?key .\n"
        if g.r.random() < 0.5:
            return (f"SELECT DISTINCT ?g {' '.join(vs)} WHERE {{\n  GRAPH ?g {{\n{pre}    "
                    + "\n    ".join(lines) + "\n  }\n}")
        return "SELECT ?g (COUNT(*) AS ?n) WHERE {\n  GRAPH ?g {\n    " + "\n    ".join(lines) + "\n  }\n} GROUP BY ?g"
    art = g.pick(d.graphs)
    extra = ""
    if g.r.random() < 0.4:
        extra = f"\n  {vs[0]} ?p2 ?o2 ."  # outside the GRAPH: the default graph
    return (f"SELECT * WHERE {{\n  GRAPH <{art}> {{\n    " + "\n    ".join(lines) + f"\n  }}{extra}\n}}")


def q_aggregate(g):
    d = g.d
    r = g.r
    c = g.pick(d.classes)
    v = g.var(c)
    lines, frontier = g.bgp(r.randint(0, 2), start=(v, c), const=0.1)
    lines.insert(0, f"{v} a {qname(c)} .")
    # a grouping key: a literal or IRI reached from v, or none
    key = None
    if r.random() < 0.75:
        pat, key, k = (g.literal_pattern if r.random() < 0.5 else g.iri_pattern)(v, c)
        if pat:
            lines.append(pat)
        else:
            key = None
    aggs = []
    num = None
    if any(isinstance(k2[2], tuple) and k2[2][1] == XSD + "integer" for k2 in d.by_class.get(("s", c), [])):
        pat, num, _ = g.literal_pattern(v, c, XSD + "integer")
        lines.append(f"OPTIONAL {{ {pat} }}" if r.random() < 0.3 else pat)
    strv = None
    if any(isinstance(k2[2], tuple) and k2[2][1] == XSD + "string" for k2 in d.by_class.get(("s", c), [])):
        pat, strv, _ = g.literal_pattern(v, c, XSD + "string")
        lines.append(pat)
    dist = lambda: g.pick(["", "DISTINCT "])
    choices = [f"(COUNT(*) AS ?n)", f"(COUNT({dist()}{v}) AS ?nv)"]
    if num:
        choices += [f"(SUM({num}) AS ?sum)", f"(MIN({num}) AS ?min)", f"(MAX({num}) AS ?max)",
                    f"(AVG({dist()}{num}) AS ?avg)", f"(SUM({dist()}{num}) AS ?sumd)", f"(MAX({num}) - MIN({num}) AS ?span)"]
    if strv:
        choices += [f"(MIN({strv}) AS ?first)", f"(MAX({strv}) AS ?last)", f"(COUNT(DISTINCT {strv}) AS ?ns)",
                    f'(GROUP_CONCAT({dist()}{strv}; SEPARATOR="|") AS ?all)', f"(SAMPLE({strv}) AS ?one)",
                    f"(MIN(STRLEN({strv})) AS ?shortest)"]
    choices += [f"(MIN({v}) AS ?minv)", f"(MAX(STR({v})) AS ?maxv)"]
    r.shuffle(choices)
    aggs = choices[:r.randint(1, 3)]
    having = ""
    if key and r.random() < 0.4:
        having = g.pick([" HAVING (COUNT(*) > 1)", f" HAVING (COUNT(DISTINCT {v}) >= 2)",
                         " HAVING (COUNT(*) < 3)"])
    group = f" GROUP BY {key}" if key else ""
    sel = f"{key} " if key else ""
    return f"SELECT {sel}{' '.join(aggs)} WHERE {{\n  " + "\n  ".join(lines) + f"\n}}{group}{having}"


def q_subquery(g):
    d = g.d
    r = g.r
    c = g.pick(d.classes)
    v = g.var(c)
    inner, _ = g.bgp(r.randint(1, 2), start=(v, c), const=0.1)
    if not inner:
        inner = [f"{v} ?p ?o ."]
    form = r.randrange(3)
    if form == 0:
        sub = f"SELECT {v} (COUNT(*) AS ?n) WHERE {{ " + " ".join(inner) + f" }} GROUP BY {v}"
        outer, _ = g.bgp(r.randint(1, 2), start=(v, c), const=0.1)
        filt = g.pick(["", "\n  FILTER(?n > 1)"])
        return ("SELECT * WHERE {\n  { " + sub + " }\n  " + "\n  ".join(outer or [f"{v} a {qname(c)} ."])
                + filt + "\n}")
    if form == 1:
        n = r.randint(1, 5)
        sub = f"SELECT DISTINCT {v} WHERE {{ {v} a {qname(c)} . " + " ".join(inner) + f" }} ORDER BY {v} LIMIT {n}"
        pat, o, _ = g.literal_pattern(v, c) if d.by_class.get(("s", c)) else (None, None, None)
        outer = pat or f"{v} a {qname(c)} ."
        return "SELECT * WHERE {\n  { " + sub + " }\n  " + outer + "\n}"
    sub = f"SELECT (COUNT(DISTINCT {v}) AS ?total) WHERE {{ " + " ".join(inner) + " }"
    return "SELECT ?total (?total * 2 AS ?twice) WHERE {\n  { " + sub + " }\n}"


def q_order(g):
    d = g.d
    r = g.r
    c = g.pick(d.classes)
    v = g.var(c)
    lines = [f"{v} a {qname(c)} ."]
    pat, o, k = g.literal_pattern(v, c)
    keys = []
    proj = [v]
    # a key SPARQL orders: a property with literals of one datatype only
    if pat and k[2][1] in (XSD + "string", XSD + "integer", XSD + "date", XSD + "dateTime", XSD + "boolean") \
            and len(d.lit_types.get(k[1], ())) == 1:
        lines.append(pat)
        proj.append(o)
        keys.append(g.pick([o, f"DESC({o})", f"ASC({o})"]))
    keys.append(g.pick([v, f"DESC({v})"]))
    lim = ""
    if r.random() < 0.8:
        lim = g.pick([f" LIMIT {r.randint(1, 10)}", f" OFFSET {r.randint(1, 5)} LIMIT {r.randint(1, 8)}",
                      f" LIMIT {r.randint(1, 4)} OFFSET {r.randint(0, 3)}", f" OFFSET {r.randint(0, 20)}"])
    return (f"SELECT DISTINCT {' '.join(proj)} WHERE {{\n  " + "\n  ".join(lines)
            + f"\n}}\nORDER BY {' '.join(keys)}{lim}")


def q_order_agg(g):
    # ORDER BY an aggregate then the key: total order on the projected rows
    d = g.d
    p = g.pick(["dg:participatesIn", "dg:attends", "schema:about", "dg:evidence", "dg:agent",
                "schema:nationality", "dg:memberOf", "dg:inArticle"])
    lim = g.pick(["", " LIMIT 5", " LIMIT 3 OFFSET 1"])
    dirn = g.pick(["DESC(?n)", "?n"])
    return (f"SELECT ?x (COUNT(*) AS ?n) WHERE {{\n  ?x {p} ?y .\n}} GROUP BY ?x\n"
            f"ORDER BY {dirn} ?x{lim}")


def q_ask(g):
    lines, frontier = g.bgp(g.r.randint(1, 3), const=0.4)
    if g.r.random() < 0.3:
        v, c = g.pick(frontier)
        pat, o, k = g.literal_pattern(v, c)
        if pat:
            lines += [pat, f"FILTER({g.filter_for(o, k)})"]
    return "ASK {\n  " + "\n  ".join(lines) + "\n}"


def q_construct(g):
    lines, frontier = g.bgp(g.r.randint(1, 3), const=0.2)
    vs = sorted(set(re.findall(r"\?\w+", " ".join(lines))))
    tmpl = []
    for i, line in enumerate(lines):
        if g.r.random() < 0.7:
            tmpl.append(line)
    v = vs[0]
    extra = g.pick([f"{v} <http://example.org/seen> true .",
                    f"{v} <http://example.org/note> [ <http://example.org/about> {v} ] .",
                    f"<http://example.org/q> <http://example.org/has> {v} .", ""])
    tmpl.append(extra)
    return ("CONSTRUCT {\n  " + "\n  ".join(t for t in tmpl if t) + "\n} WHERE {\n  "
            + "\n  ".join(lines) + "\n}")


def q_expr(g):
    d = g.d
    r = g.r
    # dated events and articles: date functions; names: string functions
    if r.random() < 0.5:
        e = g.var("schema:Event")
        dte = g.var(("lit", XSD + "date"))
        f = g.pick([f"YEAR({dte})", f"MONTH({dte})", f"DAY({dte})", f"STR({dte})",
                    f"DATATYPE({dte})", f"CONCAT(STR(YEAR({dte})), \"-\", STR({e}))",
                    f"{dte} > \"2020-01-01\"^^xsd:date", f"SUBSTR(STR({dte}), 1, 4)"])
        p = g.pick(["schema:startDate", "schema:datePublished"])
        return (f"SELECT {e} ({f} AS ?v) WHERE {{\n  {e} {p} {dte} .\n"
                f"  FILTER(DATATYPE({dte}) = xsd:date)\n}}")
    c = g.pick(["schema:Person", "schema:Organization", "schema:Country", "schema:Place", "skos:Concept"])
    x = g.var(c)
    n = g.var(("lit", XSD + "string"))
    p = "skos:prefLabel" if c == "skos:Concept" else "schema:name"
    f = g.pick([f"STRLEN({n})", f"UCASE({n})", f"SUBSTR({n}, 1, 1)", f"STRAFTER(STR({x}), \"/id/\")",
                f"REPLACE(STR({x}), \"^.*/\", \"\")", f"CONCAT({n}, \"@\", STR({x}))",
                f"STRENDS({n}, \"a\")", f"LCASE(SUBSTR({n}, 2))", f"ENCODE_FOR_URI({n})",
                f"IF(CONTAINS({n}, \" \"), STRBEFORE({n}, \" \"), {n})", f"SHA1({n})",
                f"STRLEN({n}) + STRLEN(STR({x}))", f"LANGMATCHES(LANG({n}), \"*\")"])
    return f"SELECT {x} ({f} AS ?v) WHERE {{\n  {x} a {c} ; {p} {n} .\n}}"


def q_tricky(g):
    """edge cases: scoping, errors in expressions, empty groups, casts,
    Unicode strings, zero-length paths, lang tags, hidden graph"""
    d, r = g.d, g.r
    c = g.pick(d.classes)
    inst = sorted(set(d.instances[c]))
    x = qname(g.pick(inst))
    country = qname(g.pick(sorted(set(d.instances.get("http://schema.org/Country", inst)))))
    names = d.lit_values("http://schema.org/name") or [Lit("x", XSD + "string")]
    name = g.pick(names)
    nm = name.sparql()
    n = r.randint(0, 400)
    T = [
        # OPTIONAL whose FILTER reads a variable of the outer group
        f"SELECT * WHERE {{\n  ?a a schema:Person ; schema:name ?n .\n  OPTIONAL {{ ?a schema:nationality ?c . ?c schema:name ?cn FILTER(STRLEN(?cn) < STRLEN(?n)) }}\n}}",
        # a FILTER in an inner group cannot see the outer group's variables
        f"SELECT * WHERE {{\n  ?a a schema:Country ; dg:iso3 ?i .\n  {{ ?a schema:name ?n FILTER(BOUND(?i)) }}\n}}",
        f"SELECT ?a ?n WHERE {{\n  ?a schema:name ?n .\n  {{ ?a a schema:Organization }} UNION {{ FILTER(?n = {nm}) }}\n}}",
        # MINUS without shared variables removes nothing
        f"SELECT * WHERE {{\n  ?a a schema:Country .\n  MINUS {{ ?b a schema:Person }}\n}}",
        f"SELECT * WHERE {{\n  ?a dg:iso3 ?i .\n  MINUS {{ ?a dg:memberOf ?o }}\n}}",
        # aggregates of an empty pattern: one row
        f"SELECT (COUNT(*) AS ?n) (SUM(?x) AS ?s) (AVG(?x) AS ?a) (MIN(?x) AS ?m) (GROUP_CONCAT(?x) AS ?gc) WHERE {{\n  ?e dg:index ?x FILTER(?x < 0)\n}}",
        f"SELECT ?k (COUNT(*) AS ?n) WHERE {{\n  ?e dg:index ?x FILTER(?x < 0) BIND(1 AS ?k)\n}} GROUP BY ?k",
        # GROUP BY an expression, COUNT of a sometimes unbound variable
        f"SELECT ?y (COUNT(?e) AS ?n) (COUNT(?loc) AS ?located) WHERE {{\n  ?e a schema:Event ; schema:startDate ?d .\n  OPTIONAL {{ ?e schema:location ?loc }}\n}} GROUP BY (SUBSTR(STR(?d), 1, 4) AS ?y)",
        f"SELECT ?k (SUM(?w) AS ?s) WHERE {{\n  ?p a schema:Person .\n  OPTIONAL {{ ?p dg:rank ?k }}\n  BIND(IF(BOUND(?k), 2, 1) AS ?w)\n}} GROUP BY ?k",
        f"SELECT ?t (COUNT(DISTINCT ?a) AS ?n) WHERE {{\n  ?a a ?t .\n}} GROUP BY ?t HAVING (SUM(1) > 2)",
        # errors in FILTER: a type error is false, also under !, not under ||
        f"SELECT ?e ?d WHERE {{\n  ?e schema:startDate ?d .\n  FILTER(!(?d < \"2020\"))\n}}",
        f"SELECT ?e ?d WHERE {{\n  ?e schema:startDate ?d .\n  FILTER(?d < \"2020\" || STRSTARTS(STR(?d), \"202\"))\n}}",
        f"SELECT ?e ?d WHERE {{\n  ?e schema:startDate ?d .\n  FILTER(?d >= \"2021-01-01\"^^xsd:date)\n}}",
        f"SELECT ?a ?n WHERE {{\n  ?a schema:name ?n .\n  FILTER(?n IN (1, {nm}, ?undefined))\n}}",
        f"SELECT ?a ?v WHERE {{\n  ?a dg:index ?i .\n  FILTER(?i < 3)\n  BIND(COALESCE(?i / 0, ?i + 0.5, 7) AS ?v)\n}}",
        f"SELECT ?a ?v WHERE {{\n  ?a dg:charStart ?i .\n  FILTER(?i < {n})\n  BIND(IF(?i / 0 > 1, \"a\", \"b\") AS ?v)\n}}",
        # numbers: promotion, division, rounding, casts
        f"SELECT ?a (?i + 1.5 AS ?d) (?i * 1.0e0 AS ?f) (?i / 4 AS ?q) (-?i AS ?neg) (ROUND(?i / 4) AS ?r) (CEIL(-?i / 4) AS ?c) WHERE {{\n  ?a dg:index ?i FILTER(?i <= 5)\n}}",
        f"SELECT ?a (xsd:string(?i) AS ?s) (xsd:double(?i) AS ?d) (xsd:decimal(?i) AS ?dec) (xsd:boolean(?i) AS ?b) (xsd:integer(STR(?i)) AS ?back) WHERE {{\n  ?a dg:index ?i FILTER(?i < 4)\n}}",
        f"SELECT ?n (xsd:integer(?n) AS ?i) (xsd:date(?n) AS ?d) WHERE {{\n  ?a dg:iso3 ?n\n}}",
        f"SELECT (ROUND(-2.5) AS ?a) (ROUND(2.5) AS ?b) (ROUND(-0.4) AS ?c) (CEIL(-0.5) AS ?d) (FLOOR(-0.5) AS ?e) (ABS(-3) AS ?f) (7 / 2 AS ?g) (7.0e0 / 2 AS ?h) (1 + 2.0 AS ?i) WHERE {{}}",
        f"SELECT ?a WHERE {{\n  ?a dg:index ?i .\n  FILTER(?i = 2.0 && ?i != 2.5e0 && sameTerm(?i, 2))\n}}",
        # strings: Unicode, lang tags, regex groups
        f"SELECT ?n (UCASE(?n) AS ?u) (LCASE(?n) AS ?l) (STRLEN(?n) AS ?len) (SUBSTR(?n, 2, 4) AS ?sub) (ENCODE_FOR_URI(?n) AS ?enc) WHERE {{\n  ?a schema:name ?n FILTER(regex(?n, \"[^ -~]\"))\n}}",
        f"SELECT ?n (MD5(?n) AS ?md5) (SHA256(?n) AS ?sha) (SHA512(?n) AS ?sha5) WHERE {{\n  ?a a schema:Person ; schema:name ?n\n}}",
        f"SELECT ?n (REPLACE(?n, \"^(\\\\w+) (.*)$\", \"$2, $1\") AS ?r) (REPLACE(?n, \"A\", \"a\", \"i\") AS ?ri) WHERE {{\n  ?a a schema:Person ; schema:name ?n\n}}",
        f"SELECT ?l (LANG(?l) AS ?lang) (UCASE(?l) AS ?u) (CONCAT(?l, ?l) AS ?cc) (CONCAT(?l, \"!\") AS ?cm) (STRBEFORE(?l, \"a\") AS ?b) (STRAFTER(?l, \"zzz\") AS ?af) (LANGMATCHES(LANG(?l), \"EN\") AS ?m) (DATATYPE(?l) AS ?dt) WHERE {{\n  ?a skos:prefLabel ?p BIND(STRLANG(?p, \"en-gb\") AS ?l)\n}}",
        f"SELECT ?a WHERE {{\n  ?a schema:name ?n .\n  FILTER(?n > {nm})\n}}\nORDER BY ?a",
        f"SELECT ?a ?n WHERE {{\n  ?a schema:name ?n .\n  FILTER(STRSTARTS(?n, STRLANG(\"A\", \"en\")) || CONTAINS(?n, \"\"))\n}}",
        # dates and times
        f"SELECT ?r (YEAR(?t) AS ?y) (MONTH(?t) AS ?mo) (DAY(?t) AS ?dd) (HOURS(?t) AS ?h) (MINUTES(?t) AS ?mi) (SECONDS(?t) AS ?s) (TZ(?t) AS ?tz) (TIMEZONE(?t) AS ?tzd) (STR(?t) AS ?st) WHERE {{\n  ?r prov:startedAtTime ?t\n}}",
        f"SELECT ?e (DATATYPE(?d) AS ?dt) (STR(?d) AS ?s) WHERE {{\n  ?e schema:startDate ?d\n}}",
        # paths: zero length, both ends bound, cycles
        # (a term that is not in the data would give one row by SPARQL 1.1's
        # definition, none in Oxigraph 0.5.11: take one that is)
        f"SELECT * WHERE {{\n  {x} dg:cooperatesWith* ?y\n}}",
        f"SELECT * WHERE {{\n  {x} (dg:cooperatesWith|org:subOrganizationOf)* ?y\n}}",
        f"SELECT ?x WHERE {{\n  ?x a schema:Country .\n  ?x dg:cooperatesWith+ ?x\n}}",
        f"ASK {{\n  {country} (dg:cooperatesWith/dg:cooperatesWith)+ {country}\n}}",
        # (a negated property set mixing forward and inverse IRIs is a UNION
        # by SPARQL 1.1, 18.2.2.4: Oxigraph 0.5.11 drops the duplicates)
        f"SELECT * WHERE {{\n  {country} !(^dg:memberOf|^rdf:type) ?o\n}}",
        f"SELECT DISTINCT ?o WHERE {{\n  {country} !(^dg:memberOf|rdf:type) ?o\n}}",
        f"SELECT DISTINCT ?p WHERE {{\n  ?x a schema:Event ; !(schema:name|rdf:type) ?o .\n  ?x ?p ?o\n}}",
        f"SELECT (COUNT(*) AS ?n) WHERE {{\n  ?x ^schema:nationality/schema:worksFor? ?y\n}}",
        # graphs: the ontology graph is hidden from GRAPH ?g and the default graph
        f"SELECT (COUNT(?g) AS ?n) WHERE {{\n  GRAPH ?g {{ }}\n}}",
        f"SELECT ?g WHERE {{\n  GRAPH ?g {{ ?s a owl:Ontology }}\n}}",
        f"SELECT ?s WHERE {{\n  ?s a owl:Class\n}}",
        f"SELECT (COUNT(*) AS ?n) WHERE {{\n  GRAPH <https://w3id.org/diplograph/ns> {{ ?s a owl:Class }}\n}}",
        f"SELECT ?g (COUNT(*) AS ?n) WHERE {{\n  GRAPH ?g {{ {x} ?p ?o }}\n}} GROUP BY ?g",
        f"SELECT (COUNT(*) AS ?n) (COUNT(DISTINCT ?o) AS ?d) WHERE {{\n  ?s schema:name ?o\n}}",
        # VALUES with UNDEF, EXISTS in SELECT, sub-queries
        f"SELECT * WHERE {{\n  VALUES (?a ?n) {{ ({x} UNDEF) (UNDEF {nm}) (UNDEF UNDEF) }}\n  ?a schema:name ?n .\n}}",
        f"SELECT ?a (EXISTS {{ ?a dg:memberOf ?o }} AS ?member) (NOT EXISTS {{ ?a dg:cooperatesWith ?b }} AS ?alone) WHERE {{\n  ?a a schema:Country\n}}",
        f"SELECT ?a ?n WHERE {{\n  {{ SELECT ?a (COUNT(?e) AS ?n) WHERE {{ ?a dg:participatesIn ?e }} GROUP BY ?a HAVING (COUNT(?e) > 1) }}\n  FILTER NOT EXISTS {{ ?a dg:memberOf ?o }}\n}}",
        f"SELECT (MAX(?n) AS ?most) (SUM(?n) AS ?all) WHERE {{\n  {{ SELECT ?a (COUNT(*) AS ?n) WHERE {{ ?a dg:attends ?e }} GROUP BY ?a }}\n}}",
        f"SELECT * WHERE {{\n  {{ SELECT * WHERE {{ ?a dg:iso3 ?i }} ORDER BY DESC(?i) LIMIT 3 }}\n  OPTIONAL {{ ?a dg:memberOf ?o }}\n}}",
        # ORDER BY with unbound keys, LIMIT 0, OFFSET past the end
        f"SELECT ?p ?k WHERE {{\n  ?p a schema:Person .\n  OPTIONAL {{ ?p dg:rank ?k }}\n}}\nORDER BY DESC(?k) ?p\nLIMIT {r.randint(1, 12)}",
        f"SELECT ?a WHERE {{ ?a a schema:Country }} LIMIT 0",
        f"SELECT ?a WHERE {{ ?a a schema:Country }} ORDER BY ?a OFFSET 100000",
        f"SELECT DISTINCT ?p ?k WHERE {{\n  ?p a schema:Person .\n  OPTIONAL {{ ?p dg:rank ?k }}\n}}",
        # CONSTRUCT: short form, unbound and literal subjects skipped
        f"CONSTRUCT WHERE {{ ?a dg:iso3 ?i }}",
        f"CONSTRUCT {{ ?a <http://example.org/rank> ?k . ?k <http://example.org/of> ?a }} WHERE {{\n  ?a a schema:Person OPTIONAL {{ ?a dg:rank ?k }}\n}}",
        # patterns that are not well designed: bottom-up evaluation
        f"SELECT * WHERE {{\n  ?p a schema:Person ; schema:name ?x .\n  OPTIONAL {{ ?p schema:nationality ?c OPTIONAL {{ ?c schema:name ?x }} }}\n}}",
        f"SELECT * WHERE {{\n  ?a dg:iso3 ?i .\n  OPTIONAL {{ ?a dg:memberOf ?o OPTIONAL {{ ?o schema:alternateName ?i }} }}\n}}",
        f"SELECT * WHERE {{\n  ?a dg:iso3 ?i .\n  OPTIONAL {{ FILTER(STRSTARTS(?i, \"S\")) }}\n}}",
        # BIND before the pattern that binds its variable: unbound
        f"SELECT ?a ?x ?y WHERE {{\n  BIND(STRLEN(?x) AS ?y)\n  ?a dg:iso3 ?x .\n}}",
        f"SELECT ?a ?y WHERE {{\n  ?a dg:iso3 ?x .\n  {{ BIND(STRLEN(?x) AS ?y) }}\n}}",
        # a sub-query's unprojected variable is not the outer one
        f"SELECT * WHERE {{\n  {{ SELECT ?a WHERE {{ ?a dg:iso3 ?x }} }}\n  ?a schema:name ?x .\n}}",
        f"SELECT ?a ?v WHERE {{\n  ?a dg:iso3 ?i .\n  {{ SELECT (?i AS ?v) WHERE {{ }} }}\n}}",
        # aggregates of expressions, several keys, ordering on an alias
        f"SELECT ?k ?m (SUM(?i * 2) AS ?s) (AVG(?i) * 2 AS ?a2) (COUNT(DISTINCT ?a) / COUNT(*) AS ?r) WHERE {{\n  ?a dg:inArticle ?k ; dg:index ?i .\n  BIND(?i > 3 AS ?m)\n}} GROUP BY ?k ?m",
        f"SELECT ?k (COUNT(*) AS ?n) WHERE {{\n  ?p a schema:Person .\n  OPTIONAL {{ ?p dg:rank ?k }}\n}} GROUP BY ?k ORDER BY DESC(?n) ?k LIMIT 3",
        f"SELECT (COUNT(*) AS ?n) (COUNT(?k) AS ?nk) (COUNT(DISTINCT ?k) AS ?dk) (SAMPLE(?p) AS ?one) WHERE {{\n  ?p a schema:Person .\n  OPTIONAL {{ ?p dg:rank ?k }}\n}}",
        f"SELECT ?y WHERE {{\n  ?a dg:iso3 ?i .\n}} GROUP BY (STRLEN(?i) AS ?y)",
        # term equality in joins versus value equality in FILTER (no
        # non-canonical lexical forms such as "01"^^xsd:integer: Oxigraph
        # 0.5.11 stores numbers by value, so "01" joins with "1")
        f"SELECT ?a WHERE {{\n  VALUES ?i {{ 1.0 2.0e0 \"2\" 3 }}\n  ?a dg:index ?i .\n}}",
        f"SELECT ?a ?i WHERE {{\n  ?a dg:index ?i .\n  FILTER(?i = 1.0 || ?i = 2.0e0 || ?i = \"3\")\n}}",
        f"SELECT DISTINCT ?v WHERE {{\n  VALUES ?v {{ 1 1.0 \"1\"^^xsd:integer 1.0e0 \"1\" }}\n}}",
        f"SELECT ?n ?l WHERE {{\n  VALUES ?n {{ {nm} \"Japan\"@en }}\n  ?a schema:name ?n .\n  BIND(LANG(?n) AS ?l)\n}}",
        # string function edge cases (not SUBSTR from a position < 1, which
        # fn:substring defines and Oxigraph 0.5.11 makes an error)
        f"SELECT ?i (SUBSTR(?i, 1, 0) AS ?a) (SUBSTR(?i, 3, 10) AS ?b) (SUBSTR(?i, 2) AS ?c) (CONCAT() AS ?d) (STRBEFORE(?i, \"\") AS ?e) (STRAFTER(?i, \"\") AS ?f) (?i IN () AS ?g) (?i NOT IN () AS ?h) WHERE {{\n  ?x dg:iso3 ?i\n}}",
        f"SELECT ?i (isNumeric(?i) AS ?a) (isNumeric(\"1\") AS ?b) (xsd:boolean(\"1\") AS ?c) (xsd:boolean(\"yes\") AS ?d) (STRDT(?i, xsd:string) AS ?e) (STRLANG(STRLANG(?i, \"en\"), \"fr\") AS ?f) (?i = <http://e/x> AS ?g) (BOUND(?nothing) AS ?h) WHERE {{\n  ?x dg:iso3 ?i\n}}",
        # zero or more: both ends the same, no variables, empty patterns
        f"SELECT * WHERE {{\n  {country} dg:cooperatesWith* {country}\n}}",
        f"SELECT * WHERE {{ }}",
        f"SELECT ?x WHERE {{ }}",
        f"SELECT ?x ?y WHERE {{\n  ?x a schema:Organization .\n  ?x (org:subOrganizationOf|dg:partOf)? ?y\n}}",
        f"SELECT ?x ?y WHERE {{\n  ?x a schema:Event .\n  ?x ^(dg:participatesIn/dg:memberOf) ?y\n}}",
        f"SELECT ?x WHERE {{\n  ?x dg:cooperatesWith/dg:cooperatesWith ?x\n}}",
        f"SELECT ?x ?g WHERE {{\n  GRAPH ?g {{ ?x dg:cooperatesWith+ {country} }}\n}}",
        f"SELECT ?g ?x WHERE {{\n  GRAPH ?g {{ ?x a schema:Country }}\n  FILTER EXISTS {{ GRAPH ?g {{ ?x dg:memberOf ?o }} }}\n}}",
    ]
    # every template in turn, so that all of them run
    global TRICKY
    TRICKY += 1
    return T[(TRICKY - 1) % len(T)]


TRICKY = 0


KINDS = [q_bgp, q_filter, q_optional, q_union, q_minus, q_exists, q_bind, q_values, q_path,
         q_graph, q_aggregate, q_subquery, q_order, q_order_agg, q_ask, q_construct, q_expr,
         q_filter, q_optional, q_aggregate, q_tricky, q_tricky, q_tricky, q_tricky]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=520)
    ap.add_argument("data")
    ap.add_argument("outdir")
    a = ap.parse_args()
    data = Data(a.data)
    if not data.classes:
        sys.exit(f"gen-queries: no typed resources in '{a.data}'")
    os.makedirs(a.outdir, exist_ok=True)
    for i in range(1, a.count + 1):
        rng = random.Random(a.seed * 1000003 + i)
        kind = KINDS[(i - 1) % len(KINDS)]
        g = Gen(data, rng)
        q = kind(g)
        with open(os.path.join(a.outdir, f"q{i:04d}.rq"), "w", encoding="utf-8") as fp:
            fp.write(f"# gen-queries.py --seed {a.seed}: query {i}, {kind.__name__[2:]}\n{PROLOGUE}{q}\n")
    print(f"gen-queries: wrote {a.count} queries to {a.outdir}", file=sys.stderr)


if __name__ == "__main__":
    main()
