"""Worker processes made by ``os.fork`` and plain pipes, for ``--jobs`` in a process with one
thread: the few calls of :mod:`multiprocessing` that :mod:`validator.run.workers` makes (a one-way
pipe's ``send_bytes``/``recv_bytes``/``poll``, a process's ``start``/``join``/``terminate``,
``pid``, ``exitcode`` and ``sentinel``), without importing it: its import, with ``tempfile``,
``shutil``, ``subprocess`` and ``socket`` behind it, costs more than starting both workers and
checking their first ranges.  (A process with other threads alive cannot fork safely:
:mod:`validator.run.workers` uses multiprocessing's forkserver or spawn then.)
"""

from __future__ import annotations

import contextlib
import os
import select
from collections.abc import Callable
from typing import Any

__all__ = ["Forked", "Pipe", "pipe"]

_LENGTH = 8
"""Bytes of the length that goes before each message."""


class Pipe:
    """One end of a one-way pipe, carrying whole messages (each sent with its length)."""

    def __init__(self, fd: int) -> None:
        self._fd: int | None = fd

    def fileno(self) -> int:
        if self._fd is None:
            raise OSError("the pipe is closed")
        return self._fd

    def send_bytes(self, data: bytes) -> None:
        view = memoryview(len(data).to_bytes(_LENGTH, "little") + data)
        fd = self.fileno()
        while view:
            view = view[os.write(fd, view) :]

    def recv_bytes(self) -> bytes:
        """The next whole message; EOFError when the other end is closed (before a message)."""
        size = int.from_bytes(self._exactly(_LENGTH), "little")
        return self._exactly(size)

    def _exactly(self, size: int) -> bytes:
        fd = self.fileno()
        chunks: list[bytes] = []
        while size:
            chunk = os.read(fd, size)
            if not chunk:
                raise EOFError("the other end of the pipe is closed")
            chunks.append(chunk)
            size -= len(chunk)
        return b"".join(chunks)

    def poll(self, timeout: float = 0.0) -> bool:
        """Whether a read would not wait (a message, or the end of the pipe), waiting up to
        ``timeout`` seconds for one."""
        return bool(select.select([self.fileno()], [], [], timeout)[0])

    def close(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            os.close(fd)


def pipe() -> tuple[Pipe, Pipe]:
    """A one-way pipe: (the end to read, the end to write), as ``multiprocessing.Pipe(False)``."""
    read, write = os.pipe()
    return Pipe(read), Pipe(write)


class Forked:
    """A child process running ``target(*args)`` and leaving with ``os._exit`` (0, or 1 if it
    raised): nothing of this process's own exit (its exit functions, its buffers) runs twice.
    ``sentinel`` is a descriptor that becomes readable when the child has ended."""

    def __init__(
        self, target: Callable[..., object], args: tuple[Any, ...], daemon: bool = True
    ) -> None:
        """(``daemon`` is multiprocessing's: a worker here ends when its command pipe does.)"""
        self._target = target
        self._args = args
        self.pid: int | None = None
        self.sentinel = -1
        self.exitcode: int | None = None

    def start(self) -> None:
        ended, alive = os.pipe()  # the child holds ``alive`` open until it ends
        pid = os.fork()
        if pid == 0:  # the child
            code = 1
            try:
                os.close(ended)
                self._target(*self._args)
                code = 0
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 1
            except BaseException:  # the main process says that it stopped
                code = 1
            finally:
                os._exit(code)
        os.close(alive)
        self.pid, self.sentinel = pid, ended

    def join(self, timeout: float | None = None) -> None:
        """Wait up to ``timeout`` seconds for the child to end (then :attr:`exitcode` is set)."""
        if self.exitcode is not None or self.pid is None:
            return
        if not select.select([self.sentinel], [], [], timeout)[0]:
            return
        _, status = os.waitpid(self.pid, 0)
        self.exitcode = os.waitstatus_to_exitcode(status)

    def close(self) -> None:
        """Let go of :attr:`sentinel` (once the child is no longer waited for)."""
        if self.sentinel >= 0:
            fd, self.sentinel = self.sentinel, -1
            os.close(fd)

    def terminate(self) -> None:
        if self.pid is not None and self.exitcode is None:
            import signal  # only now: its import (enums) is a start-up cost of every run

            with contextlib.suppress(ProcessLookupError):  # it has ended already
                os.kill(self.pid, signal.SIGTERM)
