"""JUnit XML, as CI systems (GitLab, Jenkins, Azure Pipelines, CircleCI, ...) read test results.

One ``<testsuite name="casefile-validate">`` (inside ``<testsuites>``) with ``tests``,
``failures`` and ``errors`` counts; one ``<testcase classname=SOURCE name="SOURCE:LINE">`` per
document.  An invalid document holds a ``<failure>`` whose ``message`` is its headline problem and
whose ``type`` is that problem's keyword; its text lists every problem as
``LINE:COL /pointer: message [keyword location]``.  A document that could not be read or parsed
holds an ``<error>`` instead.  A run below ``--min-coverage`` has one more testcase per OpenAPI
document below it (``name="api.json:coverage"``), failing, its ``<failure type="min-coverage">``
saying the coverage and the minimum: counted in ``tests`` and ``failures``.

``--quiet`` does not shorten this report: it is a file for machines, and its counts must match
its testcases.  The counts come first in the XML (``<testsuite tests= failures= errors=>``, where
junitparser, GitLab and Jenkins read them), so the report is written when the run ends; until
then each testcase, as soon as its document is checked, is written as XML to a spool file (an
unnamed temporary file, deleted however the run ends), which ``finish`` copies between the
suite's opening and closing tags.  Memory stays flat whatever the number of documents (2,000,000
lines of JSON Lines took 2.1 GB when the testcases were kept in memory).
"""

from __future__ import annotations

import re
import shutil
import tempfile
import xml.etree.ElementTree as ET
from typing import NamedTuple, TextIO

from validator.problems import DocumentResult, Problem, Status, Summary
from validator.report.base import ReportOptions
from validator.report.common import (
    describe_problem,
    describe_warning,
    entries_skipped,
    position,
    skipped_shown,
)

__all__ = ["SUITE", "JunitReporter", "xml_text"]

SUITE = "casefile-validate"

# Characters XML 1.0 cannot hold at all (control characters, lone surrogates, U+FFFE/U+FFFF).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """Text safe to put in XML 1.0: characters it cannot hold become backslash escapes."""
    return _NOT_XML.sub(
        lambda m: m.group().encode("unicode_escape", "backslashreplace").decode(), text
    )


class _Case(NamedTuple):
    source: str
    line: int
    kind: str | None  # None (passed), "failure" or "error"
    message: str = ""
    type: str = ""
    text: str = ""
    schema: str = ""
    out: str = ""
    """The warnings (``system-out``): the testcase still passes."""


def _line(result: DocumentResult, problem: Problem) -> str:
    line, column = position(result, problem)
    where = ":".join(str(n) for n in (line, column) if n is not None)
    text = describe_problem(result.status, problem)
    return f"{where} {text}" if where else text


def _warning_line(result: DocumentResult, problem: Problem) -> str:
    line, column = position(result, problem)
    where = ":".join(str(n) for n in (line, column) if n is not None)
    return f"{where} warning: {describe_warning(problem)}".lstrip()


def _headline(result: DocumentResult) -> Problem | None:
    for problem in result.problems:
        if problem.headline:
            return problem
    return result.problems[0] if result.problems else None


class JunitReporter:
    wants_valid = True
    """Every document is a testcase, valid ones included."""

    def __init__(self, stream: TextIO, options: ReportOptions) -> None:
        self.stream = stream
        self.options = options
        self._spool: TextIO | None = None
        """The testcases so far, as XML (made with the first)."""
        self._last: tuple[str, str] | None = None
        self._parts: list[str] = []  # the XML of a passed testcase of ``_last``, around its line

    def document(self, result: DocumentResult) -> None:
        spool = self._spool
        if spool is None:
            spool = self._spool = tempfile.TemporaryFile(  # noqa: SIM115 - closed by finish()
                "w+", encoding="utf-8", errors="backslashreplace", newline="\n"
            )
        if result.status is Status.VALID and not result.warnings:  # most: one cached template
            key = (result.source, result.schema)
            if key != self._last:
                self._last = key
                passed = _Case(result.source, 0, None, schema=result.schema)
                self._parts = _testcase(passed, _LINE).split(_LINE)  # around its line number
            spool.write(f"{self._parts[0]}{result.line}{self._parts[1]}")
            return
        out = "\n".join(_warning_line(result, w) for w in result.warnings)
        if result.status is Status.VALID:
            case = _Case(result.source, result.line, None, schema=result.schema, out=out)
        else:
            headline = _headline(result)
            case = _Case(
                result.source,
                result.line,
                "failure" if result.status is Status.INVALID else "error",
                describe_problem(result.status, headline) if headline else result.status.value,
                headline.keyword if headline else result.status.value,
                "\n".join(_line(result, problem) for problem in result.problems),
                result.schema,
                out,
            )
        spool.write(_testcase(case))

    def finish(self, summary: Summary) -> None:
        below = ""  # a run below --min-coverage: a failing testcase per OpenAPI document below
        cases = 0
        if summary.coverage is not None:
            from validator.report.coverage import below_tables

            for spec, why in below_tables(summary):
                below += _testcase(_Case(spec, 0, "failure", why, "min-coverage", why), "coverage")
                cases += 1
        counts = {
            "tests": str(summary.documents + cases),
            "failures": str(summary.invalid + cases),
            "errors": str(summary.unreadable),
            "skipped": "0",
        }
        spool, self._spool = self._spool, None
        write = self.stream.write
        write("<?xml version='1.0' encoding='utf-8'?>\n")
        write(_start("testsuites", {"name": SUITE, **counts}) + "\n")
        properties = _suite_properties(summary)
        if spool is None and not properties and not below:  # empty, as ElementTree writes it
            write("  " + ET.tostring(ET.Element("testsuite", {"name": SUITE, **counts}), "unicode"))
        else:
            write("  " + _start("testsuite", {"name": SUITE, **counts}) + "\n" + properties)
            if spool is not None:
                with spool:
                    spool.seek(0)
                    shutil.copyfileobj(spool, self.stream)
            write(below + "  </testsuite>")
        write("\n</testsuites>\n")
        self.stream.flush()


def _suite_properties(summary: Summary) -> str:
    """The suite's ``<properties>``: the inputs no check matched and the recordings' entries
    skipped (neither is a test case: ``skipped`` counts documents, as ``tests`` does), and the
    coverage of the run's OpenAPI document, if any."""
    said: dict[str, str] = {}
    if summary.skipped:
        names, more = skipped_shown(summary)
        said["inputs.skipped"] = str(summary.skipped)
        said["inputs.skipped.names"] = ", ".join(names) + (f" and {more} more" if more else "")
    if summary.entries_skipped:
        said["entries.skipped"] = str(sum(summary.entries_skipped.values()))
        said["entries.skipped.why"] = entries_skipped(summary)
    if summary.coverage is not None:
        from validator.report.coverage import junit_properties

        said.update(junit_properties(summary.coverage))
    if not said:
        return ""
    rows = "".join(
        f"      <property name={_attribute(name)} value={_attribute(xml_text(value))} />\n"
        for name, value in said.items()
    )
    return f"    <properties>\n{rows}    </properties>\n"


def _start(tag: str, attributes: dict[str, str]) -> str:
    """An element's start tag, attributes escaped as ElementTree escapes them."""
    element = ET.Element(tag, attributes)
    element.text = "\x00"  # split on it: no XML text holds one
    return ET.tostring(element, "unicode").split("\x00", 1)[0]


def _attribute(text: str) -> str:
    """``"text"`` as an XML attribute value (escaped as ElementTree escapes it)."""
    if not _ESCAPE_ATTRIBUTE.isdisjoint(text):
        for character, escaped in _ATTRIBUTE_ESCAPES:
            text = text.replace(character, escaped)
    return f'"{text}"'


def _content(text: str) -> str:
    """Text as XML element content (escaped as ElementTree escapes it)."""
    if not _ESCAPE_CONTENT.isdisjoint(text):
        for character, escaped in _ATTRIBUTE_ESCAPES[:3]:
            text = text.replace(character, escaped)
    return text


_ATTRIBUTE_ESCAPES = (
    ("&", "&amp;"),
    ("<", "&lt;"),
    (">", "&gt;"),
    ('"', "&quot;"),
    ("\r", "&#13;"),
    ("\n", "&#10;"),
    ("\t", "&#09;"),
)
_ESCAPE_ATTRIBUTE = frozenset('&<>"\r\n\t')
_ESCAPE_CONTENT = frozenset("&<>")
_LINE = "\x00"
"""Where a testcase's line number goes (xml_text() leaves none in the text around it)."""


def _testcase(case: _Case, line: str = "") -> str:
    """The testcase's XML, indented as it sits in the suite (with its line end): what
    ElementTree writes for it, without building the elements (a few microseconds a document).
    ``line``: what stands for its line number (default: the number)."""
    source = xml_text(case.source)
    name = _attribute(f"{source}:{line or case.line}")
    head = f"    <testcase classname={_attribute(source)} name={name}"
    parts = []
    if case.schema:
        value = _attribute(xml_text(case.schema))
        parts.append(
            f'      <properties>\n        <property name="schema" value={value} />\n'
            "      </properties>\n"
        )
    if case.kind is not None:
        start = f"{case.kind} message={_attribute(xml_text(case.message))}"
        start += f" type={_attribute(xml_text(case.type))}"
        text = _content(xml_text(case.text))
        parts.append(f"      <{start}>{text}</{case.kind}>\n" if text else f"      <{start} />\n")
    if case.out:
        parts.append(f"      <system-out>{_content(xml_text(case.out))}</system-out>\n")
    if not parts:
        return head + " />\n"
    return f"{head}>\n{''.join(parts)}    </testcase>\n"
