"""Plain text: one line per problem, a grouped summary when several documents failed, then one
summary line.

``SOURCE:LINE:COL: /instance/pointer: message [keyword location]``

Every line is written as :func:`validator.sinks.terminal` shows text: invisible characters as
visible escapes, nothing GitHub's runner would read as a workflow command.

The grouped summary lists each kind of failure (see :mod:`validator.report.groups`) with the
number of documents that show it and where the first few are, most frequent first.  The last line
is always ``N documents: V valid, I invalid, U unreadable``.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import chain
from operator import itemgetter
from typing import TYPE_CHECKING, TextIO

from validator.contracts.recording_kinds import RECORDING_KINDS, is_recording
from validator.inputs.sources import is_jsonl
from validator.problems import EXIT_OK, DocumentResult, Problem, Status, Summary
from validator.report.base import ReportOptions
from validator.report.common import (
    describe_warning,
    plural,
    problem_parts,
    redacted,
    schema_lines,
    summary_line,
)
from validator.sinks import terminal

if TYPE_CHECKING:  # the grouping is imported by the first failed document
    from validator.report.groups import Group, Grouper

__all__ = ["SHOWN_GROUPS", "TextReporter", "format_problem", "summary_line"]

SHOWN_GROUPS = 10
"""The most kinds of failure the grouped summary lists (the json report has them all)."""

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
    what, suffix = problem_parts(result.status, problem)
    if problem.headline and many:
        suffix += " (headline)"
    return terminal(where), terminal(what), terminal(suffix)


def problem_lines(result: DocumentResult) -> str:
    """Every problem of a document as :func:`format_problem` words it, uncoloured, one
    ``where: what [location]`` line each (in one function a document: the text report's hot
    path)."""
    source = result.source
    invalid = result.status is Status.INVALID  # problem_parts: the pointer leads
    many = len(result.problems) > 1
    lines = []
    for pointer, location, message, keyword, _, line, column, headline, _ in result.problems:
        end = " (headline)\n" if headline and many else "\n"
        if line is not None and invalid and location:  # the usual line, in one piece
            text = f"{source}:{line}:{column}: {pointer or '/'}: {message} [{location}]"
            lines.append(terminal(text) + end)
            continue
        if line is not None:
            where = f"{source}:{line}:{column}"
        else:
            where = source if result.line == 1 else f"{source}:{result.line}"
        what = f"{pointer or '/'}: {message}" if invalid and not is_recording(keyword) else message
        lines.append(terminal(f"{where}: {what}{f' [{location}]' if location else ''}") + end)
    return "".join(lines)


def _warning_where(result: DocumentResult, problem: Problem) -> str:
    where = result.source
    if problem.line is not None:
        return f"{where}:{problem.line}:{problem.column}"
    return where if result.line == 1 else f"{where}:{result.line}"


def warning_line(result: DocumentResult, problem: Problem) -> tuple[str, str]:
    """(where, ``warning: /pointer: message``) of one warning, uncoloured."""
    where = _warning_where(result, problem)
    return terminal(where), terminal(f"warning: {describe_warning(problem)}")


def warning_lines(result: DocumentResult) -> str:
    """Each warning's ``where: warning: /pointer: message`` line, uncoloured: what
    :func:`warning_line`'s two parts give joined by ``": "`` (one escape of the whole line says
    the same: only its start can be taken for a workflow command, and no ``##[`` spans the
    join)."""
    warnings = result.warnings
    if len(warnings) == 1:  # the usual case, spelled out
        w = warnings[0]
        if w.line is not None and not is_recording(w.keyword):
            where = f"{result.source}:{w.line}:{w.column}"
            line = f"{where}: warning: {w.instance_location or '/'}: {w.message}"
            if line.isprintable() and "##[" not in line and "::" not in line:
                return line + "\n"  # nothing for terminal() to change
            return terminal(line) + "\n"
    return "".join(
        terminal(f"{_warning_where(result, w)}: warning: {describe_warning(w)}") + "\n"
        for w in warnings
    )


_LINE = "{}:{}:{}: warning: {}: {}".format
_RECORDING = frozenset(RECORDING_KINDS.values())
_SOURCE, _WARNINGS = itemgetter(0), itemgetter(5)
_POINTER, _MESSAGE, _KEYWORD = itemgetter(0), itemgetter(2), itemgetter(3)
_AT_LINE, _AT_COLUMN = itemgetter(5), itemgetter(6)


def warnings_text(results: list[DocumentResult]) -> str:
    """:func:`warning_lines` of each result, joined: where each has one warning placed at its
    key (the usual), every line made by builtins over the whole list and checked at once."""
    warnings = list(map(_WARNINGS, results))
    if list(map(len, warnings)).count(1) == len(warnings):
        firsts = list(chain.from_iterable(warnings))
        lines, pointers = list(map(_AT_LINE, firsts)), list(map(_POINTER, firsts))
        plain = _RECORDING.isdisjoint(map(_KEYWORD, firsts))
        if None not in lines and "" not in pointers and plain:
            texts = list(
                map(
                    _LINE,
                    map(_SOURCE, results),
                    lines,
                    map(_AT_COLUMN, firsts),
                    pointers,
                    map(_MESSAGE, firsts),
                )
            )
            text = "\n".join(texts)  # no "##[" nor "::" spans a line feed
            if all(map(str.isprintable, texts)) and "##[" not in text and "::" not in text:
                return text + "\n" if text else ""  # nothing for terminal() to change
    return "".join(map(warning_lines, results))


def _examples(group: Group) -> str:
    places = ", ".join(
        place.source if place.line is None else f"{place.source}:{place.line}"
        for place in group.examples
    )
    more = group.documents - len(group.examples)
    return places + (f" and {more} more" if more > 0 else "")


def verdict_line(result: DocumentResult, lines: bool = False) -> str:
    """``SOURCE[:LINE]: VERDICT (schema NAME)``: the line ``--verbose`` gives each document
    (``lines``: a document of JSON Lines, whose line is given even when it is the first)."""
    where = result.source if result.line == 1 and not lines else f"{result.source}:{result.line}"
    verdict = result.status.value
    if result.status is Status.SKIPPED and result.problems:  # a recorded entry: why
        verdict += f" ({result.problems[0].message})"
    elif result.problems and result.status is not Status.VALID:
        verdict += f", {plural(len(result.problems), 'problem')}"
    schema = f" (schema {result.schema})" if result.schema else ""
    if result.entry is not None:  # a recording's response: which one
        entry = result.entry
        where = f"{result.source}:{entry.line}:{entry.column}: entries[{entry.number}] "
        where += f"{entry.method} {entry.url} {entry.status}"
    return terminal(f"{where}: {verdict}{schema}") + "\n"


class TextReporter:
    @property
    def wants_valid(self) -> bool:
        """Valid documents are only counted, unless ``--verbose`` lists every document."""
        return self.options.verbose and not self.options.quiet

    @property
    def wants_skipped(self) -> bool:
        """The recorded entries that were not checked, each on its verdict line with why, with
        ``--verbose`` (see :func:`verdict_line`)."""
        return self.wants_valid

    def __init__(self, stream: TextIO, options: ReportOptions) -> None:
        self.stream = stream
        self.options = options
        self.grouper: Grouper | None = None
        self.several = len(options.schemas) > 1
        self.plain = not (options.quiet or options.verbose or options.color)
        """Each document's lines as they are, uncoloured (files, pipes, CI)."""

    def _paint(self, text: str, code: str) -> str:
        return f"{code}{text}{_RESET}" if self.options.color else text

    held: DocumentResult | None = None
    """With ``--verbose``, a document on line 1 of a file not named as JSON Lines, written once
    the next document tells whether it was the first line of JSON Lines (``--jsonl``, a config
    check's ``jsonl``): the next is on a later line of the same file."""

    def document(self, result: DocumentResult) -> None:
        if result.status is Status.VALID and self.plain:  # warnings, the usual news
            self.stream.write(warning_lines(result))
            return
        options = self.options
        result = redacted(result, options.redact)
        if options.quiet:
            return
        if not options.verbose:
            self._write(result)
            return
        held, self.held = self.held, None
        if held is not None:
            self._write(held, result.source == held.source and result.line > 1)
        if result.line == 1 and not is_jsonl(result.source):
            self.held = result
        else:
            self._write(result, result.line == 1)

    @property
    def plain_writer(self) -> Callable[[str], object] | None:
        """Where warnings' lines made elsewhere are written as they are (a worker's, as
        :meth:`documents` would write them: see :mod:`validator.run.valid_results`): in the plain
        case, the stream's ``write``; else None."""
        return self.stream.write if self.plain else None

    def documents(self, results: list[DocumentResult]) -> None:
        """:meth:`document` of each of a task's results, all of valid documents (see
        :mod:`validator.run.valid_results`): in the plain case, one write of their warnings."""
        if self.plain:
            self.stream.write(warnings_text(results))
            return
        for result in results:
            self.document(result)

    def _write(self, result: DocumentResult, lines: bool = False) -> None:
        if self.options.verbose:
            self.stream.write(verdict_line(result, lines))
        if result.status is Status.SKIPPED:  # its line said why
            return
        if result.status is not Status.VALID:
            self._problems(result)
        if result.warnings:  # after the errors: what decides the verdict comes first
            self._warnings(result)

    def _problems(self, result: DocumentResult) -> None:
        if self.grouper is None:
            from validator.report.groups import Grouper

            self.grouper = Grouper()
        self.grouper.add(result)
        if not self.options.color:  # the common case (files, pipes, CI): one write a document
            self.stream.write(problem_lines(result))
            return
        many = len(result.problems) > 1
        lines = [format_problem(result, problem, many) for problem in result.problems]
        colour = _RED if result.status is Status.INVALID else _YELLOW
        for where, what, suffix in lines:
            self.stream.write(
                f"{self._paint(where, _BOLD)}: {self._paint(what, colour)}"
                f"{self._paint(suffix, _DIM)}\n"
            )

    def _warnings(self, result: DocumentResult) -> None:
        if not self.options.color:  # the common case: one write a document
            self.stream.write(warning_lines(result))
            return
        for where, what in (warning_line(result, w) for w in result.warnings):
            self.stream.write(f"{self._paint(where, _BOLD)}: {self._paint(what, _YELLOW)}\n")

    def _groups(self) -> None:
        grouper = self.grouper
        if grouper is None or grouper.failed < 2:
            return
        groups = grouper.groups()
        self.stream.write(
            "\n"
            + self._paint(
                f"Failures by kind, most frequent first "
                f"({plural(len(groups), 'kind')} in {grouper.failed} failed documents):",
                _BOLD,
            )
            + "\n"
        )
        for group in groups[:SHOWN_GROUPS]:
            schema = f" (schema {group.schema})" if self.several and group.schema else ""
            label = self._paint(terminal(f"[{group.label}]"), _DIM)
            self.stream.write(
                f"  {label} {terminal(group.message + schema)}\n"
                f"    {plural(group.documents, 'document')}: {terminal(_examples(group))}\n"
            )
        hidden = len(groups) - SHOWN_GROUPS
        if hidden > 0:
            self.stream.write(
                f"  ... and {plural(hidden, 'more kind')} (--format json lists all)\n"
            )
        if grouper.untracked:
            from validator.report.groups import MAX_GROUPS

            self.stream.write(f"  ... and more kinds beyond the first {MAX_GROUPS}, not counted\n")

    def finish(self, summary: Summary) -> None:
        if self.held is not None:
            held, self.held = self.held, None
            self._write(held)
        if self.options.verbose and not self.options.quiet:
            for name in summary.skipped_inputs:
                self.stream.write(terminal(f"{name}: skipped (no check matches it)") + "\n")
        self._groups()
        for line in schema_lines(summary):
            self.stream.write(terminal(line) + "\n")
        if summary.coverage is not None:
            from validator.report.coverage import terminal_lines

            self.stream.write("".join(terminal_lines(summary)))
        colour = _GREEN if summary.exit_code == EXIT_OK else _RED
        self.stream.write(self._paint(summary_line(summary), colour) + "\n")
        self.stream.flush()
