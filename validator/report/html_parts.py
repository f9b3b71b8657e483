"""The fixed parts of the html report: its style sheet, its script, the Content-Security-Policy
that allows exactly these two (by their SHA-256 hashes) and nothing else, and the chart.

The page loads nothing: ``default-src 'none'`` forbids every fetch (images, fonts, frames,
connections), and only an inline ``<style>`` or ``<script>`` whose text hashes to one of the two
below is applied or run.  A script or style that a document's text managed to smuggle into the
page (it cannot: every value is escaped) would have another hash and be refused; inline event
handlers (``onerror=``) and ``javascript:`` URLs are refused by the same policy.

The script only reads the page: it hides and shows the listed documents as the filter asks and
never writes markup (no ``innerHTML``); the documents' text reaches it as the DOM's text.
"""

from __future__ import annotations

import base64
import hashlib

from validator.report.common import plural
from validator.report.groups import Group
from validator.report.html_excerpts import visible

__all__ = ["CHART_KINDS", "CSP", "SCRIPT", "STYLE", "chart"]

CHART_KINDS = 12
"""Kinds of failure drawn in the chart (the table lists them all)."""


STYLE = """
:root{color-scheme:light;--fg:#1f2328;--dim:#59636e;--line:#d1d9e0;--bad:#cf222e;--ok:#1a7f37;
--warn:#9a6700;--bg2:#f6f8fa;--mark:#ffebe9}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:var(--fg);
margin:0 auto;max-width:1100px;padding:16px 24px 48px}
h1{font-size:22px;margin:8px 0 4px}h2{font-size:17px;margin:28px 0 8px;
border-bottom:1px solid var(--line);padding-bottom:4px}
.verdict{border-left:6px solid var(--bad);padding:6px 14px;background:var(--bg2)}
.verdict.ok{border-color:var(--ok)}.verdict p{margin:2px 0;color:var(--dim)}
table{border-collapse:collapse;margin:6px 0}
table.kinds{width:100%}table.kinds td:nth-child(2){width:38%}
table.kinds td.mono{word-break:break-all}
table.counts td{min-width:6em;font-size:16px;font-weight:600}
th,td{border:1px solid var(--line);padding:3px 8px;text-align:left;vertical-align:top}
th{background:var(--bg2)}td.n{text-align:right;font-variant-numeric:tabular-nums}
code,pre,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
.kw{color:var(--dim)}.note{color:var(--dim)}
table.coverage tr.never td{color:var(--bad)}p.below{color:var(--bad);font-weight:600}
svg.chart{display:block;max-width:100%;height:auto}
svg.chart .bar{fill:#cf222e}svg.chart .bar.unreadable{fill:#9a6700}
svg.chart text{font:12px system-ui,sans-serif;fill:#1f2328}svg.chart text.n{fill:#59636e}
.filters{display:flex;flex-wrap:wrap;gap:8px;align-items:center;background:var(--bg2);
padding:8px;border:1px solid var(--line);position:sticky;top:0;z-index:1}
.filters input,.filters select{font:inherit;padding:3px 6px}
.filters input{min-width:200px}
article.doc{border:1px solid var(--line);border-radius:6px;margin:10px 0;padding:6px 12px;
content-visibility:auto;contain-intrinsic-size:auto 240px}
article.doc h3{font-size:14px;margin:4px 0;word-break:break-all}
.status{font-size:12px;border-radius:10px;padding:1px 8px;color:#fff;background:var(--bad)}
.status.unreadable{background:var(--warn)}.status.valid{background:var(--ok)}
li.warning .what{color:var(--warn)}.schema{color:var(--dim);font-weight:normal}
ol.problems{margin:4px 0;padding-left:22px}ol.problems>li{margin:6px 0}
.where{font-weight:600}.headline{font-size:11px;color:var(--bad);border:1px solid var(--bad);
border-radius:8px;padding:0 5px;margin-left:4px}
pre.excerpt{background:var(--bg2);border:1px solid var(--line);padding:4px 0;margin:4px 0;
overflow-x:auto;tab-size:4}
pre.excerpt .row{display:block;padding:0 8px}pre.excerpt .hit{background:#fff8c5}
pre.excerpt .ln{color:var(--dim);user-select:none;display:inline-block;min-width:3em;
text-align:right;margin-right:10px}
pre.excerpt .cut{color:var(--dim)}p.entry{margin:2px 0 4px;color:var(--dim)}
mark{background:var(--mark);color:var(--bad);outline:2px solid var(--bad);border-radius:2px}
[hidden]{display:none!important}
"""

SCRIPT = """
(function () {
  "use strict";
  var docs = document.getElementsByClassName("doc");
  var fields = ["f-text", "f-keyword", "f-schema", "f-file"].map(function (id) {
    return document.getElementById(id);
  });
  var shown = document.getElementById("shown");
  var total = shown ? Number(shown.getAttribute("data-total")) || 0 : 0;  // listed or not
  var rows = null;  // read from the page when the filter is first used, not at load
  function read() {
    rows = Array.prototype.map.call(docs, function (doc) {
      var keywords = Array.prototype.map.call(
        doc.querySelectorAll("li[data-keyword]"),
        function (li) { return li.getAttribute("data-keyword"); }
      );
      return {
        text: doc.textContent.toLowerCase(),
        file: (doc.getAttribute("data-file") || "").toLowerCase(),
        schema: doc.getAttribute("data-schema") || "",
        keywords: keywords
      };
    });
  }
  function value(field) { return field ? field.value : ""; }
  function n(x) { return x.toLocaleString("en-US"); }
  function say(count) {
    if (shown && total > docs.length) {
      shown.textContent = n(count) + " of " + n(total) + " documents shown (only the first " +
        n(docs.length) + " are listed)";
    } else if (shown) {
      shown.textContent = count + " of " + docs.length + " listed documents shown";
    }
  }
  function apply() {
    if (rows === null) { read(); }
    var text = value(fields[0]).trim().toLowerCase();
    var keyword = value(fields[1]);
    var schema = value(fields[2]);
    var file = value(fields[3]).trim().toLowerCase();
    var count = 0;
    for (var i = 0; i < docs.length; i++) {
      var row = rows[i];
      var match = (!text || row.text.indexOf(text) !== -1) &&
        (!keyword || row.keywords.indexOf(keyword) !== -1) &&
        (!schema || row.schema === schema) &&
        (!file || row.file.indexOf(file) !== -1);
      if (docs[i].hidden === match) { docs[i].hidden = !match; }
      if (match) { count++; }
    }
    say(count);
  }
  fields.forEach(function (field) {
    if (field) {
      field.addEventListener("input", apply);
      field.addEventListener("change", apply);
    }
  });
  say(docs.length);
  document.documentElement.setAttribute("data-ready", "1");
})();
"""


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


CSP = (
    "default-src 'none'; "
    f"style-src {_hash(STYLE)}; "
    f"script-src {_hash(SCRIPT)}; "
    "img-src 'none'; font-src 'none'; connect-src 'none'; frame-src 'none'; "
    "object-src 'none'; base-uri 'none'; form-action 'none'"
)
"""The page's policy (in a ``<meta http-equiv>``, which must come before anything it governs)."""


def _cut(text: str, size: int = 200) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def chart(groups: list[Group]) -> str:
    """Horizontal bars, one per kind of failure, most frequent first (inline SVG); the first
    :data:`CHART_KINDS` of them, and a note saying so when there are more."""
    shown = groups[:CHART_KINDS]
    top = max(group.documents for group in shown)
    row, label_width, bar_width = 22, 440, 330
    height = row * len(shown) + 8
    bars = []
    for i, group in enumerate(shown):
        y = 4 + i * row
        width = max(2, round(bar_width * group.documents / top))
        label = _cut(group.message, 64)
        bad = "bar unreadable" if group.keyword in ("parse", "input") else "bar"
        bars.append(
            f'<g class="kind"><title>{visible(_cut(group.label))}: {visible(_cut(group.message))} '
            f"({plural(group.documents, 'document')})</title>"
            f'<text x="0" y="{y + 14}">{visible(label)}</text>'
            f'<rect class="{bad}" x="{label_width}" y="{y + 3}" width="{width}" height="14"/>'
            f'<text class="n" x="{label_width + width + 6}" y="{y + 14}">{group.documents}</text>'
            "</g>"
        )
    total = label_width + bar_width + 60
    return (
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="{total}" '
        f'height="{height}" viewBox="0 0 {total} {height}" role="img" '
        f'aria-label="failed documents by kind of failure">{"".join(bars)}</svg>'
    ) + (
        f'<p class="note" id="chart-note">The chart shows the {len(shown)} most frequent of the '
        f"{len(groups):,} kinds; the table lists them all.</p>"
        if len(groups) > len(shown)
        else ""
    )
