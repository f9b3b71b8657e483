"""The worker processes of ``--jobs``: started (forked where this process has one thread, else by
:mod:`multiprocessing`), each with a pipe for the task numbers it is sent and one for the outcomes
it sends back, watched by one poll object, and stopped however the run ends.

What a worker does, and which task goes where, is :mod:`validator.run.workers`' to say.
"""

from __future__ import annotations

import sys
from collections import deque
from collections.abc import Callable
from typing import Any

__all__ = ["FAILED", "Pool", "WorkerError"]

_PIPE_SIZE = 1 << 20
"""Bytes an outcome pipe may hold (Linux), so that a worker can finish a task's outcome and start
the next while the main process is busy reporting."""

FAILED = b"F"
"""What a worker's message starts with, instead of an outcome's pickle, when checking raised (a
bug): the traceback follows.  Told apart before the worker is handed its next task (it has
stopped: handing it one would find it gone)."""


class WorkerError(RuntimeError):
    """A worker process died or failed: the run cannot be completed (no result is dropped)."""


def forking() -> bool:
    """Whether workers are forked: fork starts a worker in a millisecond with everything already
    compiled (:mod:`validator.run.forks`, without multiprocessing), but it is only safe while
    this process has no other thread; else multiprocessing's forkserver (or spawn) is used."""
    import os

    threading = sys.modules.get("threading")
    return hasattr(os, "fork") and (threading is None or threading.active_count() == 1)


def _context(forked: bool) -> Any:
    if forked:
        import validator.run.forks

        return validator.run.forks
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _grow(connection: Any) -> None:
    try:
        import fcntl

        fcntl.fcntl(connection.fileno(), fcntl.F_SETPIPE_SZ, _PIPE_SIZE)
    except (ImportError, AttributeError, OSError):  # not Linux, or over the system's limit
        pass


class Pool:
    """``count`` workers, each running ``target(*args, commands, outcomes, foreign)``: the read end
    of its command pipe, the write end of its outcome pipe, and (forked) the pipe ends it inherited
    but must not hold.  ``sent[k]`` lists the task numbers worker ``k`` has not answered yet."""

    def __init__(
        self, count: int, forked: bool, target: Callable[..., None], args: tuple[Any, ...]
    ):
        self.forked = forked
        context = _context(forked)
        pipes = [
            (context.pipe(), context.pipe())
            if forked
            else (context.Pipe(False), context.Pipe(False))
            for _ in range(count)
        ]
        self.workers: list[Any] = []
        for k, ((command_in, _), (_, outcome_out)) in enumerate(pipes):
            foreign = (
                [c for j, (a, b) in enumerate(pipes) if j != k for c in (*a, *b)]
                + [pipes[k][0][1], pipes[k][1][0]]
                if forked
                else []
            )
            process = (context.Forked if forked else context.Process)(
                target=target, args=(*args, command_in, outcome_out, foreign), daemon=True
            )
            process.start()
            self.workers.append(process)
        for (command_in, _), (outcome_in, outcome_out) in pipes:
            command_in.close()
            outcome_out.close()
            _grow(outcome_in)
        self.senders = [command_out for (_, command_out), _ in pipes]
        self.receivers = [outcome_in for _, (outcome_in, _) in pipes]
        self.sent: list[deque[int]] = [deque() for _ in range(count)]
        self._watch()

    def _watch(self) -> None:
        # One poll object for the whole run (multiprocessing's wait() builds a selector per call:
        # a tenth of a millisecond for each outcome), on every outcome pipe and every sentinel.
        import select

        self.poller = select.poll()
        self.watched: dict[int, tuple[int, bool]] = {}  # descriptor -> (worker, is its pipe)
        for k, (receiver, process) in enumerate(zip(self.receivers, self.workers, strict=True)):
            for fd, is_pipe in ((receiver.fileno(), True), (process.sentinel, False)):
                self.poller.register(fd, select.POLLIN)
                self.watched[fd] = (k, is_pipe)

    def send(self, k: int, index: int, first_line: int) -> None:
        """Hand task ``index`` (its first line, 0 if unknown) to worker ``k``."""
        try:
            message = index.to_bytes(8, "little") + first_line.to_bytes(8, "little")
            self.senders[k].send_bytes(message)
        except OSError:  # EPIPE: the worker is gone (never "our stdout was closed")
            raise gone(self.workers[k], self.receivers[k]) from None
        self.sent[k].append(index)

    def arrived(self, wait: bool) -> list[tuple[int, int, bytes]]:
        """The outcomes that have arrived, as (worker, task, pickle), waiting for one if ``wait``;
        :class:`WorkerError` for a worker that failed or ended holding a task of ours."""
        found = []
        for fd, _ in self.poller.poll(None if wait else 0):
            k, is_pipe = self.watched[fd]
            if not is_pipe:  # a worker ended: fine only once it has nothing of ours
                # (Its pipe alone says so only once every copy of its end is closed, and a process
                # the worker started without exec holds one; multiprocessing's sentinel says so
                # once the worker itself has exited.)
                if self.sent[k] and not self.receivers[k].poll():
                    raise gone(self.workers[k], self.receivers[k])
                self.poller.unregister(fd)
                continue
            if not self.sent[k]:  # an idle worker's pipe (at its end: EOF); nothing to read
                self.poller.unregister(fd)
                continue
            try:
                data = self.receivers[k].recv_bytes()
            except (EOFError, OSError):
                raise died(self.workers[k]) from None
            if data.startswith(FAILED):
                raise failed(data)
            found.append((k, self.sent[k].popleft(), data))
        return found

    def close(self, finished: bool) -> None:
        """Tell every worker to stop and wait for it; one not ``finished`` (the run was
        interrupted, or its reader went away) is terminated rather than waited for."""
        for sender in self.senders:
            try:
                sender.send_bytes(b"")
                sender.close()
            except OSError:
                pass
        for process in self.workers:
            if not finished:
                process.terminate()
            process.join(timeout=5)
            if self.forked:
                process.close()
        for receiver in self.receivers:
            receiver.close()


def failed(message: bytes) -> WorkerError:
    text = message[len(FAILED) :].decode("utf-8", "replace")
    return WorkerError(f"a worker process failed:\n{text}")


def gone(process: Any, pipe: Any) -> WorkerError:
    """Why a worker is gone: the failure it said before it stopped (still in its pipe, behind
    outcomes the main process had not read yet), or else that it died."""
    try:
        while pipe.poll():
            message = pipe.recv_bytes()
            if message.startswith(FAILED):
                return failed(message)
    except (EOFError, OSError):
        pass
    return died(process)


def died(process: Any) -> WorkerError:
    # Its pipe is closed or its sentinel ready: it is ending. Wait for its exit code long enough
    # that a loaded machine still names it (a second was not: "exit code None" under load).
    process.join(timeout=30)
    return WorkerError(
        f"a worker process (pid {process.pid}) stopped unexpectedly (exit code "
        f"{process.exitcode}); the run is abandoned rather than reported incomplete"
    )
