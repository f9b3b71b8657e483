"""GitHub Actions workflow commands: one ``::error`` annotation per problem, one ``::warning``
per warning.

``::error file=F,line=L,col=C,title=T::message``

GitHub shows each annotation on the line of the file it names (in the pull request's diff and
the run's summary), relative to ``GITHUB_WORKSPACE`` when that is set (a file outside it keeps its
absolute path; without it, paths are as the run names them, relative to the working directory).
``line``/``col`` are left out when unknown, and ``file`` too for standard
input (the position then leads the message).  GitHub shows only the first 10 error (and 10
warning) annotations of a step, so the first annotation of each kind of failure (see
:mod:`validator.report.groups`) is written as it comes, and the later ones of kinds already
shown after them, at the end.  Valid documents print nothing; the report ends with the plain
summary line of the text report and a ``::notice`` with the same totals.

Inside GitHub Actions (``ReportOptions.step_summary``, from ``$GITHUB_STEP_SUMMARY``) the
markdown report (:mod:`validator.report.markdown`) is also appended to the job summary.

Every line is written through :mod:`validator.sinks`: the annotations by
:func:`~validator.sinks.workflow_command` (escaped as the runner unescapes them, so no value from
a document or a file name can end a command early or start another one; ``file=`` the exact
path), the other lines by :func:`~validator.sinks.terminal` (no value can start a command).
"""

from __future__ import annotations

import io
import os
import shutil
import tempfile
from typing import Any, TextIO

from validator.contracts.recording_kinds import is_recording
from validator.problems import DocumentResult, Problem, Status, Summary
from validator.report.base import ReportOptions
from validator.report.common import (
    STDIN,
    plural,
    position,
    schema_lines,
    summary_line,
    workspace_path,
    workspace_root,
)
from validator.report.groups import MAX_GROUPS, kind
from validator.sinks import terminal, workflow_command

__all__ = ["GithubReporter", "command"]

TOOL = "casefile-validate"
SPOOL = 8 << 20
"""Bytes of later annotations held in memory before they go to a temporary file."""


def _path(source: str) -> str:
    """The source as GitHub matches it against the checkout: forward slashes, no leading ./."""
    path = source.replace(os.sep, "/") if os.sep != "/" else source
    while path.startswith("./"):
        path = path[2:]
    return path


def command(
    result: DocumentResult,
    problem: Problem,
    schema: bool = False,
    level: str = "error",
    workspace: str | None = None,
) -> str:
    """The ``::error`` line of one problem (without the line ending); with ``schema`` (a run
    with several schemas) the title names the schema that judged the document; ``level``
    ``warning`` for a warning.  ``file=`` is relative to ``workspace`` (``GITHUB_WORKSPACE``,
    where GitHub looks for it) when given and the file is inside it (else absolute)."""
    line, column = position(result, problem)
    title = f"{TOOL}: {problem.keyword}"
    message = problem.message
    if (result.status is Status.INVALID or level != "error") and not is_recording(problem.keyword):
        title += f" at {problem.instance_location or '/'}"
    if schema and result.schema:
        title += f" (schema {result.schema})"
    if problem.keyword_location:
        message += f" [{problem.keyword_location}]"
    if result.source == STDIN:
        where = STDIN + "".join(f":{n}" for n in (line, column) if n is not None)
        return workflow_command(level, f"{where}: {message}", title=title)
    return workflow_command(
        level,
        message,
        file=_path(workspace_path(result.source, workspace)),
        line=line,
        col=None if line is None else column,
        title=title,
    )


class GithubReporter:
    wants_valid = False
    """Valid documents are not listed: only counted (those with warnings come anyway)."""

    def __init__(self, stream: TextIO, options: ReportOptions) -> None:
        self.stream = stream
        self.options = options
        self.workspace = workspace_root(os.environ)
        """``GITHUB_WORKSPACE``: what ``file=`` is relative to (GitHub's checkout)."""
        self.seen: set[tuple[str, ...]] = set()
        """The kinds (level, keyword, keyword location, shape, schema) already annotated."""
        self.rest: Any = None
        """The later annotations of kinds already shown (a spooled file: memory stays flat)."""
        self.markdown: Any = None
        if options.step_summary:
            from validator.report.markdown import MarkdownReporter

            self.summary_text = io.StringIO()
            self.markdown = MarkdownReporter(self.summary_text, options)

    def document(self, result: DocumentResult) -> None:
        if self.markdown is not None:
            self.markdown.document(result)
        if self.options.quiet:
            return
        several = len(self.options.schemas) > 1
        errors = () if result.status is Status.VALID else result.problems
        for level, problems in (("error", errors), ("warning", result.warnings)):
            for problem in problems:
                line = command(result, problem, several, level, self.workspace) + "\n"
                key = (level, *kind(problem), result.schema)
                if key not in self.seen and len(self.seen) < MAX_GROUPS:
                    self.seen.add(key)
                    self.stream.write(line)  # the first of its kind: shown now
                    continue
                if self.rest is None:
                    self.rest = tempfile.SpooledTemporaryFile(  # noqa: SIM115 - closed in finish()
                        max_size=SPOOL, mode="w+", encoding="utf-8", errors="surrogateescape"
                    )
                self.rest.write(line)

    def finish(self, summary: Summary) -> None:
        if self.rest is not None:
            self.rest.seek(0)
            shutil.copyfileobj(self.rest, self.stream)
            self.rest.close()
            self.rest = None
        for line in schema_lines(summary):
            self.stream.write(terminal(line) + "\n")
        if summary.coverage is not None:
            from validator.report.coverage import terminal_lines

            self.stream.write("".join(terminal_lines(summary)))
        self.stream.write(summary_line(summary) + "\n")
        if summary.coverage is not None:  # why the run fails, when it fails on coverage only
            from validator.report.coverage import below_tables

            for _, why in below_tables(summary):  # even with --quiet, as the text report says it
                self.stream.write(workflow_command("error", why, title=TOOL) + "\n")
        if not self.options.quiet:  # GitHub lists the notice among the run's annotations
            kinds = len({key[1:] for key in self.seen if key[0] == "error"})
            totals = summary_line(summary)
            totals += f"; {plural(kinds, 'kind')} of failure" if kinds else ""
            self.stream.write(workflow_command("notice", totals, title=TOOL) + "\n")
        if self.markdown is not None and self.options.step_summary:
            self.markdown.finish(summary)
            self._append(self.options.step_summary, self.summary_text.getvalue())
        self.stream.flush()

    def _append(self, path: str, text: str) -> None:
        """Append the markdown summary to the step summary file in one write; a file that
        cannot be written is a warning annotation, not a failed run."""
        try:
            with open(path, "a", encoding="utf-8", errors="surrogateescape") as file:
                file.write(text)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            message = f"cannot append the job summary to {path}: {reason}"
            self.stream.write(workflow_command("warning", message, title=TOOL) + "\n")
