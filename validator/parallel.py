"""Spreading the check stage over processes (``--jobs``), with output order unchanged.

The main process lists every task before a worker starts, and a task names its input rather than
carrying it: a group of whole-document files, a byte range of a large JSON Lines file (the worker
cuts it at line starts itself, see :func:`~validator.sources.read_range`), or an input already
known to be unreadable.  ``--jobs N`` is N processes that check: this one and N - 1 workers
(forked, so they start with the compiled schema).  Workers are sent task numbers, at most
:data:`OUTSTANDING` ahead each so that none waits for its next task, and send back each outcome;
whenever no outcome is waiting, this process checks the next task itself (a worker's outcome
costs a pickle each way, and a worker more than the cores would only share them).  A range's
lines are numbered from its first line when the main process knows it; else from 1, and the main
process moves its results down by the lines of the ranges before it (each outcome says how many
lines its range had), so that a valid file is never read twice; once some range has results to
move, it counts line ends as it hands the rest out (:class:`~validator.sources.LineCounter`), so
that they come back numbered.  The main process alone talks to the workers, with no helper
thread: it takes outcomes as they come, puts them back in task order and yields them to the
reporters.  Memory stays flat for any input size: a worker holds one task's input, the main
process at most :data:`AHEAD` outcomes of its own and :data:`OUTSTANDING` per worker, and a
worker that runs ahead waits on its pipe.
"""

from __future__ import annotations

import sys
from collections import deque
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from validator.tasks import Outcome, Range, Task, check_counted, renumbered

if TYPE_CHECKING:
    from validator.options import Options

__all__ = ["WorkerError", "run_tasks"]

OUTSTANDING = 3
"""Tasks sent to a worker ahead of its outcomes: it never waits for the main process to hand it
the next one, even while that one checks a task itself."""

_PIPE_SIZE = 1 << 20
"""Bytes an outcome pipe may hold (Linux), so that a worker can finish a task's outcome and start
the next while the main process is busy reporting."""


HERE = 1
"""This process checks tasks too, as one of the ``--jobs`` (1; 0 in tests that need every task
in a worker): it takes the next task whenever no outcome waits to be reported, so ``--jobs N``
starts N - 1 workers and no process waits for a core."""

AHEAD = 5
"""Outcomes this process may hold waiting for an earlier one, besides as many as its workers have
tasks outstanding, before it stops checking tasks itself and waits for theirs: what bounds its
memory.  (A limit that ignored the workers' share stalled it: with at most 4 outcomes held and
six tasks outstanding at its worker, --jobs 2 ran about 13% slower.)"""


class WorkerError(RuntimeError):
    """A worker process died or failed: the run cannot be completed (no result is dropped)."""


_FAILED = b"F"
"""What a worker's message starts with, instead of an outcome's pickle, when checking raised (a
bug): the traceback follows.  Told apart before the worker is handed its next task (it has
stopped: handing it one would find it gone)."""


class _Compiled:
    """The engines of a worker started without fork: each check's schema (as loaded by the main
    process) compiled when a task first needs it, once per distinct schema."""

    def __init__(self, schemas: Sequence[Any], options: Options) -> None:
        self.schemas = schemas
        self.options = options
        self.done: dict[int, Any] = {}

    def __getitem__(self, check: int) -> Any:
        schema = self.schemas[check]
        if id(schema) not in self.done:
            from validator.engine import compile_schema

            self.done[id(schema)] = compile_schema(
                schema, engine=self.options.engine, cross_check=self.options.cross_check
            )
        return self.done[id(schema)]


def _serve(
    tasks: Sequence[Task],
    options: Options,
    keep_valid: bool,
    engines: Any,
    commands: Any,
    outcomes: Any,
    foreign: Sequence[Any],
) -> None:
    """A worker: check the tasks whose numbers arrive on ``commands`` until told to stop.
    ``engines`` are the compiled engines of the checks (forked), or their loaded schemas."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    for connection in foreign:  # other workers' pipe ends, inherited by fork: not ours to hold
        connection.close()
    if isinstance(engines, tuple) and engines and engines[0] == "schemas":
        engines = _Compiled(engines[1], options)  # started without fork: compile here
    while True:
        try:
            message = commands.recv_bytes()
        except (EOFError, OSError):  # the main process is gone
            return
        if not message:
            return
        try:
            index, first_line = (
                int.from_bytes(message[:8], "little"),
                int.from_bytes(message[8:], "little"),
            )
            task = tasks[index]
            # a range's first line may be unknown (0): numbered from 1, moved by the main process
            reply: Any = check_counted(
                task, options, keep_valid, engines[task.check], first_line or 1
            )
        except BaseException:  # a bug: say what it was, then stop
            import traceback  # only now: its import compiles textwrap's patterns

            outcomes.send_bytes(_FAILED + traceback.format_exc().encode("utf-8", "replace"))
            return
        outcomes.send_bytes(_dumps(reply, -1))


def _prepare(tasks: Sequence[Task], options: Options, engines: Sequence[Any]) -> None:
    """Make, before the fork, what every worker would otherwise make for itself: the checking
    modules, and the warnings' finder of each check's engine."""
    # imported once, here, rather than once per worker
    import validator.check

    if any(isinstance(task, Range) for task in tasks):
        import validator.batch  # noqa: F401

    if not options.no_warnings or options.strict or options.strict_checks:
        from validator.warned import for_engine

        for check in {task.check for task in tasks}:
            for_engine(engines[check])


try:  # the pickler itself: pickle.py's import (a millisecond) only wraps it
    from _pickle import dumps as _dumps
    from _pickle import loads as _loads
except ImportError:  # not CPython
    from pickle import dumps as _dumps
    from pickle import loads as _loads


def _grow(connection: Any) -> None:
    try:
        import fcntl

        fcntl.fcntl(connection.fileno(), fcntl.F_SETPIPE_SZ, _PIPE_SIZE)
    except (ImportError, AttributeError, OSError):  # not Linux, or over the system's limit
        pass


def run_tasks(
    tasks: Sequence[Task], options: Options, keep_valid: bool, jobs: int, engines: Sequence[Any]
) -> Iterator[Outcome]:
    """Outcomes of the tasks, in task order, computed by up to ``jobs`` processes: this one and
    ``jobs - 1`` workers.

    ``engines`` are the compiled engines of the run's checks (a task's ``check`` indexes them):
    forked workers start with them; workers started otherwise get the schemas they were
    compiled from and compile each at most once."""
    import gc
    import os
    import select

    from validator.sources import LineCounter

    if not tasks:
        return
    # fork starts a worker in a millisecond with everything already compiled (validator.forks,
    # without multiprocessing); it is only safe while this process has no other thread, else
    # multiprocessing's forkserver (or spawn) is used.
    threading = sys.modules.get("threading")
    forked = hasattr(os, "fork") and (threading is None or threading.active_count() == 1)
    context: Any
    if forked:
        import validator.forks

        context = validator.forks
    else:
        import multiprocessing

        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    count = min(jobs, len(tasks)) - HERE
    if forked:
        _prepare(tasks, options, engines)
        gc.freeze()  # the workers' collector leaves what they inherit alone: no page copied
    pipes = [
        (context.Pipe(False), context.Pipe(False))
        if not forked
        else (context.pipe(), context.pipe())
        for _ in range(count)
    ]
    workers = []
    for k, ((command_in, _), (_, outcome_out)) in enumerate(pipes):
        foreign = (
            [c for j, (a, b) in enumerate(pipes) if j != k for c in (*a, *b)]
            + [pipes[k][0][1], pipes[k][1][0]]
            if forked
            else []
        )
        process = (context.Forked if forked else context.Process)(
            target=_serve,
            args=(
                tasks,
                options,
                keep_valid,
                list(engines) if forked else ("schemas", [e.schema for e in engines]),
                command_in,
                outcome_out,
                foreign,
            ),
            daemon=True,
        )
        process.start()
        workers.append(process)
    for (command_in, _), (outcome_in, outcome_out) in pipes:
        command_in.close()
        outcome_out.close()
        _grow(outcome_in)
    senders = [command_out for (_, command_out), _ in pipes]
    receivers = [outcome_in for _, (outcome_in, _) in pipes]
    sent: list[deque[int]] = [deque() for _ in range(count)]
    held = AHEAD + OUTSTANDING * count  # outcomes held before this process stops checking
    next_task = 0

    # The lines of a JSON Lines file cut into ranges are numbered without reading it here: a
    # worker numbers a range's lines from 1 and says how many start in it, and its results are
    # moved down by the lines of the ranges before it.  Once some range has results to move (a
    # file with invalid lines: there will be more), the ranges still to be handed out are
    # numbered as they go instead, by counting line ends here (:class:`LineCounter`).
    counter: LineCounter | None = None  # line numbers of the JSON Lines file being cut
    counting = False
    unnumbered: set[int] = set()  # ranges handed out with their first line unknown
    lines: dict[int, int] = {}  # task -> the number of lines that start in it (ranges)

    def assign() -> tuple[int, int]:
        """The next task to check, and the number of its first line (0: unknown yet)."""
        nonlocal next_task, counter
        index, task, first_line = next_task, tasks[next_task], 1
        if isinstance(task, Range) and task.first and counter is not None:
            counter.close()  # a new file
            counter = None
        if isinstance(task, Range) and not task.first:  # handed out in order
            if not counting:
                first_line = 0
                unnumbered.add(index)
            else:
                if counter is None:
                    counter = LineCounter(task.path)
                first_line = counter.first_line(task.start)
        next_task += 1
        return index, first_line

    def feed(k: int) -> None:
        while len(sent[k]) < OUTSTANDING and next_task < len(tasks):
            index, first_line = assign()
            try:
                message = index.to_bytes(8, "little") + first_line.to_bytes(8, "little")
                senders[k].send_bytes(message)
            except OSError:  # EPIPE: the worker is gone (never "our stdout was closed")
                raise _gone(workers[k], receivers[k]) from None
            sent[k].append(index)

    def here() -> bool:
        """Whether this process should check the next task itself now: one is left, and few
        of the outcomes it holds wait for an earlier one."""
        return bool(HERE) and next_task < len(tasks) and len(done) < held

    # One poll object for the whole run (multiprocessing's wait() builds a selector per call: a
    # tenth of a millisecond for each outcome), on every outcome pipe and every worker's sentinel.
    poller = select.poll()
    watched: dict[int, tuple[int, bool]] = {}  # descriptor -> (worker, whether it is its pipe)
    for k in range(count):
        for fd, is_pipe in ((receivers[k].fileno(), True), (workers[k].sentinel, False)):
            poller.register(fd, select.POLLIN)
            watched[fd] = (k, is_pipe)
    done: dict[int, Outcome] = {}
    file_line = 1  # the number of the next range's first line, as outcomes are taken in order
    finished = False
    try:
        for k in range(count):
            feed(k)
        for want in range(len(tasks)):
            while want not in done:
                local = here()
                if not local and not any(sent):  # cannot happen: see here()
                    raise WorkerError(f"task {want} was never handed to a worker")
                events = poller.poll(0 if local else None)
                for fd, _ in events:
                    k, is_pipe = watched[fd]
                    if not is_pipe:  # a worker ended: fine only once it has nothing of ours
                        # (Its pipe alone says so only once every copy of its end is closed, and
                        # a process the worker started without exec holds one; multiprocessing's
                        # sentinel says so once the worker itself has exited.)
                        if sent[k] and not receivers[k].poll():
                            raise _gone(workers[k], receivers[k])
                        poller.unregister(fd)
                        continue
                    if not sent[k]:  # an idle worker's pipe (at its end: EOF); nothing to read
                        poller.unregister(fd)
                        continue
                    try:
                        data = receivers[k].recv_bytes()
                    except (EOFError, OSError):
                        raise _died(workers[k]) from None
                    if data.startswith(_FAILED):
                        raise _failed(data)
                    index = sent[k].popleft()
                    feed(k)  # before unpickling: the worker has its next task at once
                    done[index], lines[index] = _loads(data)
                if local and not events:  # the workers are busy: check the next task here
                    index, first_line = assign()
                    done[index], lines[index] = check_counted(
                        tasks[index], options, keep_valid, engines, first_line or 1
                    )
            outcome, task, count = done.pop(want), tasks[want], lines.pop(want)
            if isinstance(task, Range):
                if task.first:
                    file_line = 1
                if want in unnumbered and outcome[1]:
                    outcome = renumbered(outcome, file_line - 1)
                    counting = True  # results to move: number the rest as they go
                file_line += count
            yield outcome
        finished = True
    finally:
        if forked:
            gc.unfreeze()
        if counter is not None:
            counter.close()
        for sender in senders:
            try:
                sender.send_bytes(b"")
                sender.close()
            except OSError:
                pass
        for process in workers:
            if not finished:  # interrupted, or the reader went away: do not wait for them
                process.terminate()
            process.join(timeout=5)
            if forked:
                process.close()
        for receiver in receivers:
            receiver.close()


def _failed(message: bytes) -> WorkerError:
    text = message[len(_FAILED) :].decode("utf-8", "replace")
    return WorkerError(f"a worker process failed:\n{text}")


def _gone(process: Any, pipe: Any) -> WorkerError:
    """Why a worker is gone: the failure it said before it stopped (still in its pipe, behind
    outcomes the main process had not read yet), or else that it died."""
    try:
        while pipe.poll():
            message = pipe.recv_bytes()
            if message.startswith(_FAILED):
                return _failed(message)
    except (EOFError, OSError):
        pass
    return _died(process)


def _died(process: Any) -> WorkerError:
    # Its pipe is closed or its sentinel ready: it is ending. Wait for its exit code long enough
    # that a loaded machine still names it (a second was not: "exit code None" under load).
    process.join(timeout=30)
    return WorkerError(
        f"a worker process (pid {process.pid}) stopped unexpectedly (exit code "
        f"{process.exitcode}); the run is abandoned rather than reported incomplete"
    )
