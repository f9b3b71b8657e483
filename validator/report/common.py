"""Small facts every reporter words the same way: where a problem is, and the summary line."""

from __future__ import annotations

from validator.problems import INPUT, DocumentResult, Problem, Status, Summary
from validator.sources import STDIN

__all__ = ["INPUT", "STDIN", "describe_problem", "plural", "position", "summary_line"]


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


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


def describe_problem(result: DocumentResult, problem: Problem) -> str:
    """``/pointer: message [keyword location]`` for invalid documents, the bare message (why the
    text could not be read or parsed) otherwise."""
    text = problem.message
    if result.status is Status.INVALID:
        text = f"{problem.instance_location or '/'}: {text}"
    if problem.keyword_location:
        text += f" [{problem.keyword_location}]"
    return text


def summary_line(summary: Summary) -> str:
    """``N documents: V valid, I invalid, U unreadable`` - the last line of the text report."""
    return (
        f"{plural(summary.documents, 'document')}: "
        f"{summary.valid} valid, {summary.invalid} invalid, {summary.unreadable} unreadable"
    )
