"""One document through parse -> check -> locate -> problems.

This is the one place that turns raw bytes (or a Python value) into a
:class:`~validator.problems.DocumentResult`; the CLI runner and the public API both use it.
"""

from __future__ import annotations

import functools
import sys
from types import ModuleType
from typing import Any

from validator.checking.engine import Engine
from validator.checking.limits import lift_int_limit, restore_int_limit
from validator.checking.undeclared import Undeclared
from validator.inputs.parse import (
    ExactlyParsed,
    Parsed,
    parse,
    redacted,
)
from validator.inputs.sources import Item
from validator.problems import DUPLICATE_KEY, INPUT, PARSE, DocumentResult, Problem, Status

__all__ = [
    "check_item",
    "check_raw",
    "check_value",
]

_SHORT = getattr(sys.int_info, "str_digits_check_threshold", 1 << 62)
"""Integers of up to this many digits are never held by Python's int <-> str limit (which the
engine's verdicts and the messages need lifted for longer ones): a text no longer cannot hold
one."""

JSONL_HINT = "for one document per line use --jsonl or a .jsonl file"
"""What a whole document followed by another one suggests (see :func:`check_raw`)."""

_new = tuple.__new__  # a record built from a tuple: no Python call to the record's __new__


@functools.cache
def _placing() -> ModuleType:
    """:mod:`validator.checking.to_problems`, imported by the first document that may not be valid
    (an import statement in the function of every such document would cost more than its
    wording)."""
    import validator.checking.to_problems

    return validator.checking.to_problems


@functools.cache
def _warned() -> ModuleType:
    """:mod:`validator.checking.warned`, imported by the first document that warns."""
    import validator.checking.warned

    return validator.checking.warned


def check_value(
    engine: Engine,
    document: Any,
    *,
    source: str = "<object>",
    line: int = 1,
    redact: bool = False,
    max_errors: int | None = None,
    warnings: Undeclared | None = None,
) -> DocumentResult:
    """Check a Python value (no source text, so no line/column in the problems or warnings).
    ``warnings``: the finder of undeclared properties, when the caller wants them."""
    lifted = lift_int_limit()  # the value may hold integers of any length
    try:
        noted: tuple[Problem, ...] = ()
        if warnings is not None:
            found = warnings.find(document)
            if found:
                from validator.checking.property_warnings import placed_warnings

                noted = placed_warnings(warnings, document, found, {}, line)
        if engine.is_valid(document):
            return DocumentResult(source, line, Status.VALID, warnings=noted)
        placing = _placing()
        found_problems = placing.problems(engine.findings(document, long_integers=False), redact)
        problems = placing.finish(found_problems, max_errors)
        return DocumentResult(source, line, Status.INVALID, problems, warnings=noted)
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
        valid = not parsed.duplicates and _screened_valid(engine, parsed.value)
        if valid and (warnings is None or warnings.quiet(parsed.value)):
            return DocumentResult(source, line, Status.VALID)
        return _invalid(engine, raw, parsed, source, line, redact, max_errors, warnings, valid)
    finally:
        if lifted:
            restore_int_limit(lifted)


def _valid(document: Any) -> bool:
    """The verdict of a document already found valid."""
    return True


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
    valid: bool = False,
) -> DocumentResult:
    """The result of a document that may not be valid: its problems, placed in its text (a
    document without any is valid: the screen of :func:`check_batch` may reject too much).
    ``valid``: the engine found it valid (it has warnings, then): try
    :mod:`validator.checking.warned`'s quick way first."""
    if valid and warnings is not None and type(parsed) is Parsed:
        done: DocumentResult | None = _warned().valid_with_warnings(
            engine, warnings, raw, parsed.value, source, line, _valid
        )
        if done is not None:  # valid, and its warnings placed without a scan
            return done
    placing = _placing()
    text = raw.decode("utf-8")
    # check_raw lifted the digit limit where the text may hold integers that need it
    placed, undeclared, key_positions = placing.placed_problems(
        engine, text, raw, parsed.value, line, redact, warnings
    )
    if parsed.duplicates:
        from validator.checking.messages import show
        from validator.inputs.locate import positions

        at = positions(text, (dup.offset for dup in parsed.duplicates))  # one pass for all
        for dup in parsed.duplicates:
            dup_line, dup_column = at[dup.offset]
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
        from validator.checking.property_warnings import placed_warnings

        noted = placed_warnings(warnings, parsed.value, undeclared, key_positions, line)
    if not placed:
        return DocumentResult(source, line, Status.VALID, warnings=noted)
    problems = placing.finish(placed, max_errors)
    return _new(DocumentResult, (source, line, Status.INVALID, problems, "", noted, None))


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
