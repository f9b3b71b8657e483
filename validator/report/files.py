"""Report files that are never left half-written, and never written through a planted link.

A report file is written to a temporary file beside it and renamed into place only when the run
completes; an interrupted or failed run removes the temporary file and leaves the previous report
(or none) untouched.  Missing parent folders are created.  A path that is not a regular file
(``/dev/stdout``, a named pipe) is written directly: it cannot be renamed over.

The repository a run checks may hold links where its reports go (docs/security-boundary.md):

* the temporary file has an unpredictable name (``.NAME.<16 random hex digits>.tmp``) and is
  created exclusively (``O_EXCL``, ``O_NOFOLLOW``): never through a link, never an existing file;
* the rename replaces whatever stands at the report's path, a symbolic link included: the link
  is replaced, its target is never written (a link inside the working directory to a device or
  a pipe too: only a path the command line names outside it, ``/dev/stdout``, is written
  directly);
* a report path inside the working directory whose folder, links resolved, lies outside it (a
  committed ``reports -> /home/runner`` link) is refused (:class:`LinkedFolder`, exit 2).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterator
from typing import TextIO

__all__ = ["LinkedFolder", "report_file"]

_CREATE = (
    os.O_WRONLY
    | os.O_CREAT
    | os.O_EXCL
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


class LinkedFolder(OSError):
    """A report's folder inside the working directory that a symbolic link takes outside it."""

    def __init__(self, folder: str) -> None:
        super().__init__(
            errno.EPERM,
            f"its folder {folder} is a link that leads outside the working directory",
        )


def _special(path: str) -> bool:
    """Whether ``path`` is a device or a pipe, to be written directly; a symbolic link inside
    the working directory never is (it is replaced, see the module's notes)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return not (os.path.islink(path) and _inside_here(path))
    except OSError:  # missing (or unreachable: the open below says why)
        pass
    return False


def _inside_here(path: str) -> bool:
    return os.path.abspath(path).startswith(os.getcwd().rstrip(os.sep) + os.sep)


def _check_folder(path: str, folder: str) -> None:
    """:class:`LinkedFolder` when ``path`` lies in the working directory and ``folder`` (the
    folder it is written in, as far as it exists) leads outside it."""
    if not _inside_here(path):
        return  # a path the command line put outside: the user's choice
    real_here = os.path.realpath(os.getcwd())
    real = os.path.realpath(folder)
    if real != real_here and not real.startswith(real_here.rstrip(os.sep) + os.sep):
        raise LinkedFolder(os.path.relpath(folder))


def _temporary(folder: str, name: str) -> tuple[int, str]:
    """A new file beside the report, created exclusively under an unpredictable name."""
    for _ in range(100):
        temporary = os.path.join(folder, f".{name}.{os.urandom(8).hex()}.tmp")
        try:
            return os.open(temporary, _CREATE, 0o666), temporary  # the umask applies
        except FileExistsError:  # pragma: no cover - 1 in 2**64, or a name planted
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", folder)  # pragma: no cover


@contextlib.contextmanager
def report_file(path: str) -> Iterator[TextIO]:
    """A text stream for the report at ``path``; the file appears whole when the block ends
    without an exception, and not at all (the old one is kept) when it raises."""
    if _special(path):
        with open(path, "w", encoding="utf-8", errors="backslashreplace", newline="\n") as stream:
            yield stream
        return
    folder, name = os.path.split(os.path.abspath(path))
    _check_folder(path, folder)
    try:
        os.makedirs(folder, exist_ok=True)
    except FileExistsError:  # a file stands where a folder should be
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), folder) from None
    fd, temporary = _temporary(folder, name)
    try:
        with open(
            fd, "w", encoding="utf-8", errors="backslashreplace", newline="\n", closefd=True
        ) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
