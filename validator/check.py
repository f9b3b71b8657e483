"""One document through parse -> check -> locate -> problems.

This is the one place that turns raw bytes (or a Python value) into a
:class:`~validator.problems.DocumentResult`; the CLI runner and the public API both use it.
"""

from __future__ import annotations

from typing import Any

from validator.engine import Engine, Finding
from validator.locate import locate
from validator.messages import describe, show
from validator.parse import Parsed, line_column, parse
from validator.problems import DocumentResult, Problem, Status

__all__ = ["DUPLICATE_KEY", "PARSE", "check_raw", "check_value"]

PARSE = "parse"
"""The ``keyword`` of a problem that says the text is not strict JSON."""
DUPLICATE_KEY = "duplicate-key"
"""The ``keyword`` of a problem that says an object holds the same key twice."""

_WEAK = frozenset({"anyOf", "oneOf", "oneOfNotValid"})


def _keyword(finding: Finding) -> str:
    last = finding.keyword_location.rsplit("/", 1)[-1]
    return last or finding.failure.keyword


def _problems(findings: list[Finding], redact: bool) -> list[Problem]:
    return [
        Problem(
            instance_location=f.instance_location,
            keyword_location=f.keyword_location,
            message=describe(f.failure, redact=redact),
            keyword=_keyword(f),
            absolute_keyword_location=f.absolute_keyword_location,
        )
        for f in findings
    ]


def _finish(problems: list[Problem], max_errors: int | None) -> tuple[Problem, ...]:
    """Order by position in the document, mark the headline, cut to ``max_errors``."""
    if not problems:
        return ()
    problems.sort(key=lambda p: (p.line or 0, p.column or 0))

    def relevance(index: int) -> tuple[int, bool, int]:
        p = problems[index]
        depth = p.instance_location.count("/")
        return (depth, p.keyword not in _WEAK, -index)

    best = max(range(len(problems)), key=relevance)
    problems[best] = _with(problems[best], headline=True)
    if max_errors is not None and len(problems) > max_errors:
        keep = sorted({best, *range(max_errors - 1 if best >= max_errors else max_errors)})
        problems = [problems[i] for i in keep]
    return tuple(problems)


def _with(problem: Problem, **changes: Any) -> Problem:
    fields = {name: getattr(problem, name) for name in Problem.__slots__}
    fields.update(changes)
    return Problem(**fields)


def check_value(
    engine: Engine,
    document: Any,
    *,
    source: str = "<object>",
    line: int = 1,
    redact: bool = False,
    max_errors: int | None = None,
) -> DocumentResult:
    """Check a Python value (no source text, so no line/column in the problems)."""
    if engine.is_valid(document):
        return DocumentResult(source, line, Status.VALID)
    problems = _problems(engine.findings(document), redact)
    return DocumentResult(source, line, Status.INVALID, _finish(problems, max_errors))


def check_raw(
    engine: Engine,
    raw: bytes,
    *,
    source: str,
    line: int = 1,
    redact: bool = False,
    max_errors: int | None = None,
) -> DocumentResult:
    """Parse raw bytes strictly, check the document, and place each problem at its line:column.

    ``line`` is the line of ``source`` the text starts on (for JSON Lines), so that positions
    name lines of the input, not of the document.
    """
    parsed = parse(raw)
    if not isinstance(parsed, Parsed):
        problem = Problem(
            "",
            "",
            f"not valid JSON: {parsed.message}",
            PARSE,
            line=line + parsed.line - 1,
            column=parsed.column,
        )
        return DocumentResult(source, line, Status.UNREADABLE, (problem,))
    document = parsed.value
    if not parsed.duplicates and engine.is_valid(document):
        return DocumentResult(source, line, Status.VALID)
    text = raw.decode("utf-8")
    problems = _problems(engine.findings(document), redact)
    positions = locate(text, {p.instance_location for p in problems})
    placed = []
    for p in problems:
        at = positions.get(p.instance_location)
        if at is not None:
            p = _with(p, line=line + at[0] - 1, column=at[1])
        placed.append(p)
    for dup in parsed.duplicates:
        dup_line, dup_column = line_column(text, dup.offset)
        placed.append(
            Problem(
                dup.pointer,
                "",
                f"duplicate key {show(dup.key)}: which value counts depends on the reader",
                DUPLICATE_KEY,
                line=line + dup_line - 1,
                column=dup_column,
            )
        )
    return DocumentResult(source, line, Status.INVALID, _finish(placed, max_errors))
