"""The html report: what the page says, that nothing from a document becomes markup, that
``--redact`` hides values and text, that excerpts mark the right place, and that the page stays
bounded whatever the run (the browser tests in tests/integration open it for real)."""

from __future__ import annotations

import base64
import hashlib
import html
import io
import os
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from validator.problems import DocumentResult, Problem, Status, Summary
from validator.report import html_excerpts
from validator.report.base import ReportOptions
from validator.report.html import DETAIL_BUDGET, PROBLEMS_SHOWN, HtmlReporter
from validator.report.html_excerpts import Cut, LineReader, render_excerpt, visible
from validator.report.html_parts import CSP, SCRIPT, STYLE

HOSTILE = [
    "<script>window.__pwned=1</script>",
    '"><img src=x onerror="window.__pwned=2">',
    "javascript:window.__pwned=3",
    "' onmouseover='window.__pwned=4",
    "</textarea></style></script><svg onload=window.__pwned=5>",
]


def options(**extra: Any) -> ReportOptions:
    return ReportOptions(**extra)


def page(results: list[DocumentResult], settings: ReportOptions | None = None) -> str:
    out = io.StringIO()
    reporter = HtmlReporter(out, settings or options())
    summary = Summary()
    for result in results:
        summary.add(result)
        reporter.document(result)
    reporter.finish(summary)
    return out.getvalue()


class Markup(HTMLParser):
    """Every element of a page with its attributes, and the text of each script element."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.text: list[str] = []
        self._in: str | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._in = tag

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "script":
            self.scripts.append(data)
        elif self._in == "style":
            self.styles.append(data)
        else:
            self.text.append(data)


ALLOWED_TAGS = {
    *("html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "p"),
    *("section", "table", "tr", "th", "td", "svg", "g", "text", "rect", "a", "div", "label"),
    *("input", "select", "option", "span", "article", "ol", "li", "pre", "mark", "script"),
}


def assert_inert(text: str) -> Markup:
    """Only the page's own elements, no event handler, no URL but in-page anchors, one script
    (the page's, allowed by its hash), nothing loaded from anywhere."""
    markup = Markup(text)
    tags = {tag for tag, _ in markup.elements}
    assert tags <= ALLOWED_TAGS, tags - ALLOWED_TAGS
    for tag, attrs in markup.elements:
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        assert "src" not in attrs and "style" not in attrs and "srcdoc" not in attrs
        if "href" in attrs:
            assert re.fullmatch(r"#d[0-9]+", attrs["href"] or ""), attrs
        if tag == "svg":
            assert attrs["xmlns"] == "http://www.w3.org/2000/svg"
    assert markup.scripts == [SCRIPT]
    assert markup.styles == [STYLE]
    assert [t for t, _ in markup.elements].count("script") == 1
    return markup


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


# --- the page -----------------------------------------------------------------------------------


def test_the_policy_allows_the_page_own_style_and_script_only() -> None:
    assert (
        f"default-src 'none'; style-src {_hash(STYLE)}; script-src {_hash(SCRIPT)}; "
        "img-src 'none'; font-src 'none'; connect-src 'none'; frame-src 'none'; "
        "object-src 'none'; base-uri 'none'; form-action 'none'"
    ) == CSP
    text = page([])
    head = text[: text.index("<style>")]
    assert f'<meta http-equiv="Content-Security-Policy" content="{CSP}">' in head
    assert text.index('<meta charset="utf-8">') < text.index("Content-Security-Policy")
    assert "innerHTML" not in SCRIPT and "insertAdjacentHTML" not in SCRIPT
    assert "document.write" not in SCRIPT and "eval(" not in SCRIPT


def test_a_run_without_failures_says_so_and_lists_nothing() -> None:
    text = page([DocumentResult("a.json", 1, Status.VALID)] * 3)
    markup = assert_inert(text)
    assert '<h1 id="verdict">Passed: all valid</h1>' in text
    assert '<p id="summary">3 documents: 3 valid, 0 invalid, 0 unreadable</p>' in text
    assert "<article" not in text and 'id="kinds"' not in text and 'id="documents"' not in text
    assert "<title>Passed: all valid - casefile-validate</title>" in text
    assert text.isascii()
    assert "a.json" not in "".join(markup.text)  # valid documents are counted, not listed


def test_counts_kinds_and_documents(tmp_path: Path) -> None:
    doc = tmp_path / "doc.json"
    doc.write_text('{\n  "status": "done",\n  "n": 1\n}\n')
    status = Problem(
        "/status",
        "/properties/status/enum",
        '"done" is not one of "a"',
        "enum",
        line=2,
        column=13,
        shape='<value> is not one of "a"',
    )
    parse = Problem("", "", "not valid JSON: expected a value", "parse", line=1, column=2)
    results = [
        DocumentResult(str(doc), 1, Status.INVALID, (status,), "S"),
        DocumentResult("x.jsonl", 7, Status.UNREADABLE, (parse,), "S"),
        DocumentResult("v.json", 1, Status.VALID, (), "S"),
    ]
    text = page(results)
    assert_inert(text)
    assert '<h1 id="verdict">Failed: 1 invalid and 1 unreadable of 3 documents</h1>' in text
    assert (
        '<table class="counts"><tr><th>documents</th><th>valid</th><th>invalid</th>'
        '<th>unreadable</th></tr><tr><td class="n">3</td><td class="n">1</td>'
        '<td class="n">1</td><td class="n">1</td></tr></table>'
    ) in text
    assert "2 kinds in 2 failed documents" in text
    assert text.count('<article class="doc"') == 2
    assert f'<a href="#d1">{doc}:2</a>' in text  # the kind's first place links to the document
    # the excerpt: the document's lines 1-4, line 2 highlighted, the value at 2:13 marked
    excerpt = re.search(r'<pre class="excerpt">.*?</pre>', text)
    assert excerpt is not None
    assert excerpt.group() == (
        '<pre class="excerpt"><span class="row"><span class="ln">1</span>{</span>'
        '<span class="row hit"><span class="ln">2</span>  &quot;status&quot;: <mark '
        'data-line=2 data-column=13 title="line 2, column 13">&quot;done&quot;</mark>,</span>'
        '<span class="row"><span class="ln">3</span>  &quot;n&quot;: 1</span>'
        '<span class="row"><span class="ln">4</span>}</span></pre>'
    )
    assert "(no excerpt: cannot read x.jsonl again: no such file or directory)" in text


def test_several_schemas_are_counted_apart_and_filterable() -> None:
    problem = Problem("", "/required", "missing required property", "required", line=1, column=1)
    results = [
        DocumentResult("a.json", 1, Status.INVALID, (problem,), "First"),
        DocumentResult("b.json", 1, Status.INVALID, (problem,), "Second"),
        DocumentResult("c.json", 1, Status.VALID, (), "Second"),
    ]
    text = page(results, options(schemas=("First", "Second")))
    assert "<h3>By schema</h3>" in text
    assert (
        '<tr><td class="mono">Second</td><td class="n">2</td><td class="n">1</td>'
        '<td class="n">1</td><td class="n">0</td><td>fast</td></tr>'
    ) in text
    assert (
        '<select id="f-schema"><option value="">all</option><option value="First">First'
        '</option><option value="Second">Second</option></select>'
    ) in text
    assert 'data-schema="Second"' in text
    assert "<th>schema</th><th>first places</th>" in text  # the kinds say their schema


# --- nothing from a document becomes markup ------------------------------------------------------


@pytest.mark.parametrize("payload", HOSTILE)
def test_values_sources_schemas_and_text_are_escaped(tmp_path: Path, payload: str) -> None:
    name = tmp_path / f"{payload.replace('/', '_')}.json"
    name.write_text('{"status": ' + json_string(payload) + "}\n")
    problem = Problem(
        "/status",
        "/properties/status/enum",
        f"{json_string(payload)} is bad",
        payload,
        line=1,
        column=12,
        shape=payload,
    )
    result = DocumentResult(str(name), 1, Status.INVALID, (problem,), payload)
    text = page([result, result._replace(schema="other")], options(schemas=(payload, "other")))
    markup = assert_inert(text)
    said = "".join(markup.text)
    assert payload in said  # shown as text
    assert f"{json_string(payload)} is bad" in said
    assert str(name) in said


def json_string(text: str) -> str:
    import json

    return json.dumps(text)


def test_invisible_and_reordering_characters_are_shown_one_for_one() -> None:
    assert visible("a\tb") == "a\tb"
    assert visible("\x00\x1b\x7f") == "\u2400\u241b\u2421"
    assert visible("x\u202ey\u2066z\u2028") == "x\ufffdy\ufffdz\ufffd"
    assert visible("bad\udcff.json") == "bad\\udcff.json"
    assert visible('<a href="x">\'&') == "&lt;a href=&quot;x&quot;&gt;&#x27;&amp;"


def test_the_page_is_ascii_whatever_the_text() -> None:
    problem = Problem("/é", "/x", "é ☃ 🙂 is bad", "x", line=1, column=1)
    text = page([DocumentResult("snö.json", 1, Status.INVALID, (problem,))])
    assert text.isascii()
    assert "&#233; &#9731; &#128578; is bad" in text
    assert "sn&#246;.json" in text


# --- redaction ------------------------------------------------------------------------------------


def test_redact_shows_no_excerpt_and_reads_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = tmp_path / "secret.json"
    doc.write_text('{"token": "s3cr3t-XYZ"}\n')
    problem = Problem(
        "/token",
        "/properties/token/type",
        "expected integer, got string <string, 10 characters>",
        "type",
        line=1,
        column=11,
    )

    def no_reading(*args: object) -> None:
        raise AssertionError("read again under --redact")

    monkeypatch.setattr(LineReader, "lines", no_reading)
    text = page([DocumentResult(str(doc), 1, Status.INVALID, (problem,))], options(redact=True))
    assert "s3cr3t" not in text
    assert "<pre" not in text
    assert "(no excerpt: --redact hides the text)" in text
    assert "--redact: no value from a document is shown, nor its text." in text


# --- excerpts -------------------------------------------------------------------------------------


def _lines(path: Path, wanted: dict[int, set[int]]) -> dict[int, Cut]:
    found = LineReader().lines(str(path), wanted)
    assert isinstance(found, dict)
    return found


def test_a_json_lines_document_shows_its_own_line_only(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text('{"a": 1}\n{"a": "x"}\r\n{"a": 3}\n')
    problem = Problem("/a", "/properties/a/type", "expected integer", "type", line=2, column=7)
    text = page([DocumentResult(str(path), 2, Status.INVALID, (problem,))])
    assert (
        '<pre class="excerpt"><span class="row hit"><span class="ln">2</span>{&quot;a&quot;: '
        '<mark data-line=2 data-column=7 title="line 2, column 7">&quot;x&quot;</mark>}</span>'
        "</pre>"
    ) in text


def test_a_long_line_is_cut_around_the_column(tmp_path: Path) -> None:
    path = tmp_path / "long.json"
    value = "v" * 500
    path.write_text('{"pad": "' + "p" * 1000 + '", "x": ' + json_string(value) + "}")
    column = len('{"pad": "' + "p" * 1000 + '", "x": ') + 1
    lines = _lines(path, {1: {html_excerpts.window_start(column)}})
    out = render_excerpt(lines, 1, column, True)
    assert out.startswith(
        '<pre class="excerpt"><span class="row hit"><span class="ln">1</span>'
        '<span class="cut">…</span>'
    )
    assert out.endswith('<span class="cut">…</span></span></pre>')
    shown = html.unescape(re.sub(r"<[^>]+>", "", out))  # 40 characters before, 80 from it
    assert shown == "1…" + "p" * 32 + '", "x": "' + "v" * 79 + "…"
    assert f'<mark data-line=1 data-column={column} title="line 1, column {column}">&quot;v' in out


def test_the_end_of_the_text_and_a_vanished_line(tmp_path: Path) -> None:
    path = tmp_path / "cut.json"
    path.write_text('{"a": \n')
    lines = _lines(path, {1: {0}, 2: {0}, 3: {0}})
    assert render_excerpt(lines, 2, 1, False) == (
        '<pre class="excerpt"><span class="row"><span class="ln">1</span>{&quot;a&quot;: </span>'
        '<span class="row hit"><span class="ln">2</span><mark data-line=2 data-column=1 '
        'title="line 2, column 1">↵</mark></span></pre>'
    )
    assert render_excerpt(lines, 9, 1, False) == (
        '<p class="note">(line not found: the file has changed since it was checked)</p>'
    )


def test_only_regular_files_are_read_again(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert LineReader().lines(str(fifo), {1: {0}}) == (
        "not a regular file: its text was read once, by the check"
    )
    assert LineReader().lines(str(tmp_path / "gone.json"), {1: {0}}) == (
        f"cannot read {tmp_path / 'gone.json'} again: no such file or directory"
    )
    problem = Problem("", "/required", "missing", "required", line=1, column=1)
    text = page([DocumentResult("<stdin>", 1, Status.INVALID, (problem,))])
    assert "Standard input cannot be read again: its documents have no excerpt." in text
    assert "(no excerpt: standard input cannot be read again)" in text


def test_reading_again_stops_at_its_budget(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    path.write_text("{}\n" * 100)
    reader = LineReader(limit=30)
    assert reader.lines(str(path), {5: {0}}) == {5: Cut(2, {0: "{}"})}
    assert reader.lines(str(path), {50: {0}}) == (
        "not shown: the report reads at most 512 MiB of its inputs again"
    )
    assert reader.lines(str(path), {1: {0}}) == (
        "not shown: the report reads at most 512 MiB of its inputs again"
    )


# --- bounds ---------------------------------------------------------------------------------------


def _failures(count: int, problems: int = 1, message: str = "bad") -> list[DocumentResult]:
    return [
        DocumentResult(
            "<stdin>",
            i + 1,
            Status.INVALID,
            tuple(
                Problem(f"/{j}", f"/k{j}", message, "type", line=i + 1, column=1)
                for j in range(problems)
            ),
        )
        for i in range(count)
    ]


def test_the_filter_bar_knows_how_many_failed_and_the_chart_says_what_it_leaves_out() -> None:
    """Issue 21: the script tells "1,000 of 2,988 documents shown" from the page's count of
    every document failed (listed or not); a chart of 12 of 21 kinds says so."""
    results = [
        DocumentResult("<stdin>", i + 1, Status.INVALID, (
            Problem("/a", f"/k{i % 21}", f"bad {i % 21}", "type", line=i + 1, column=1),))
        for i in range(2988)
    ]  # fmt: skip
    output = page(results)
    assert '<span id="shown" class="note" data-total="2988"></span>' in output
    assert (
        '<p class="note" id="chart-note">The chart shows the 12 most frequent of the 21 kinds; '
        "the table lists them all.</p>"
    ) in output
    few = page(results[:12])
    assert 'data-total="12"' in few
    assert "chart-note" not in few


def test_the_first_documents_are_listed_and_the_rest_counted() -> None:
    text = page(_failures(30), options(html_details=10))
    assert text.count('<article class="doc"') == 10
    assert (
        '<p class="note" id="unlisted">20 more failed documents not listed (the page lists the '
        "first 10 documents); every one is counted in Failures by kind.</p>"
    ) in text
    assert '<td class="n">30</td><td>bad</td><td class="mono">/k0</td>' in text
    none = page(_failures(3), options(html_details=0))
    assert "<article" not in none
    assert "None listed (3 failed documents, counted in Failures by kind)." in none


def test_a_document_shows_its_first_problems() -> None:
    text = page(_failures(1, problems=PROBLEMS_SHOWN + 7))
    assert text.count("<li data-keyword") == PROBLEMS_SHOWN
    note = "… and 7 more problems (the json report lists every problem)"
    assert note.replace("…", "&#8230;") in text


def test_the_listing_stops_at_its_budget() -> None:
    huge = '"<>&' * 2000  # 8,000 characters, 38,000 once escaped
    text = page(_failures(1000, problems=PROBLEMS_SHOWN, message=huge))
    size = len(text.encode())
    first = re.search(r'<article class="doc" id="d1".*?</article>', text, re.S)
    assert first is not None
    one = len(first.group())
    assert DETAIL_BUDGET - one < size < DETAIL_BUDGET + 1_000_000  # the rest of the page is small
    listed = text.count('<article class="doc"')
    assert 0 < listed < 1000
    assert (
        f"{1000 - listed} more failed documents not listed (the listing stops at {listed} " in text
    )
    assert_inert(text)


# --- through the command ------------------------------------------------------------------------


def _command(*args: str) -> int:
    from click.testing import CliRunner

    from validator.command.cli import command

    result = CliRunner().invoke(command, list(args), standalone_mode=False)
    if result.exception is not None:
        raise result.exception
    assert isinstance(result.return_value, int)
    return result.return_value


def test_the_command_writes_the_page_whole(tmp_path: Path) -> None:
    doc = tmp_path / "hostile.json"
    doc.write_text('{\n  "status": "<script>window.__pwned=1</script>"\n}\n')
    report = tmp_path / "out" / "report.html"
    assert _command(str(doc), "--format", "html", "--output", str(report), "--no-config") == 1
    text = report.read_text()
    markup = assert_inert(text)
    said = "".join(markup.text)
    assert '"<script>window.__pwned=1</script>"' in said
    assert (
        '<mark data-line=2 data-column=13 title="line 2, column 13">&quot;&lt;script&gt;window.'
        "__pwned=1&lt;/script&gt;&quot;</mark>"
    ) in text
    assert not [p.name for p in report.parent.iterdir() if p.name != "report.html"]


def test_the_command_with_redact_shows_no_value(tmp_path: Path) -> None:
    doc = tmp_path / "secret.json"
    doc.write_text('{\n  "status": "s3cr3t-XYZ"\n}\n')
    report = tmp_path / "report.html"
    args = [str(doc), "--format", "html", "--output", str(report), "--no-config", "--redact"]
    assert _command(*args) == 1
    text = report.read_text()
    assert "s3cr3t" not in text
    assert "<pre" not in text


def page_view(output: str) -> list[str]:
    """What an html report says, unescaped: its texts (the page's own style and script aside)
    and the attributes that hold text from the run (for tests/property/test_redaction.py)."""
    markup = Markup(output)
    shown = ("title", "data-file", "data-schema", "data-keyword", "value")
    return [
        *markup.text,
        *(v for _, attrs in markup.elements for k, v in attrs.items() if k in shown and v),
    ]


def test_the_view_of_a_page_holds_its_texts_and_attributes() -> None:
    problem = Problem("/a", "/x", "<message>", "k&w", line=1, column=1)
    view = page_view(page([DocumentResult("<f>.json", 1, Status.INVALID, (problem,), 'S"')]))
    assert "/a: <message>" in view and "<f>.json" in view and "k&w" in view and 'S"' in view
    assert STYLE not in view and SCRIPT not in view


def test_the_kinds_table_cuts_long_names() -> None:
    source = "d/" * 3000 + "x.json"
    problem = Problem("", "/" + "k" * 500, "m" * 500, "required", line=1, column=1)
    text = page([DocumentResult(source, 1, Status.INVALID, (problem,))], options(html_details=0))
    row = re.search(r'<table class="kinds">.*?</table>', text)
    assert row is not None
    assert ">" + "m" * 199 + "&#8230;<" in row.group()
    assert ">/" + "k" * 198 + "&#8230;<" in row.group()
    assert ">" + ("d/" * 3000)[:199] + "&#8230;<" in row.group()
    assert len(row.group()) < 1000


def test_warnings_are_counted_and_listed_with_their_key_marked(tmp_path: Path) -> None:
    doc = tmp_path / "warned.json"
    doc.write_text(
        '{\n  "request_id": "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b",\n  "status": "completed",\n'
        '  "payload": {"casefile_id": "c", "session_id": "s", "session_type": "t",\n'
        '    "total_sessions": 1, "metdata": {}}\n}\n'
    )
    report = tmp_path / "report.html"
    assert _command(str(doc), "--format", "html", "--output", str(report), "--no-config") == 0
    text = report.read_text()
    assert_inert(text)
    assert '<h1 id="verdict">Passed: the document is valid</h1>' in text
    assert "<th>unreadable</th><th>warnings</th></tr>" in text
    assert '<td class="n">0</td><td class="n">1</td></tr></table>' in text
    assert "<h2>Documents failed or warned about</h2>" in text
    assert '<span class="status valid">valid</span>' in text
    assert '<span class="note">1 warning</span>' in text
    assert (
        '<li class="warning" data-keyword="undeclared-property"><span class="where mono">5:26'
        '</span> <span class="what">warning: /payload/metdata: undeclared property</span>'
    ) in text
    assert (
        '<mark data-line=5 data-column=26 title="line 5, column 26">&quot;metdata&quot;</mark>'
    ) in text
    assert 'id="kinds"' not in text  # warnings are no failure


def test_documents_with_warnings_share_the_listing_bound() -> None:
    warning = Problem("/x", "", "undeclared property", "undeclared-property", line=1, column=2)
    valid = DocumentResult("<stdin>", 1, Status.VALID, (), "", (warning,))
    failed = _failures(2)
    text = page([valid, *failed, valid, valid], options(html_details=2))
    assert text.count('<article class="doc"') == 2
    assert (
        '<p class="note" id="unlisted-warned">2 more valid documents with warnings not listed.</p>'
    ) in text
    assert (
        '<p class="note" id="unlisted">1 more failed document not listed (the page lists the '
        "first 2 documents); every one is counted in Failures by kind.</p>"
    ) in text


def test_the_command_lists_as_many_documents_as_html_details_says(tmp_path: Path) -> None:
    for i in range(5):
        (tmp_path / f"doc{i}.json").write_text("{}")
    report = tmp_path / "report.html"
    argv = [str(tmp_path), "--format", "html", "--output", str(report), "--no-config"]
    assert _command(*argv, "--html-details", "2") == 1
    text = report.read_text()
    assert text.count('<article class="doc"') == 2
    assert "3 more failed documents not listed (the page lists the first 2 documents)" in text
