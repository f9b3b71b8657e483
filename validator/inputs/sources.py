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
from collections.abc import Callable, Generator, Iterable, Iterator
from typing import BinaryIO, NamedTuple

from validator.inputs.boundary import MAX_DOCUMENT_BYTES, TooLarge, inside, mebibytes

__all__ = [
    "BLOCK_SIZE",
    "EMPTY_DIRECTORY",
    "JSONL_SUFFIXES",
    "STDIN",
    "SUFFIXES",
    "YAML_SUFFIXES",
    "Batch",
    "Item",
    "expand",
    "is_jsonl",
    "iter_items",
]

STDIN = "<stdin>"
JSONL_SUFFIXES = (".jsonl", ".ndjson")
SUFFIXES = (".json", *JSONL_SUFFIXES)
"""What a folder's walk takes: JSON names only (YAML files are checked when named, or when a config
check's globs take them: a folder of Kubernetes manifests is not a folder of payloads)."""
YAML_SUFFIXES = (".yaml", ".yml")
"""Names read as YAML streams (see :mod:`validator.inputs.yaml_parse`)."""
HAR_SUFFIXES = (".har",)
"""Names of recordings (HTTP Archives), which a recordings run finds in folders."""
Notice = Callable[[str], None]
Suffixes = tuple[str, ...]


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


def _batches(
    source: str, stream: BinaryIO, limit: int = MAX_DOCUMENT_BYTES, first_line: int = 1
) -> Iterator[Batch | Item]:
    """Stream JSON Lines in blocks cut at line ends: memory stays flat for any input size (a
    single line longer than a block is gathered whole, as it must be to be parsed).  A line
    longer than ``limit`` bytes is never gathered: it becomes an :class:`Item` saying so, and
    its bytes are dropped as they are read, so memory stays within a few times ``limit``."""
    read = getattr(stream, "read1", stream.read)  # read1: do not wait for a full block on pipes
    size = BLOCK_SIZE
    pending = bytearray()
    line = first_line
    skipping = False  # inside a line longer than the limit, reported already
    while True:
        chunk = read(size)
        if not chunk:
            break
        if skipping:
            end = chunk.find(b"\n")
            if end < 0:
                continue
            chunk, skipping, line = chunk[end + 1 :], False, line + 1
        cut = chunk.rfind(b"\n")
        if cut >= 0:
            block = bytes(pending) + chunk[:cut] if pending else chunk[:cut]
            pending = bytearray(chunk[cut + 1 :])
            if len(block) <= limit:  # no line of it is too long (always, with the default)
                lines = split_lines(block)
                yield Batch(source, line, block, lines)
                line += len(lines)
            else:
                line = yield from _screened(source, line, block, limit)
        else:
            pending += chunk
        if len(pending) > limit:
            yield _too_long(source, line, limit)
            pending, skipping = bytearray(), True
    if pending:
        yield Batch(source, line, bytes(pending))


def _too_long(source: str, line: int, limit: int) -> Item:
    return Item(source, line, None, f"{LIMIT_PROBLEM}: line longer than {mebibytes(limit)}")


LIMIT_PROBLEM = "not read (--max-document-bytes)"
"""What the problem of a document past the size limit starts with."""


def _screened(
    source: str, line: int, block: bytes, limit: int
) -> Generator[Batch | Item, None, int]:
    """The lines of a block, those longer than ``limit`` as :class:`Item`\\ s saying so, the
    others in batches; returns the number of the line after the block."""
    lines = split_lines(block)
    start = 0
    for index, text in enumerate(lines):
        if len(text) - text.endswith(b"\n") > limit:
            if index > start:
                yield Batch(source, line + start, b"".join(lines[start:index])[:-1])
            yield _too_long(source, line + index, limit)
            start = index + 1
    if start < len(lines):
        yield Batch(source, line + start, b"".join(lines[start:]))
    return line + len(lines)


def _read(source: str, stream: BinaryIO, jsonl: bool, limit: int) -> Iterator[Item | Batch]:
    if jsonl:
        yield from _batches(source, stream, limit)
        return
    raw = stream.read(limit + 1)
    if len(raw) > limit:
        yield Item(source, 1, None, _too_large(limit))
    else:
        yield Item(source, 1, raw)


def _too_large(limit: int) -> str:
    return f"{LIMIT_PROBLEM}: larger than {mebibytes(limit)}"


_NOT_REGULAR = (
    "not a regular file (a named pipe, socket or device): read only when named, "
    "not when found in a directory"
)
EMPTY_DIRECTORY = "directory holds no *.json, *.jsonl or *.ndjson files"


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


def _walk(
    directory: str, notice: Notice | None = None, suffixes: Suffixes = SUFFIXES
) -> list[str | Item]:
    """The JSON files (the files with one of ``suffixes``) below a directory, sorted,
    recursively; a match that is not a regular file (a named pipe could block, a device never
    end) becomes an :class:`Item` saying why it is skipped (``scandir`` knows each entry's
    type: regular files cost no extra ``stat``).

    Each real directory is walked once (known by device and inode): a symbolic link back to a
    directory being walked (a loop), or to one already walked, is skipped, and ``notice`` is
    told once for each such link; it never changes which files are checked.

    The directory is the walk's boundary: a symbolic link (to a file the walk would read, or to
    a folder) whose target lies outside it is never opened, and becomes an :class:`Item` saying
    so (:func:`outside_message`)."""
    found: list[str | Item] = []
    try:
        start = os.stat(directory)
        seen = {(start.st_dev, start.st_ino): directory}
    except OSError as exc:
        return [Item(directory, 1, None, _reason(exc))]
    boundary = os.path.realpath(directory)
    leaving = outside_message(directory, "the folder named")
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
                if (
                    entry.is_symlink()
                    and (entry.is_dir() or entry.name.lower().endswith(suffixes))
                    and not inside(entry.path, boundary)
                ):
                    found.append(Item(entry.path, 1, None, leaving))
                    continue
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
                elif entry.name.lower().endswith(suffixes):
                    if entry.is_file():
                        found.append(entry.path)
                    else:
                        why = _broken_link(entry.path) if entry.is_symlink() else None
                        found.append(Item(entry.path, 1, None, why or _NOT_REGULAR))
            except OSError as exc:
                found.append(Item(entry.path, 1, None, _reason(exc)))
        todo.extend(reversed(subfolders))
    return found


def outside_message(boundary: str, what: str) -> str:
    """The problem of a link whose target lies outside ``boundary`` (``what`` it is)."""
    return f"link leads outside {boundary} ({what}): not opened"


def _loop_notice(link: str, walked: str) -> str:
    ancestor = os.path.commonpath([os.path.abspath(link), os.path.abspath(walked)])
    if ancestor == os.path.abspath(walked):
        return (
            f"skipped {link}: a symbolic link back to {walked} (a loop); its files are checked once"
        )
    return f"skipped {link}: the same directory as {walked}, whose files are checked once"


_READ_FLAGS = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def _read_whole(name: str, limit: int) -> bytes:
    """A whole file's bytes, with the fewest system calls (this runs once per file of a run
    over thousands of files): ``open`` + ``fstat`` + one ``read`` for a regular file (until the
    end, or past ``limit``, for the others), no buffer object; :class:`TooLarge` past
    ``limit`` (a regular file is known to be from its size, and not read)."""
    fd = os.open(name, _READ_FLAGS)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), name)
        regular = stat.S_ISREG(info.st_mode)
        if regular and info.st_size > limit:
            raise TooLarge(name, limit)
        want = min(max(info.st_size, 0), limit) + 1  # one more byte: it may have grown
        chunks = [os.read(fd, want)]
        if regular and len(chunks[0]) < want:
            return chunks[0]  # a regular file reads short only at its end: no second read
        size = len(chunks[0])
        while chunks[-1] and size <= limit:
            chunks.append(os.read(fd, min(1 << 20, limit + 1 - size)))
            size += len(chunks[-1])
        if size > limit:
            raise TooLarge(name, limit)
        return b"".join(chunks)
    finally:
        os.close(fd)


def _lines_of(name: str, jsonl: bool, limit: int) -> Iterator[Item | Batch]:
    """A file's documents, read as JSON Lines (``jsonl``: the caller's, for a directory)."""
    try:
        with open(name, "rb") as stream:
            yield from _read(name, stream, True, limit)
    except OSError as exc:
        yield from _unread(name, exc, jsonl, limit)


def _unread(name: str, exc: OSError, jsonl: bool, limit: int) -> Iterator[Item | Batch]:
    """Why a file could not be read (a directory named as a file: the files found in it)."""
    if isinstance(exc, IsADirectoryError):
        yield from iter_items(expand([name]), jsonl=jsonl, limit=limit)
    elif isinstance(exc, TooLarge):
        yield Item(name, 1, None, _too_large(limit))
    else:
        yield Item(name, 1, None, _broken_link(name) or _reason(exc))


def expand(
    inputs: Iterable[str | Item], notice: Notice | None = None, suffixes: Suffixes = SUFFIXES
) -> Iterator[str | Item]:
    """Input names with directories replaced by the files found in them (sorted, recursive;
    those with one of ``suffixes``); a directory without any becomes an :class:`Item` saying
    so.  Nothing is read.
    ``notice`` hears of every symbolic link the walk skipped (see :func:`_walk`)."""
    for name in inputs:
        if isinstance(name, str) and name != "-" and os.path.isdir(name):
            files = _walk(name, notice, suffixes)
            if not files:
                yield Item(name, 1, None, EMPTY_DIRECTORY)
            yield from files
        else:
            yield name


def iter_items(
    inputs: Iterable[str | Item], *, jsonl: bool = False, limit: int = MAX_DOCUMENT_BYTES
) -> Iterator[Item | Batch]:
    """Every document of every input, in order.  ``-`` is standard input; a directory is searched
    recursively for ``*.json``, ``*.jsonl`` and ``*.ndjson``; ``.jsonl``/``.ndjson`` files (and
    every input when ``jsonl`` is set) hold one document per line, read in :class:`Batch` blocks.
    A document (a whole input, or a line of JSON Lines) longer than ``limit`` bytes is not read:
    it becomes an :class:`Item` saying so."""
    for name in inputs:
        if isinstance(name, Item):  # already known not to be readable
            yield name
        elif name == "-":
            if sys.stdin is None:  # started with standard input closed
                yield Item(STDIN, 1, None, "standard input is closed")
                continue
            try:
                yield from _read(STDIN, sys.stdin.buffer, jsonl, limit)
            except OSError as exc:
                yield Item(STDIN, 1, None, _reason(exc))
        elif jsonl or is_jsonl(name):
            yield from _lines_of(name, jsonl, limit)
        else:  # a whole file, the usual input
            try:
                raw = _read_whole(name, limit)
            except OSError as exc:
                yield from _unread(name, exc, jsonl, limit)
            else:
                yield Item(name, 1, raw)
