"""An entry too large to read whole (a body far over ``--max-document-bytes``): walked token by
token through the file, holding no more than a chunk of it, for the fields a check names it by
(method, URL, status, content type) and the place of its body; the body itself is skipped and
the entry is a ``failure``.  The walk checks the structure (brackets that match, strings that
end, nesting within :data:`validator.inputs.parse.MAX_DEPTH`), not every scalar: what follows
it is read strictly again."""

from __future__ import annotations

import re
from typing import Any

import orjson

from validator.inputs.boundary import mebibytes
from validator.inputs.har_entry import HarEntry
from validator.inputs.har_scan import Chunks, Truncated

__all__ = ["large_entry"]

_STRING_PART = re.compile(rb'[^"\\]*(?:\\.[^"\\]*)*')
"""The inside of a string up to its closing quote (or the end of what is read)."""
_SCALAR = re.compile(rb'[^ \t\r\n"{}\[\],:]{1,400}')
_SMALL = 1 << 16
"""The longest string kept (a method, a URL, a content type); longer ones are skipped."""
_MAX_DEPTH = 1024
_WANTED = {
    ("request", "method"),
    ("request", "url"),
    ("response", "status"),
    ("response", "content", "mimeType"),
}


def _string(chunks: Chunks, keep: bool) -> tuple[Any, int]:
    """Read the string at ``at`` (its quote): its value when ``keep`` and it is short (else
    None), and its length in bytes; ``at`` moves past it."""
    if keep:
        need = 256
        while True:  # the whole string in the window (at stays at its quote: it stays there)
            inside = _STRING_PART.match(chunks.buf, chunks.at + 1)
            assert inside is not None  # the pattern matches the empty string
            end = inside.end()
            if end < len(chunks.buf) and chunks.buf[end] == 0x22:
                value = orjson.loads(memoryview(chunks.buf)[chunks.at : end + 1])
                length, chunks.at = end - chunks.at - 1, end + 1
                return value, length
            if end - chunks.at > _SMALL or not chunks.fill_from_at(need):
                break
            need *= 2
    chunks.at += 1
    length = 0
    while True:
        inside = _STRING_PART.match(chunks.buf, chunks.at)
        assert inside is not None
        length += inside.end() - chunks.at
        chunks.at = inside.end()
        if chunks.at < len(chunks.buf) and chunks.buf[chunks.at] == 0x22:
            chunks.at += 1
            return None, length
        if not chunks.fill_from_at(2):  # an escape cut by the end of the window, or more text
            raise Truncated


def large_entry(chunks: Chunks, number: int, cap: int) -> HarEntry:
    """Walk the entry at ``at`` (its ``{``) to its end; see the module's notes."""
    closers: list[int] = []
    path: list[str | None] = []
    key: str | None = None
    found: dict[tuple[str | None, ...], Any] = {}
    entry_place = chunks.place(chunks.here())
    place: tuple[int, int] | None = None
    expect_key = False
    while True:
        following = chunks.blanks()
        if following is None:
            raise Truncated
        here = (*path, key)
        if following in b"{[":
            if len(closers) >= _MAX_DEPTH:
                raise chunks.fail(chunks.here(), "not a HAR file: nesting deeper than 1024")
            if here == ("response",) and place is None:
                place = chunks.place(chunks.here())
            if closers:
                path.append(key)  # None for an array's item
            closers.append(following + 2)  # "{" + 2 == "}", "[" + 2 == "]"
            key = None
            expect_key = following == 0x7B
            chunks.at += 1
        elif following in b"}]":
            if not closers or closers.pop() != following:
                raise chunks.fail(chunks.here(), "not a HAR file: a bracket that closes nothing")
            chunks.at += 1
            if not closers:
                break
            key = path.pop()
        elif following == 0x2C:  # ,
            chunks.at += 1
            expect_key = closers[-1] == 0x7D
        elif following == 0x3A:  # :
            chunks.at += 1
        elif following == 0x22:
            if expect_key:
                offset = chunks.here()
                name, _ = _string(chunks, True)
                if name is None:
                    raise chunks.fail(offset, "not a HAR file: a member name of over 64 KiB")
                key, expect_key = name, False
                continue
            if here == ("response", "content", "text"):
                place = chunks.place(chunks.here())
            value, _ = _string(chunks, here in _WANTED)
            found[here] = value
        else:
            chunks.more(401)  # a scalar is never cut by the end of the window
            scalar = _SCALAR.match(chunks.buf, chunks.at)
            if scalar is None:
                raise chunks.fail(chunks.here(), "not a HAR file: a value too long to be one")
            if here in _WANTED:
                try:
                    found[here] = orjson.loads(scalar.group())
                except orjson.JSONDecodeError:
                    raise chunks.fail(chunks.here(), "not a HAR file: not a JSON value") from None
            chunks.at = scalar.end()
    return _made(number, found, place or entry_place, cap)


def _made(
    number: int, found: dict[tuple[str | None, ...], Any], place: tuple[int, int], cap: int
) -> HarEntry:
    def text(path: tuple[str, ...]) -> str:
        value = found.get(path)
        return value if isinstance(value, str) else ""

    status = found.get(("response", "status"))
    rest = cap - (1 << 20)  # cap = limit + limit // 3 + 1 MiB, so:
    limit = rest - rest // 4
    return HarEntry(
        number,
        text(("request", "method")),
        text(("request", "url")),
        status if isinstance(status, int) and not isinstance(status, bool) else 0,
        text(("response", "content", "mimeType")),
        None,
        place[0],
        place[1],
        None,
        f"the entry is larger than {_sized(cap)}, the most an entry may take: a body of the "
        f"--max-document-bytes limit ({mebibytes(limit)}) as "
        "base64 and 1 MiB for the rest (its body is not read)",
    )


def _sized(size: int) -> str:
    """A size in MiB to two decimals rounded down (``2.33 MiB``: "larger than" it stays true),
    in bytes below 1 MiB."""
    if size < 1 << 20:
        return f"{size} bytes"
    hundredths = size * 100 >> 20
    return f"{hundredths // 100}.{hundredths % 100:02d}".rstrip("0").rstrip(".") + " MiB"
