"""What the report tests share: problem records (as the check stage builds them), and a run of
a reporter over some results."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import TextIO

from validator.problems import DocumentResult, Problem, Summary
from validator.report.base import Reporter, ReportOptions

REQUIRED = Problem(
    "", "/required", 'missing required property "payload"', "required", line=1, column=1
)
PARSE = Problem("", "", "not valid JSON: unterminated string", "parse", line=4, column=12)
MISSING = Problem("", "", "no such file or directory", "input")


def render(
    make: Callable[[TextIO, ReportOptions], Reporter],
    results: list[DocumentResult],
    options: ReportOptions | None = None,
) -> str:
    """The report a reporter writes for ``results`` (then their summary)."""
    out = io.StringIO()
    reporter = make(out, options or ReportOptions())
    summary = Summary()
    for result in results:
        summary.add(result)
        reporter.document(result)
    reporter.finish(summary)
    return out.getvalue()
