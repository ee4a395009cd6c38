#!/bin/sh
# t0320: the report in a real browser (headless Chromium, no DevTools, no
# npm): every diagram is drawn inline with a non-zero size, its nodes have
# tooltips and links that lead to an element of the page, no two elements
# share an id, and the page logs no console errors.  A copy of the page
# gets a small inline script that measures each diagram after the load
# event and writes the result into the DOM, which --dump-dom prints.  Saves a screenshot of the real page to
# out/report-screenshot.png in the source tree (when it is writable).
# Skipped when chromium is not installed (scripts/setup.sh installs it).
. "$DG_SRC/tests/lib.sh"
fx="$DG_SRC/tests/fixtures"

browser=
for b in chromium chromium-browser; do
    if command -v "$b" >/dev/null 2>&1; then browser=$b; break; fi
done
if [ -z "$browser" ]; then
    echo "ok 1 - report in a browser # SKIP chromium is not installed"
    echo "1..1"
    exit 0
fi

# one headless run: chrome ARGS... (the page is the last argument)
chrome() {
    HOME="$T/home" timeout 120 "$browser" --headless --no-sandbox \
        --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update \
        --disable-sync --disable-extensions --hide-scrollbars \
        --user-data-dir="$(mktemp -d "$T/profile.XXXXXX")" \
        --enable-logging=stderr --v=0 --virtual-time-budget=10000 "$@"
}

probe='<script>
window.dgErrors = [];
window.addEventListener("error", function (e) {
  var t = e.target || {};
  dgErrors.push(e.message || ("cannot load " + (t.src || t.data || t.href || t.tagName)));
}, true);
(function () {
  var ce = console.error;
  console.error = function () {
    dgErrors.push(Array.prototype.join.call(arguments, " "));
    return ce.apply(console, arguments);
  };
})();
window.addEventListener("load", function () {
  var XL = "http://www.w3.org/1999/xlink";
  var out = [], els = document.querySelectorAll("img, object, svg");
  for (var i = 0; i < els.length; i++) {
    var el = els[i], r = el.getBoundingClientRect();
    var ok = r.width > 0 && r.height > 0 && el.tagName === "svg";
    var links = el.querySelectorAll("a"), tips = 0, good = 0;
    for (var j = 0; j < links.length; j++) {
      var a = links[j];
      var h = a.getAttributeNS(XL, "href") || a.getAttribute("href") || "";
      if (a.getAttributeNS(XL, "title")) tips++;
      if (h.charAt(0) === "#" && document.getElementById(h.slice(1))) good++;
      else if (h) out.push("LINK-BAD " + h);
    }
    out.push((ok ? "DIAGRAM-OK " : "DIAGRAM-BAD ") +
      (el.getAttribute("src") || el.getAttribute("data") || el.tagName) +
      " " + Math.round(r.width) + "x" + Math.round(r.height) +
      " links " + good + " tooltips " + tips);
  }
  var ids = {}, all = document.querySelectorAll("[id]");
  for (var k = 0; k < all.length; k++) {
    if (ids[all[k].id]) out.push("DUPLICATE-ID " + all[k].id);
    ids[all[k].id] = 1;
  }
  for (var m = 0; m < dgErrors.length; m++) out.push("PAGE-ERROR " + dgErrors[m]);
  var pre = document.createElement("pre");
  pre.id = "dg-check";
  pre.textContent = out.join("\n") + "\nCHECK-DONE " + els.length + "\n";
  document.body.appendChild(pre);
});
</script>'

expect_success 'write the report of the render fixture' '
    dg -q load --store st "$fx/render.trig" &&
    dg -q report --store st -o rep && test -s rep/index.html'
expect_success 'a probed copy of the page' '
    cp -r rep probe &&
    printf "%s\n" "$probe" >probe.js &&
    awk "/<head>/ { print; while ((getline l < \"probe.js\") > 0) print l; next } { print }" \
        rep/index.html >probe/index.html &&
    grep -q "dg-check" probe/index.html'
expect_success "$browser loads the page: every diagram inline with a size, no errors" '
    chrome --dump-dom "file://$T/probe/index.html" >dom.html 2>log.txt || {
        echo "chromium failed:"; tail -n 20 log.txt; exit 1; }
    sed -n "/<pre id=\"dg-check\">/,/CHECK-DONE/p" dom.html >check.txt
    cat check.txt
    n=$(grep -c "<svg" rep/index.html)
    test "$n" -gt 0 && ! grep -q "<img" rep/index.html &&
    grep -q "CHECK-DONE $n\$" check.txt &&
    test "$(grep -c "^\(<pre id=\"dg-check\">\)\{0,1\}DIAGRAM-OK " check.txt)" -eq "$n" &&
    ! grep -q "DIAGRAM-BAD\|PAGE-ERROR\|LINK-BAD\|DUPLICATE-ID" check.txt'
expect_success "every diagram has node links into the page and tooltips" '
    test "$(grep -c "DIAGRAM-OK svg .* links [1-9][0-9]* tooltips [1-9]" check.txt)" \
        -eq "$(grep -c "<svg" rep/index.html)"'
expect_success 'the browser console shows no errors' '
    ! grep -i "CONSOLE" log.txt | grep -iv "^\s*$" || {
        echo "console messages:"; grep -i CONSOLE log.txt; exit 1; }'
expect_success 'a screenshot of the real page' '
    chrome --window-size=1280,3000 --screenshot="$T/shot.png" \
        "file://$T/rep/index.html" >/dev/null 2>shot.log &&
    test "$(head -c 8 shot.png | od -An -tx1 | tr -d " \n")" = 89504e470d0a1a0a &&
    if mkdir -p "$DG_SRC/out" 2>/dev/null && [ -w "$DG_SRC/out" ]; then
        cp shot.png "$DG_SRC/out/report-screenshot.png"
    fi'
done_testing
