"""A byte range of a JSON Lines file, read by the worker that checks it.

Workers (``--jobs``, the scale-out engines) cut a large file into ranges by byte offset alone;
each reads the lines that start in its range (:func:`read_range`), numbered by the main process
(:class:`LineCounter`).  A line longer than the document limit is
never gathered, here as in :mod:`validator.inputs.sources`.
"""

from typing import BinaryIO

from validator.inputs.boundary import MAX_DOCUMENT_BYTES
from validator.inputs.sources import (
    BLOCK_SIZE,
    Batch,
    Item,
    _batches,
    _reason,
    _screened,
    _too_long,
    split_lines,
)

__all__ = ["LineCounter", "read_range"]


def read_range(
    name: str,
    start: int,
    stop: int | None,
    first_line: int = 1,
    limit: int = MAX_DOCUMENT_BYTES,
) -> list[Batch | Item]:
    """The lines of a JSON Lines file whose first byte lies in ``[start, stop)`` (``stop`` None:
    to the end), the first of them numbered ``first_line``; so that workers can each read a part
    of one large file, cut into ranges by byte offset alone (see :class:`LineCounter` for the
    numbers).  A line that starts in the range is read whole, however far it runs, unless it is
    longer than ``limit``: then it is an :class:`Item` saying so, its bytes skipped unkept.
    Nothing when no line starts in the range; a file that cannot be read gives an :class:`Item`
    saying why (for the range at offset 0 only: one report per file)."""
    try:
        with open(name, "rb") as stream:
            position = 0
            if start > 0:
                stream.seek(start - 1)
                # the end of the line begun before the range, looked for within the range only: a
                # line starts in it only after an LF in bytes start - 1 .. stop - 2 (a long line
                # that spans many ranges is not read by each of them to its end)
                most = None if stop is None else stop - start
                ended, length = _skip_line(stream, most)
                position = start - 1 + length
                if not ended:
                    return []  # the file ends first, or no line starts in the range
            if stop is None:
                return list(_batches(name, stream, limit, first_line))
            if position >= stop:
                return []  # no line starts in the range
            body = stream.read(stop - position)
            if not body:
                return []
            last = body.rfind(b"\n") + 1  # where the line running past the range starts
            if last < len(body):  # it runs past the range: all of it, unless too long
                rest = _line_rest(stream, limit - (len(body) - last))
                if rest is None:
                    found = _block(name, first_line, body[:last], limit) if last else []
                    return [*found, _too_long(name, first_line + body.count(b"\n", 0, last), limit)]
                body += rest
    except OSError as exc:
        return [Item(name, 1, None, _reason(exc))] if start == 0 else []
    return _block(name, first_line, body, limit)


def _block(name: str, first_line: int, body: bytes, limit: int) -> list[Batch | Item]:
    """Whole lines (each with its LF) as batches, those longer than ``limit`` as items."""
    block = body[:-1] if body.endswith(b"\n") else body
    if len(block) <= limit:
        return [Batch(name, first_line, block, split_lines(block))]
    return list(_screened(name, first_line, block, limit))


def _skip_line(stream: BinaryIO, most: int | None = None) -> tuple[bool, int]:
    """Read up to and including the next LF, keeping nothing: (whether there was one, bytes
    read); with ``most``, no further than that many bytes.  ``readline`` finds the LF in the
    stream's buffer (lines are short: reading a whole block to find it cost twice a range's own
    reading)."""
    length = 0
    while True:
        step = _STEP if most is None else min(_STEP, most - length)
        if step <= 0:
            return False, length
        chunk = stream.readline(step)
        length += len(chunk)
        if not chunk:
            return False, length
        if chunk.endswith(b"\n"):
            return True, length


_STEP = 64 << 10
"""The most bytes :func:`_skip_line` holds at once."""


def _line_rest(stream: BinaryIO, room: int) -> bytes | None:
    """The rest of a line up to and including its LF (or the end of the file); None (the bytes
    read and dropped to its end) when it is longer than ``room``."""
    rest = stream.readline(max(room, 0) + 2)  # room bytes, an LF, and one more tells a longer one
    if len(rest) - rest.endswith(b"\n") > room:
        if not rest.endswith(b"\n"):
            _skip_line(stream)
        return None
    return rest


class LineCounter:
    """Line numbers for the ranges of one file, handed out in order: the number of the first line
    starting at or after each range's start (lines start at offset 0 and after every LF).  It
    reads the file once, a block at a time, counting line ends; a file it cannot read numbers
    from 1 (the worker's own read then says why)."""

    def __init__(self, name: str) -> None:
        try:
            self._stream: BinaryIO | None = open(name, "rb")  # noqa: SIM115 - closed by close()
        except OSError:
            self._stream = None
        self._position = 0  # bytes counted
        self._ends = 0  # line ends in them

    def first_line(self, start: int) -> int:
        if start == 0 or self._stream is None:
            return 1
        want = start - 1  # the line ends before offset start - 1 start lines before ``start``
        while self._position < want:
            chunk = self._stream.read(min(BLOCK_SIZE, want - self._position))
            if not chunk:
                break
            self._ends += chunk.count(b"\n")
            self._position += len(chunk)
        return 2 + self._ends  # line 1 starts at 0; each line end before start - 1 adds one

    def close(self) -> None:
        if self._stream is not None:
            self._stream.close()
