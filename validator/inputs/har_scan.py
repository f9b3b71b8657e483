"""The bytes of a recording read in chunks, with positions: what :mod:`validator.inputs.har`
walks a HAR file with, entry by entry, in bounded memory.

A :class:`Chunks` holds a window of the file (the bytes not yet consumed, and those of the value
being read); :meth:`Chunks.value` reads one JSON value whole with orjson (a window that grows
until the value fits, up to a cap), and :meth:`Chunks.place` turns a file offset into the 1-based
line and column (in code points; lines end at LF, a CR belongs to the line it ends) by counting
forward from the last place asked, so a whole pass costs one count of the file, however it is
split into lines (a HAR written on one line too).
"""

from __future__ import annotations

import re
from typing import Any, BinaryIO

import orjson

from validator.inputs.har_exact import INFINITE, read_exact

__all__ = ["CHUNK", "Chunks", "NotAHar", "PartDone", "Placed", "TooBig", "Truncated"]

CHUNK = 1 << 20
"""Bytes read from the file at a time."""

_CONTINUATION = bytes(range(0x80, 0xC0))
"""UTF-8 continuation bytes: removing them leaves one byte per code point."""
_BLANKS = re.compile(rb"[ \t\r\n]*")
_TRAILING = "unexpected content after document"
_END = "unexpected end of data"
_UTF8 = "str is not valid UTF-8"
_SLACK = 256
"""An orjson error this many bytes or more before the end of a window that was cut short is an
error of the text, not of the cut."""


class NotAHar(Exception):
    """A file that is not a HAR recording, or stops being one: ``str()`` is one line naming the
    file and the line:column where it went wrong (``rec.har:1:1: not a HAR file: ...``)."""


class Truncated(Exception):
    """The file ends inside the value being read."""


class TooBig(Exception):
    """A value longer than the cap it was read with (the chunks are left at its start)."""


class PartDone(Exception):
    """The walk of a part of a file (:func:`validator.inputs.har_parts.iter_part`) reached an
    entry past its range."""


class Placed(Exception):
    """In the walk of a part: the :class:`NotAHar` of an entry, and the file offset of the
    entry's ``{`` (which part says it)."""

    def __init__(self, error: NotAHar, offset: int) -> None:
        super().__init__(str(error))
        self.error, self.offset = error, offset


def _code_points(raw: bytes | bytearray) -> int:
    return len(raw) if raw.isascii() else len(raw.translate(None, _CONTINUATION))


class Chunks:
    """A file read forward in chunks.  ``at`` is the index in ``buf`` of the next byte to read;
    ``base`` the file offset of ``buf[0]``."""

    def __init__(self, stream: BinaryIO, name: str) -> None:
        self.stream, self.name, self.chunk = stream, name, CHUNK
        self.buf = bytearray()
        self.base = self.at = 0
        self.eof = False
        self.window = 1 << 14
        """How much orjson is shown at first: about twice the last value read."""
        self.shortest = 0
        """The length of the shortest value a hint found the end of (0: none yet)."""
        self._hint, self._search = b"", _BLANKS.search
        self.unlike = 0
        """How many entries in a row were not written as orjson writes them (see
        :mod:`validator.inputs.har_keys`)."""
        self._mark, self._line, self._column = 0, 1, 1  # file offset `_mark` is at line:column

    # --- reading --------------------------------------------------------------------------------

    def start(self) -> None:
        """Skip a UTF-8 byte order mark at the start of the file (some Windows tools write one);
        columns on line 1 count from after it."""
        if self.fill_from_at(3) and self.buf[:3] == b"\xef\xbb\xbf":
            self.at = self._mark = 3

    def _drop(self) -> None:
        """Forget the bytes before ``at`` (their places are counted first)."""
        self._advance(self.base + self.at)
        del self.buf[: self.at]
        self.base += self.at
        self.at = 0

    def more(self, count: int = 1) -> bool:
        """Whether ``count`` bytes from ``at`` are there (reading them if need be); may move
        the window (``at`` stays the same byte)."""
        if self.at + count <= len(self.buf):
            return True
        return self.fill_from_at(count)

    def fill_from_at(self, count: int) -> bool:
        if self.at >= self.chunk and self.at * 2 >= len(self.buf):
            self._drop()
        while len(self.buf) < self.at + count and not self.eof:
            data = self.stream.read(max(self.chunk, self.at + count - len(self.buf)))
            if not data:
                self.eof = True
            self.buf += data
        return len(self.buf) >= self.at + count

    def blanks(self) -> int | None:
        """Skip white space; the next byte, or None at the end of the file."""
        while True:
            end = _BLANKS.match(self.buf, self.at).end()  # type: ignore[union-attr]
            self.at = end
            if end < len(self.buf):
                return self.buf[end]
            if not self.fill_from_at(1):
                return None

    def value(self, cap: int, hint: bytes = b"") -> tuple[Any, int, int]:
        """Read the JSON value at ``at`` whole: the value, and the file offsets of its first byte
        and of the byte after it; ``at`` moves past it.  Raises :class:`TooBig` when it takes
        more than ``cap`` bytes, :class:`Truncated` when the file ends in it, :class:`NotAHar`
        when it is not JSON.

        ``hint``: how the value may end, the last two bytes of the value before it and what
        came between the two (``" },\\n      {"``): a writer writes every entry alike, so the
        first place those bytes occur again is likely the end, and orjson reading exactly up to
        there proves it (a JSON object read whole from its ``{`` ends at its own ``}``); else
        orjson reads a window and says where the value ended, or that it needs more."""
        window = min(self.window, cap + 1)
        if hint:
            read = self._hinted(hint, window)
            if read is not None:
                return read
        while True:
            self.fill_from_at(window + 1)  # and the byte after it: is it cut in a character?
            start = self.at
            end = min(len(self.buf), start + window)
            cut = end < len(self.buf) or not self.eof
            while cut and end > start and self.buf[end] & 0xC0 == 0x80:
                end -= 1  # never show orjson half a character
            view = memoryview(self.buf)
            try:
                value = orjson.loads(view[start:end])
            except orjson.JSONDecodeError as exc:
                if exc.msg == INFINITE:  # a number beyond a double: read by the standard library
                    view.release()
                    return read_exact(self, cap, TooBig, Truncated)
                found = self._ended(exc, start, end, cut)
                view.release()
                if found is not None:
                    return self.taken(start, found)
            else:
                view.release()
                if not cut or isinstance(value, (dict, list, str)):
                    return self.taken(start, end, value)
            if window > cap:
                raise TooBig
            window = min(window * 2, cap + 1)

    def _hinted(self, hint: bytes, window: int) -> tuple[Any, int, int] | None:
        self.more(window)
        start = self.at
        skip = self.shortest * 3 // 4
        value = self._ending(hint, start, start + max(skip, 1), start + window)
        if value is None and skip > 1:
            value = self._ending(hint, start, start + 1, start + skip + len(hint))
        if value is None:
            return None
        end = self.at  # set by _ending
        self.shortest = end - start if self.shortest == 0 else min(self.shortest, end - start)
        return value, self.base + start, self.base + end

    def _ending(self, hint: bytes, start: int, first: int, last: int) -> Any:
        """The value at ``buf[start]`` when the first ``hint`` in ``buf[first:last]`` ends it
        (``at`` then moves past it), else None."""
        if hint != self._hint:  # searched for from its second byte (a writer's "}"): an
            # `re` search skips to a byte as rare as that quickly, where a space (the first
            # byte, of indentation) is everywhere
            self._hint, self._search = hint, re.compile(re.escape(hint[1:])).search
        buf, found = self.buf, -1
        while found < 0:
            match = self._search(buf, first + 1, last)
            if match is None:
                return None
            found = match.start() - 1
            if buf[found] != hint[0]:
                found, first = -1, found + 1
        try:
            value = orjson.loads(memoryview(self.buf)[start : found + 2])
        except orjson.JSONDecodeError:
            return None
        self.taken(start, found + 2, value)
        return value

    def _ended(self, exc: orjson.JSONDecodeError, start: int, end: int, cut: bool) -> int | None:
        """Where the value orjson read from ``buf[start:end]`` ends when it said more follows;
        None when the window was cut too short; else a :class:`NotAHar` naming the error."""
        if exc.msg == _TRAILING:
            at = self.byte_index(start, exc.pos)
            while self.buf[at - 1] in b" \t\r\n":
                at -= 1
            return at
        if not cut and exc.msg == _END:
            raise Truncated
        if cut and (exc.msg.startswith(_UTF8) or self.byte_index(start, exc.pos) > end - _SLACK):
            return None
        raise self.not_json(start, end)

    def taken(self, start: int, end: int, value: Any = None) -> tuple[Any, int, int]:
        if value is None:
            value = orjson.loads(memoryview(self.buf)[start:end])
        self.at = end
        self.window = max(1 << 12, min(2 * (end - start), 1 << 24))
        return value, self.base + start, self.base + end

    def byte_index(self, start: int, code_points: int) -> int:
        """The index in ``buf`` of the character ``code_points`` characters after ``start``."""
        at, counted = start + code_points, _code_points(self.buf[start : start + code_points])
        while counted < code_points:
            step = code_points - counted
            counted += _code_points(self.buf[at : at + step])
            at += step
        while at < len(self.buf) and self.buf[at] & 0xC0 == 0x80:
            at += 1
        return at

    # --- errors ---------------------------------------------------------------------------------

    def not_json(self, start: int, end: int) -> NotAHar:
        """The error of the text in ``buf[start:end]`` (known to be there), worded and placed by
        the exact parser."""
        from validator.inputs.parse import ParseProblem, parse_exact  # only for a broken file

        found = parse_exact(bytes(self.buf[start:end]))
        if not isinstance(found, ParseProblem):  # orjson's own limits: say what it said
            return self.fail(self.base + start, "not a HAR file: not JSON that can be read")
        line, column = self.place(self.base + start)
        if found.line > 1:
            line, column = line + found.line - 1, found.column
        else:
            column += found.column - 1
        message = found.message.replace("end of the document", "end of the file")
        if not self.eof or end < len(self.buf):
            message = message.replace("end of the file", "end of the value")
        return NotAHar(f"{self.name}:{line}:{column}: not a HAR file: {message}")

    def fail(self, offset: int, message: str) -> NotAHar:
        """A :class:`NotAHar` at a file offset."""
        line, column = self.place(offset)
        return NotAHar(f"{self.name}:{line}:{column}: {message}")

    def here(self) -> int:
        """The file offset of ``at``."""
        return self.base + self.at

    # --- places ---------------------------------------------------------------------------------

    def place(self, offset: int) -> tuple[int, int]:
        """The line and column of a file offset at or after the last one placed (and still in
        the window)."""
        self._advance(offset)
        return self._line, self._column

    def _advance(self, offset: int) -> None:
        if offset <= self._mark:
            return
        buf, first, last = self.buf, self._mark - self.base, offset - self.base
        feeds = buf.count(b"\n", first, last)
        if feeds:
            self._line += feeds
            self._column = 1 + _code_points(buf[buf.rfind(b"\n", first, last) + 1 : last])
        else:
            self._column += _code_points(buf[first:last])
        self._mark = offset
