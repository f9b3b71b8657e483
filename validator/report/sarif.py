"""SARIF 2.1.0, the format of GitHub code scanning and other static analysis dashboards.

One run whose ``tool.driver`` is ``casefile-validate`` (with its version) and whose rules are the
keywords that failed (``type``, ``enum``, ``required``, ... and ``parse``, ``input``,
``duplicate-key`` for documents that are not strict JSON, inputs that cannot be read and repeated
keys).  Each problem is one result of level ``error``: its rule, its message, and its place: the
source as a URI (relative paths stay relative, relative to ``GITHUB_WORKSPACE`` when that is set
and the file is inside it; standard input is ``stdin``) and, when known, the
region's ``startLine`` and ``startColumn``.  Columns count Unicode code points, as the run's
``columnKind`` says.  Each result's ``properties`` hold the JSON Pointers of the instance and the
keyword.  The run's ``properties`` hold the counts, and for a run with coverage the json report's
``coverage`` object (docs/coverage.md); a run below ``--min-coverage`` has a result of rule
``min-coverage`` at each OpenAPI document below it, its message saying the coverage and the
minimum.  ``executionSuccessful`` is true: the run went to its end (exit 0 or 1: its findings
are the results); a run that cannot (exit 2 or 3 before any report) writes none.

Results are written as documents arrive; the rules, known only at the end, follow them (member
order means nothing in JSON), so memory stays flat however many documents are checked.
``--quiet`` does not shorten this report: it is a file for machines.
"""

from __future__ import annotations

import json
import os
import posixpath
from importlib import metadata
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from validator.problems import (
    DUPLICATE_KEY,
    INPUT,
    PARSE,
    UNDECLARED,
    DocumentResult,
    Problem,
    Status,
    Summary,
)
from validator.report.base import ReportOptions
from validator.report.common import (
    STDIN,
    describe_problem,
    describe_warning,
    position,
    schema_units,
    workspace_path,
    workspace_root,
)
from validator.sinks import json_text

__all__ = [
    "SCHEMA_URI",
    "VERSION",
    "SarifReporter",
    "artifact_uri",
    "result_object",
    "tool_version",
]

VERSION = "2.1.0"
SCHEMA_URI = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
TOOL = "casefile-validate"
DISTRIBUTION = "casefile-validator"

_RULES = {
    "type": "The value has the wrong JSON type.",
    "enum": "The value is not one of the allowed values.",
    "const": "The value is not the one value allowed.",
    "required": "A required property is missing.",
    "format": "The string is not in the required format.",
    "pattern": "The string does not match the required pattern.",
    "additionalProperties": "The object has a property the schema does not allow.",
    "unevaluatedProperties": "The object has a property the schema does not allow.",
    "anyOf": "The value matches none of the alternatives.",
    "oneOf": "The value matches none, or more than one, of the alternatives.",
    PARSE: "The text is not strict JSON (RFC 8259).",
    INPUT: "The input could not be read.",
    DUPLICATE_KEY: "An object holds the same key more than once.",
    UNDECLARED: "The object has a property that its schema declares nowhere (a typo?).",
    "min-coverage": "The recordings showed fewer of the OpenAPI document's responses than "
    "--min-coverage asks.",
    "outside-servers": "The URL is under none of the OpenAPI document's servers.",
    "undocumented-endpoint": "The OpenAPI document documents no operation for the method and path.",
    "undocumented-status": "The OpenAPI document documents no such status code.",
    "undocumented-media-type": "The response documents no such content type.",
    "body-not-json": "The body is not JSON where JSON is documented.",
    "empty-body": "The body is empty where the response documents a schema.",
    "unexpected-body": "The response has a body where it documents none.",
}
MIN_COVERAGE = "min-coverage"
"""The rule of a run below ``--min-coverage`` (its result is at the OpenAPI document)."""


def tool_version() -> str:
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "0"


def artifact_uri(source: str, workspace: str | None = None) -> str:
    """The source as a URI reference: ``stdin`` for standard input, a relative reference for a
    relative path (``./`` dropped, ``/`` separators, special characters percent-encoded) and a
    ``file:`` URI for an absolute path.  With ``workspace`` (``GITHUB_WORKSPACE``), a file inside
    it is named relative to it, one outside by its absolute path."""
    if source == STDIN:
        return "stdin"
    source = workspace_path(source, workspace)
    if os.path.isabs(source):
        return Path(source).as_uri()
    path = posixpath.normpath(source.replace(os.sep, "/") if os.sep != "/" else source)
    return quote(path, safe="/", errors="surrogateescape")


def _rule(keyword: str, level: str = "error") -> dict[str, Any]:
    text = _RULES.get(keyword, f'The value fails the JSON Schema keyword "{keyword}".')
    return {
        "id": keyword,
        "shortDescription": {"text": text},
        "defaultConfiguration": {"level": level},
    }


def result_object(
    result: DocumentResult,
    problem: Problem,
    rule_index: int,
    level: str = "error",
    workspace: str | None = None,
) -> dict[str, Any]:
    """The SARIF ``result`` of one problem (``level`` ``warning``: of one warning); its
    artifact's URI as :func:`artifact_uri` makes it."""
    uri = artifact_uri(result.source, workspace)
    physical: dict[str, Any] = {"artifactLocation": {"uri": uri}}
    line, column = position(result, problem)
    if line is not None:
        physical["region"] = {"startLine": line}
        if column is not None:
            physical["region"]["startColumn"] = column
    properties: dict[str, Any] = {"documentLine": result.line}
    if result.schema:
        properties["schema"] = result.schema
    if level != "error":
        properties["instanceLocation"] = problem.instance_location
    elif result.status is Status.INVALID:
        properties["instanceLocation"] = problem.instance_location
        properties["keywordLocation"] = problem.keyword_location
        if problem.absolute_keyword_location:
            properties["absoluteKeywordLocation"] = problem.absolute_keyword_location
    return {
        "ruleId": problem.keyword,
        "ruleIndex": rule_index,
        "level": level,
        "message": {
            "text": describe_problem(result.status, problem)
            if level == "error"
            else describe_warning(problem)
        },
        "locations": [{"physicalLocation": physical}],
        "properties": properties,
    }


def _coverage_result(spec: str, why: str, index: int, workspace: str | None) -> dict[str, Any]:
    """The result saying that the run's recordings showed fewer of the OpenAPI document
    ``spec``'s responses than ``--min-coverage`` asks (``why``), at the document."""
    artifact = {"artifactLocation": {"uri": artifact_uri(spec, workspace)}}
    return {
        "ruleId": MIN_COVERAGE,
        "ruleIndex": index,
        "level": "error",
        "message": {"text": why},
        "locations": [{"physicalLocation": artifact}],
    }


def _dump(value: Any) -> str:
    """A JSON value as the report writes it: ASCII, and nothing a log must not get raw
    (:func:`validator.sinks.json_text`: the values stay exact)."""
    return json_text(json.dumps(value, ensure_ascii=True))


class SarifReporter:
    wants_valid = False
    """Valid documents are not listed: only counted."""

    def __init__(self, stream: TextIO, options: ReportOptions) -> None:
        self.stream = stream
        self.options = options
        self.rules: dict[str, int] = {}
        self.warned: set[str] = set()
        """The rules of warnings (their default level is ``warning``)."""
        self.count = 0
        self.workspace = workspace_root(os.environ)
        """``GITHUB_WORKSPACE``: what artifacts' URIs are relative to (code scanning's checkout)."""
        self.stream.write(
            f'{{"$schema": {_dump(SCHEMA_URI)}, "version": {_dump(VERSION)}, "runs": [{{'
            '"columnKind": "unicodeCodePoints", "results": ['
        )

    def document(self, result: DocumentResult) -> None:
        for level, problems in (("error", result.problems), ("warning", result.warnings)):
            for problem in problems:
                index = self._rule(problem.keyword)
                if level == "warning":
                    self.warned.add(problem.keyword)
                self._result(result_object(result, problem, index, level, self.workspace))

    def _rule(self, rule: str) -> int:
        """The index of ``rule`` among the run's rules (added when first used)."""
        return self.rules.setdefault(rule, len(self.rules))

    def _result(self, unit: dict[str, Any]) -> None:
        self.stream.write(f"{',' if self.count else ''}\n  {_dump(unit)}")
        self.count += 1

    def finish(self, summary: Summary) -> None:
        if summary.coverage is not None:  # a run below --min-coverage: a finding of the run
            from validator.report.coverage import below_tables

            for spec, why in below_tables(summary):
                self._result(_coverage_result(spec, why, self._rule(MIN_COVERAGE), self.workspace))
        driver = {
            "name": TOOL,
            "version": tool_version(),
            "rules": [
                _rule(keyword, "warning" if keyword in self.warned else "error")
                for keyword in self.rules
            ],
        }
        totals: dict[str, Any] = {
            "documents": summary.documents,
            "valid": summary.valid,
            "invalid": summary.invalid,
            "unreadable": summary.unreadable,
        }
        if summary.warnings:
            totals["warnings"] = summary.warnings
        if summary.schemas:
            totals["schemas"] = schema_units(summary)
        if summary.skipped:
            totals["skipped"] = summary.skipped
            totals["skipped_inputs"] = list(summary.skipped_inputs)  # as the json report says
        if summary.entries_skipped:  # as the json report says them
            totals["entries_skipped"] = dict(summary.entries_skipped)
        if summary.coverage is not None:
            from validator.report.coverage import coverage_unit

            totals["coverage"] = coverage_unit(summary.coverage)
        invocation = {"executionSuccessful": True}  # it ran to its end: exit 0 or 1
        self.stream.write(
            ("\n" if self.count else "")
            + f'], "tool": {{"driver": {_dump(driver)}}}, '
            + f'"invocations": [{_dump(invocation)}], "properties": {_dump(totals)}}}]}}\n'
        )
        self.stream.flush()
