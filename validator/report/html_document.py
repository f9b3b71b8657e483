"""One listed document of the html report: its heading, and each problem and warning with its
place and the excerpt of the text around it (:mod:`validator.report.html_excerpts`).

A response of a recording (a HAR file's entry) is headed by the entry (its index, method, URL
and status) and the HAR file's place of its body; a problem inside the body is shown in the
decoded body, its mark at the body's line:column, as any document's problem is in its text
(:mod:`validator.report.html_bodies`); a problem of the entry itself at the HAR file's lines.
"""

from __future__ import annotations

from validator.problems import DocumentResult, Problem, Recorded, warning_count
from validator.report.common import describe_warning, plural, problem_parts
from validator.report.html_bodies import Bodies
from validator.report.html_excerpts import Cut, render_excerpt, visible

__all__ = ["document"]

Lines = dict[int, Cut] | str | None
"""The windows of a text's lines; why there are none (a note); None: ``--redact``."""


def _excerpt(lines: Lines, line: int | None, column: int | None, single: bool) -> str:
    if line is None:
        return ""
    if lines is None:
        return '<p class="note">(no excerpt: --redact hides the text)</p>'
    if isinstance(lines, str):
        return f'<p class="note">(no excerpt: {visible(lines)})</p>'
    return render_excerpt(lines, line, column, single)


def _entry_head(result: DocumentResult, entry: Recorded) -> str:
    """The line under a recorded response's heading: which entry, and where its body is."""
    return (
        f'<p class="entry"><span class="mono">entries[{entry.number}]</span> '
        f'<span class="mono">{visible(entry.method)} {visible(entry.url)}</span> '
        f'status {entry.status}, body at <span class="mono">'
        f"{visible(result.source)}:{entry.line}:{entry.column}</span></p>"
    )


def _placed(
    result: DocumentResult, index: int, problem: Problem, lines: Lines, single: bool, body: Lines
) -> tuple[str, str]:
    """The place and excerpt of the problem (or warning) ``index`` of the listed ones (its index
    among all of the document's: ``index`` as given)."""
    places = result.entry.places if result.entry is not None else ()
    if index < len(places) and places[index][0] is not None and body is not None:
        line, column = places[index]
        at = f":{column}" if column is not None else ""
        excerpt = _excerpt(body, line, column, False)
        excerpt = excerpt.replace('<pre class="excerpt">', '<pre class="excerpt body">', 1)
        return f'<span class="where mono">body {line}{at}</span> ', excerpt
    place = ""
    if problem.line is not None:
        at = f":{problem.column}" if problem.column is not None else ""
        place = f'<span class="where mono">{problem.line}{at}</span> '
    return place, _excerpt(lines, problem.line, problem.column, single)


def document(
    number: int,
    result: DocumentResult,
    totals: tuple[int, int],
    lines: Lines,
    single: bool,
    several: bool,
    bodies: Bodies | None = None,
) -> str:
    """The ``<article>`` of one listed document; ``totals``: its problems and warnings, listed
    or not; ``lines``: its text's windows; ``bodies``: those of the recorded bodies."""
    where = f"{result.source}:{result.line}" if single else result.source  # a line: its number
    schema = (
        f' <span class="schema">schema {visible(result.schema)}</span>'
        if several and result.schema
        else ""
    )
    status = result.status.value
    entry = result.entry
    body: Lines = None
    if entry is not None and bodies is not None:
        body = bodies.get((result.source, entry.number))
    items = []
    shown = len(result.problems)
    for index, problem in enumerate((*result.problems, *result.warnings)):
        warned = index >= shown
        if warned:
            what = f"warning: {describe_warning(problem)}"
            keyword = f" [{problem.keyword_location}]" if problem.keyword_location else ""
        else:
            what, keyword = problem_parts(result.status, problem)
        at = index - shown + totals[0] if warned else index  # among all the document's
        place, excerpt = _placed(result, at, problem, lines, single, body)
        headline = (
            '<span class="headline">headline</span>' if problem.headline and totals[0] > 1 else ""
        )
        cls = ' class="warning"' if warned else ""
        items.append(
            f'<li{cls} data-keyword="{visible(problem.keyword)}">{place}'
            f'<span class="what">{visible(what)}</span>'
            f'<span class="kw mono">{visible(keyword)}</span>{headline}{excerpt}</li>'
        )
    rest = _unlisted(totals[0] - len(result.problems), totals[1] - warning_count(result.warnings))
    counted = ", ".join(
        plural(n, word) for n, word in zip(totals, ("problem", "warning"), strict=True) if n
    )
    head = _entry_head(result, entry) if entry is not None else ""
    return (
        f'<article class="doc" id="d{number}" data-file="{visible(result.source)}" '
        f'data-schema="{visible(result.schema)}"><h3><span class="status {status}">{status}</span> '
        f'<span class="mono">{visible(where)}</span>{schema} '
        f'<span class="note">{counted}</span></h3>{head}'
        f'<ol class="problems">{"".join(items)}</ol>{rest}</article>\n'
    )


def _unlisted(problems: int, warnings: int) -> str:
    """The note under a document's list for what it leaves out (the warnings a note counts
    are warnings: never counted as a problem)."""
    parts = [
        plural(n, f"more {word}")
        for n, word in ((problems, "problem"), (warnings, "warning"))
        if n > 0
    ]
    if not parts:
        return ""
    tail = " (the json report lists every problem)" if problems > 0 else ""
    return f'<p class="note">… and {" and ".join(parts)}{tail}</p>'
