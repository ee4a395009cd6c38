#!/usr/bin/env python3
"""check-html.py DIR/index.html: checks a diplograph report page.

Well-formed HTML5 (doctype, every non-void element closed in order), unique
ids (inline SVG diagrams included), every in-page link (#id, also an inline
SVG's xlink:href) resolves, every <img>/<object> file exists
beside the page and is non-empty, and nothing refers to the network or to
scripts, style sheets or fonts outside the page.  Prints one line per
problem and exits 1 when there is any."""
import html.parser
import os
import re
import sys

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "source", "track", "wbr"}


class Checker(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.ids, self.links, self.files = [], [], [], []
        self.problems, self.doctype, self.style = [], False, ""
        self.in_style = False

    def handle_decl(self, decl):
        if decl.lower() == "doctype html":
            self.doctype = True

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "link", "iframe", "embed"):
            self.problems.append("element <%s> not allowed" % tag)
        if "id" in a:
            self.ids.append(a["id"])
        for k in ("href", "xlink:href", "src", "data"):
            v = a.get(k)
            if v is None:
                continue
            if re.match(r"(?i)^(https?:)?//", v):
                self.problems.append("network reference %s=%r" % (k, v))
            elif v.startswith("#"):
                self.links.append(v[1:])
            elif tag in ("img", "object") or (tag == "a" and v.endswith(".svg")):
                self.files.append(v)
        if tag == "style":
            self.in_style = True
        if tag not in VOID:
            self.stack.append((tag, self.getpos()))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag == "style":
            self.in_style = False
        if not self.stack or self.stack[-1][0] != tag:
            self.problems.append("line %d: </%s> does not close %s" % (
                self.getpos()[0], tag, self.stack[-1] if self.stack else "anything"))
            return
        self.stack.pop()

    def handle_data(self, data):
        if self.in_style:
            self.style += data


def main(path):
    c = Checker()
    with open(path, encoding="utf-8") as f:
        c.feed(f.read())
    c.close()
    p = c.problems
    if not c.doctype:
        p.append("no <!DOCTYPE html>")
    for tag, pos in c.stack:
        p.append("line %d: <%s> never closed" % (pos[0], tag))
    seen = set()
    for i in c.ids:
        if i in seen:
            p.append("duplicate id %r" % i)
        seen.add(i)
    for l in c.links:
        if l not in seen:
            p.append("link to missing #%s" % l)
    base = os.path.dirname(path)
    for f in c.files:
        fp = os.path.join(base, f)
        if not os.path.isfile(fp) or os.path.getsize(fp) == 0:
            p.append("missing or empty file %s" % f)
    if re.search(r"(?i)(@import|@font-face|url\()", c.style):
        p.append("CSS refers to outside resources")
    for line in p:
        print(line)
    return 1 if p else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
