"""The boundary of a run, and files read within bounds.

The boundary is a folder: the config file's (or the working directory when there is none), or a
folder named on the command line, which is walked with itself as the boundary.  A symbolic link
found by a walk or a glob whose target lies outside it is never opened (:func:`inside`), and
the files the repository controls are read only when they are regular files, and only up to a
size (:func:`read_regular`):

* a schema file: :data:`MAX_SCHEMA_BYTES`;
* a config file: :data:`MAX_CONFIG_BYTES`;
* an ignore file (``.gitignore``, ``.git/info/exclude``): :data:`MAX_IGNORE_BYTES`;
* a document (a whole file, or one line of JSON Lines): ``--max-document-bytes``, by default
  :data:`MAX_DOCUMENT_BYTES`.

Nothing here imports more than ``os`` and ``stat``: the walk calls :func:`inside` for every
symbolic link it meets, and every run reads its config.
"""

from __future__ import annotations

import errno
import os
import stat

__all__ = [
    "MAX_CONFIG_BYTES",
    "MAX_DOCUMENT_BYTES",
    "MAX_IGNORE_BYTES",
    "MAX_SCHEMA_BYTES",
    "NotRegular",
    "TooLarge",
    "inside",
    "mebibytes",
    "read_regular",
    "real",
]

MAX_SCHEMA_BYTES = 64 << 20
"""The largest schema file read (64 MiB; the largest public API descriptions are about a fifth
of that)."""
MAX_CONFIG_BYTES = 1 << 20
"""The largest config file (``pyproject.toml``, ``.casefile-validate.toml``) read: 1 MiB."""
MAX_IGNORE_BYTES = 1 << 20
"""The largest ignore file (``.gitignore``, ``.git/info/exclude``) read: 1 MiB."""
MAX_DOCUMENT_BYTES = 64 << 20
"""The default of ``--max-document-bytes``: the largest document (a whole file, or one line of
JSON Lines) read, 64 MiB."""


class NotRegular(OSError):
    """A path that is not a regular file (a named pipe, a device, a folder, or a symbolic link
    where none is followed)."""

    def __init__(self, path: str) -> None:
        super().__init__(errno.EINVAL, "not a regular file", path)


class TooLarge(OSError):
    """A file larger than the bytes allowed for it."""

    def __init__(self, path: str, limit: int) -> None:
        super().__init__(errno.EFBIG, f"larger than {mebibytes(limit)}", path)
        self.limit = limit


def mebibytes(size: int) -> str:
    """A size in words: ``64 MiB``, ``1.5 MiB``, ``800 bytes``."""
    if size < 1 << 20:
        return f"{size} bytes" if size < 1 << 10 or size % (1 << 10) else f"{size >> 10} KiB"
    return f"{size / (1 << 20):g} MiB"


def real(path: str | os.PathLike[str]) -> str:
    """``path`` with every symbolic link resolved (as far as they resolve)."""
    return os.path.realpath(path)


def inside(path: str | os.PathLike[str], boundary: str) -> bool:
    """Whether ``path``, its symbolic links resolved, lies in ``boundary`` (a folder already
    resolved, see :func:`real`) or is that folder: whole path components are compared, so
    ``/repo-other`` is not inside ``/repo``."""
    resolved = os.path.realpath(path)
    if resolved == boundary:
        return True
    top = boundary if boundary.endswith(os.sep) else boundary + os.sep
    return resolved.startswith(top)


_FLAGS = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def read_regular(path: str | os.PathLike[str], limit: int, *, follow: bool = True) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes.

    Raises :class:`NotRegular` for anything else (opened without blocking: a named pipe is never
    waited on; with ``follow`` False a symbolic link is not followed either), :class:`TooLarge`
    past ``limit`` (at most ``limit + 1`` bytes are ever read, whatever the file claims its size
    is), and :class:`OSError` when it cannot be opened."""
    name = os.fspath(path)
    flags = _FLAGS | getattr(os, "O_NONBLOCK", 0)
    if not follow:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(name, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP and not follow:  # O_NOFOLLOW on a symbolic link
            raise NotRegular(name) from None
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegular(name)
        if info.st_size > limit:
            raise TooLarge(name, limit)
        chunks = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, max(info.st_size + 1, 1 << 16)))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        if left <= 0:
            raise TooLarge(name, limit)
        return b"".join(chunks)
    finally:
        os.close(fd)
