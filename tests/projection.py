# projection.py FILE.rq: print the projected variables of the query's outer
# SELECT ("?a ?b ?c", with (EXPR AS ?v) reduced to ?v) and, on a second
# line, the keys of its last ORDER BY (DESC(?v) and ASC(?v) reduced to ?v).
# Used by tests/cli/t0200-queries.sh to check the query conventions.
import re
import sys

text = "\n".join(l for l in open(sys.argv[1], encoding="utf-8")
                 if not l.lstrip().startswith("#"))
m = re.search(r"\bSELECT\s+(?:DISTINCT\s+|REDUCED\s+)?(.*?)\bWHERE\b", text, re.S)
cols = ""
if m:
    cols = m.group(1)
    # (EXPR AS ?v) with up to two levels of nested parentheses
    cols = re.sub(r"\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*?\bAS\s+(\?\w+)\s*\)",
                  r"\1", cols)
print(" ".join(cols.split()))
orders = re.findall(r"\bORDER\s+BY\s+([^\n]*)", text)
keys = orders[-1] if orders else ""
keys = re.sub(r"\b(?:ASC|DESC)\s*\(\s*(\?\w+)\s*\)", r"\1", keys)
print(" ".join(keys.split()))
