"""HAR 1.2 recordings (browser devtools, Playwright's ``record_har``, mitmproxy's ``hardump``),
read entry by entry in bounded memory, each response body decoded and placed in the file.

The file is walked in chunks (:class:`validator.inputs.har_scan.Chunks`): the top object and
``log`` by hand, member by member (their other members, ``creator``, ``pages``..., are read
whole and dropped), and each entry of ``log.entries`` whole by orjson once its extent is known,
so memory holds one entry at a time however large the file is and however it is split into
lines (a HAR written on one line too).  An entry of up to ``limit + limit / 3 + 1 MiB`` bytes of
the file (a body of ``limit`` bytes as base64, and the rest of the entry) is read whole; a
larger one is walked through token by token for its method, URL, status and content type and
its body's place, and is a ``failure`` (:mod:`validator.inputs.har_large`); a body over
``limit`` bytes once decoded is a ``failure`` too; either way the reader goes on.

Strict JSON throughout (but for the scalars of an entry too large to read whole, which is only
walked): an error stops the file there, with its place; so does a key repeated in one object of
an entry (orjson would silently keep one).  An entry holding a number orjson refuses (beyond a
double: JSON all the same) is read by the standard library (:mod:`validator.inputs.har_exact`).
Nesting is bounded by orjson's limit (1,024 levels, :data:`validator.inputs.parse.MAX_DEPTH`).
A UTF-8 byte order mark at the start is skipped (some Windows tools write one); a UTF-16 or
UTF-32 file is named, not read.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable, Iterator
from typing import Any, BinaryIO

from validator.inputs.boundary import NotRegular, mebibytes
from validator.inputs.har_entry import NOT_AN_ENTRY, HarEntry, Skipped, fields
from validator.inputs.har_exact import exact_status
from validator.inputs.har_keys import indented_text, no_duplicates
from validator.inputs.har_large import large_entry
from validator.inputs.har_scan import Chunks, NotAHar, PartDone, Placed, TooBig, Truncated

__all__ = ["HarEntry", "NotAHar", "is_har", "iter_entries", "open_local", "walk"]

_KEY_CAP = 1 << 16
"""The longest member name read in the top object and in ``log``."""
_OPEN, _CLOSE, _OPEN_LIST, _CLOSE_LIST = b"{}[]"
_COMMA, _COLON, _QUOTE = b",:" + b'"'
_TO_VALUE = re.compile(rb"[ \t\r\n]*:[ \t\r\n]*")
"""What follows a member's name up to its value."""


def is_har(name: str) -> bool:
    """Whether a file name is a HAR recording's: ``.har``, in any case.  Zipped HARs
    (Playwright's ``record_har`` to a ``.zip``, ``.har.gz``) are not, and are never unpacked
    (a body's place in a compressed file means nothing to a reader): named, such a file is
    unreadable, its line saying how to unpack it (:func:`_not_an_object`)."""
    return name[-4:].lower() == ".har"


def iter_entries(
    path: str,
    *,
    limit: int,
    opener: Callable[[], BinaryIO] | None = None,
    skipped: Skipped | None = None,
) -> Iterator[HarEntry]:
    """The entries of the HAR file ``path``, in order, one at a time.

    ``limit`` is the most bytes of one body (``--max-document-bytes``).  Raises
    :class:`NotAHar` (one line naming the file and line:column) where the file stops being a
    HAR, after the entries before that place were yielded; :class:`OSError` when it cannot be
    read (:class:`validator.inputs.boundary.NotRegular` for a folder, a pipe, a device).
    ``opener``: how to open it where it is not a local file (an fsspec URL's file: read as a
    stream, named ``path``).  ``skipped``: the entries whose body is of no use (given the URL
    and status): an encoded body of theirs is not decoded (see
    :func:`~validator.inputs.har_entry.fields`)."""
    if opener is not None:
        with opener() as remote:
            yield from walk(Chunks(remote, path), limit, skipped=skipped)
        return
    with open_local(path) as stream:
        yield from walk(Chunks(stream, path), limit, skipped=skipped)


def open_local(path: str) -> BinaryIO:
    """The local regular file ``path``, opened for reading (never blocking on a FIFO)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegular(path)
        return os.fdopen(fd, "rb", buffering=0)
    except BaseException:
        os.close(fd)
        raise


def walk(
    chunks: Chunks,
    limit: int,
    part: tuple[int, int | None] | None = None,
    skipped: Skipped | None = None,
) -> Iterator[HarEntry]:
    chunks.start()
    first = chunks.blanks()
    if first is None:
        raise chunks.fail(chunks.here(), "not a HAR file: the file is empty")
    if first != _OPEN:
        raise _not_an_object(chunks, first)
    top = chunks.place(chunks.here())
    chunks.at += 1
    seen_log = False
    for key, offset in _members(chunks, "the top object"):
        if key == "log":
            if seen_log:
                raise chunks.fail(offset, 'not a HAR file: "log" twice in the top object')
            seen_log = True
            yield from _log(chunks, (limit, skipped), part)
        else:
            _skip(chunks, limit, f"the top object's {key!r}")
    if chunks.blanks() is not None:
        raise chunks.fail(chunks.here(), "not a HAR file: more after the top object")
    if not seen_log:
        raise NotAHar(f'{chunks.name}:{top[0]}:{top[1]}: not a HAR file: no "log" in the object')


def _not_an_object(chunks: Chunks, first: int) -> NotAHar:
    from validator.inputs.encodings import wide_encoding  # only for a file that is no HAR

    start = bytes(chunks.buf[:4])
    if start[:2] == b"\x1f\x8b" or start == b"PK\x03\x04":  # never unpacked: see is_har
        zipped = "a zip archive: extract its .har first"
        said = zipped if start[:1] == b"P" else _gunzip(chunks.name)
        return chunks.fail(0, f"not a HAR file: {said}")
    wide = wide_encoding(start)
    if wide is not None:
        return chunks.fail(0, f"not a HAR file: {wide}: a HAR file must be UTF-8")
    if first in b'[0123456789-"tfn':
        return chunks.fail(chunks.here(), "not a HAR file: a HAR file is a JSON object")
    chunks.fill_from_at(4096)
    return chunks.not_json(chunks.at, min(len(chunks.buf), chunks.at + 4096))


def _gunzip(name: str) -> str:
    """What to do with a gzip file: a command gzip runs as it stands (``gunzip`` takes only a
    name ending ``.gz``, in any case, and refuses ``rec.har``: "unknown suffix")."""
    from shlex import quote

    if name == "<stdin>":
        return "a gzip stream: decompress it first (through gunzip -c)"
    if name.lower().endswith(".gz"):
        return f"a gzip file: decompress it first (gunzip {quote(name)})"
    out = (name[:-4] if name.lower().endswith(".har") else name) + ".unpacked.har"
    return f"a gzip file: decompress it first (gunzip -c {quote(name)} > {quote(out)})"


def _ends_inside(chunks: Chunks, what: str) -> NotAHar:
    """The file ended (placed at its end)."""
    end = chunks.base + len(chunks.buf)
    return chunks.fail(end, f"not a HAR file: the file ends inside {what} (cut short?)")


def _members(chunks: Chunks, what: str) -> Iterator[tuple[str, int]]:
    """The members of the object whose ``{`` was just passed: each name and the offset of its
    opening quote, with ``at`` at its value (which the caller reads)."""
    following = chunks.blanks()
    if following == _CLOSE:
        chunks.at += 1
        return
    while True:
        if following is None:
            raise _ends_inside(chunks, what)
        if following != _QUOTE:
            raise chunks.fail(chunks.here(), f"not a HAR file: expected a member name in {what}")
        offset = chunks.here()
        try:
            key, _, _ = chunks.value(_KEY_CAP)
        except TooBig:
            message = f"not a HAR file: a member name of over 64 KiB in {what}"
            raise chunks.fail(offset, message) from None
        except Truncated:
            raise _ends_inside(chunks, what) from None
        if chunks.blanks() != _COLON:
            raise chunks.fail(chunks.here(), f"not a HAR file: expected ':' in {what}")
        chunks.at += 1
        if chunks.blanks() is None:
            raise _ends_inside(chunks, what)
        yield key, offset
        following = chunks.blanks()
        if following == _COMMA:
            chunks.at += 1
            following = chunks.blanks()
        elif following == _CLOSE:
            chunks.at += 1
            return
        elif following is None:
            raise _ends_inside(chunks, what)
        else:
            raise chunks.fail(chunks.here(), f"not a HAR file: expected ',' or '}}' in {what}")


def _skip(chunks: Chunks, limit: int, what: str) -> None:
    """Read a value that is not needed (``creator``, ``pages``, ...) and drop it."""
    offset = chunks.here()
    try:
        chunks.value(limit)
    except TooBig:
        raise chunks.fail(offset, f"not a HAR file: {what} is over {mebibytes(limit)}") from None
    except Truncated:
        raise _ends_inside(chunks, what) from None


def _log(
    chunks: Chunks, reading: tuple[int, Skipped | None], part: tuple[int, int | None] | None
) -> Iterator[HarEntry]:
    if chunks.blanks() != _OPEN:
        raise chunks.fail(chunks.here(), "not a HAR file: log is not an object")
    opened = chunks.place(chunks.here())
    chunks.at += 1
    seen = False
    for key, offset in _members(chunks, "log"):
        if key == "entries":
            if seen:
                raise chunks.fail(offset, 'not a HAR file: "entries" twice in log')
            seen = True
            yield from _entries(chunks, reading, part)
        else:
            _skip(chunks, reading[0], f"log.{key}")
    if not seen:
        line, column = opened
        raise NotAHar(f'{chunks.name}:{line}:{column}: not a HAR file: log has no "entries"')


def _entries(
    chunks: Chunks, reading: tuple[int, Skipped | None], part: tuple[int, int | None] | None
) -> Iterator[HarEntry]:
    """The entries of ``log.entries`` (``reading``: the limit of a body, and which entries are
    skipped; ``part``: only those whose ``{`` lies in its byte range, see :func:`iter_part`)."""
    if chunks.blanks() != _OPEN_LIST:
        raise chunks.fail(chunks.here(), "not a HAR file: log.entries is not an array")
    chunks.at += 1
    following = chunks.blanks()
    if following == _CLOSE_LIST:
        chunks.at += 1
        return
    limit, skipped = reading
    cap = limit + limit // 3 + (1 << 20)  # a body of `limit` bytes as base64, and the rest
    number = 0
    hint = b""
    while True:
        if following is None:
            raise _ends_inside(chunks, "log.entries")
        if following != _OPEN:
            raise chunks.fail(
                chunks.here(), f"not a HAR file: log.entries[{number}] is not an object"
            )
        offset = chunks.here()
        wanted = part is None or _in_part(offset, part)
        try:
            found, end = _read_entry(chunks, number, (cap, limit, skipped), hint, wanted)
        except NotAHar as exc:  # in a part: said by the part the entry is in
            if part is None:
                raise
            raise Placed(exc, offset) from None
        if found is not None:
            yield found
        number += 1
        following = chunks.blanks()
        if following == _COMMA:
            chunks.at += 1
            following = chunks.blanks()
            hint = _hint(chunks, end)
            if following == _CLOSE_LIST:
                raise chunks.fail(chunks.here(), "not a HAR file: a comma after the last entry")
        elif following == _CLOSE_LIST:
            chunks.at += 1
            return
        elif following is None:
            raise _ends_inside(chunks, "log.entries")
        else:
            raise chunks.fail(
                chunks.here(),
                f"not a HAR file: expected ',' or ']' after log.entries[{number - 1}]",
            )


def _read_entry(
    chunks: Chunks, number: int, caps: tuple[int, int, Skipped | None], hint: bytes, wanted: bool
) -> tuple[HarEntry | None, int]:
    """The entry at ``at`` (None when not ``wanted``: only its end is found) and the file
    offset of its end (-1 for an entry too large to read whole, walked through)."""
    cap, limit, skipped = caps
    try:
        try:
            value, start, end = chunks.value(cap, hint)
        except TooBig:
            return large_entry(chunks, number, cap), -1
        if wanted:
            return _entry(chunks, number, value, (start, end), limit, skipped), end
        # not this part's: only what stops the file (a key twice) is looked for
        no_duplicates(chunks, number, value, start - chunks.base, end - chunks.base)
        return None, end
    except Truncated:
        raise _ends_inside(chunks, f"log.entries[{number}]") from None


def _in_part(offset: int, part: tuple[int, int | None]) -> bool:
    """Whether the entry at ``offset`` is the part's (raises :class:`PartDone` past it)."""
    start, stop = part
    if stop is not None and offset >= stop:
        raise PartDone
    return offset >= start


def _hint(chunks: Chunks, end: int) -> bytes:
    """How the entry just read ended and the next began (see :meth:`Chunks.value`)."""
    first = end - chunks.base - 2
    if end < 0 or first < 0 or chunks.at - first > 64:
        return b""
    return bytes(chunks.buf[first : chunks.at + 1])


def _entry(
    chunks: Chunks,
    number: int,
    value: Any,
    extent: tuple[int, int],
    limit: int,
    skipped: Skipped | None,
) -> HarEntry:
    """One entry read whole (``extent``: its start and end in the file) as a :class:`HarEntry`."""
    first, last = extent[0] - chunks.base, extent[1] - chunks.base
    indented = no_duplicates(chunks, number, value, first, last)
    found = fields(exact_status(chunks.buf, value, first, last), limit, skipped)
    at = indented_text(chunks.buf, first, last) if indented and found.has_text else -1
    if found.failure is not None and found.failure.startswith(NOT_AN_ENTRY):  # at its "{"
        line, column = chunks.place(chunks.base + first)
    elif at >= 0:
        line, column = chunks.place(chunks.base + at)
    else:
        name, pointer = (
            (b'"text"', "/response/content/text")
            if found.has_text
            else (b'"response"', "/response")
        )
        line, column = _place(chunks, name, pointer, value, first, last)
    return HarEntry(
        number,
        found.method,
        found.url,
        found.status,
        found.content_type,
        found.text,
        line,
        column,
        found.omitted,
        found.failure,
    )


def _place(
    chunks: Chunks, name: bytes, pointer: str, value: Any, first: int, last: int
) -> tuple[int, int]:
    """The line and column of the value at ``pointer`` in the entry at ``buf[first:last]``: the
    value of the one member ``name`` (a quoted name) in the entry, else found by a walk of the
    entry's text (:func:`validator.inputs.locate.locate`)."""
    buf = chunks.buf
    found: list[int] = []
    at = buf.find(name, first, last)
    while at >= 0 and len(found) < 2:
        after = _TO_VALUE.match(buf, at + len(name), last)
        if after is not None and _unescaped(buf, at):
            found.append(after.end())
        at = buf.find(name, at + len(name), last)
    if len(found) == 1:
        return chunks.place(chunks.base + found[0])
    if pointer == "/response" and not isinstance(value.get("response"), dict):
        return chunks.place(chunks.base + first)
    from validator.inputs.locate import locate  # entries with a request body, ...

    inner = locate(bytes(buf[first:last]).decode("utf-8"), [pointer], value).get(pointer, (1, 1))
    return _inside(chunks, first, inner)


def _inside(chunks: Chunks, first: int, inner: tuple[int, int]) -> tuple[int, int]:
    """The line and column in the file of ``inner``, a line and column in the text that starts
    at ``buf[first]``."""
    line, column = chunks.place(chunks.base + first)
    return (line, column + inner[1] - 1) if inner[0] == 1 else (line + inner[0] - 1, inner[1])


def _unescaped(buf: bytearray, quote: int) -> bool:
    """Whether the quote at ``quote`` is no escaped one (an even run of backslashes before it)."""
    at = quote
    while at > 0 and buf[at - 1] == 0x5C:
        at -= 1
    return (quote - at) % 2 == 0
