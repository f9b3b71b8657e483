"""The coverage of a run's OpenAPI document, as each report shows it (see
:mod:`validator.contracts.coverage` for what is counted, and docs/coverage.md).

* text (and the github report's plain lines): the totals, then the ten biggest gaps (never-seen
  responses, those of operations nothing matched first);
* json: a top-level ``"coverage"`` object with everything (:func:`coverage_unit`); sarif: the
  same object among the run's ``properties``; junit: ``coverage.*`` properties of the suite;
* markdown (the job summary too) and html: a table of every documented response.

Every string from the document (operation names, status keys, media types, its name) is
escaped for its sink by the caller's escaping function (:mod:`validator.sinks`, or the html
report's :func:`~validator.report.html_excerpts.visible`), never written raw.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from validator.contracts.coverage import Coverage, Exercise, Gap, Row
    from validator.problems import Summary

__all__ = [
    "GAPS_SHOWN",
    "ROWS_SHOWN",
    "below_note",
    "below_tables",
    "coverage_unit",
    "html_section",
    "junit_properties",
    "markdown_section",
    "terminal_lines",
    "text_lines",
]

GAPS_SHOWN = 10
"""Never-seen responses the text report lists (the json report has them all)."""
ROWS_SHOWN = 500
"""Rows of the markdown and html tables (the json report has them all)."""


def below_note(summary: Summary) -> str | None:
    """Why the run fails on coverage (``coverage 40.0% of documented responses is below
    --min-coverage 80``), or None."""
    coverage = summary.coverage
    return coverage.reasons() if coverage is not None and coverage.failing else None


def below_tables(summary: Summary) -> list[tuple[str, str]]:
    """Each OpenAPI document of the run below its ``--min-coverage``: its name as given and why
    (``coverage 14.2% of documented responses is below --min-coverage 20``, naming the document
    when the run has several), for the reports that say a failing run's reasons as findings
    (github's ``::error``, a sarif result, a junit failure)."""
    coverage = summary.coverage
    if coverage is None or not coverage.failing:
        return []
    several = len(coverage.tables()) > 1
    return [(table.spec, table.why(several)) for table in coverage.tables() if table.below]


def terminal_lines(summary: Summary) -> list[str]:
    """The text report's coverage lines, each as a terminal may show it (none without
    coverage)."""
    if summary.coverage is None:
        return []
    from validator.sinks import terminal

    return [terminal(line) + "\n" for line in text_lines(summary.coverage)]


def _media(row: Row) -> str:
    return row.slot.media_type if row.slot.media_type is not None else "no body"


def _totals(coverage: Coverage) -> str:
    from validator.contracts.coverage import percent_text

    return (
        f"{coverage.seen} of {coverage.documented} documented responses seen "
        f"({percent_text(coverage.percent)}%)"
    )


def text_lines(coverage: Coverage) -> list[str]:
    """The text report's lines (unescaped: the caller shows each as a terminal may)."""
    lines = [line for exercise in coverage.schemas for line in _exercise_lines(exercise)]
    for table in coverage.tables():
        lines.extend(_table_lines(table))
    return lines


def _table_lines(coverage: Coverage) -> list[str]:
    """One OpenAPI document's coverage: its totals, its biggest gaps, why it fails if it does."""
    lines = [f"Coverage of {coverage.spec}: {_totals(coverage)}"]
    gaps = coverage.gaps()
    if gaps:
        untouched = coverage.untouched()
        lines.append(f"  Never seen ({len(gaps)}), biggest gaps first:")
        for row in gaps[:GAPS_SHOWN]:
            none = " (no response of the operation seen)" if row.slot.operation in untouched else ""
            lines.append(f"    {row.slot.name}{none}")
        if len(gaps) > GAPS_SHOWN:
            lines.append(f"    ... and {len(gaps) - GAPS_SHOWN} more (--format json lists all)")
    if coverage.below:
        lines.append(coverage.why())
    return lines


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _gap_text(gap: Gap) -> str:
    said = []
    if gap.properties:
        said.append(f"properties never seen: {', '.join(gap.properties)}")
    if gap.values:
        said.append(f"enum values never seen: {', '.join(_json(v) for v in gap.values)}")
    return "; ".join(said)


def _exercise_lines(exercise: Exercise) -> list[str]:
    """``--coverage``: a schema's gaps, the first :data:`GAPS_SHOWN`."""
    documents = f"{exercise.documents} valid document{'' if exercise.documents == 1 else 's'}"
    if not exercise.gaps:
        every = "every declared property and enum value"
        return [f"Schema {exercise.schema}: {documents} exercised {every}"]
    lines = [f"Never exercised by the {documents} of schema {exercise.schema}:"]
    for gap in exercise.gaps[:GAPS_SHOWN]:
        never = "" if gap.reached else " (never reached)"
        lines.append(f"  {gap.where}{never}: {_gap_text(gap)}")
    if len(exercise.gaps) > GAPS_SHOWN:
        lines.append(
            f"  ... and {len(exercise.gaps) - GAPS_SHOWN} more locations (--format json lists all)"
        )
    if exercise.more:
        from validator.checking.exercised import MAX_LOCATIONS

        lines.append(f"  (only the first {MAX_LOCATIONS} locations of the schema are followed)")
    return lines


def _exercise_unit(exercise: Exercise) -> dict[str, Any]:
    return {
        "schema": exercise.schema,
        "documents": exercise.documents,
        "truncated": exercise.more,
        "gaps": [
            {
                "location": gap.where,
                "reached": gap.reached,
                "properties": list(gap.properties),
                "values": list(gap.values),
            }
            for gap in exercise.gaps
        ],
    }


def _response_unit(row: Row) -> dict[str, Any]:
    return {
        "status": row.slot.key,
        "media_type": row.slot.media_type,
        "name": row.slot.name,
        "pointer": row.slot.pointer,
        "seen": row.matched > 0,
        "matched": row.matched,
        "valid": row.valid,
        "invalid": row.invalid,
        "unreadable": row.unreadable,
    }


def coverage_unit(coverage: Coverage) -> dict[str, Any]:
    """Everything about the coverage, as the json report's ``"coverage"`` object (its fields
    are documented in docs/coverage.md)."""
    unit: dict[str, Any] = {}
    if coverage.rows is not None:
        unit.update(_document_unit(coverage))
    if coverage.others:  # several documents: each one's, the first's at the top level too
        unit["specs"] = [_document_unit(table) for table in coverage.tables()]
    if coverage.schemas:
        unit["schemas"] = [_exercise_unit(exercise) for exercise in coverage.schemas]
    return unit


def _document_unit(coverage: Coverage) -> dict[str, Any]:
    """One OpenAPI document's coverage (it has rows), as the json report has it."""
    from validator.contracts.coverage import percent_text

    unit: dict[str, Any] = {"spec": coverage.spec}
    if coverage.rows is not None:
        operations: dict[str, dict[str, Any]] = {}
        for row in coverage.rows:
            slot = row.slot
            method, _, path = slot.label.partition(" ")
            entry = operations.setdefault(
                slot.operation,
                {"operation": slot.operation, "method": method, "path": path, "responses": []},
            )
            entry["responses"].append(_response_unit(row))
        unit.update(
            documented=coverage.documented,
            seen=coverage.seen,
            percent=float(percent_text(coverage.percent)),
            min_coverage=coverage.minimum,
            below=coverage.below,
            operations=list(operations.values()),
            never_seen=[row.slot.name for row in coverage.gaps()],
        )
    return unit


def junit_properties(coverage: Coverage) -> dict[str, str]:
    """The junit suite's ``coverage.*`` properties: the first OpenAPI document's as
    ``coverage.spec``, ``coverage.seen``, ...; each other's numbered from 2
    (``coverage.2.spec``, ...)."""
    from validator.contracts.coverage import percent_text

    said: dict[str, str] = {}
    for number, table in enumerate(coverage.tables(), 1):
        prefix = "coverage." if number == 1 else f"coverage.{number}."
        said[f"{prefix}spec"] = table.spec
        said[f"{prefix}documented"] = str(table.documented)
        said[f"{prefix}seen"] = str(table.seen)
        said[f"{prefix}percent"] = percent_text(table.percent)
        said[f"{prefix}never_seen"] = ", ".join(row.slot.name for row in table.gaps())
        if table.minimum is not None:
            said[f"{prefix}min_coverage"] = f"{table.minimum:g}"
            said[f"{prefix}below"] = "true" if table.below else "false"
    return said


def markdown_section(coverage: Coverage, escape: Callable[[str], str]) -> str:
    """The markdown report's coverage section (``escape``: :func:`validator.sinks.markdown`)."""
    text = _markdown_exercises(coverage, escape)
    for table in coverage.tables():
        text += _markdown_table(table, escape)
    return text


def _markdown_table(coverage: Coverage, escape: Callable[[str], str]) -> str:
    """One OpenAPI document's coverage table, in markdown."""
    text = f"### Coverage of {escape(coverage.spec)}: {_totals(coverage)}\n\n"
    if coverage.below:
        text += f"**{escape(coverage.why())}**\n\n"
    text += (
        "| operation | status | media type | seen | valid | invalid | unreadable |\n"
        "|---|---|---|---|---:|---:|---:|\n"
    )
    for row in (coverage.rows or ())[:ROWS_SHOWN]:
        seen = f"✅ {row.matched}" if row.matched else "❌ never"
        text += (
            f"| {escape(row.slot.operation)} | {escape(row.slot.key)} | {escape(_media(row))} | "
            f"{seen} | {row.valid} | {row.invalid} | {row.unreadable} |\n"
        )
    hidden = coverage.documented - ROWS_SHOWN
    if hidden > 0:
        text += f"\n… and {hidden} more documented responses (the json report lists all)\n"
    return text + "\n"


def _exercise_rows(coverage: Coverage) -> list[tuple[str, str, str, str]]:
    """The cells (unescaped) of the first :data:`ROWS_SHOWN` gaps: the schema, the location
    (``(never reached)`` after it when so), the properties and the values never seen."""
    return [
        (
            exercise.schema,
            gap.where + ("" if gap.reached else " (never reached)"),
            ", ".join(gap.properties),
            ", ".join(_json(v) for v in gap.values),
        )
        for exercise in coverage.schemas
        for gap in exercise.gaps
    ][:ROWS_SHOWN]


def _markdown_exercises(coverage: Coverage, escape: Callable[[str], str]) -> str:
    if not coverage.schemas:
        return ""
    text = (
        "### Never exercised by the valid documents\n\n"
        "| schema | location | properties never seen | enum values never seen |\n"
        "|---|---|---|---|\n"
    )
    for cells in _exercise_rows(coverage):
        text += "| " + " | ".join(escape(cell) for cell in cells) + " |\n"
    return text + _more_note(coverage) + "\n"


def _more_note(coverage: Coverage) -> str:
    shown = sum(len(e.gaps) for e in coverage.schemas)
    hidden = shown - ROWS_SHOWN
    cut = [e.schema for e in coverage.schemas if e.more]
    note = f"\n… and {hidden} more locations (the json report lists all)\n" if hidden > 0 else ""
    if cut:
        from validator.checking.exercised import MAX_LOCATIONS

        note += f"\nOnly the first {MAX_LOCATIONS} locations of a schema are followed.\n"
    return note


def _html_exercises(coverage: Coverage, esc: Callable[[str], str]) -> str:
    if not coverage.schemas:
        return ""
    out = (
        '<section id="exercised"><h2>Never exercised by the valid documents</h2>'
        '<table class="exercised"><tr><th>schema</th><th>location</th>'
        "<th>properties never seen</th><th>enum values never seen</th></tr>"
    )
    for cells in _exercise_rows(coverage):
        out += "<tr>" + "".join(f'<td class="mono">{esc(cell)}</td>' for cell in cells) + "</tr>"
    note = _more_note(coverage).strip()
    return out + "</table>" + (f"<p>{esc(note)}</p>" if note else "") + "</section>\n"


def html_section(coverage: Coverage, esc: Callable[[str], str]) -> str:
    """The html report's coverage section (``esc``: the report's escaping, quotes included)."""
    tables = coverage.tables()
    out = "".join(_html_table(table, esc, number) for number, table in enumerate(tables, 1))
    return out + _html_exercises(coverage, esc)


def _html_table(coverage: Coverage, esc: Callable[[str], str], number: int) -> str:
    """One OpenAPI document's coverage section (the first ``id="coverage"``, the next
    ``coverage-2``...)."""
    head = f"Coverage of {coverage.spec}: {_totals(coverage)}"
    anchor = "coverage" if number == 1 else f"coverage-{number}"
    out = f'<section id="{anchor}"><h2>{esc(head)}</h2>'
    if coverage.below:
        out += f'<p class="below">{esc(coverage.why())}</p>'
    out += (
        '<table class="coverage"><tr><th>operation</th><th>status</th><th>media type</th>'
        "<th>matched</th><th>valid</th><th>invalid</th><th>unreadable</th></tr>"
    )
    for row in (coverage.rows or ())[:ROWS_SHOWN]:
        seen = f'<td class="n">{row.matched}</td>' if row.matched else "<td>never seen</td>"
        out += (
            f'<tr class="{"seen" if row.matched else "never"}">'
            f'<td class="mono">{esc(row.slot.operation)}</td><td>{esc(row.slot.key)}</td>'
            f'<td class="mono">{esc(_media(row))}</td>{seen}<td class="n">{row.valid}</td>'
            f'<td class="n">{row.invalid}</td><td class="n">{row.unreadable}</td></tr>'
        )
    out += "</table>"
    hidden = coverage.documented - ROWS_SHOWN
    if hidden > 0:
        out += f"<p>{hidden} more documented responses (the json report lists all)</p>"
    return out + "</section>\n"
