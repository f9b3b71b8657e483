"""The report formats by name: :data:`REPORTERS` (which also feeds ``--format``'s choices) and
:func:`make_reporter`.  Each format's module is imported only when it is used.  The markup
formats (junit, html) write through :class:`validator.sinks.MarkupStream`, which keeps any
``##[`` or line-leading ``::`` of their values from GitHub's runner (the values stay exact); the
other formats escape for their sink themselves (see :mod:`validator.sinks`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO, cast

from validator.report.base import Reporter, ReportOptions

__all__ = ["REPORTERS", "make_reporter"]


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
    from validator.sinks import MarkupStream

    return JunitReporter(cast(TextIO, MarkupStream(stream)), options)


def _sarif(stream: TextIO, options: ReportOptions) -> Reporter:
    from validator.report.sarif import SarifReporter

    return SarifReporter(stream, options)


def _markdown(stream: TextIO, options: ReportOptions) -> Reporter:
    from validator.report.markdown import MarkdownReporter

    return MarkdownReporter(stream, options)


def _html(stream: TextIO, options: ReportOptions) -> Reporter:
    from validator.report.html import HtmlReporter
    from validator.sinks import MarkupStream

    return HtmlReporter(cast(TextIO, MarkupStream(stream)), options)


REPORTERS: dict[str, Callable[[TextIO, ReportOptions], Reporter]] = {
    "text": _text,
    "json": _json,
    "github": _github,
    "junit": _junit,
    "sarif": _sarif,
    "markdown": _markdown,
    "html": _html,
}
"""Format name -> factory; the keys also feed the CLI's ``--format`` choice."""


def make_reporter(name: str, stream: TextIO, options: ReportOptions) -> Reporter:
    return REPORTERS[name](stream, options)
