"""JUnit XML, as CI systems (GitLab, Jenkins, Azure Pipelines, CircleCI, ...) read test results.

One ``<testsuite name="casefile-validate">`` (inside ``<testsuites>``) with ``tests``,
``failures`` and ``errors`` counts; one ``<testcase classname=SOURCE name="SOURCE:LINE">`` per
document.  An invalid document holds a ``<failure>`` whose ``message`` is its headline problem and
whose ``type`` is that problem's keyword; its text lists every problem as
``LINE:COL /pointer: message [keyword location]``.  A document that could not be read or parsed
holds an ``<error>`` instead.

``--quiet`` does not shorten this report: it is a file for machines, and its counts must match
its testcases.  The counts come first in the XML, so the report is written when the run ends;
until then only the few strings each testcase needs are kept.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import NamedTuple, TextIO

from validator.problems import DocumentResult, Problem, Status, Summary
from validator.report.base import ReportOptions
from validator.report.common import describe_problem, describe_warning, position

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
        self.cases: list[_Case] = []

    def document(self, result: DocumentResult) -> None:
        out = "\n".join(_warning_line(result, w) for w in result.warnings)
        if result.status is Status.VALID:
            self.cases.append(
                _Case(result.source, result.line, None, schema=result.schema, out=out)
            )
            return
        headline = _headline(result)
        kind = "failure" if result.status is Status.INVALID else "error"
        self.cases.append(
            _Case(
                result.source,
                result.line,
                kind,
                describe_problem(result.status, headline) if headline else result.status.value,
                headline.keyword if headline else result.status.value,
                "\n".join(_line(result, problem) for problem in result.problems),
                result.schema,
                out,
            )
        )

    def finish(self, summary: Summary) -> None:
        suites = ET.Element("testsuites", name=SUITE)
        suite = ET.SubElement(suites, "testsuite", name=SUITE)
        counts = {
            "tests": str(summary.documents),
            "failures": str(summary.invalid),
            "errors": str(summary.unreadable),
            "skipped": "0",
        }
        suites.attrib.update(counts)
        suite.attrib.update(counts)
        for case in self.cases:
            source = xml_text(case.source)
            element = ET.SubElement(
                suite, "testcase", classname=source, name=f"{source}:{case.line}"
            )
            if case.schema:
                properties = ET.SubElement(element, "properties")
                ET.SubElement(properties, "property", name="schema", value=xml_text(case.schema))
            if case.kind is not None:
                outcome = ET.SubElement(
                    element, case.kind, message=xml_text(case.message), type=xml_text(case.type)
                )
                outcome.text = xml_text(case.text)
            if case.out:
                ET.SubElement(element, "system-out").text = xml_text(case.out)
        self.cases.clear()
        ET.indent(suites)
        tree = ET.ElementTree(suites)
        tree.write(self.stream, encoding="unicode", xml_declaration=True)
        self.stream.write("\n")
        self.stream.flush()
