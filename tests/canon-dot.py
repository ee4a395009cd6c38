#!/usr/bin/env python3
"""canon-dot.py: print a DOT file with its top-level subgraph blocks sorted.

cgraph writes subgraphs in the order of their internal ids, which are
string-pool addresses and so vary from run to run; golden comparisons of
DOT before layout sort the blocks by their first line to stay stable.
Usage: canon-dot.py FILE > OUT
"""
import sys


def blocks(lines):
    """Split the body into top-level items: single lines or subgraph blocks."""
    out, cur, depth = [], [], 0
    for line in lines:
        if depth == 0 and not line.lstrip().startswith("subgraph"):
            out.append([line])
            continue
        cur.append(line)
        depth += count_braces(line)
        if depth == 0:
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    return out


def count_braces(line):
    depth, quoted, esc = 0, False, False
    for ch in line:
        if esc:
            esc = False
        elif ch == "\\":
            esc = True
        elif ch == '"':
            quoted = not quoted
        elif not quoted and ch == "{":
            depth += 1
        elif not quoted and ch == "}":
            depth -= 1
    return depth


def main():
    lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
    head, body, tail = lines[:1], lines[1:-1], lines[-1:]
    items = blocks(body)
    subs = sorted((b for b in items if b[0].lstrip().startswith("subgraph")),
                  key=lambda b: b[0])
    rest = [b for b in items if not b[0].lstrip().startswith("subgraph")]
    for b in [head] + rest + subs + [tail]:
        for line in b:
            print(line)


if __name__ == "__main__":
    main()
