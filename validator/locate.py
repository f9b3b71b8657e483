"""JSON Pointer -> line:column in the source text of a document.

Used only for invalid documents.  The scanner walks the text once, iteratively (no recursion, so
any nesting the parser accepted is fine), keeps track of the pointer of every value it passes and
records the character offset of the values that were asked for; it stops as soon as all of them
are found.  The text is known to be valid JSON (the parser has accepted it), so the scanner only
needs to tell tokens apart, not to check them.

Columns count Unicode characters (code points), 1-based; a tab is one character; lines end at LF
(a CR before it belongs to the line it ends).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from validator.parse import line_column

__all__ = ["locate", "pointer_segments"]

_TOKEN = re.compile(
    r'[ \t\r\n]*(?:("[^"\\]*(?:\\.[^"\\]*)*")|([\[{])|([\]}])|(,)|(:)|([^ \t\r\n,:\[\]{}"]+))'
)


def pointer_segments(pointer: str) -> tuple[str, ...]:
    """Split a JSON Pointer into its unescaped reference tokens (``""`` -> ``()``)."""
    if not pointer:
        return ()
    return tuple(p.replace("~1", "/").replace("~0", "~") for p in pointer[1:].split("/"))


def _key(token: str) -> str:
    return json.loads(token) if "\\" in token else token[1:-1]


def locate(text: str, pointers: Iterable[str]) -> dict[str, tuple[int, int]]:
    """Map each pointer that names a value in ``text`` to its ``(line, column)``.

    A pointer that names no value is left out of the result.
    """
    wanted: dict[tuple[str, ...], list[str]] = {}
    for pointer in pointers:
        wanted.setdefault(pointer_segments(pointer), []).append(pointer)
    offsets = _offsets(text, set(wanted))
    found: dict[str, tuple[int, int]] = {}
    for segments, offset in offsets.items():
        position = line_column(text, offset)
        for pointer in wanted[segments]:
            found[pointer] = position
    return found


def _offsets(text: str, wanted: set[tuple[str, ...]]) -> dict[tuple[str, ...], int]:
    found: dict[tuple[str, ...], int] = {}
    if not wanted:
        return found
    if () in wanted:
        first = _TOKEN.match(text)
        found[()] = first.start(first.lastindex or 0) if first else 0
        if len(found) == len(wanted):
            return found
    deepest = max(len(w) for w in wanted)
    prefixes = {w[:i] for w in wanted for i in range(len(w) + 1)}
    path: list[str] = []  # segment of the value being read, per open container
    is_object: list[bool] = []
    expect_key = False
    skip_depth = 0  # > 0 while inside a container no wanted pointer reaches into
    for match in _TOKEN.finditer(text):
        group = match.lastindex
        if group == 1 and expect_key:  # an object key
            expect_key = False
            if not skip_depth:
                path[-1] = _key(match.group(1))
            continue
        if group in (1, 2, 6):  # a value starts here
            if path and not skip_depth and len(path) <= deepest:
                here = tuple(path)
                if here in wanted:
                    found[here] = match.start(group)
                    if len(found) == len(wanted):
                        return found
            if group == 2:
                is_object.append(match.group(2) == "{")
                expect_key = is_object[-1]
                if skip_depth or (path and tuple(path) not in prefixes):
                    skip_depth += 1
                else:
                    path.append("0")
            continue
        if group == 3:  # a container closes
            is_object.pop()
            expect_key = False
            if skip_depth:
                skip_depth -= 1
            else:
                path.pop()
        elif group == 4:  # a comma: next member or element
            if is_object[-1]:
                expect_key = True
            elif not skip_depth:
                path[-1] = str(int(path[-1]) + 1)
    return found
