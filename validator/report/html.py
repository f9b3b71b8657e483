"""HTML: one self-contained page to open, offline or as a CI artifact.

The page holds the verdict, the counts per status (and per schema when the run has several), a
chart of the failure kinds (inline SVG) with the table of every kind (see
:mod:`validator.report.groups`), then the failed documents: for each its source, its problems
and an excerpt of its text around each problem with the exact line:column marked (see
:mod:`validator.report.html_excerpts` for where the text comes from).  A filter (by text,
keyword, schema and file) hides and shows the listed documents.  Valid documents are counted,
never listed.

Nothing from a document can run: every value is escaped (quotes included) where it is written,
the script never writes markup, and the Content-Security-Policy of the page forbids every
external resource and every script or style but the page's own two (see
:mod:`validator.report.html_parts`).  With ``--redact`` the messages hold no value (the check
stage words them so) and no excerpt is shown.

The page is bounded whatever the run: the first :data:`DETAILS` failed documents are listed (the
``html_details`` report option), at most :data:`PROBLEMS_SHOWN` problems each, and the listing
stops once it reaches :data:`DETAIL_BUDGET` bytes; every failed document is counted by kind.
``--quiet`` changes nothing: the page is a file for people to open, like the junit and sarif
files for machines.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TextIO

from validator.problems import EXIT_OK, DocumentResult, Status, Summary, warning_count
from validator.report.base import ReportOptions
from validator.report.common import (
    STDIN,
    counted_schemas,
    entries_skipped,
    plural,
    position,
    redacted,
    several_schemas,
    skipped_shown,
    summary_line,
)
from validator.report.groups import MAX_GROUPS, Grouper
from validator.report.html_bodies import read_bodies
from validator.report.html_document import document
from validator.report.html_excerpts import Cut, LineReader, single_line, visible, wanted_windows
from validator.report.html_parts import CSP, SCRIPT, STYLE, chart

__all__ = ["DETAILS", "DETAIL_BUDGET", "PROBLEMS_SHOWN", "HtmlReporter"]

DETAILS = 1000
"""Failed documents listed in detail, unless the ``html_details`` report option says otherwise."""
PROBLEMS_SHOWN = 50
"""Problems listed per document (the json report has them all)."""
DETAIL_BUDGET = 12_000_000
"""Bytes of the page the listed documents may take; the listing stops there."""
_LABEL = 200
"""Characters of a kind's message or keyword location shown in the table and the chart."""


def _esc(text: str) -> str:
    return visible(text)


def _cut(text: str, size: int = _LABEL) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def _ascii(chunk: str) -> str:
    """The page is ASCII whatever the stream's encoding: other characters as references."""
    if chunk.isascii():
        return chunk
    return chunk.encode("ascii", "xmlcharrefreplace").decode("ascii")


class HtmlReporter:
    @property
    def wants_valid(self) -> bool:
        """Valid documents are counted, never listed."""
        return False

    def __init__(self, stream: TextIO, options: ReportOptions) -> None:
        self.stream = stream
        self.options = options
        # Options the integrator adds to ReportOptions; their defaults until then.
        self.details = max(0, options.html_details)
        self.redact = bool(getattr(options, "redact", False))
        self.grouper = Grouper()
        self.warned = 0
        """Valid documents with warnings."""
        self.kept: list[tuple[DocumentResult, int, int]] = []
        """The listed documents (their first :data:`PROBLEMS_SHOWN` problems) and how many
        problems and warnings each has."""

    def document(self, result: DocumentResult) -> None:
        result = redacted(result, self.redact)
        if result.status is Status.VALID:
            if not result.warnings:
                return
            self.warned += 1  # valid, with warnings: listed too (a misspelt key is worth seeing)
        else:
            self.grouper.add(result)
        if len(self.kept) < self.details:
            shown = result._replace(
                problems=result.problems[:PROBLEMS_SHOWN], warnings=result.warnings[:PROBLEMS_SHOWN]
            )
            self.kept.append((shown, len(result.problems), warning_count(result.warnings)))

    def finish(self, summary: Summary) -> None:
        for chunk in _page(self, summary):
            self.stream.write(_ascii(chunk))
        self.stream.flush()


# --- the page, top to bottom --------------------------------------------------------------------


def _verdict(summary: Summary) -> tuple[str, str]:
    if summary.exit_code == EXIT_OK:
        if not summary.documents:
            return "ok", "No documents checked"
        return "ok", f"Passed: {'the document is' if summary.documents == 1 else 'all'} valid"
    failed = []
    if summary.invalid:
        failed.append(f"{summary.invalid} invalid")
    if summary.unreadable:
        failed.append(f"{summary.unreadable} unreadable")
    said = f"{' and '.join(failed)} of {plural(summary.documents, 'document')}" if failed else ""
    coverage = summary.coverage
    below = coverage.reasons() if coverage is not None and coverage.failing else ""
    return "fail", f"Failed: {'; '.join(filter(None, (said, below)))}"


def _head(title: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_esc(title)} - casefile-validate</title>\n"
        f"<style>{STYLE}</style>\n</head>\n<body>\n"
    )


def _counts(summary: Summary) -> str:
    rows = [
        ("documents", summary.documents),
        ("valid", summary.valid),
        ("invalid", summary.invalid),
        ("unreadable", summary.unreadable),
    ]
    warnings = getattr(summary, "warnings", 0)
    if warnings:
        rows.append(("warnings", warnings))
    if summary.skipped:
        rows.append(("inputs skipped (no check matches them)", summary.skipped))
    if summary.entries_skipped:
        rows.append(("recorded entries skipped", sum(summary.entries_skipped.values())))
    head = "".join(f"<th>{name}</th>" for name, _ in rows)
    cells = "".join(f'<td class="n">{count}</td>' for _, count in rows)
    body = f"<tr>{head}</tr><tr>{cells}</tr>"
    out = f'<section id="counts"><h2>Counts</h2><table class="counts">{body}</table>'
    names, more = skipped_shown(summary)
    if names:  # which inputs, as markdown names them
        listed = ", ".join(f'<span class="mono">{_esc(name)}</span>' for name in names)
        listed += f" and {more} more" if more else ""
        out += f'<p id="skipped">Skipped (no check of the config matches them): {listed}</p>'
    if summary.entries_skipped:  # which reasons
        out += f"<p>{_esc(entries_skipped(summary))}</p>"
    engines = summary.engines
    if several_schemas(summary):
        rows_html = "".join(
            f'<tr><td class="mono">{_esc(name)}</td><td class="n">{sum(counts)}</td>'
            f'<td class="n">{counts[0]}</td><td class="n">{counts[1]}</td>'
            f'<td class="n">{counts[2]}</td><td>{_esc(engines.get(name, "fast"))}</td></tr>'
            for name, counts in counted_schemas(summary).items()
        )
        out += (
            '<h3>By schema</h3><table class="schemas"><tr><th>schema</th><th>documents</th>'
            "<th>valid</th><th>invalid</th><th>unreadable</th><th>engine</th></tr>"
            f"{rows_html}</table>"
        )
    return out + "</section>\n"


def _kinds(grouper: Grouper, anchors: dict[tuple[str, int | None], str], several: bool) -> str:
    groups = grouper.groups()
    if not groups:
        return ""
    rows = []
    for group in groups:
        places = []
        for place in group.examples:
            where = _esc(
                _cut(place.source if place.line is None else f"{place.source}:{place.line}")
            )
            anchor = anchors.get((place.source, place.line))
            places.append(f'<a href="#{anchor}">{where}</a>' if anchor else where)
        more = group.documents - len(group.examples)
        if more > 0:
            places.append(f"and {more} more")
        schema = f"<td>{_esc(group.schema)}</td>" if several else ""
        rows.append(
            f'<tr><td class="n">{group.documents}</td><td>{_esc(_cut(group.message))}</td>'
            f'<td class="mono">{_esc(_cut(group.label))}</td>{schema}'
            f'<td class="mono">{", ".join(places)}</td></tr>'
        )
    untracked = (
        f'<p class="note">More kinds beyond the first {MAX_GROUPS} are not counted.</p>'
        if grouper.untracked
        else ""
    )
    head_schema = "<th>schema</th>" if several else ""
    return (
        '<section id="kinds"><h2>Failures by kind</h2>'
        f'<p class="note">{plural(len(groups), "kind")} in '
        f"{plural(grouper.failed, 'failed document')}, most frequent first; each counts the "
        "documents that show it.</p>"
        f"{chart(groups)}"
        f'<table class="kinds"><tr><th>documents</th><th>failure</th><th>where in the schema</th>'
        f"{head_schema}<th>first places</th></tr>{''.join(rows)}</table>{untracked}</section>\n"
    )


def _filters(kept: list[tuple[DocumentResult, int, int]], several: bool, total: int) -> str:
    """The filter bar; ``total``: the documents failed or warned about, listed or not (the
    script says how many of them the page shows)."""
    keywords = sorted({p.keyword for r, *_ in kept for p in (*r.problems, *r.warnings)})
    options = "".join(f'<option value="{_esc(k)}">{_esc(k)}</option>' for k in keywords)
    schema = ""
    if several:
        names = sorted({result.schema for result, *_ in kept if result.schema})
        schema_options = "".join(f'<option value="{_esc(n)}">{_esc(n)}</option>' for n in names)
        schema = (
            '<label>schema <select id="f-schema"><option value="">all</option>'
            f"{schema_options}</select></label>"
        )
    return (
        '<div class="filters" role="search">'
        '<label>filter <input id="f-text" type="search" placeholder="text in the document" '
        'autocomplete="off"></label>'
        '<label>keyword <select id="f-keyword"><option value="">all</option>'
        f"{options}</select></label>{schema}"
        '<label>file <input id="f-file" type="search" placeholder="part of the path" '
        'autocomplete="off"></label>'
        f'<span id="shown" class="note" data-total="{total}"></span></div>'
    )


def _documents(reporter: HtmlReporter, several: bool) -> tuple[list[str], int]:
    """The listed documents' section, and how many it lists."""
    kept, failed = reporter.kept, reporter.grouper.failed
    if not failed and not reporter.warned:
        return [], 0
    title = "Failed documents" if not reporter.warned else "Documents failed or warned about"
    out = [f'<section id="documents"><h2>{title}</h2>']
    if not kept:
        out.append(
            f'<p class="note" id="unlisted">None listed ({plural(failed, "failed document")}, '
            "counted in Failures by kind).</p></section>\n"
        )
        return out, 0
    out.append(_filters(kept, several, failed + reporter.warned))
    if reporter.redact:
        out.append('<p class="note">--redact: no value from a document is shown, nor its text.</p>')
    elif any(result.source == STDIN for result, *_ in kept):
        out.append(
            '<p class="note">Standard input cannot be read again: its documents have no '
            "excerpt.</p>"
        )
    wanted = {} if reporter.redact else wanted_windows(kept)
    jsonl = {result.source for result, *_ in kept if result.line != 1}
    reader = LineReader()
    bodies = None if reporter.redact else read_bodies(kept, reader)
    cached: tuple[str, dict[int, Cut] | str] | None = None
    spent, listed = 0, 0
    for number, (result, total, warned) in enumerate(kept, 1):
        lines: dict[int, Cut] | str | None = None
        if result.source == STDIN:
            lines = "standard input cannot be read again"
        elif not reporter.redact:
            if cached is None or cached[0] != result.source:
                cached = (result.source, reader.lines(result.source, wanted.get(result.source, {})))
            lines = cached[1]
        single = single_line(result, jsonl)
        chunk = _ascii(document(number, result, (total, warned), lines, single, several, bodies))
        spent += len(chunk)
        if spent > DETAIL_BUDGET and listed:
            break
        listed += 1
        out.append(chunk)
    listed_failed = sum(1 for result, *_ in kept[:listed] if result.status is not Status.VALID)
    rest = failed - listed_failed
    warned_rest = reporter.warned - (listed - listed_failed)
    if warned_rest:
        out.append(
            f'<p class="note" id="unlisted-warned">{plural(warned_rest, "more valid document")} '
            "with warnings not listed.</p>"
        )
    if rest:
        why = (
            f"the page lists the first {plural(listed, 'document')}"
            if listed == reporter.details
            else f"the listing stops at {plural(listed, 'document')} to keep the page small"
        )
        out.append(
            f'<p class="note" id="unlisted">{plural(rest, "more failed document")} not listed '
            f"({why}); every one is counted in Failures by kind.</p>"
        )
    out.append("</section>\n")
    return out, listed


def _anchors(kept: list[tuple[DocumentResult, int, int]]) -> dict[tuple[str, int | None], str]:
    """(source, line) of each listed problem -> the anchor of its document."""
    anchors: dict[tuple[str, int | None], str] = {}
    for number, (result, *_) in enumerate(kept, 1):
        for problem in result.problems:
            anchors.setdefault((result.source, position(result, problem)[0]), f"d{number}")
    return anchors


def _page(reporter: HtmlReporter, summary: Summary) -> Iterator[str]:
    mood, verdict = _verdict(summary)
    several = summary.routed or len(summary.schemas) > 1 or len(reporter.options.schemas) > 1
    yield _head(verdict)
    yield (
        f'<header class="verdict {mood}"><h1 id="verdict">{_esc(verdict)}</h1>'
        f'<p id="summary">{_esc(summary_line(summary))}</p></header>\n'
    )
    yield _counts(summary)
    if summary.coverage is not None:
        from validator.report.coverage import html_section

        yield html_section(summary.coverage, _esc)
    documents, listed = _documents(reporter, several)
    yield _kinds(reporter.grouper, _anchors(reporter.kept[:listed]), several)
    yield from documents
    yield f"<script>{SCRIPT}</script>\n</body>\n</html>\n"
