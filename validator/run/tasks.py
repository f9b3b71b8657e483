"""The work of a run cut into tasks, and the one function that checks a task.

Every executor (this process, ``--jobs`` worker processes) runs :func:`check_task` on the tasks
:func:`plan` cuts, and hands back :data:`Outcome` records in task order; none of them knows about
reports.  A task names its input rather than carrying it, so that it is cheap to send: a group
of files, a byte range of a large JSON Lines file, or an input already read (standard input, a
JSON Lines block, an input known to be unreadable).
"""

import contextlib
import operator
import os
import stat
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from validator.inputs.boundary import MAX_DOCUMENT_BYTES
from validator.inputs.sources import (
    JSONL_SUFFIXES,
    STDIN,
    Batch,
    Item,
    is_jsonl,
    iter_items,
)
from validator.problems import DocumentResult, Problem
from validator.run.har_tasks import HarPart, har_parts
from validator.run.recording_tasks import STDIN_ELSEWHERE
from validator.run.yaml_names import yaml_names

if TYPE_CHECKING:
    from validator.run.settings import Options
    from validator.run.valid_results import Rendered

__all__ = [
    "FILES_PER_TASK",
    "PARALLEL_MIN_BYTES",
    "PARALLEL_MIN_FILES",
    "RANGE_SIZE",
    "Block",
    "Entry",
    "Files",
    "HarPart",
    "Known",
    "Outcome",
    "Range",
    "Reported",
    "Task",
    "check_counted",
    "check_task",
    "finer_end",
    "plan",
    "renumbered",
    "worth_parallel",
]

FILES_PER_TASK = 64
"""Files per task: enough to amortise a task's cost, few enough to share the work evenly."""
RANGE_SIZE = 128 << 10
"""Bytes of a JSON Lines file per worker task (files larger than this are cut into ranges): small
enough that both workers stay busy to the end, large enough that the main process handles few
outcomes (measured: on 100,000-line files, valid or 30% invalid, 128 KiB ranges ran 3-5% faster
than 64 KiB ones and no slower than 192 or 256 KiB ones)."""
PARALLEL_MIN_FILES = 256
"""Workers pay for themselves from this many files ..."""
PARALLEL_MIN_BYTES = 8 << 20
"""... or this many bytes of JSON Lines."""


class Files(NamedTuple):
    """Files read by whoever checks them (JSON Lines files among them are read whole); every
    file as JSON Lines when ``jsonl``."""

    paths: tuple[str, ...]
    check: int = 0
    """Which of the run's checks judges the task (an index into its engines)."""
    jsonl: bool = False


class Known(NamedTuple):
    """One input already read, or known to be unreadable."""

    item: Item
    check: int = 0


class Block(NamedTuple):
    """Lines of a JSON Lines input already read (standard input: in this process only)."""

    batch: Batch
    check: int = 0


class Range(NamedTuple):
    """The lines of a JSON Lines file that start in the byte range ``[start, stop)`` (``stop``
    None: to the end); ``first`` tells whether it is the file's first range."""

    path: str
    start: int
    stop: int | None
    first: bool
    check: int = 0


Task = Files | Known | Block | Range | HarPart

Outcome = tuple[int, list[DocumentResult]]
"""(valid documents not listed, results in order)."""

Reported = tuple[int, "list[DocumentResult] | Rendered"]
"""An :data:`Outcome` as an executor hands it back: from a worker process, the results may come
as the text a plain report writes of them (:class:`validator.run.valid_results.Rendered`)."""


Entry = tuple[str | Item, int]
"""An input (a path, ``-``, or an input known to be unreadable) and the check that judges it."""

_NAME = operator.itemgetter(0)
"""An entry's input."""


def plan(
    entries: Iterable[Entry],
    jsonl: Sequence[bool],
    *,
    ranges: bool = False,
    limit: int = MAX_DOCUMENT_BYTES,
    recordings: frozenset[int] = frozenset(),
    workers: int = 1,
) -> Iterator[Task]:
    """Cut the work into tasks, in input order; ``jsonl[check]`` says whether the check reads
    every input as JSON Lines.

    Whole-document files of one check go in groups of :data:`FILES_PER_TASK`.  JSON Lines inputs
    are read here, a block at a time (:class:`Block`) or, with ``ranges`` (a run with workers,
    which read their own inputs), large JSON Lines files are cut into :data:`RANGE_SIZE` byte
    ranges and smaller ones read whole by one worker; the large HAR files of the ``recordings``
    checks are cut into a part per worker (:mod:`validator.run.har_tasks`); every input of those
    checks is a recording, read by whoever checks it (standard input too: never sent to a Dask
    worker, see :mod:`validator.run.recording_tasks`).  ``limit``: the
    most bytes a document may take (``--max-document-bytes``)."""
    group: list[str] = []
    group_check = 0
    for entry, check in entries:
        if group and check != group_check:
            yield Files(tuple(group), group_check, jsonl[group_check])
            group = []
        if entry.__class__ is str and (  # a whole-document file (the usual entry, tested first)
            (not jsonl[check] and not entry.lower().endswith(JSONL_SUFFIXES) and entry != "-")
            or (check in recordings and (entry != "-" or not ranges))  # a recording (stdin too)
        ):
            parts = har_parts(entry, check, workers) if ranges and check in recordings else ()
            if parts:
                if group:
                    yield Files(tuple(group), group_check, jsonl[group_check])
                    group = []
                yield from parts
                continue
            group.append(entry)
            group_check = check
            if len(group) >= FILES_PER_TASK:
                yield Files(tuple(group), check, False)
                group = []
            continue
        lines = jsonl[check]
        if group:
            yield Files(tuple(group), group_check, jsonl[group_check])
            group = []
        if isinstance(entry, Item):
            yield Known(entry, check)
        elif check in recordings:  # standard input, for workers elsewhere (Dask): not sent
            yield Known(Item(STDIN, 1, None, STDIN_ELSEWHERE), check)
        elif ranges and entry != "-":
            yield from _ranges(entry, check, lines)
        else:
            for item in iter_items([entry], jsonl=lines, limit=limit):
                if isinstance(item, Batch):  # only the block travels to a worker
                    yield Block(item._replace(split=None), check)
                else:
                    yield Known(item, check)
    if group:
        yield Files(tuple(group), group_check, jsonl[group_check])


def _ranges(path: str, check: int, jsonl: bool) -> Iterator[Task]:
    try:
        info = os.stat(path)
    except OSError:
        info = None
    if info is None or not stat.S_ISREG(info.st_mode) or info.st_size <= RANGE_SIZE:
        yield Files((path,), check, jsonl)  # one worker reads it all (or says why it cannot)
        return
    for start in range(0, info.st_size, RANGE_SIZE):
        stop = start + RANGE_SIZE if start + RANGE_SIZE < info.st_size else None  # to the end
        yield Range(path, start, stop, start == 0, check)


def finer_end(tasks: list[Task], last: int = 8, pieces: int = 4) -> list[Task]:
    """``tasks`` with each of the last ``last`` cut into up to ``pieces`` (files in smaller
    groups, a byte range into shorter ranges), in the same order: spread over processes, a run
    then ends on small tasks, and no process is left with a whole one while the others wait
    (measured on 10,000 files: the main process waited 5-7 ms for its worker's last tasks)."""
    cut: list[Task] = []
    for task in tasks[-last:]:
        if isinstance(task, Files) and len(task.paths) > 1:
            size = -(-len(task.paths) // pieces)
            cut += [
                task._replace(paths=task.paths[i : i + size])
                for i in range(0, len(task.paths), size)
            ]
            continue
        if isinstance(task, Range):
            stop = task.stop
            if stop is None:
                try:
                    stop = os.stat(task.path).st_size
                except OSError:
                    stop = task.start
            size = -(-(stop - task.start) // pieces)
            if size > 0:
                starts = range(task.start, stop, size)
                cut += [
                    task._replace(
                        start=at,
                        stop=task.stop if at + size >= stop else at + size,
                        first=task.first and at == task.start,
                    )
                    for at in starts
                ]
                continue
        cut.append(task)
    return tasks[:-last] + cut if len(tasks) > last else cut


def worth_parallel(
    entries: list[Entry], jsonl: Sequence[bool], recordings: frozenset[int] = frozenset()
) -> bool:
    """Whether workers pay for themselves: many files, or large JSON Lines files or HAR files
    (those of the ``recordings`` checks); never with standard input among the inputs (only this
    process can read it)."""
    names = list(map(_NAME, entries))  # passes in C: this runs before every run's first check
    if "-" in names:
        return False
    if len(names) >= PARALLEL_MIN_FILES:
        kinds = set(map(type, names))
        if kinds == {str} or sum(isinstance(n, str) for n in names) >= PARALLEL_MIN_FILES:
            return True
    size = 0
    for name, check in entries:
        if isinstance(name, str) and (jsonl[check] or is_jsonl(name) or check in recordings):
            with contextlib.suppress(OSError):
                size += os.stat(name).st_size
    return size >= PARALLEL_MIN_BYTES


def check_task(
    task: Task, options: "Options", keep_valid: bool, engines: Any, first_line: int = 1
) -> Outcome:
    """Check one task with ``engines[task.check]`` (``engines`` may also be the one engine of a
    run); ``first_line`` numbers the first line of a :class:`Range`.  Valid documents are only
    counted unless ``keep_valid``; each result listed names its schema."""
    return check_counted(task, options, keep_valid, engines, first_line)[0]


def _items(task: Task, limit: int, first_line: int) -> tuple[Iterable[Any], int]:
    """What a task's documents are read as, and for a :class:`Range` its number of lines."""
    if isinstance(task, Range):
        from validator.inputs.ranges import read_range

        found = read_range(task.path, task.start, task.stop, first_line, limit)
        return found, sum(len(f.lines) if isinstance(f, Batch) else 1 for f in found)
    if isinstance(task, Files):
        return iter_items(task.paths, jsonl=task.jsonl, limit=limit), 0
    if isinstance(task, Block):
        return (task.batch,), 0
    return (task.item,), 0  # type: ignore[union-attr]  # a Known


def check_counted(
    task: Task, options: "Options", keep_valid: bool, engines: Any, first_line: int = 1
) -> tuple[Outcome, int]:
    """:func:`check_task`, and for a :class:`Range` the number of lines that start in it (what
    numbers the next range's lines; 0 for other tasks)."""
    from validator.checking.document import check_item
    from validator.checking.file_batch import Passed, sifted

    engine = engines[task.check] if isinstance(engines, (list, tuple)) else engines
    if isinstance(task, HarPart) or getattr(engine, "router", None) is not None:
        from validator.run.recording_tasks import check_recordings

        return check_recordings(task, options, engine), 0

    items, lines = _items(task, options.max_document_bytes, first_line)
    valid = 0
    results: list[DocumentResult] = []
    redact, max_errors = options.redact, options.max_errors
    name = engine.schema.name
    warnings = None
    strict = options.strict or task.check in options.strict_checks
    if not options.no_warnings or strict:
        from validator.checking.property_warnings import for_engine

        warnings = for_engine(engine)
    yaml = yaml_names(options.yaml_files, task.check in options.yaml_checks, options.yaml_root)
    watch = None
    if options.coverage:  # what the valid documents exercise of the schema
        from validator.checking.exercised import Watch

        watch = Watch(engine, strict)
    if isinstance(task, Files) and watch is None:  # valid files proven a group at a time
        items = sifted(items, engine, warnings, len(task.paths), yaml)
    for item in items:
        if isinstance(item, Passed):
            valid += item.counted(name, keep_valid, results)
            continue
        if isinstance(item, Batch):
            from validator.checking.json_lines import check_batch

            count, found_results = check_batch(
                engine,
                item,
                redact=redact,
                max_errors=max_errors,
                keep_valid=keep_valid,
                schema=name,
                warnings=warnings,
            )
            valid += count
            results.extend(found_results)
            if watch is not None:
                watch.batch(item, found_results)
            continue
        if item.raw is not None and yaml(item.source):
            from validator.checking.yaml_documents import check_yaml

            checked = check_yaml(
                engine, item, redact=redact, max_errors=max_errors, warnings=warnings
            )
        else:
            checked = [
                check_item(engine, item, redact=redact, max_errors=max_errors, warnings=warnings)
            ]
            if watch is not None:  # JSON (YAML's documents are not looked at)
                watch.items(item, checked)
        for result in checked:
            if result.valid and not keep_valid and not result.warnings:
                valid += 1
            else:
                results.append(result)
    counted = valid if watch is None else watch.tally(valid)
    return (counted, [r if r.schema == name else r._replace(schema=name) for r in results]), lines


def renumbered(outcome: Outcome, by: int) -> Outcome:
    """An outcome whose lines were numbered ``by`` too low (a range checked before the number of
    its first line was known): every line of its results, problems and warnings moved."""
    if not by or not outcome[1]:
        return outcome

    def moved(problems: tuple[Problem, ...]) -> tuple[Problem, ...]:
        return tuple(p if p.line is None else p._replace(line=p.line + by) for p in problems)

    return outcome[0], [
        r._replace(line=r.line + by, problems=moved(r.problems), warnings=moved(r.warnings))
        for r in outcome[1]
    ]
