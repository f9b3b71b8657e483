"""The inputs stage: paths, directories and stdin -> items of raw bytes, each named by its source
and the line it starts on.

Nothing is parsed here.  An input that cannot be read becomes an item carrying the reason, so that
one bad input never stops the others from being checked.  JSON Lines inputs are streamed a line at
a time: memory stays flat whatever the size of the file.
"""

import errno
import io
import operator
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO, NamedTuple

__all__ = [
    "BLOCK_SIZE",
    "JSONL_SUFFIXES",
    "STDIN",
    "SUFFIXES",
    "Batch",
    "Item",
    "LineCounter",
    "expand",
    "is_jsonl",
    "iter_items",
    "read_range",
]

STDIN = "<stdin>"
JSONL_SUFFIXES = (".jsonl", ".ndjson")
SUFFIXES = (".json", *JSONL_SUFFIXES)


class Item(NamedTuple):
    """One document's raw bytes, or the reason its input could not be read (``raw`` is None)."""

    source: str
    line: int
    raw: bytes | None
    problem: str | None = None


BLOCK_SIZE = 1 << 18
"""JSON Lines are read in blocks of about this many bytes, cut at line ends."""


class Batch(NamedTuple):
    """Consecutive whole lines of a JSON Lines input, as one block of bytes (without the final
    LF); line ``first_line + i`` of ``source`` is ``lines[i]``.  Only the block travels to worker
    processes: splitting it is left to whoever checks it."""

    source: str
    first_line: int
    block: bytes
    split: list[bytes] | None = None
    """:attr:`lines`, when the reader has them already (never sent to a worker)."""

    @property
    def lines(self) -> list[bytes]:
        """The lines, each with its line feed but the last (so a line is ``block``'s text up
        to and including its LF: as many lines as ``block.split(b"\\n")`` gives)."""
        if self.split is not None:
            return self.split
        return split_lines(self.block)


def split_lines(block: bytes) -> list[bytes]:
    """:attr:`Batch.lines` of a block (``BytesIO`` finds line ends with ``memchr``: four
    times as fast as ``bytes.split``, which compares byte by byte)."""
    lines = io.BytesIO(block).readlines()
    if not block or block.endswith(b"\n"):
        lines.append(b"")
    return lines


def is_jsonl(name: str) -> bool:
    return name.lower().endswith(JSONL_SUFFIXES)


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOENT:
        return "no such file or directory"
    if exc.errno == errno.EACCES:
        return "permission denied"
    if exc.errno == errno.EISDIR:
        return "is a directory"
    return (exc.strerror or str(exc)).lower()


def _batches(source: str, stream: BinaryIO) -> Iterator[Batch]:
    """Stream JSON Lines in blocks cut at line ends: memory stays flat for any input size (a
    single line longer than a block is gathered whole, as it must be to be parsed)."""
    read = getattr(stream, "read1", stream.read)  # read1: do not wait for a full block on pipes
    size = BLOCK_SIZE
    pending = bytearray()
    line = 1
    while True:
        chunk = read(size)
        if not chunk:
            break
        cut = chunk.rfind(b"\n")
        if cut < 0:
            pending += chunk
            continue
        block = bytes(pending) + chunk[:cut] if pending else chunk[:cut]
        pending = bytearray(chunk[cut + 1 :])
        lines = split_lines(block)
        yield Batch(source, line, block, lines)
        line += len(lines)
    if pending:
        yield Batch(source, line, bytes(pending))


def _read(source: str, stream: BinaryIO, jsonl: bool) -> Iterator[Item | Batch]:
    if jsonl:
        yield from _batches(source, stream)
    else:
        yield Item(source, 1, stream.read())


_NOT_REGULAR = (
    "not a regular file (a named pipe, socket or device): read only when named, "
    "not when found in a directory"
)
_EMPTY_DIRECTORY = "directory holds no *.json, *.jsonl or *.ndjson files"


def _broken_link(path: str) -> str | None:
    """Why a path that cannot be opened is a broken symbolic link, or None if it is not one."""
    try:
        if not os.path.islink(path) or os.path.exists(path):
            return None
        target = os.readlink(path)
    except OSError:
        return None
    return f"broken symbolic link: its target {target} does not exist"


_NAME = operator.attrgetter("name")
"""A directory entry's name (the order of a walk): a builtin, not a lambda."""


def _walk(directory: str, notice: Callable[[str], None] | None = None) -> list[str | Item]:
    """The JSON files below a directory, sorted, recursively; a match that is not a regular file
    (a named pipe could block, a device never end) becomes an :class:`Item` saying why it is
    skipped.  ``scandir`` knows each entry's type, so regular files cost no extra ``stat``.

    Each real directory is walked once (known by device and inode): a symbolic link back to a
    directory being walked (a loop), or to one already walked, is skipped, and ``notice`` is
    told once for each such link; it never changes which files are checked."""
    found: list[str | Item] = []
    try:
        start = os.stat(directory)
        seen = {(start.st_dev, start.st_ino): directory}
    except OSError as exc:
        return [Item(directory, 1, None, _reason(exc))]
    todo = [directory]
    while todo:
        folder = todo.pop()
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=_NAME)
        except OSError as exc:
            found.append(Item(folder, 1, None, _reason(exc)))
            continue
        subfolders = []
        for entry in entries:
            try:
                if entry.is_dir():
                    if entry.is_symlink():
                        info = os.stat(entry.path)
                        key = (info.st_dev, info.st_ino)
                        if key in seen:
                            if notice is not None:
                                notice(_loop_notice(entry.path, seen[key]))
                            continue
                    else:
                        info = entry.stat(follow_symlinks=False)
                        key = (info.st_dev, info.st_ino)
                    seen[key] = entry.path
                    subfolders.append(entry.path)
                elif entry.name.lower().endswith(SUFFIXES):
                    if entry.is_file():
                        found.append(entry.path)
                    else:
                        why = _broken_link(entry.path) if entry.is_symlink() else None
                        found.append(Item(entry.path, 1, None, why or _NOT_REGULAR))
            except OSError as exc:
                found.append(Item(entry.path, 1, None, _reason(exc)))
        todo.extend(reversed(subfolders))
    return found


def _loop_notice(link: str, walked: str) -> str:
    ancestor = os.path.commonpath([os.path.abspath(link), os.path.abspath(walked)])
    if ancestor == os.path.abspath(walked):
        return (
            f"skipped {link}: a symbolic link back to {walked} (a loop); its files are checked once"
        )
    return f"skipped {link}: the same directory as {walked}, whose files are checked once"


def _read_whole(name: str) -> bytes:
    """A whole file's bytes, with the fewest system calls (this runs once per file of a run
    over thousands of files): ``open`` + ``fstat`` + one ``read`` for a regular file (until the
    end for the others), no buffer object."""
    fd = os.open(name, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), name)
        want = max(info.st_size, 0) + 1  # one more byte: it may have grown
        chunks = [os.read(fd, want)]
        if stat.S_ISREG(info.st_mode) and len(chunks[0]) < want:
            return chunks[0]  # a regular file reads short only at its end: no second read
        while chunks[-1]:
            chunks.append(os.read(fd, 1 << 20))
        return b"".join(chunks)
    finally:
        os.close(fd)


def _from_path(name: str, jsonl: bool) -> Iterator[Item | Batch]:
    try:
        if not (jsonl or is_jsonl(name)):
            raw = _read_whole(name)
            yield Item(name, 1, raw)
            return
        with open(name, "rb") as stream:
            yield from _read(name, stream, True)
    except IsADirectoryError:
        yield from iter_items(expand([name]), jsonl=jsonl)
    except OSError as exc:
        yield Item(name, 1, None, _broken_link(name) or _reason(exc))


def expand(
    inputs: Iterable[str | Item], notice: Callable[[str], None] | None = None
) -> Iterator[str | Item]:
    """Input names with directories replaced by the files found in them (sorted, recursive);
    a directory without any JSON file becomes an :class:`Item` saying so.  Nothing is read.
    ``notice`` hears of every symbolic link the walk skipped (see :func:`_walk`)."""
    for name in inputs:
        if isinstance(name, str) and name != "-" and os.path.isdir(name):
            files = _walk(name, notice)
            if not files:
                yield Item(name, 1, None, _EMPTY_DIRECTORY)
            yield from files
        else:
            yield name


def iter_items(inputs: Iterable[str | Item], *, jsonl: bool = False) -> Iterator[Item | Batch]:
    """Every document of every input, in order.  ``-`` is standard input; a directory is searched
    recursively for ``*.json``, ``*.jsonl`` and ``*.ndjson``; ``.jsonl``/``.ndjson`` files (and
    every input when ``jsonl`` is set) hold one document per line, read in :class:`Batch` blocks."""
    for name in inputs:
        if isinstance(name, Item):  # already known not to be readable
            yield name
        elif name == "-":
            if sys.stdin is None:  # started with standard input closed
                yield Item(STDIN, 1, None, "standard input is closed")
                continue
            try:
                yield from _read(STDIN, sys.stdin.buffer, jsonl)
            except OSError as exc:
                yield Item(STDIN, 1, None, _reason(exc))
        else:
            yield from _from_path(name, jsonl)


def read_range(name: str, start: int, stop: int | None, first_line: int = 1) -> Batch | Item | None:
    """The lines of a JSON Lines file whose first byte lies in ``[start, stop)`` (``stop`` None:
    to the end), the first of them numbered ``first_line``; so that workers can each read a part
    of one large file, cut into ranges by byte offset alone (see :class:`LineCounter` for the
    numbers).  A line that starts in the range is read whole, however far it runs.  None when no
    line starts in the range; a file that cannot be read gives an :class:`Item` saying why (for
    the range at offset 0 only: one report per file)."""
    try:
        with open(name, "rb") as stream:
            position = 0
            if start > 0:
                stream.seek(start - 1)
                head = stream.readline()  # the end of the line that began before the range
                position = start - 1 + len(head)
                if not head.endswith(b"\n"):
                    return None  # the file ends first
            if stop is not None and position >= stop:
                return None  # no line starts in the range
            body = stream.read() if stop is None else stream.read(stop - position)
            if not body:
                return None
            if stop is not None and not body.endswith(b"\n"):
                body += stream.readline()  # the last line runs past the range: all of it
    except OSError as exc:
        return Item(name, 1, None, _reason(exc)) if start == 0 else None
    block = body[:-1] if body.endswith(b"\n") else body
    return Batch(name, first_line, block, split_lines(block))


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
