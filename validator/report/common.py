"""Small facts every reporter words the same way: where a problem is, and the summary line."""

from __future__ import annotations

import os
from collections.abc import Mapping

from validator.inputs.sources import STDIN
from validator.problems import INPUT, RECORDING, DocumentResult, Problem, Status, Summary

__all__ = [
    "STDIN",
    "describe_problem",
    "describe_warning",
    "plural",
    "position",
    "problem_parts",
    "schema_lines",
    "schema_units",
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
    if status is Status.INVALID and problem.keyword != RECORDING:  # a recording's: no pointer
        what = f"{problem.instance_location or '/'}: {what}"
    return what, f" [{problem.keyword_location}]" if problem.keyword_location else ""


def describe_problem(status: Status, problem: Problem) -> str:
    """``/pointer: message [keyword location]`` (see :func:`problem_parts`)."""
    what, keyword = problem_parts(status, problem)
    return what + keyword


def describe_warning(problem: Problem) -> str:
    """``/pointer: message``: the one wording of a warning (its pointer leads, but for a
    recording's: it has none)."""
    if problem.keyword == RECORDING:
        return problem.message
    return f"{problem.instance_location or '/'}: {problem.message}"


def schema_units(summary: Summary) -> list[dict[str, object]]:
    """The counts per schema, as the json and sarif reports give them."""
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
    counted = {name: counts for name, counts in summary.schemas.items() if sum(counts)}
    if counted and (len(summary.schemas) > 1 or any(e != summary.asked for e in engines.values())):
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


def summary_line(summary: Summary) -> str:
    """``N documents: V valid, I invalid, U unreadable`` - the last line of the text report
    (``; W warnings`` after it when there are any)."""
    warned = f"; {plural(summary.warnings, 'warning')}" if summary.warnings else ""
    skipped = ""
    if summary.entries_skipped:
        reasons = sorted(summary.entries_skipped.items(), key=lambda item: (-item[1], item[0]))
        said = ", ".join(f"{count} {reason}" for reason, count in reasons)
        count = sum(summary.entries_skipped.values())
        skipped = f"; {count} {'entry' if count == 1 else 'entries'} skipped ({said})"
    return (
        f"{plural(summary.documents, 'document')}: "
        f"{summary.valid} valid, {summary.invalid} invalid, {summary.unreadable} unreadable"
        f"{warned}{skipped}"
    )
