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
    "needs_exact",
    "same_but_blanks",
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


_BLANKS = b" \t\r\n"
"""JSON's white space: orjson writes none outside strings, and none but spaces inside them (it
escapes the others)."""


_LINES_LISTED = bytes.maketrans(b"\n", b",")
_BLANKS_BUT_FEEDS = b" \t\r"


def same_but_blanks(text: bytes, dumped: bytes) -> bool:
    """Whether ``text`` (JSON that orjson accepted) and ``dumped`` (orjson's serialisation of
    what it read from it) are the same once every white space byte is removed from both.

    Then orjson read it right, whatever white space the writer chose (``json.dumps``' ``", "``
    and ``": "``, indentation, tabs, CRLF line ends): removing white space moves no string's
    bounds (JSON escapes every quote and backslash inside a string, and a string holds no raw
    white space but spaces), so both texts have the same tokens in the same nesting; the same
    number of members in each object means that no repeated key was dropped (orjson keeps one of
    the two), and the same text for each number that no integer beyond 64 bits became a float
    (orjson writes a float with a ``.`` or an exponent).  Escapes that orjson writes otherwise
    (``\\u00e9``, ``\\/``) make the texts differ: such text takes the usual checks."""
    squeezed = dumped.replace(b" ", b"")  # spaces inside strings: few, and only spaces
    if len(squeezed) > len(text):
        return False
    # bytearray's translate deletes in a tighter loop than bytes' (40 against 65 us for the
    # 54 KB of a run of 128 lines written by json.dumps): the copy costs 1 us of that
    return bytearray(text).translate(None, _BLANKS) == squeezed


def needs_exact(raw: bytes, value: Any) -> bool:
    """Whether the exact parser must read one document that orjson read as ``value``: not when
    ``raw`` is orjson's own text of it but for white space (:func:`same_but_blanks`), else when
    :func:`may_need_exact` or a colon count says orjson may have got it wrong."""
    try:
        dumped = orjson.dumps(value)
    except orjson.JSONEncodeError:  # nesting at orjson's own limit: let the exact parser decide
        return True
    if same_but_blanks(raw, dumped):
        return False
    return may_need_exact(raw) or raw.count(b":") != dumped.count(b":")


def all_canonical(lines: list[bytes], docs: list[Any]) -> bool:
    """Whether each line (with its line feed, as :attr:`~validator.inputs.sources.Batch.lines` gives
    it) is orjson's serialisation of the document orjson parsed from it (``docs``, one per line,
    in order), exactly or but for white space (:func:`same_but_blanks`): then no line has a
    duplicate key, nor an integer beyond 64 bits, and :func:`may_need_exact` and the
    duplicate-key count can be skipped.  One serialisation of the whole list, compared with the
    lines joined by commas, proves it line by line: each line holds one whole document, so the
    list's items fall on the lines (the same tokens in the same nesting).  Machine-written JSON
    Lines pass, compact or not; other text (escapes orjson writes otherwise, ``1E5``) takes the
    usual checks."""
    joined = b"".join(lines)
    try:
        dumped = orjson.dumps(docs)
    except orjson.JSONEncodeError:  # nesting beyond orjson's limit for writing
        return False
    feed = joined.endswith(b"\n")
    if len(dumped) == len(joined) + 2 - feed:  # as long as the list of the lines: compact?
        listed = b"[" + (joined[:-1] if feed else joined).replace(b"\n", b",") + b"]"
        if dumped == listed:
            return True
    # same_but_blanks() of the listed lines, without writing them out: each line feed
    # between two lines a comma, then the white space removed in the same pass; the brackets
    # are orjson's first and last bytes
    text = bytearray(joined)
    if feed:
        del text[-1]
    squeezed = dumped.replace(b" ", b"")  # spaces inside strings: few, and only spaces
    return text.translate(_LINES_LISTED, _BLANKS_BUT_FEEDS) == memoryview(squeezed)[1:-1]


def has_duplicates(line: bytes) -> bool:
    """Whether one line orjson accepts may hold a duplicate key (the rare, careful path)."""
    try:
        return may_have_duplicates(line, orjson.loads(line))
    except orjson.JSONDecodeError:
        return False
