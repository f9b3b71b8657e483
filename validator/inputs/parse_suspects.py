"""What orjson may get wrong, found cheaply: the texts the exact parser must read instead.

orjson, the fast path of :mod:`validator.inputs.parse`, turns integers beyond 64 bits into floats
and silently keeps one value of a repeated key.  These tests run on raw bytes (one document, or a
whole block of JSON Lines at once) and err on the side of suspicion.
"""

from __future__ import annotations

from typing import Any

import orjson

__all__ = [
    "all_canonical",
    "has_duplicates",
    "may_have_duplicates",
    "may_have_duplicates_in",
    "may_need_exact",
]

_DIGIT_MAP = bytes(0x30 if 0x30 <= b <= 0x39 else 0x20 for b in range(256))
_LONG_RUN = b"0" * 19  # orjson turns integers outside [-2**63, 2**64) into floats: 19 digits
# may already be below -2**63 (-9223372036854775809), 20 may be above 2**64 - 1


def may_need_exact(raw: bytes) -> bool:
    """Cheap test on raw bytes for what orjson may get wrong: long digit runs (integers beyond 64
    bits) and escaped colons (which defeat :func:`_may_have_duplicates`).  Works on one document
    or on a whole chunk of JSON Lines at once."""
    return b"\\u003" in raw or _LONG_RUN in raw.translate(_DIGIT_MAP)


def may_have_duplicates_in(colons: int, values: list[Any]) -> bool:
    """:func:`may_have_duplicates` for many documents at once: ``colons`` is the number of colons
    in their source lines together."""
    try:
        return colons != orjson.dumps(values).count(b":")
    except orjson.JSONEncodeError:
        return True


def may_have_duplicates(raw: bytes, value: Any) -> bool:
    """Whether a document orjson accepted may have had a duplicate key dropped.

    Every object member in the source text has exactly one structural colon, and orjson writes
    every colon inside a string literally; so without escaped colons (see
    :func:`may_need_exact`) the source holds more colons than orjson's re-serialisation exactly
    when members were dropped.
    """
    try:
        return raw.count(b":") != orjson.dumps(value).count(b":")
    except orjson.JSONEncodeError:  # nesting at orjson's own limit: let the exact parser decide
        return True


def all_canonical(lines: list[bytes], docs: list[Any]) -> bool:
    """Whether each line (with its line feed, as :attr:`~validator.inputs.sources.Batch.lines` gives
    it) is exactly orjson's serialisation of the document orjson parsed from it (``docs``, one
    per line, in order): then no line has a duplicate key (orjson keeps one member of the two,
    so its text would be shorter), nor an integer beyond 64 bits (orjson makes it a float,
    written with an exponent), and :func:`may_need_exact` and the duplicate-key count can be
    skipped.  One serialisation of the whole list, compared with the lines joined by commas,
    proves it line by line: each line holds one whole document, so a line and its document's
    text cannot differ in length without a comma of the list falling where the line has none
    (or the reverse).  Machine-written JSON Lines pass; any other text (white space, escapes,
    ``1E5``) takes the usual checks."""
    joined = b"".join(lines)
    if joined.endswith(b"\n"):
        joined = joined[:-1]
    try:
        return orjson.dumps(docs) == b"[" + joined.replace(b"\n", b",") + b"]"
    except orjson.JSONEncodeError:  # nesting beyond orjson's limit for writing
        return False


def has_duplicates(line: bytes) -> bool:
    """Whether one line orjson accepts may hold a duplicate key (the rare, careful path)."""
    try:
        return may_have_duplicates(line, orjson.loads(line))
    except orjson.JSONDecodeError:
        return False
