"""JSON Pointer -> line:column in the source text of a document.

Used only for invalid documents.  The scanner walks the text once, iteratively (no recursion, so
any nesting the parser accepted is fine), keeps track of the pointer of every value it passes and
records the character offset of the values that were asked for, and of the keys (the opening
quote of the key of the member a pointer names); it stops as soon as all of them are found.  The
text is known to be valid JSON (the parser has accepted it), so the scanner only needs to tell
tokens apart, not to check them.

Columns count Unicode characters (code points), 1-based; a tab is one character; lines end at LF
(a CR before it belongs to the line it ends).

Most documents are written by a serialiser, compact or indented by two spaces.  When the text is
exactly orjson's own serialisation of the parsed document (checked byte for byte), the offsets
are computed from the lengths of serialised prefixes instead of scanning: orjson writes a
container as its members' serialisations joined in a fixed way, so the arithmetic is exact.  That
costs the length of the prefix for each pointer, so it is done for a few pointers only
(:data:`_ARITHMETIC`): 40,000 undeclared keys of one object are placed by one scan.  Offsets
become lines and columns in one pass too (:func:`positions`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable
from itertools import islice
from typing import Any

import orjson

from validator.inputs.parse import line_column

__all__ = [
    "locate",
    "locate_all",
    "locate_keys",
    "member_pointer",
    "pointer_segments",
    "positions",
]

_STR = r'"[^"\\]*(?:\\.[^"\\]*)*"'
_TOKEN = re.compile(
    # Commas are skipped like white space (array indexes are counted by values), and a key takes
    # its colon with it: one step per key, value or closing bracket.
    rf'[ \t\r\n,]*(?:({_STR})[ \t\r\n]*:|({_STR})|([\[{{])|([\]}}])|([^ \t\r\n,:\[\]{{}}"]+))'
)
_KEY, _STRING, _OPEN, _CLOSE, _SCALAR = 1, 2, 3, 4, 5


def pointer_segments(pointer: str) -> tuple[str, ...]:
    """Split a JSON Pointer into its unescaped reference tokens (``""`` -> ``()``)."""
    if not pointer:
        return ()
    if "~" not in pointer:
        return tuple(pointer[1:].split("/"))
    return tuple(p.replace("~1", "/").replace("~0", "~") for p in pointer[1:].split("/"))


_SEGMENTS: dict[str, tuple[str, ...]] = {}
"""Pointer -> :func:`pointer_segments`, for the pointers seen lately (documents fail at the same
few places)."""


def _segments(pointer: str) -> tuple[str, ...]:
    segments = _SEGMENTS.get(pointer)
    if segments is None:
        segments = pointer_segments(pointer)
        if len(pointer) <= 256:  # a long key of a hostile document is not kept
            if len(_SEGMENTS) >= 4096:
                _SEGMENTS.clear()
            _SEGMENTS[pointer] = segments
    return segments


def member_pointer(pointer: str, key: str) -> str:
    """The pointer of the member ``key`` of the object at ``pointer``."""
    return f"{pointer}/{key.replace('~', '~0').replace('/', '~1')}"


def _key(token: str) -> str:
    return json.loads(token) if "\\" in token else token[1:-1]


_UNKNOWN: Any = object()


Position = tuple[int, int]
"""1-based line and column (in characters)."""


def locate(text: str, pointers: Iterable[str], document: Any = _UNKNOWN) -> dict[str, Position]:
    """Map each pointer that names a value in ``text`` to its ``(line, column)``.

    ``document``, when given, is the value parsed from ``text`` (it may make the work cheaper;
    the result is the same).  A pointer that names no value is left out of the result.

    >>> locate('{"a": [1,\\n  2]}', ["/a/1", "/b"])
    {'/a/1': (2, 3)}
    """
    return locate_all(text, pointers, (), document)[0]


def locate_keys(
    text: str, pointers: Iterable[str], document: Any = _UNKNOWN
) -> dict[str, Position]:
    """Map each pointer that names an object's member in ``text`` to the ``(line, column)`` of
    its key (the opening quote), as :func:`locate` does for values.

    >>> locate_keys('{"a": 1,\\n "b": 2}', ["/b", "/a/0"])
    {'/b': (2, 2)}
    """
    return locate_all(text, (), pointers, document)[1]


def locate_all(
    text: str,
    values: Iterable[str],
    keys: Iterable[str],
    document: Any = _UNKNOWN,
    raw: bytes | None = None,
) -> tuple[dict[str, Position], dict[str, Position]]:
    """:func:`locate` of ``values`` and :func:`locate_keys` of ``keys``, in one pass.  ``raw``:
    the UTF-8 bytes ``text`` was decoded from, when the caller has them (not encoded again)."""
    if document is not _UNKNOWN:
        placed = _placed_serialised(text, document, values, keys, raw)
        if placed is not None:
            return placed
    wanted: dict[tuple[str, ...], list[str]] = {}
    for pointer in values:
        wanted.setdefault(_segments(pointer), []).append(pointer)
    wanted_keys: dict[tuple[str, ...], list[str]] = {}
    for pointer in keys:
        if pointer:  # the root is no member
            wanted_keys.setdefault(_segments(pointer), []).append(pointer)
    offsets = _offsets(text, wanted.keys(), wanted_keys.keys())
    at = positions(text, [*offsets[0].values(), *offsets[1].values()])
    found: dict[str, Position] = {}
    for segments, offset in offsets[0].items():
        for pointer in wanted[segments]:
            found[pointer] = at[offset]
    keys_found: dict[str, Position] = {}
    for segments, offset in offsets[1].items():
        for pointer in wanted_keys[segments]:
            keys_found[pointer] = at[offset]
    return found, keys_found


def positions(text: str, offsets: Iterable[int]) -> dict[int, Position]:
    """:func:`validator.inputs.parse.line_column` of each offset, in one pass over ``text``
    (each offset on its own would count the lines before it again)."""
    placed: dict[int, Position] = {}
    line, start, last = 1, 0, -1  # the line at ``start``; the last line feed before ``start``
    for offset in sorted(set(offsets)):
        line += text.count("\n", start, offset)
        feed = text.rfind("\n", start, offset)
        if feed >= 0:
            last = feed
        placed[offset] = (line, offset - last)
        start = offset
    return placed


_Offsets = dict[tuple[str, ...], int]

_ARITHMETIC = 32
"""Pointers placed by arithmetic on serialised prefixes at most (see the module's notes)."""


def _placed_serialised(
    text: str, document: Any, values: Iterable[str], keys: Iterable[str], raw: bytes | None
) -> tuple[dict[str, Position], dict[str, Position]] | None:
    """:func:`locate_all` by arithmetic (see :func:`_serialised_offsets`), or None when ``text``
    is not orjson's own serialisation of ``document``."""
    values = list(values)
    keys = [pointer for pointer in keys if pointer] if keys else []  # the root is no member
    if not values and not keys:
        return {}, {}
    if len(values) + len(keys) > _ARITHMETIC:  # one scan costs less
        return None
    if raw is None:
        raw = text.encode("utf-8", "surrogatepass")
    body = raw.rstrip()
    indented = b"\n" in body
    try:
        if orjson.dumps(document, option=orjson.OPT_INDENT_2 if indented else 0) != body:
            return None
    except orjson.JSONEncodeError:
        return None
    ascii_only = body.isascii()
    placed: tuple[dict[str, Position], dict[str, Position]] = ({}, {})
    wanted = ((placed[0], values, False), (placed[1], keys, True))
    for found, pointers, key in wanted if keys else wanted[:1]:
        for pointer in pointers:
            segments = _SEGMENTS.get(pointer) or _segments(pointer)  # _segments(), inline
            offset = _serialised_offset(document, segments, indented, key)
            if offset is None:
                continue
            if not ascii_only:
                offset = len(raw[:offset].decode("utf-8"))
            # compact: one line (orjson escapes a line feed in a string)
            found[pointer] = line_column(text, offset) if indented else (1, offset + 1)
    return placed


def _serialised_offsets(
    text: str,
    document: Any,
    wanted: Iterable[tuple[str, ...]],
    *,
    keys: Iterable[tuple[str, ...]] = (),
    raw: bytes | None = None,
) -> tuple[_Offsets, _Offsets] | None:
    """Character offsets of the wanted values (and keys) when ``text`` (``raw``, encoded) is
    orjson's serialisation of ``document``, compact or indented by two spaces (trailing white
    space aside); else None."""
    if raw is None:
        raw = text.encode("utf-8", "surrogatepass")
    body = raw.rstrip()
    indented = b"\n" in body
    try:
        if orjson.dumps(document, option=orjson.OPT_INDENT_2 if indented else 0) != body:
            return None
    except orjson.JSONEncodeError:
        return None
    ascii_only = body.isascii()
    found: _Offsets = {}
    for segments in wanted:
        offset = _serialised_offset(document, segments, indented)
        if offset is not None:
            found[segments] = offset if ascii_only else len(raw[:offset].decode("utf-8"))
    keys_found: _Offsets = {}
    for segments in keys or ():
        offset = _serialised_offset(document, segments, indented, key=True)
        if offset is not None:
            keys_found[segments] = offset if ascii_only else len(raw[:offset].decode("utf-8"))
    return found, keys_found


def _serialised_offset(
    value: Any, segments: tuple[str, ...], indented: bool, key: bool = False
) -> int | None:
    """Byte offset of the value at ``segments`` in orjson's serialisation of ``value`` (with
    ``key``, of the key that names it: ``tail`` bytes before the value)."""
    dumps = orjson.dumps
    offset = tail = 0
    for depth, segment in enumerate(segments):
        if type(value) is dict or isinstance(value, dict):
            if segment not in value:
                return None
            keys = list(value)
            index = 0 if keys[0] == segment else keys.index(segment)
            # the key and its separator: '"key":' compact, '"key": ' indented
            tail = len(dumps(segment)) + (2 if indented else 1)
            prefix: Any = dict(islice(value.items(), index)) if index else None
            value = value[segment]
        elif type(value) is list or isinstance(value, list):
            if not segment.isdigit() or (segment != "0" and segment[0] == "0"):
                return None
            index = int(segment)
            if index >= len(value):
                return None
            prefix = value[:index]
            tail = 0
            value = value[index]
        else:
            return None
        if not indented:
            # '{' before the first member; before member i, '{m0,...,m(i-1),': as long as the
            # serialised prefix '{m0,...,m(i-1)}'
            offset += (len(dumps(prefix)) if index else 1) + tail
        elif index:
            # Indented, members sit on their own lines at depth + 1: '{\n' + indent before the
            # first; before member i, the prefix's own text at this depth ('\n' + indent + '}' at
            # its end) followed by ',\n' + indent.
            serialised = dumps(prefix, option=orjson.OPT_INDENT_2)
            offset += len(serialised) + 2 * depth * serialised.count(b"\n") + 2 + tail
        else:
            offset += 2 + 2 * (depth + 1) + tail
    if key:
        return offset - tail if tail else None  # no key names an array item
    return offset


def _offsets(
    text: str, wanted: Collection[tuple[str, ...]], keys: Collection[tuple[str, ...]] = ()
) -> tuple[_Offsets, _Offsets]:
    """Character offsets of the wanted values, and of the wanted keys, found by scanning."""
    found: _Offsets = {}
    keys_found: _Offsets = {}
    count = len(wanted) + len(keys)
    if not count:
        return found, keys_found
    if () in wanted:
        first = _TOKEN.match(text)
        found[()] = first.start(first.lastindex or 0) if first else 0
        if count == 1:
            return found, keys_found
    everything = {*wanted, *keys} if keys else wanted
    deepest = max(len(w) for w in everything)
    prefixes = {w[:i] for w in everything for i in range(len(w) + 1)}
    path: list[str] = []  # segment of the value being read, per open container
    counts: list[int] = []  # per open container: the next array index, or -1 for an object
    skip_depth = 0  # > 0 while inside a container no wanted pointer reaches into
    for match in _TOKEN.finditer(text):
        group = match.lastindex
        if group == _KEY:
            if not skip_depth:
                path[-1] = _key(match.group(_KEY))
                if keys and len(path) <= deepest:
                    here = tuple(path)
                    if here in keys and here not in keys_found:
                        keys_found[here] = match.start(_KEY)
                        if len(found) + len(keys_found) == count:
                            return found, keys_found
            continue
        if group == _CLOSE:
            if skip_depth:
                skip_depth -= 1
            else:
                path.pop()
                counts.pop()
            continue
        # A value starts here.
        if path and not skip_depth:
            if counts[-1] >= 0:  # an array element: its index
                path[-1] = str(counts[-1])
                counts[-1] += 1
            if len(path) <= deepest:
                here = tuple(path)
                if here in wanted:
                    found[here] = match.start(group or 0)
                    if len(found) + len(keys_found) == count:
                        return found, keys_found
        if group == _OPEN:
            if skip_depth or (path and tuple(path) not in prefixes):
                skip_depth += 1
            else:
                path.append("")
                counts.append(-1 if match.group(_OPEN) == "{" else 0)
    return found, keys_found
