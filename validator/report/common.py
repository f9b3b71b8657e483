"""Small facts every reporter words the same way: where a problem is, and the summary line."""

from __future__ import annotations

import os
from collections.abc import Mapping

from validator.contracts.recording_kinds import is_recording
from validator.inputs.sources import STDIN
from validator.problems import INPUT, DocumentResult, Problem, Status, Summary

__all__ = [
    "STDIN",
    "counted_schemas",
    "describe_problem",
    "describe_warning",
    "entries_skipped",
    "plural",
    "position",
    "problem_parts",
    "redacted",
    "schema_lines",
    "schema_units",
    "several_schemas",
    "shown_url",
    "skipped_shown",
    "summary_line",
    "workspace_path",
    "workspace_root",
]


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def workspace_root(env: Mapping[str, str]) -> str | None:
    """The folder GitHub's annotations and code scanning name files relative to:
    ``GITHUB_WORKSPACE`` (its real path), when set."""
    found = env.get("GITHUB_WORKSPACE")
    return os.path.realpath(found) if found else None


def workspace_path(source: str, workspace: str | None) -> str:
    """A source as a report for GitHub names it: relative to ``workspace`` (``/`` separators)
    when that is given and the file is inside it, else absolute; as given without a workspace
    (relative to the working directory).  Standard input stays itself."""
    if workspace is None or source == STDIN:
        return source
    absolute = os.path.abspath(source)
    try:
        rel = os.path.relpath(absolute, workspace)
    except ValueError:  # pragma: no cover - another drive (Windows)
        return absolute
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return absolute
    return rel.replace(os.sep, "/") if os.sep != "/" else rel


def position(result: DocumentResult, problem: Problem) -> tuple[int | None, int | None]:
    """(line, column) of a problem in its source, as far as known.

    The problem's own position when it has one; otherwise the line the document starts on (a
    column would be a guess), except for an input that could not be read at all, which has none.
    """
    if problem.line is not None:
        return problem.line, problem.column
    if problem.keyword == INPUT and result.status is Status.UNREADABLE:
        return None, None
    return result.line, None


def problem_parts(status: Status, problem: Problem) -> tuple[str, str]:
    """``("/pointer: message", " [keyword location]")``: the one wording of a problem (every
    report, and ``str()`` of the API's report, put these two parts together).

    The pointer leads the message of an invalid document's problem; a document that could not be
    read or parsed has the bare message (why).  The second part is ``""`` when the problem has no
    keyword location.
    """
    what = problem.message
    if status is Status.INVALID and not is_recording(problem.keyword):  # a recording's: none
        what = f"{problem.instance_location or '/'}: {what}"
    return what, f" [{problem.keyword_location}]" if problem.keyword_location else ""


def describe_problem(status: Status, problem: Problem) -> str:
    """``/pointer: message [keyword location]`` (see :func:`problem_parts`)."""
    what, keyword = problem_parts(status, problem)
    return what + keyword


def describe_warning(problem: Problem) -> str:
    """``/pointer: message``: the one wording of a warning (its pointer leads, but for a
    recording's: it has none)."""
    if is_recording(problem.keyword):
        return problem.message
    return f"{problem.instance_location or '/'}: {problem.message}"


def counted_schemas(summary: Summary) -> dict[str, list[int]]:
    """The schemas that judged some document, with their counts (valid, invalid, unreadable):
    the tables of the text, markdown and html reports leave out a check's schema that judged
    none (the json and sarif reports list every check's)."""
    return {name: counts for name, counts in summary.schemas.items() if sum(counts)}


def several_schemas(summary: Summary) -> bool:
    """Whether the reports give a table of the counts per schema (of those that judged some
    document): the run has several schemas, or checks recordings (whose documents are counted
    per documented response), or has a schema judged by another engine than the one asked
    for."""
    engines = summary.engines
    several = summary.routed or len(summary.schemas) > 1
    several = several or any(e != summary.asked for e in engines.values())
    return several and bool(counted_schemas(summary))


def entries_skipped(summary: Summary) -> str:
    """``N entries skipped (3 outside the API's base URLs, 1 CORS preflight ...)``, the most
    frequent reason first; "" when no recording's entry was skipped."""
    if not summary.entries_skipped:
        return ""
    reasons = sorted(summary.entries_skipped.items(), key=lambda item: (-item[1], item[0]))
    said = ", ".join(f"{count} {reason}" for reason, count in reasons)
    count = sum(summary.entries_skipped.values())
    return f"{count} {'entry' if count == 1 else 'entries'} skipped ({said})"


def shown_url(url: str, redact: bool) -> str:
    """A recorded request's URL as reports show it: a password in it (``user:pass@``) always as
    ``***`` (CI logs are read by many), the user kept; with ``redact``, without its user and
    password and without its query string and fragment (where tokens and keys travel; they never
    take part in matching), ``?...`` standing for them."""
    if "@" in url:
        url = _credentials(url, redact)
    if not redact:
        return url
    cut = min((at for at in (url.find("?"), url.find("#")) if at >= 0), default=-1)
    return url if cut < 0 else url[:cut] + "?..."


def _credentials(url: str, redact: bool) -> str:
    """``url`` with the password of its user information masked (``redact``: both dropped).
    The user information is what comes before the last ``@`` of the authority, which starts
    after ``SCHEME://`` and ends at the first ``/``, ``?``, ``#`` (or ``\\``, which browsers read as
    ``/``)."""
    start = url.find("://")
    if start < 0 or not url[:start].isalnum():  # no scheme: no authority
        return url
    start += 3
    end = min((at for at in map(url.find, "/?#\\", [start] * 4) if at >= 0), default=len(url))
    at = url.rfind("@", start, end)
    if at < 0:
        return url
    if redact:
        return url[:start] + url[at + 1 :]
    colon = url.find(":", start, at)
    return url if colon < 0 else url[: colon + 1] + "***" + url[at:]


def redacted(result: DocumentResult, redact: bool) -> DocumentResult:
    """``result`` as a report shows it: its recorded request's URL as :func:`shown_url` shows
    it (a password masked; with ``redact``, without user information, query and fragment)."""
    entry = result.entry
    if entry is None:
        return result
    url = shown_url(entry.url, redact)
    return result if url == entry.url else result._replace(entry=entry._replace(url=url))


def schema_units(summary: Summary) -> list[dict[str, object]]:
    """The counts per schema, as the json and sarif reports give them (every check's, those
    that judged no document too)."""
    return [
        {
            "schema": name,
            "engine": summary.engines.get(name, "fast"),
            "documents": sum(counts),
            "valid": counts[0],
            "invalid": counts[1],
            "unreadable": counts[2],
        }
        for name, counts in summary.schemas.items()
    ]


def schema_lines(summary: Summary) -> list[str]:
    """The text report's lines before its summary line: when the run has several schemas or one
    not judged by the engine asked for (the fast engine cannot compile it), one per schema that
    judged some document; and the inputs no check matched, if any."""
    lines = []
    engines = summary.engines
    counted = counted_schemas(summary)
    if several_schemas(summary):
        lines.append("By schema:")
        for name, (valid, invalid, unreadable) in counted.items():
            engine = engines.get(name, "fast")
            judged = "" if engine == "fast" else f", judged by the {engine} engine"
            lines.append(
                f"  {name}: {plural(valid + invalid + unreadable, 'document')}: {valid} valid, "
                f"{invalid} invalid, {unreadable} unreadable{judged}"
            )
    if summary.skipped:
        them = "it" if summary.skipped == 1 else "them"
        lines.append(f"{plural(summary.skipped, 'input')} skipped (no check matches {them})")
    return lines


SKIPPED_SHOWN = 50
"""Skipped inputs named in the markdown and junit reports (the json and sarif ones name all)."""


def skipped_shown(summary: Summary) -> tuple[tuple[str, ...], int]:
    """The names of the first :data:`SKIPPED_SHOWN` inputs no check matched, and how many more
    there are."""
    names = summary.skipped_inputs
    return names[:SKIPPED_SHOWN], max(0, len(names) - SKIPPED_SHOWN)


def summary_line(summary: Summary) -> str:
    """``N documents: V valid, I invalid, U unreadable`` - the last line of the text report
    (``; W warnings`` after it when there are any)."""
    warned = f"; {plural(summary.warnings, 'warning')}" if summary.warnings else ""
    skipped = entries_skipped(summary)
    skipped = f"; {skipped}" if skipped else ""
    return (
        f"{plural(summary.documents, 'document')}: "
        f"{summary.valid} valid, {summary.invalid} invalid, {summary.unreadable} unreadable"
        f"{warned}{skipped}"
    )
