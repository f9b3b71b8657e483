"""JSON: one object with every document's JSON Schema "basic" output unit and the summary.

Written as the documents arrive (constant memory), as
``{"documents": [...], "summary": {...}}``.  Each document is the specification's basic output
unit (``valid``, ``keywordLocation`` and ``instanceLocation`` of the root, and unless valid
``errors``, each with ``valid``, ``instanceLocation``, ``keywordLocation``,
``absoluteKeywordLocation`` and ``error``) plus ``source``, ``line``, ``status``, ``schema``
(the schema that judged it) and, per error, ``keyword``, ``line`` and ``column``.  The summary
has the counts per schema (``schemas``, each with the ``engine`` that judged it), the inputs no
check matched (``skipped``, when any) and ends with ``groups``: each kind of failure
(keyword location and message shape, see :mod:`validator.report.groups`) with the number of
documents that show it and the first few places, most frequent first.  A run with coverage (a
run of recordings, or ``--coverage``) ends with a third member, ``"coverage"``
(:func:`validator.report.coverage.coverage_unit`, its fields in docs/coverage.md).
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from validator.problems import DocumentResult, Problem, Summary
from validator.report.base import ReportOptions
from validator.report.common import redacted, schema_units
from validator.report.groups import Group, Grouper
from validator.sinks import json_text


def output_unit(problem: Problem) -> dict[str, Any]:
    unit: dict[str, Any] = {
        "instanceLocation": problem.instance_location,
        "keywordLocation": problem.keyword_location,
    }
    if problem.absolute_keyword_location:
        unit["absoluteKeywordLocation"] = problem.absolute_keyword_location
    unit["error"] = problem.message
    unit["keyword"] = problem.keyword
    unit["line"] = problem.line
    unit["column"] = problem.column
    if problem.headline:
        unit["headline"] = True
    return unit


def document_unit(result: DocumentResult) -> dict[str, Any]:
    """One document in the report: its :func:`basic_output` unit plus where it comes from."""
    unit: dict[str, Any] = {
        "source": result.source,
        "line": result.line,
        "status": result.status.value,
    }
    if result.schema:
        unit["schema"] = result.schema
    entry = result.entry
    if entry is not None:  # a recording's response: where it is, and its problems in its body
        unit["entry"] = {
            "index": entry.number,
            "method": entry.method,
            "url": entry.url,
            "status": entry.status,
            "line": entry.line,
            "column": entry.column,
        }
    unit.update(basic_output(result))
    if result.warnings:  # beside the output unit: warnings are no part of the verdict
        unit["warnings"] = [warning_unit(w) for w in result.warnings]
    if entry is not None:  # the places in the body of the problems, then the warnings'
        places, shown = entry.places, len(result.problems)
        for index, found in (
            *enumerate(unit.get("errors", ())),
            *enumerate(unit.get("warnings", ()), shown),
        ):
            line, column = places[index] if index < len(places) else (None, None)
            found["bodyLine"], found["bodyColumn"] = line, column  # None: not in the body
    return unit


def warning_unit(problem: Problem) -> dict[str, Any]:
    """One warning of a document's ``warnings`` (outside the basic output unit's ``errors``)."""
    return {
        "instanceLocation": problem.instance_location,
        "warning": problem.message,
        "keyword": problem.keyword,
        "line": problem.line,
        "column": problem.column,
    }


def basic_output(result: DocumentResult) -> dict[str, Any]:
    """The document's result as a standalone JSON Schema "basic" output unit (draft 2020-12).

    As the specification's output schema requires, every unit (the root and each error) has
    ``valid``, ``keywordLocation`` and ``instanceLocation``; the root's locations are ``""``;
    ``errors`` is absent when the document is valid.  Each error also carries the extra fields
    of :func:`output_unit` (``keyword``, ``line``, ``column``, ``headline``).  No annotations
    are collected.
    """
    unit: dict[str, Any] = {"valid": result.valid, "keywordLocation": "", "instanceLocation": ""}
    if not result.valid:
        unit["errors"] = [{"valid": False, **output_unit(p)} for p in result.problems]
    return unit


def group_unit(group: Group) -> dict[str, Any]:
    """One kind of failure in the summary's ``groups`` (see :mod:`validator.report.groups`)."""
    unit: dict[str, Any] = {
        "keyword": group.keyword,
        "keywordLocation": group.keyword_location,
        "message": group.message,
    }
    if group.schema:
        unit["schema"] = group.schema
    unit["documents"] = group.documents
    unit["examples"] = [{"source": place.source, "line": place.line} for place in group.examples]
    return unit


def _dump(value: Any) -> str:
    """A JSON value as the report writes it: ASCII, and nothing a log must not get raw
    (:func:`validator.sinks.json_text`: the values stay exact)."""
    return json_text(json.dumps(value, ensure_ascii=True))


class JsonReporter:
    @property
    def wants_valid(self) -> bool:
        """Valid documents are listed one by one, unless ``--quiet``."""
        return not self.options.quiet

    def __init__(self, stream: TextIO, options: ReportOptions) -> None:
        self.stream = stream
        self.options = options
        self.count = 0
        self.grouper = Grouper()
        self.stream.write('{"documents": [')

    def document(self, result: DocumentResult) -> None:
        self.grouper.add(result)
        if self.options.quiet:
            return
        unit = document_unit(redacted(result, self.options.redact))
        self.stream.write(("," if self.count else "") + "\n  " + _dump(unit))
        self.count += 1

    def finish(self, summary: Summary) -> None:
        totals: dict[str, Any] = {
            "documents": summary.documents,
            "valid": summary.valid,
            "invalid": summary.invalid,
            "unreadable": summary.unreadable,
            "exit_code": summary.exit_code,
        }
        if summary.warnings:
            totals["warnings"] = summary.warnings
        if summary.schemas:
            totals["schemas"] = schema_units(summary)
        if summary.entries_skipped:
            totals["entries_skipped"] = dict(summary.entries_skipped)
        if summary.skipped:
            totals["skipped"] = summary.skipped
            totals["skipped_inputs"] = list(summary.skipped_inputs)
        totals["groups"] = [group_unit(group) for group in self.grouper.groups()]
        covered = ""
        if summary.coverage is not None:
            from validator.report.coverage import coverage_unit

            covered = ', "coverage": ' + _dump(coverage_unit(summary.coverage))
        self.stream.write(
            ("\n" if self.count else "") + '], "summary": ' + _dump(totals) + covered + "}\n"
        )
        self.stream.flush()
