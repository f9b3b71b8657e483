"""Markdown: the summary of a run for GitHub's job summary page (``$GITHUB_STEP_SUMMARY``),
GitLab and pull-request comments.

A title with the verdict, a table of counts (per schema too when the run has several), the
failures grouped by kind (see :mod:`validator.report.groups`) with the first sources of each
(links ``path#Lline`` when a base URL is known: ``ReportOptions.link_base``; with
``GITHUB_WORKSPACE`` set, paths relative to it, as GitHub's annotations), then one collapsed
``<details>`` block per failed document (and per document with warnings) listing its problems.

Every value from a document, a file name or a schema is escaped for markdown *and* HTML where it
is written (:func:`validator.sinks.markdown`: each character that either could read as markup
becomes a character reference, invisible characters visible escapes), so a payload holding
``<script>``, ``|``, backticks, ``@mentions``, ``www.`` or ``http://`` addresses shows as text
and never breaks the page, pings anyone or becomes a link.  The report never exceeds
``ReportOptions.summary_limit`` bytes (default 1 MiB, GitHub's cap for a step summary): blocks
that do not fit are counted, and the report says how many were left out.  ``--quiet`` changes
nothing: it is a page for people.
"""

from __future__ import annotations

import os
import posixpath
from typing import TextIO
from urllib.parse import quote

from validator.inputs.sources import is_jsonl
from validator.problems import EXIT_OK, DocumentResult, Problem, Status, Summary, warning_count
from validator.report.base import ReportOptions
from validator.report.common import (
    STDIN,
    counted_schemas,
    entries_skipped,
    plural,
    position,
    problem_parts,
    several_schemas,
    skipped_shown,
    workspace_path,
    workspace_root,
)
from validator.report.groups import Group, Grouper
from validator.sinks import markdown

__all__ = ["KINDS_SHOWN", "PROBLEMS_SHOWN", "MarkdownReporter", "escape", "link"]

KINDS_SHOWN = 50
"""Kinds of failure in the table (the json report has them all)."""
PROBLEMS_SHOWN = 50
"""Problems listed per document."""
_RESERVE = 600
"""Bytes kept for the closing note (what was left out)."""

escape = markdown
"""``text`` as inert markdown and HTML (:func:`validator.sinks.markdown`)."""


def link(source: str, line: int | None, base: str | None, html: bool = False) -> str:
    """``source:line``, a link to ``base + source#Lline`` when there is a base and the source is
    a relative path (standard input and absolute paths are not in the repository); with
    ``html`` an ``<a>`` element (inside ``<summary>`` markdown is not read)."""
    shown = escape(source if line is None else f"{source}:{line}")
    path = source.replace("\\", "/")
    if not base or not base.startswith(("https://", "http://")):  # never javascript: and such
        return shown
    if source == STDIN or posixpath.isabs(path) or path.startswith("../"):
        return shown
    while path.startswith("./"):
        path = path[2:]
    url = quote(base.rstrip("/"), safe=_URL_SAFE) + "/" + quote(path, safe="/", errors="replace")
    if line is not None:
        url += f"#L{line}"
    if html:
        return f'<a href="{url.replace("&", "&amp;")}">{shown}</a>'
    return f"[{shown}]({url})"


_URL_SAFE = ":/?#@!$&+,;=%-._~"
"""What stays as it is in a base URL (parentheses, quotes, spaces and ``<>`` are encoded)."""


def _size(text: str) -> int:
    """Bytes of ``text`` as written (ASCII, other characters as ``&#N;`` references)."""
    return len(text.encode("ascii", "xmlcharrefreplace"))


def _row(result: DocumentResult, problem: Problem, warning: bool = False) -> str:
    line, column = position(result, problem)
    where = "" if line is None else f"{line}:{column}" if column is not None else str(line)
    if warning:
        what, keyword = f"warning: {problem.instance_location or '/'}: {problem.message}", ""
    else:
        what, keyword = problem_parts(result.status, problem)
        keyword = keyword.strip()[1:-1] if keyword else ""
    location = f"<code>{escape(keyword)}</code>" if keyword else ""
    return f"| {where} | {escape(what)} | {location} |\n"


def _block(result: DocumentResult, base: str | None, several: bool, jsonl: bool = False) -> str:
    """The collapsed block of one document: its problems, then its warnings (``jsonl``: it is
    known to be a line of JSON Lines, labelled with its line even when it is the first)."""
    problems, warnings = result.problems, result.warnings
    said = []
    if result.status is not Status.VALID:
        said.append(f"{result.status.value}, {plural(len(problems), 'problem')}")
    if warnings:
        said.append(plural(warning_count(warnings), "warning"))  # never the note: what it counts
    schema = f" (schema {escape(result.schema)})" if several and result.schema else ""
    lines = result.line != 1 or jsonl or is_jsonl(result.source)  # one line of JSON Lines
    head = link(result.source, result.line if lines else None, base, html=True)
    rows = [_row(result, p) for p in problems[:PROBLEMS_SHOWN]]
    rows += [_row(result, w, True) for w in warnings[: max(0, PROBLEMS_SHOWN - len(rows))]]
    hidden = len(problems) + len(warnings) - len(rows)
    more = f"\n… and {plural(hidden, 'more')} (the json report has them all)\n" if hidden else ""
    return (
        f"<details><summary>{head}: {', '.join(said)}{schema}</summary>\n\n"
        "| line:col | problem | keyword location |\n|---|---|---|\n"
        + "".join(rows)
        + more
        + "\n</details>\n\n"
    )


def _verdict(summary: Summary) -> str:
    if summary.exit_code == EXIT_OK:
        if not summary.documents:
            return "✅ casefile-validate: no documents checked"
        every = "the document is" if summary.documents == 1 else f"all {summary.documents} are"
        return f"✅ casefile-validate: passed ({every} valid)"
    failed = []
    if summary.invalid:
        failed.append(f"{summary.invalid} invalid")
    if summary.unreadable:
        failed.append(f"{summary.unreadable} unreadable")
    said = f"{' and '.join(failed)} of {plural(summary.documents, 'document')}" if failed else ""
    if summary.coverage is not None and summary.coverage.failing:
        said = "; ".join(filter(None, (said, escape(summary.coverage.reasons()))))
    return f"❌ casefile-validate: failed ({said})"


def _counts(summary: Summary) -> str:
    head = "| documents | valid | invalid | unreadable | warnings |\n|---:|---:|---:|---:|---:|\n"
    text = head + (
        f"| {summary.documents} | {summary.valid} | {summary.invalid} | "
        f"{summary.unreadable} | {summary.warnings} |\n"
    )
    if summary.skipped:
        names, more = skipped_shown(summary)
        listed = ", ".join(f"<code>{escape(name)}</code>" for name in names)
        listed += f" and {more} more" if more else ""
        text += f"\n{plural(summary.skipped, 'input')} skipped (no check of the config matches)"
        text += f": {listed}\n" if listed else "\n"
    if summary.entries_skipped:
        text += f"\n{escape(entries_skipped(summary))}\n"
    if several_schemas(summary):
        text += "\n| schema | engine | documents | valid | invalid | unreadable |\n"
        text += "|---|---|---:|---:|---:|---:|\n"
        for name, (valid, invalid, unreadable) in counted_schemas(summary).items():
            engine = summary.engines.get(name, "fast")
            text += (
                f"| {escape(name)} | {engine} | {valid + invalid + unreadable} | {valid} | "
                f"{invalid} | {unreadable} |\n"
            )
    return text + "\n"


def _groups(grouper: Grouper, base: str | None, several: bool) -> str:
    groups = grouper.groups()
    if not groups:
        return ""
    text = (
        f"### Failures by kind ({plural(len(groups), 'kind')} in "
        f"{plural(grouper.failed, 'failed document')})\n\n"
        "| kind | failure | documents | first sources |\n|---|---|---:|---|\n"
    )
    for group in groups[:KINDS_SHOWN]:
        text += _group_row(group, base, several)
    hidden = len(groups) - KINDS_SHOWN
    if hidden > 0:
        text += f"\n… and {plural(hidden, 'more kind')} (the json report lists all)\n"
    if grouper.untracked:
        text += "\n… and more kinds, not counted\n"
    return text + "\n"


def _group_row(group: Group, base: str | None, several: bool) -> str:
    places = ", ".join(link(p.source, p.line, base) for p in group.examples)
    more = group.documents - len(group.examples)
    if more > 0:
        places += f" and {more} more"
    schema = f" (schema {escape(group.schema)})" if several and group.schema else ""
    return (
        f"| <code>{escape(group.label)}</code> | {escape(group.message)}{schema} | "
        f"{group.documents} | {places} |\n"
    )


class MarkdownReporter:
    wants_valid = False
    """Valid documents are counted (those with warnings come anyway: they are listed)."""

    def __init__(self, stream: TextIO, options: ReportOptions) -> None:
        self.stream = stream
        self.options = options
        self.limit = max(0, options.summary_limit)
        self.base = options.link_base
        self.workspace = workspace_root(os.environ)
        """``GITHUB_WORKSPACE``: what the files are named relative to (GitHub's checkout, which
        the link base's paths start from), as the github report's annotations name them."""
        self.grouper = Grouper()
        self.blocks: list[str] = []
        self.kept = 0
        """Bytes of the blocks kept (never more than the limit)."""
        self.left_out = 0
        """Blocks that did not fit."""
        self.first: dict[str, tuple[int, DocumentResult]] = {}
        """A source -> the block (its index) of its document on line 1, labelled without the
        line: relabelled when a later line of the source shows it is JSON Lines."""
        self.later: set[str] = set()
        """The sources of the documents seen on a line after the first (JSON Lines)."""

    def document(self, result: DocumentResult) -> None:
        if result.status is Status.VALID and not result.warnings:
            return
        if self.workspace is not None:
            result = result._replace(source=workspace_path(result.source, self.workspace))
        self.grouper.add(result)
        if self.left_out:  # the page is full: once a block is left out, every later one is
            self.left_out += 1
            return
        several = len(self.options.schemas) > 1
        if result.line != 1:
            self.later.add(result.source)
            if (first := self.first.pop(result.source, None)) is not None:
                self._relabel(*first, several)
        jsonl = result.source in self.later  # a later line came first (--jobs)
        block = _block(result, self.base, several, jsonl)
        size = _size(block)
        if self.kept + size > self.limit:
            self.left_out += 1
            return
        if result.line == 1 and not jsonl and not is_jsonl(result.source):
            self.first[result.source] = (len(self.blocks), result)
        self.blocks.append(block)
        self.kept += size

    def _relabel(self, index: int, result: DocumentResult, several: bool) -> None:
        """The block of a document on line 1 labelled with its line (the source is JSON Lines);
        left as it is if that would not fit."""
        block = _block(result, self.base, several, jsonl=True)
        grown = _size(block) - _size(self.blocks[index])
        if self.kept + grown <= self.limit:
            self.blocks[index] = block
            self.kept += grown

    def finish(self, summary: Summary) -> None:
        several = summary.routed or len(summary.schemas) > 1 or len(self.options.schemas) > 1
        groups = _groups(self.grouper, self.base, several)
        covered = ""
        if summary.coverage is not None:
            from validator.report.coverage import markdown_section

            covered = markdown_section(summary.coverage, escape)
        head = f"## {_verdict(summary)}\n\n{_counts(summary)}{covered}{groups}"
        budget = self.limit - _size(head) - _RESERVE
        body: list[str] = []
        used = 0
        for block in self.blocks:
            size = _size(block)
            if used + size > budget:
                break
            body.append(block)
            used += size
        left_out = self.left_out + len(self.blocks) - len(body)
        self.blocks.clear()
        title = "### Documents\n\n" if body else ""
        note = ""
        if left_out:
            note = (
                f"_{plural(left_out, 'document')} with problems or warnings not listed: this "
                f"summary stays within {self.limit:,} bytes (--summary-limit); they are counted "
                "above, and the json report lists them all._\n"
            )
        text = _fit(head + title + "".join(body) + note, self.limit)
        # ASCII whatever the stream's encoding (a C locale, PYTHONIOENCODING=ascii): other
        # characters as references, which markdown reads as the characters
        self.stream.write(text.encode("ascii", "xmlcharrefreplace").decode("ascii"))
        self.stream.flush()


def _fit(text: str, limit: int) -> str:
    """``text`` within ``limit`` bytes: cut at a line end, saying so, when it does not fit (a
    limit too small even for the counts)."""
    if _size(text) <= limit:
        return text
    said = "\n_... cut here: the summary stays within --summary-limit bytes._\n"
    written = text.encode("ascii", "xmlcharrefreplace").decode("ascii")
    room = limit - len(said)
    if room <= 0:
        return written[:limit]
    cut = written[:room]
    return cut[: cut.rfind("\n") + 1] + said
