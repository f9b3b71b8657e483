"""The check that no key is repeated in one object of a HAR entry (orjson keeps one of them
silently): :func:`no_duplicates`, for :mod:`validator.inputs.har`.

Most recorders write every entry as orjson writes it back, at its place in the file (indented
by two spaces a level, as ``JSON.stringify(har, null, 2)`` and ``json.dumps(har, indent=2)``
do, or compact): then the entry's bytes are those of a value with one key of each name per
object, and nothing more is needed (one write and one comparison).  Else: every member has one
colon outside strings and orjson writes colons in strings as they are, so fewer colons in its
text of the value than in the file means members were dropped (a colon written ``\\u003a`` in
the file, which orjson writes as ``:``, would hide one: an entry holding one goes to the exact
parser, as one whose counts differ does, which says where the key is repeated).
"""

from __future__ import annotations

import re
from typing import Any

import orjson

from validator.inputs.har_scan import Chunks, NotAHar

__all__ = ["indented_text", "no_duplicates"]

_ESCAPED_COLON = re.compile(rb"\\u003").search
"""Where a colon may be written escaped: an `re` search (which skips to each backslash quickly)
is faster than ``bytearray.find`` here."""
_DEEPEST = 16
"""The deepest indentation (in levels) at which an entry is compared with orjson's writing."""
_LONGEST = 1 << 16
"""The longest entry compared with orjson's indented writing: that writing indents each line
as deep as it is nested, so a short entry nested deep in one line of the file may be written
hundreds of times as long (this bounds it to a few MiB); a longer entry is counted."""
_FRAMES: dict[int, tuple[int, int]] = {}
"""For a depth: the lengths of what orjson writes before and after a value nested that deep in
lists, indented by two spaces."""


def _frame(depth: int) -> tuple[int, int]:
    found = _FRAMES.get(depth)
    if found is None:
        nested: Any = 0
        for _ in range(depth):
            nested = [nested]
        text = orjson.dumps(nested, option=orjson.OPT_INDENT_2)
        at = text.index(b"0")
        found = _FRAMES[depth] = (at, len(text) - at - 1)
    return found


def _written_alike(buf: bytearray, value: Any, first: int, last: int) -> bool:
    """Whether ``buf[first:last]`` is what orjson writes for ``value`` there: compact, or (a line
    feed after the ``{``) indented by two spaces a level, the level that of the ``{``'s column."""
    try:
        if buf[first + 1] != 0x0A:
            return bool(orjson.dumps(value) == buf[first:last])
        depth = (first - buf.rfind(b"\n", 0, first) - 1) // 2
        if depth > _DEEPEST or last - first > _LONGEST:
            return False
        nested = value
        for _ in range(depth):
            nested = [nested]
        before, after = _frame(depth)
        text = orjson.dumps(nested, option=orjson.OPT_INDENT_2)
    except orjson.JSONEncodeError:  # nested deeper than orjson writes
        return False
    return bool(text[before : len(text) - after] == buf[first:last])


def indented_text(buf: bytearray, first: int, last: int) -> int:
    """The index of the value of ``response.content.text`` in the entry ``buf[first:last]``
    written as orjson writes it indented (and holding that text), or -1.  A line feed there is
    one between two lines, each indented by two spaces a level: ``response``, a member of the
    entry, is the line one level deeper than its ``{`` that names it (the last such line: the
    search goes from the end, and only over the response and the members after it);
    ``content`` the first line one level deeper still that names it after that, and ``text``
    likewise after that."""
    indent = b"\n" + b"  " * ((first - buf.rfind(b"\n", 0, first) - 1) // 2 + 1)
    at = buf.rfind(indent + b'"response": ', first, last)
    for name in (b'"content": ', b'"text": '):
        indent += b"  "
        at = -1 if at < 0 else buf.find(indent + name, at, last)
    return at if at < 0 else at + len(indent) + len(b'"text": ')


def no_duplicates(chunks: Chunks, number: int, value: Any, first: int, last: int) -> bool:
    """Raise :class:`NotAHar` at a key repeated in one object of the entry ``value`` read from
    ``chunks.buf[first:last]`` (see the module's docstring); the comparison with orjson's writing
    is given up for the rest of the file after 8 entries in a row written otherwise.  Whether
    the entry is written as orjson writes it, indented (see :func:`indented_text`)."""
    buf = chunks.buf
    if chunks.unlike < 8:
        if _written_alike(buf, value, first, last):
            chunks.unlike = 0
            return buf[first + 1] == 0x0A
        chunks.unlike += 1
    try:
        dumped = orjson.dumps(value).count(b":")
    except orjson.JSONEncodeError:  # nested deeper than orjson writes: the exact parser says
        dumped = -1
    if dumped == buf.count(b":", first, last) and _ESCAPED_COLON(buf, first, last) is None:
        return False
    from validator.inputs.parse import ParseProblem, line_column, parse_exact

    text = bytes(buf[first:last]).decode("utf-8")
    parsed = parse_exact(text)
    if isinstance(parsed, ParseProblem) or not parsed.duplicates:
        return False
    duplicate = parsed.duplicates[0]
    inner = line_column(text, duplicate.offset)
    line, column = chunks.place(chunks.base + first)
    line, column = (
        (line, column + inner[1] - 1) if inner[0] == 1 else (line + inner[0] - 1, inner[1])
    )
    where = f"log.entries[{number}]{duplicate.pointer}"
    raise NotAHar(
        f"{chunks.name}:{line}:{column}: not a HAR file: the key {duplicate.key!r} twice in {where}"
    )
