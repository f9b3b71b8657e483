"""Plain text: one line per problem, then one summary line.

``SOURCE:LINE:COL: /instance/pointer: message [keyword location]``
"""

from __future__ import annotations

from typing import TextIO

from validator.problems import DocumentResult, Problem, Status, Summary
from validator.report import ReportOptions

_RED, _YELLOW, _GREEN, _BOLD, _DIM, _RESET = (
    "\x1b[31m",
    "\x1b[33m",
    "\x1b[32m",
    "\x1b[1m",
    "\x1b[2m",
    "\x1b[0m",
)


def format_problem(result: DocumentResult, problem: Problem, many: bool) -> tuple[str, str, str]:
    """(where, what, keyword location) of one problem, uncoloured."""
    where = result.source
    if problem.line is not None:
        where += f":{problem.line}:{problem.column}"
    elif result.line != 1:
        where += f":{result.line}"
    what = problem.message
    if result.status is Status.INVALID:
        what = f"{problem.instance_location or '/'}: {what}"
    suffix = f" [{problem.keyword_location}]" if problem.keyword_location else ""
    if problem.headline and many:
        suffix += " (headline)"
    return where, what, suffix


class TextReporter:
    def __init__(self, stream: TextIO, options: ReportOptions) -> None:
        self.stream = stream
        self.options = options

    def _paint(self, text: str, code: str) -> str:
        return f"{code}{text}{_RESET}" if self.options.color else text

    def document(self, result: DocumentResult) -> None:
        if self.options.quiet or result.status is Status.VALID:
            return
        many = len(result.problems) > 1
        colour = _RED if result.status is Status.INVALID else _YELLOW
        for problem in result.problems:
            where, what, suffix = format_problem(result, problem, many)
            self.stream.write(
                f"{self._paint(where, _BOLD)}: {self._paint(what, colour)}"
                f"{self._paint(suffix, _DIM)}\n"
            )

    def finish(self, summary: Summary) -> None:
        line = (
            f"{summary.documents} document{'s' if summary.documents != 1 else ''}: "
            f"{summary.valid} valid, {summary.invalid} invalid, {summary.unreadable} unreadable"
        )
        colour = _GREEN if summary.exit_code == 0 else _RED
        self.stream.write(self._paint(line, colour) + "\n")
        self.stream.flush()
