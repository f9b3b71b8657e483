"""One document through parse -> check -> locate -> problems.

This is the one place that turns raw bytes (or a Python value) into a
:class:`~validator.problems.DocumentResult`; the CLI runner and the public API both use it.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from validator.engine import Engine
from validator.limits import lift_int_limit, restore_int_limit
from validator.parse import (
    ExactlyParsed,
    Parsed,
    line_column,
    parse,
    redacted,
)
from validator.problems import DUPLICATE_KEY, INPUT, PARSE, DocumentResult, Problem, Status
from validator.sources import Item
from validator.undeclared import Undeclared

if TYPE_CHECKING:  # locate and messages are imported by the first invalid document, not at start-up
    from validator.convert import Finding
    from validator.locate import Position

__all__ = [
    "check_item",
    "check_raw",
    "check_value",
]

_WEAK = frozenset({"anyOf", "oneOf", "oneOfNotValid"})
_UNEXPECTED = frozenset({"additionalProperties", "unevaluatedProperties"})
"""Keywords whose failure names the object's members that are not allowed: placed at the key."""

_SHORT = getattr(sys.int_info, "str_digits_check_threshold", 1 << 62)
"""Integers of up to this many digits are never held by Python's int <-> str limit (which the
engine's verdicts and the messages need lifted for longer ones): a text no longer cannot hold
one."""

JSONL_HINT = "for one document per line use --jsonl or a .jsonl file"
"""What a whole document followed by another one suggests (see :func:`check_raw`)."""


def _keyword(finding: Finding) -> str:
    last = finding.keyword_location.rsplit("/", 1)[-1]
    return last or finding.failure.keyword


def _unexpected_keys(finding: Finding) -> list[str]:
    """The pointers of the members a finding says are not allowed (none for most keywords)."""
    if finding.failure.keyword not in _UNEXPECTED:
        return []
    names = finding.failure.details.get("unexpected") or ()
    from validator.locate import member_pointer

    return [member_pointer(finding.instance_location, n) for n in names if isinstance(n, str)]


def _problems(
    findings: list[Finding],
    redact: bool,
    positions: dict[str, Position] | None = None,
    first_line: int = 1,
    keys: dict[str, Position] | None = None,
) -> list[Problem]:
    """Problems from findings, placed at ``positions`` (instance pointer -> line, column); a
    member that is not allowed at its key (in ``keys``; the first in the text when a finding
    names several)."""
    from validator.messages import describe_with_shape

    problems = []
    for f in findings:
        at = positions.get(f.instance_location) if positions is not None else None
        if keys:
            placed = [keys[p] for p in _unexpected_keys(f) if p in keys]
            at = min(placed) if placed else at
        message, shape = describe_with_shape(f.failure, redact=redact)
        problems.append(
            Problem(
                instance_location=f.instance_location,
                keyword_location=f.keyword_location,
                message=message,
                keyword=_keyword(f),
                absolute_keyword_location=f.absolute_keyword_location,
                line=None if at is None else first_line + at[0] - 1,
                column=None if at is None else at[1],
                shape=shape,
            )
        )
    return problems


def _place(problem: Problem) -> tuple[int, int]:
    return problem.line or 0, problem.column or 0


_HEADLINE = Problem._fields.index("headline")


def _finish(problems: list[Problem], max_errors: int | None) -> tuple[Problem, ...]:
    """Order by position in the document, mark the headline, cut to ``max_errors``.

    The headline is the deepest problem, one that is not about alternatives (``anyOf``,
    ``oneOf``) before one that is, the first in the text of equals.
    """
    if not problems:
        return ()
    if len(problems) > 1:
        problems.sort(key=_place)
    best, rank = 0, (-1, False)
    for index, problem in enumerate(problems):
        this = (problem.instance_location.count("/"), problem.keyword not in _WEAK)
        if this > rank:
            best, rank = index, this
    chosen = problems[best]  # headline=True: what _replace() does, at half the cost
    problems[best] = Problem._make((*chosen[:_HEADLINE], True, *chosen[_HEADLINE + 1 :]))
    if max_errors is not None and len(problems) > max_errors:
        keep = sorted({best, *range(max_errors - 1 if best >= max_errors else max_errors)})
        problems = [problems[i] for i in keep]
    return tuple(problems)


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
    lifted = lift_int_limit()  # the value may hold integers of any length
    try:
        if engine.is_valid(document):
            return DocumentResult(source, line, Status.VALID)
        problems = _problems(engine.findings(document, long_integers=False), redact)
        return DocumentResult(source, line, Status.INVALID, _finish(problems, max_errors))
    finally:
        restore_int_limit(lifted)


def check_raw(
    engine: Engine,
    raw: bytes,
    *,
    source: str,
    line: int = 1,
    redact: bool = False,
    max_errors: int | None = None,
    lines_hint: str = JSONL_HINT,
    warnings: Undeclared | None = None,
) -> DocumentResult:
    """Parse raw bytes strictly, check the document, and place each problem at its line:column.

    ``line`` is the line of ``source`` the text starts on (for JSON Lines), so that positions
    name lines of the input, not of the document.  ``lines_hint`` ends the message of a text
    that goes on with a second document ("" for a line of JSON Lines: it is one already).
    ``warnings``: the finder of undeclared properties, when the run wants them.
    """
    parsed = parse(raw)
    if not isinstance(parsed, Parsed):
        message = redacted(parsed.message) if redact else parsed.message
        if parsed.second_document and lines_hint:
            message += f" {lines_hint}"
        problem = Problem(
            "",
            "",
            f"not valid JSON: {message}",
            PARSE,
            line=line + parsed.line - 1,
            column=parsed.column,
        )
        return DocumentResult(source, line, Status.UNREADABLE, (problem,))
    # Only the exact parser gives integers beyond 64 bits (orjson never does): these may be past
    # Python's digit limit, which the engine and the messages need lifted.
    lifted = lift_int_limit() if len(raw) > _SHORT and isinstance(parsed, ExactlyParsed) else 0
    try:
        if (
            not parsed.duplicates
            and _screened_valid(engine, parsed.value)
            and (warnings is None or warnings.quiet(parsed.value))
        ):
            return DocumentResult(source, line, Status.VALID)
        return _invalid(engine, raw, parsed, source, line, redact, max_errors, warnings)
    finally:
        if lifted:
            restore_int_limit(lifted)


def _screened_valid(engine: Engine, document: Any) -> bool:
    """The native screen's verdict where there is one (its rejection is confirmed or overturned
    by the findings of :func:`_invalid`), else the engine's."""
    screen = engine.native()
    if screen is not None:
        try:
            return screen(document)
        except (ValueError, OverflowError, TypeError):  # a value the fast engine cannot take
            pass
    return engine.is_valid(document)


def _invalid(
    engine: Engine,
    raw: bytes,
    parsed: Parsed,
    source: str,
    line: int,
    redact: bool,
    max_errors: int | None,
    warnings: Undeclared | None = None,
) -> DocumentResult:
    """The result of a document that may not be valid: its problems, placed in its text (a
    document without any is valid: the screen of :func:`check_batch` may reject too much)."""
    from validator.locate import locate_all, member_pointer
    from validator.messages import show

    text = raw.decode("utf-8")
    # check_raw lifted the digit limit where the text may hold integers that need it
    findings = engine.findings(parsed.value, long_integers=False)
    keys: list[str] = []
    for f in findings:
        if f.failure.keyword in _UNEXPECTED:
            keys += _unexpected_keys(f)
    undeclared = warnings.find(parsed.value) if warnings is not None else []
    keys += [member_pointer(pointer, key) for pointer, key in undeclared]
    positions, key_positions = locate_all(
        text, {f.instance_location for f in findings}, keys, parsed.value
    )
    placed = _problems(findings, redact, positions, line, key_positions)
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
    noted: tuple[Problem, ...] = ()
    if warnings is not None and undeclared:  # the one hook of the warnings
        from validator.warned import placed_warnings

        noted = placed_warnings(warnings, parsed.value, undeclared, key_positions, line)
    if not placed:
        return DocumentResult(source, line, Status.VALID, warnings=noted)
    return DocumentResult(source, line, Status.INVALID, _finish(placed, max_errors), warnings=noted)


def check_item(
    engine: Engine,
    item: Item,
    *,
    redact: bool = False,
    max_errors: int | None = None,
    warnings: Undeclared | None = None,
) -> DocumentResult:
    """Check one whole-document input (or report why it could not be read)."""
    if item.raw is None:
        problem = Problem("", "", item.problem or "cannot read", INPUT)
        return DocumentResult(item.source, item.line, Status.UNREADABLE, (problem,))
    return check_raw(
        engine,
        item.raw,
        source=item.source,
        line=item.line,
        redact=redact,
        max_errors=max_errors,
        warnings=warnings,
    )
