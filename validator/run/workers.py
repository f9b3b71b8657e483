"""Spreading the check stage over processes (``--jobs``), with output order unchanged.

The main process lists every task before a worker starts, and a task names its input rather than
carrying it: a group of whole-document files, a byte range of a large JSON Lines file (the worker
cuts it at line starts itself, see :func:`~validator.inputs.ranges.read_range`), or an input
already known to be unreadable.  ``--jobs N`` is N processes that check: this one and N - 1 workers
(forked, so they start with the compiled schema).  Workers are sent task numbers, at most
:data:`OUTSTANDING` ahead each so that none waits for its next task, and send back each outcome;
whenever no outcome is waiting, this process checks the next task itself (a worker's outcome
costs a pickle each way, its results as columns (:mod:`validator.run.packing`), and a worker
more than the cores would only share them).  A range's
lines are numbered from its first line when the main process knows it; else from 1, and the main
process moves its results down by the lines of the ranges before it (each outcome says how many
lines its range had), so that a valid file is never read twice; once some range has results to
move, it counts line ends as it hands the rest out (:class:`~validator.inputs.ranges.LineCounter`),
so that they come back numbered.  The main process alone talks to the workers, with no helper
thread: it takes outcomes as they come, puts them back in task order and yields them to the
reporters.  Memory stays flat for any input size: a worker holds one task's input, the main
process at most :data:`AHEAD` outcomes of its own and :data:`OUTSTANDING` per worker, and a
worker that runs ahead waits on its pipe.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from validator.run.packing import packed, unpacked
from validator.run.pool import FAILED, Pool, WorkerError, forking
from validator.run.tasks import Outcome, Range, Reported, Task, check_counted, renumbered
from validator.run.valid_results import rendered

if TYPE_CHECKING:
    from validator.inputs.ranges import LineCounter
    from validator.run.settings import Options

__all__ = ["WorkerError", "run_tasks"]  # WorkerError: from validator.run.pool

OUTSTANDING = 3
"""Tasks sent to a worker ahead of its outcomes: it never waits for the main process to hand it
the next one, even while that one checks a task itself."""

HERE = 1
"""This process checks tasks too, as one of the ``--jobs`` (1; 0 in tests that need every task
in a worker): it takes the next task whenever no outcome waits to be reported, so ``--jobs N``
starts N - 1 workers and no process waits for a core."""

AHEAD = 5
"""Outcomes this process may hold waiting for an earlier one, besides as many as its workers have
tasks outstanding, before it stops checking tasks itself and waits for theirs: what bounds its
memory.  (A limit that ignored the workers' share stalled it: with at most 4 outcomes held and
six tasks outstanding at its worker, --jobs 2 ran about 13% slower.)"""

DENSE = 0.25
"""Results of ranges numbered from 1 per line of those ranges above which the ranges still to
be handed out are numbered as they go (line ends counted here, about 0.2 µs a line of the file:
a 39 MB file of 100,000 lines in 18 ms), rather than their results moved when placed (about
0.7 µs a result, in columns: see :mod:`validator.run.packing`)."""


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
            from validator.checking.engine import compile_schema

            self.done[id(schema)] = compile_schema(
                schema, engine=self.options.engine, cross_check=self.options.cross_check
            )
        return self.done[id(schema)]


def _serve(
    tasks: Sequence[Task],
    options: Options,
    keep_valid: bool,
    engines: Any,
    plain: bool,
    commands: Any,
    outcomes: Any,
    foreign: Sequence[Any],
) -> None:
    """A worker: check the tasks whose numbers arrive on ``commands`` until told to stop.
    ``engines`` are the compiled engines of the checks (forked), or their loaded schemas;
    ``plain``: the run's one report is plain text, which takes a task's valid results as text
    (:func:`_reply`)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a worker told to stop stops (no clean-up)
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

            outcomes.send_bytes(FAILED + traceback.format_exc().encode("utf-8", "replace"))
            return
        as_text = plain and first_line > 0 and not _reshaped(options, task.check)
        outcomes.send_bytes(_dumps(_reply(reply, as_text), -1))


def _reshaped(options: Options, check: int) -> bool:
    """Whether the run changes the warnings of a check's results (strict, ``--no-warnings``)
    before they are reported, as :func:`validator.run.runner.run` does."""
    return options.strict or options.no_warnings or check in options.strict_checks


def _reply(reply: tuple[Outcome, int], as_text: bool) -> tuple[Any, ...]:
    """What a worker sends of a task's outcome: where ``as_text`` (the run's one report is plain
    text, the task's lines are numbered in their file and its warnings reported as they are) and
    its results are all of valid documents, the text that report writes of them
    (:class:`~validator.run.valid_results.Rendered`); else its results as columns
    (:func:`~validator.run.packing.packed`)."""
    if as_text:
        (valid, results), count = reply
        done = rendered(results)
        if done is not None:
            return valid, count, done
    return packed(reply)


def _prepare(tasks: Sequence[Task], options: Options, engines: Sequence[Any]) -> None:
    """Make, before the fork, what every worker would otherwise make for itself: the checking
    modules, and the warnings' finder of each check's engine."""
    # imported once, here, rather than once per worker
    import validator.checking.document

    if any(isinstance(task, Range) for task in tasks):
        import validator.checking.json_lines  # noqa: F401

    if not options.no_warnings or options.strict or options.strict_checks:
        from validator.checking.property_warnings import for_engine

        for check in {task.check for task in tasks}:
            if getattr(engines[check], "router", None) is None:  # recordings: theirs, later
                for_engine(engines[check])


try:  # the pickler itself: pickle.py's import (a millisecond) only wraps it
    from _pickle import dumps as _dumps
    from _pickle import loads as _loads
except ImportError:  # not CPython
    from pickle import dumps as _dumps
    from pickle import loads as _loads


class _Lines:
    """The line numbers of JSON Lines ranges, handed out in order, without reading the file here
    where it can be helped: a worker numbers a range's lines from 1 and says how many start in
    it, and its results are moved down by the lines of the ranges before it.  Once the ranges
    placed so far had more than :data:`DENSE` results a line to move (a file with many invalid
    lines or warnings), the ranges still to be handed out are numbered as they go instead, by
    counting line ends here (:class:`LineCounter`).
    """

    def __init__(self, tasks: Sequence[Task]) -> None:
        self.tasks = tasks
        self.next_task = 0
        self.counter: LineCounter | None = None  # line numbers of the JSON Lines file being cut
        self.counting = False
        self.unnumbered: set[int] = set()  # ranges handed out with their first line unknown
        self.file_line = 1  # the next range's first line, as outcomes are taken in order
        self.moved = 0  # results of unnumbered ranges, moved when placed
        self.unnumbered_lines = 0  # the lines of those ranges

    def left(self) -> bool:
        return self.next_task < len(self.tasks)

    def assign(self) -> tuple[int, int]:
        """The next task to check, and the number of its first line (0: unknown yet)."""
        index, task, first_line = self.next_task, self.tasks[self.next_task], 1
        if isinstance(task, Range) and task.first and self.counter is not None:
            self.counter.close()  # a new file
            self.counter = None
        if isinstance(task, Range) and not task.first:  # handed out in order
            if not self.counting:
                first_line = 0
                self.unnumbered.add(index)
            else:
                if self.counter is None:
                    from validator.inputs.ranges import LineCounter

                    self.counter = LineCounter(task.path)
                first_line = self.counter.first_line(task.start)
        self.next_task += 1
        return index, first_line

    def placed(self, index: int, reply: tuple[Any, ...]) -> Reported:
        """Task ``index``'s outcome, taken in task order, with its lines numbered in its file,
        from its reply (its outcome and the lines that start in it, perhaps as
        :func:`~validator.run.packing.packed` sent it)."""
        task, by = self.tasks[index], 0
        if isinstance(task, Range):
            if task.first:
                self.file_line = 1
            if index in self.unnumbered:
                by = self.file_line - 1
            self.file_line += reply[1]
        if len(reply) == 3:  # a worker's text (Rendered), numbered in its file
            return reply[0], reply[2]
        if not by:
            return unpacked(reply)[0]
        if len(reply) == 2:  # this process's own: moved in columns too
            reply = packed(reply)
        outcome = unpacked(reply, by)[0] if len(reply) > 2 else renumbered(reply[0], by)
        self.moved += len(outcome[1])
        self.unnumbered_lines += reply[1]
        if self.moved > DENSE * self.unnumbered_lines:  # cheaper to count: the rest numbered
            self.counting = True
        return outcome

    def close(self) -> None:
        if self.counter is not None:
            self.counter.close()


def run_tasks(
    tasks: Sequence[Task],
    options: Options,
    keep_valid: bool,
    jobs: int,
    engines: Sequence[Any],
    plain: bool = False,
) -> Iterator[Reported]:
    """Outcomes of the tasks, in task order, computed by up to ``jobs`` processes: this one and
    ``jobs - 1`` workers.  ``plain``: the run's one report is plain text, so a worker may send a
    task's results as that text (:class:`~validator.run.valid_results.Rendered`, in place of
    the results' list).

    ``engines`` are the compiled engines of the run's checks (a task's ``check`` indexes them):
    forked workers start with them; workers started otherwise get the schemas they were
    compiled from and compile each at most once."""
    import gc

    if not tasks:
        return
    forked = forking()
    if forked:
        _prepare(tasks, options, engines)
        gc.freeze()  # the workers' collector leaves what they inherit alone: no page copied
    shipped = list(engines) if forked else ("schemas", [e.schema for e in engines])
    lines = _Lines(tasks)
    pool: Pool | None = None
    finished = False
    try:
        count = min(jobs, len(tasks)) - HERE
        pool = Pool(count, forked, _serve, (tasks, options, keep_valid, shipped, plain))
        yield from _schedule(pool, lines, options, keep_valid, engines)
        finished = True
    finally:
        if forked:
            gc.unfreeze()
        lines.close()
        if pool is not None:
            pool.close(finished)


def _schedule(
    pool: Pool, lines: _Lines, options: Options, keep_valid: bool, engines: Sequence[Any]
) -> Iterator[Reported]:
    """The outcomes in task order: each worker kept :data:`OUTSTANDING` tasks ahead, this
    process checking the next task itself whenever no outcome waits and it holds few."""
    tasks, sent = lines.tasks, pool.sent
    held = AHEAD + OUTSTANDING * len(sent)  # outcomes held before this process stops checking
    done: dict[int, tuple[Any, ...]] = {}  # task -> its reply (see _Lines.placed)

    # few tasks (a large HAR's parts, one per process): a share each, this process's too
    ahead = min(OUTSTANDING, max(1, len(tasks) // (len(sent) + HERE)))

    def feed(k: int) -> None:
        while len(sent[k]) < ahead and lines.left():
            pool.send(k, *lines.assign())

    for k in range(len(sent)):
        feed(k)
    for want in range(len(tasks)):
        while want not in done:
            # check the next task here: one is left, and few of the outcomes held wait for an
            # earlier one
            local = bool(HERE) and lines.left() and len(done) < held
            if not local and not any(sent):  # cannot happen: see local
                raise WorkerError(f"task {want} was never handed to a worker")
            arrived = pool.arrived(wait=not local)
            for k, index, data in arrived:
                feed(k)  # before unpickling: the worker has its next task at once
                done[index] = _loads(data)
            if local and not arrived:  # the workers are busy: check the next task here
                index, first_line = lines.assign()
                done[index] = check_counted(
                    tasks[index], options, keep_valid, engines, first_line or 1
                )
        yield lines.placed(want, done.pop(want))
