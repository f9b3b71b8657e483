"""Report files that are never left half-written.

A report file is written to a temporary file beside it and renamed into place only when the run
completes; an interrupted or failed run removes the temporary file and leaves the previous report
(or none) untouched.  Missing parent folders are created.  A path that is not a regular file
(``/dev/stdout``, a named pipe) is written directly: it cannot be renamed over.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterator
from typing import TextIO

__all__ = ["report_file"]


def _special(path: str) -> bool:
    try:
        return not stat.S_ISREG(os.stat(path).st_mode)
    except OSError:  # missing (or unreachable: the open below says why)
        return False


@contextlib.contextmanager
def report_file(path: str) -> Iterator[TextIO]:
    """A text stream for the report at ``path``; the file appears whole when the block ends
    without an exception, and not at all (the old one is kept) when it raises."""
    if _special(path):
        with open(path, "w", encoding="utf-8", errors="backslashreplace", newline="\n") as stream:
            yield stream
        return
    folder, name = os.path.split(os.path.abspath(path))
    try:
        os.makedirs(folder, exist_ok=True)
    except FileExistsError:  # a file stands where a folder should be
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), folder) from None
    temporary = os.path.join(folder, f".{name}.{os.getpid()}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(temporary, flags, 0o666)  # the umask applies, as for any new file
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
