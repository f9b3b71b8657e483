"""The report stage: one module per output format, chosen by name from :data:`REPORTERS`.

A reporter receives every :class:`~validator.problems.DocumentResult` in input order, then the
:class:`~validator.problems.Summary`; it writes to the text stream it was given and never decides
the exit code.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple, Protocol, TextIO

from validator.problems import DocumentResult, Summary

__all__ = ["REPORTERS", "ReportOptions", "Reporter", "make_reporter"]


class ReportOptions(NamedTuple):
    """How to render: ``color`` only for terminals; ``quiet`` keeps just the summary (the junit
    and sarif reports, files for machines, stay whole)."""

    color: bool = False
    quiet: bool = False


class Reporter(Protocol):
    """``wants_valid``: whether the reporter needs a result for each valid document; when no
    reporter of a run does, valid documents are only counted (much cheaper on large inputs)."""

    @property
    def wants_valid(self) -> bool: ...

    def document(self, result: DocumentResult) -> None: ...

    def finish(self, summary: Summary) -> None: ...


def _text(stream: TextIO, options: ReportOptions) -> Reporter:
    from validator.report.text import TextReporter

    return TextReporter(stream, options)


def _json(stream: TextIO, options: ReportOptions) -> Reporter:
    from validator.report.json import JsonReporter

    return JsonReporter(stream, options)


def _github(stream: TextIO, options: ReportOptions) -> Reporter:
    from validator.report.github import GithubReporter

    return GithubReporter(stream, options)


def _junit(stream: TextIO, options: ReportOptions) -> Reporter:
    from validator.report.junit import JunitReporter

    return JunitReporter(stream, options)


def _sarif(stream: TextIO, options: ReportOptions) -> Reporter:
    from validator.report.sarif import SarifReporter

    return SarifReporter(stream, options)


REPORTERS: dict[str, Callable[[TextIO, ReportOptions], Reporter]] = {
    "text": _text,
    "json": _json,
    "github": _github,
    "junit": _junit,
    "sarif": _sarif,
}
"""Format name -> factory; the keys also feed the CLI's ``--format`` choice."""


def make_reporter(name: str, stream: TextIO, options: ReportOptions) -> Reporter:
    return REPORTERS[name](stream, options)
