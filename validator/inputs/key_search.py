"""Where a few keys are in a document's text, found by searching for them instead of scanning.

A valid document with an undeclared property needs the position of that property's key, and
nothing else; the scanner of :mod:`validator.inputs.locate` reads the whole text token by token
(in Python) for it.  Here the key is searched for as bytes: a key whose name occurs once in the
whole document (counted in orjson's serialisation of it) and whose text is found once in the
source, written as orjson writes it and followed by a colon, is that member's key, whatever
white space the writer put around it (in a text without backslashes, every string is written as
orjson writes it, and the text alone counts the members of a name).  Anything less certain (the
name used twice, written with other escapes, a name starting with a character that may follow a
string) gives no answer, and the caller scans.

Why a match is the member: in JSON text a quote is a string's delimiter unless a backslash escapes
it, and a string opens only where no backslash precedes it (outside strings there are none).  A
match preceded by no backslash starts with a delimiter; it opens a string, since a closing quote is
followed by white space, ``,``, ``:``, ``]`` or ``}``, and the name starts with none of those; the
string is exactly the name as orjson writes it (its escapes come in whole pairs, so the match's
last quote closes it); and a string followed by a colon is a member's key.  Each such match in
orjson's text is one member of that name, so a count of one there means the document has one
member of that name, and one such match in the source is its key.
"""

from __future__ import annotations

import re
from itertools import accumulate, repeat
from operator import getitem, lt, sub
from typing import Any

import orjson

__all__ = ["key_places", "lone_keys", "lone_places"]

_FOLLOWS_STRING = frozenset(b" \t\r\n,:]}")
"""What may follow a string's closing quote."""
_BLANK = frozenset(b" \t\r\n")
_BACKSLASH = 0x5C
_COLON = 0x3A


_WRITTEN: dict[str, bytes] = {}
"""Names as orjson writes them, for the names searched for lately (the same few warn)."""


def key_places(
    raw: bytes, document: Any, members: list[tuple[str, str]]
) -> dict[tuple[str, str], tuple[int, int]] | None:
    """The (line, column) of the key of each member (``(object pointer, name)``) of
    ``document``, parsed from ``raw`` with no key dropped (lines from 1, columns in characters
    from 1, as :func:`validator.inputs.locate.positions` counts them); None unless every one is
    found for sure (see the module's documentation)."""
    # Without a backslash in the text, each string is written as orjson writes it, so the matches
    # in the text are the members of that name: the text alone counts them.
    dumped = None if b"\\" not in raw else _dumped(document)
    found: dict[tuple[str, str], tuple[int, int]] = {}
    for member in members:
        written = _WRITTEN.get(member[1]) or _written(member[1])
        if written is None:
            return None
        if dumped is not None:
            keyed = written + b":"
            if dumped.count(keyed) - dumped.count(b"\\" + keyed) != 1:
                return None  # the name is used more than once in the document
        at = _only_key(raw, written)
        if at is None:
            return None
        found[member] = _line_column(raw, at)
    return found


def _dumped(document: Any) -> bytes:
    try:
        return orjson.dumps(document)
    except orjson.JSONEncodeError:  # nesting at orjson's limit: no name counts once
        return b""


def _written(name: str) -> bytes | None:
    """``name`` as orjson writes it, or None when it cannot be searched for surely."""
    written = _WRITTEN.get(name)
    if written is None:
        try:
            written = orjson.dumps(name)
        except orjson.JSONEncodeError:  # a lone surrogate
            return None
        if len(written) < 3 or written[1] in _FOLLOWS_STRING:
            return None
        if len(name) <= 256:  # a long key of a hostile document is not kept
            if len(_WRITTEN) >= 4096:
                _WRITTEN.clear()
            _WRITTEN[name] = written
    return written


def _only_key(raw: bytes, written: bytes) -> int | None:
    """The offset of the one key ``written`` in ``raw``, or None if there is not exactly one."""
    size = len(raw)
    only = None  # each match of the text is a member of that name: one in all, or no answer
    at = raw.find(written)
    if at >= 0 and raw.find(written, at + 1) < 0:  # the usual case: the name once in the text
        after = at + len(written)
        while after < size and raw[after] in _BLANK:
            after += 1
        if after < size and raw[after] == _COLON and (at == 0 or raw[at - 1] != _BACKSLASH):
            return at
        return None
    while at >= 0:
        if at == 0 or raw[at - 1] != _BACKSLASH:
            after = at + len(written)
            while after < size and raw[after] in _BLANK:
                after += 1
            if after < size and raw[after] == _COLON:
                if only is not None:
                    return None
                only = at
        at = raw.find(written, at + 1)
    return only


def _line_column(raw: bytes, at: int) -> tuple[int, int]:
    """1-based line and column (in characters) of the byte offset ``at``."""
    feed = raw.rfind(b"\n", 0, at)
    line = raw.count(b"\n", 0, at) + 1 if feed >= 0 else 1
    start = feed + 1
    before = raw[start:at]
    column = len(before) if before.isascii() else len(before.decode("utf-8"))
    return line, column + 1


_KEYED: dict[bytes, re.Pattern[bytes]] = {}
"""A name as orjson writes it -> the pattern of it as a key (followed by a colon)."""

_FEED = b"\n"


def _keyed(written: bytes) -> re.Pattern[bytes]:
    """The pattern of a name (as orjson writes it) as a key: followed by its colon."""
    keyed = _KEYED.get(written)
    if keyed is None:
        keyed = re.compile(re.escape(written) + rb"[ \t\r\n]*:")
        if len(_KEYED) >= 1024:
            _KEYED.clear()
        _KEYED[written] = keyed
    return keyed


def lone_keys(texts: list[bytes], name: str) -> list[int | None]:
    """For each of ``texts`` (one line each, with or without its line feed, of documents parsed
    by orjson with no key dropped, each holding a member ``name``), the column of that member's
    key when it is certainly the one member of that name (the text has no backslash, so its
    matches are the members of that name, and it has one: see the module's documentation) and
    all the text is ASCII; else None.  A few passes in C over all the texts together, for the
    many documents of a run that warn alike: where all of them hold the name once, as a key,
    in ASCII without a backslash, directly followed by its colon (the usual case: compact and
    ``json.dumps``' spacing), their keys are found by one split of the texts joined; else each
    text is looked at alone."""
    written = _WRITTEN.get(name) or _written(name)
    if written is None:
        return [None] * len(texts)
    keyed = _keyed(written)
    # a line feed between the texts: no match spans two (orjson escapes line feeds in names)
    joined = _FEED.join(texts)
    pieces = joined.split(written)
    if (
        len(pieces) == len(texts) + 1  # once in each: each holds such a member
        and joined.isascii()
        and _BACKSLASH_BYTE not in joined
        and joined.count(_FEED) == len(texts) - 1 + sum(map(bytes.endswith, texts, _FEEDS))
        and list(map(getitem, pieces[1:], _FIRST_BYTE)).count(b":") == len(texts)  # a colon after
    ):
        # where each match is, and text i from before[i] + 1 to before[i + 1] - 1 (then its
        # line feed)
        at = list(
            accumulate(map(len(written).__add__, map(len, pieces[1:-1])), initial=len(pieces[0]))
        )
        before = list(accumulate(map(_PLUS_ONE, map(len, texts)), initial=-1))
        if all(map(lt, before, at)) and all(map(lt, at, before[1:])):
            return list(map(sub, at, before))  # the columns, from 1
    return _each_alone(texts, written, keyed)


_BACKSLASH_BYTE = b"\\"
_FEEDS = repeat(_FEED)
_PLUS_ONE = (1).__add__  # a text's length and its line feed, in C
_FIRST_BYTE = repeat(slice(0, 1))


def _each_alone(texts: list[bytes], written: bytes, keyed: re.Pattern[bytes]) -> list[int | None]:
    """:func:`lone_keys`, each text looked at alone."""
    counts = map(bytes.count, texts, repeat(written))
    plain = map(bytes.find, texts, repeat(b"\\"))
    lines = map(bytes.find, texts, repeat(_FEED))
    ends = map(len, texts)
    ascii_only = map(bytes.isascii, texts)
    found = list(map(bytes.find, texts, repeat(written)))
    keys = map(keyed.match, texts, found)
    return [
        at + 1
        if count == 1 and backslash < 0 and feed in (-1, end - 1) and simple and key
        else None
        for at, count, backslash, feed, end, simple, key in zip(
            found, counts, plain, lines, ends, ascii_only, keys, strict=True
        )
    ]


def lone_places(texts: list[bytes], name: str) -> list[tuple[int, int] | None]:
    """For each of ``texts`` (whole documents, of any number of lines, parsed by orjson with no
    key dropped, each holding a member ``name``), the (line, column) of that member's key when
    it is certainly the one member of that name (as :func:`lone_keys` decides: the text has no
    backslash and holds the name once, as a key) and the text is ASCII; else None.  Builtins
    over all the texts at once: a folder's files that warn alike."""
    written = _WRITTEN.get(name) or _written(name)
    if written is None:
        return [None] * len(texts)
    keyed = _keyed(written)
    found = list(map(bytes.find, texts, repeat(written)))
    counts = map(bytes.count, texts, repeat(written))
    plain = map(bytes.find, texts, repeat(_BACKSLASH_BYTE))
    simple = map(bytes.isascii, texts)
    keys = map(keyed.match, texts, found)
    lines = map(bytes.count, texts, repeat(_FEED), repeat(0), found)
    feeds = map(bytes.rfind, texts, repeat(_FEED), repeat(0), found)
    return [
        (line + 1, at - feed) if count == 1 and backslash < 0 and ascii_only and key else None
        for at, count, backslash, ascii_only, key, line, feed in zip(
            found, counts, plain, simple, keys, lines, feeds, strict=True
        )
    ]
