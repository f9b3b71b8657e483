"""GitHub Actions workflow commands: one ``::error`` annotation per problem.

``::error file=F,line=L,col=C,title=T::message``

GitHub shows each annotation on the line of the file it names (in the pull request's diff and
the run's summary).  ``line``/``col`` are left out when unknown, and ``file`` too for standard
input (the position then leads the message).  Valid documents print nothing; the report ends with
the plain summary line of the text report, which is not a command.

Escaping follows the runner's rules (``@actions/core``): in the message ``%``, CR and LF become
``%25``, ``%0D`` and ``%0A``; in property values ``:`` and ``,`` also become ``%3A`` and ``%2C``.
So no value from a document or a file name can end a command early or start another one.
"""

from __future__ import annotations

import os
from typing import TextIO

from validator.problems import DocumentResult, Problem, Status, Summary
from validator.report.base import ReportOptions
from validator.report.common import STDIN, position, schema_lines, summary_line

__all__ = ["GithubReporter", "command", "escape_data", "escape_property"]

TOOL = "casefile-validate"


def escape_data(text: str) -> str:
    """The message of a workflow command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """The value of a workflow command's property (``file=``, ``title=``, ...)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _path(source: str) -> str:
    """The source as GitHub matches it against the checkout: forward slashes, no leading ./."""
    path = source.replace(os.sep, "/") if os.sep != "/" else source
    while path.startswith("./"):
        path = path[2:]
    return path


def command(
    result: DocumentResult, problem: Problem, schema: bool = False, level: str = "error"
) -> str:
    """The ``::error`` line of one problem (without the line ending); with ``schema`` (a run
    with several schemas) the title names the schema that judged the document; ``level``
    ``warning`` for a warning."""
    line, column = position(result, problem)
    title = f"{TOOL}: {problem.keyword}"
    message = problem.message
    if result.status is Status.INVALID or level != "error":
        title += f" at {problem.instance_location or '/'}"
    if schema and result.schema:
        title += f" (schema {result.schema})"
    if problem.keyword_location:
        message += f" [{problem.keyword_location}]"
    properties: list[tuple[str, str]] = []
    if result.source == STDIN:
        where = STDIN + "".join(f":{n}" for n in (line, column) if n is not None)
        message = f"{where}: {message}"
    else:
        properties.append(("file", _path(result.source)))
        if line is not None:
            properties.append(("line", str(line)))
            if column is not None:
                properties.append(("col", str(column)))
    properties.append(("title", title))
    rendered = ",".join(f"{name}={escape_property(value)}" for name, value in properties)
    return f"::{level} {rendered}::{escape_data(message)}"


class GithubReporter:
    wants_valid = False
    """Valid documents are not listed: only counted."""

    def __init__(self, stream: TextIO, options: ReportOptions) -> None:
        self.stream = stream
        self.options = options

    def document(self, result: DocumentResult) -> None:
        if self.options.quiet or result.status is Status.VALID:
            return
        several = len(self.options.schemas) > 1
        for problem in result.problems:
            self.stream.write(command(result, problem, several) + "\n")

    def finish(self, summary: Summary) -> None:
        for line in schema_lines(summary):
            self.stream.write(line + "\n")
        self.stream.write(summary_line(summary) + "\n")
        self.stream.flush()
