"""One run of the command: inputs -> parse -> check -> locate -> report -> exit code.

:func:`run` takes a frozen :class:`Options` and returns the exit code; it writes only to the
streams it is given and never exits the process, so it is easy to test and to embed.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from collections.abc import Iterator
from typing import NamedTuple, TextIO

from validator.catalog import DEFAULT_SCHEMA, load_schema
from validator.engine import compile_schema
from validator.parallel import CheckSettings, Outcome, Task, WorkerError, execute, run_tasks
from validator.problems import EXIT_USAGE, SchemaProblem, Summary
from validator.progress import Progress
from validator.report import Reporter, ReportOptions, make_reporter
from validator.sources import Batch, Item, expand, is_jsonl, iter_items

__all__ = ["Options", "run"]

FILES_PER_TASK = 64
RANGE_SIZE = 64 << 10
"""Bytes of a JSON Lines file per worker task (files larger than this are cut into ranges): small
ranges keep both workers busy to the end and their data in the CPU cache (measured faster than
256 KiB and 1 MiB ranges on 100,000-line files, valid or 30% invalid)."""
PARALLEL_MIN_FILES = 256
PARALLEL_MIN_BYTES = 8 << 20


class Options(NamedTuple):
    """Everything one run needs, as the CLI parsed it."""

    inputs: tuple[str, ...] = ()
    schema: str = DEFAULT_SCHEMA
    format: str = "text"
    output: str | None = None
    reports: tuple[tuple[str, str], ...] = ()
    jsonl: bool = False
    quiet: bool = False
    color: bool = False
    redact: bool = False
    max_errors: int | None = None
    engine: str = "fast"
    cross_check: bool = False
    jobs: int = 1
    progress: bool = False


@contextlib.contextmanager
def _reporters(options: Options, out: TextIO) -> Iterator[list[Reporter]]:
    with contextlib.ExitStack() as stack:
        targets = [(options.format, options.output), *options.reports]
        reporters: list[Reporter] = []
        for name, path in targets:
            if path in (None, "-"):
                stream = out
                colour = options.color and path is None
            else:
                stream = stack.enter_context(
                    open(path, "w", encoding="utf-8", errors="backslashreplace", newline="\n")
                )
                colour = False
            reporters.append(make_reporter(name, stream, ReportOptions(colour, options.quiet)))
        yield reporters


def _tasks(entries: list[str | Item], jsonl: bool) -> Iterator[Task]:
    """Cut the work into tasks, in input order: groups of whole-document files (read by whoever
    checks them), and JSON Lines blocks (read here)."""
    group: list[str] = []
    for entry in entries:
        if isinstance(entry, str) and entry != "-" and not jsonl and not is_jsonl(entry):
            group.append(entry)
            if len(group) >= FILES_PER_TASK:
                yield ("files", group)
                group = []
            continue
        if group:
            yield ("files", group)
            group = []
        if isinstance(entry, Item):
            yield ("item", entry)
            continue
        for item in iter_items([entry], jsonl=jsonl):
            yield ("batch" if isinstance(item, Batch) else "item", item)
    if group:
        yield ("files", group)


def _parallel_tasks(entries: list[str | Item], jsonl: bool) -> list[Task]:
    """The tasks of a run with workers, all listed before any starts, each naming its input:
    groups of whole-document files, and large JSON Lines files cut into byte ranges."""
    tasks: list[Task] = []
    group: list[str] = []
    for entry in entries:
        if isinstance(entry, str) and not jsonl and not is_jsonl(entry):
            group.append(entry)
            if len(group) >= FILES_PER_TASK:
                tasks.append(("files", group))
                group = []
            continue
        if group:
            tasks.append(("files", group))
            group = []
        if isinstance(entry, Item):
            tasks.append(("item", entry))
            continue
        try:
            info = os.stat(entry)
        except OSError:
            info = None
        if info is None or not stat.S_ISREG(info.st_mode) or info.st_size <= RANGE_SIZE:
            tasks.append(("files", [entry]))  # one worker reads it all (or says why it cannot)
            continue
        for start in range(0, info.st_size, RANGE_SIZE):
            stop = start + RANGE_SIZE if start + RANGE_SIZE < info.st_size else None  # to the end
            tasks.append(("range", entry, start, stop, start == 0))
    if group:
        tasks.append(("files", group))
    return tasks


def _worth_parallel(entries: list[str | Item], jsonl: bool) -> bool:
    """Whether workers pay for themselves: many files, or large JSON Lines files; never with
    standard input among the inputs (only this process can read it)."""
    files = [e for e in entries if isinstance(e, str)]
    if "-" in files:
        return False
    if len(files) >= PARALLEL_MIN_FILES:
        return True
    size = 0
    for name in files:
        if jsonl or is_jsonl(name):
            with contextlib.suppress(OSError):
                size += os.stat(name).st_size
    return size >= PARALLEL_MIN_BYTES


def run(options: Options, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Check every input and report; returns the exit code (0, 1, 2 or 3)."""
    out = out if out is not None else sys.stdout
    err = err if err is not None else sys.stderr
    try:
        engine = compile_schema(
            load_schema(options.schema), engine=options.engine, cross_check=options.cross_check
        )
    except SchemaProblem as problem:
        err.write(f"casefile-validate: schema error: {problem}\n")
        return EXIT_USAGE
    summary = Summary()
    try:
        with _reporters(options, out) as reporters:
            # Valid documents are only counted, unless some report lists them one by one.
            keep_valid = any(r.wants_valid for r in reporters)
            settings = CheckSettings(
                options.schema,
                options.engine,
                options.cross_check,
                options.jsonl,
                options.redact,
                options.max_errors,
                keep_valid,
            )
            entries = list(expand(options.inputs or ("-",)))
            outcomes: Iterator[Outcome]
            if options.jobs > 1 and _worth_parallel(entries, options.jsonl):
                work = _parallel_tasks(entries, options.jsonl)
                outcomes = run_tasks(work, settings, options.jobs, engine)
            else:
                outcomes = (
                    execute(task, settings, engine) for task in _tasks(entries, options.jsonl)
                )
            progress = Progress(err if options.progress else None)
            for valid, results in outcomes:
                summary.valid += valid
                for result in results:
                    summary.add(result)
                    for reporter in reporters:
                        reporter.document(result)
                progress.update(summary.documents)
            progress.close()
            for reporter in reporters:
                reporter.finish(summary)
    except WorkerError as exc:
        err.write(f"casefile-validate: cannot complete the run: {exc}\n")
        return EXIT_USAGE
    except OSError as exc:
        if isinstance(exc, BrokenPipeError):
            raise
        name = getattr(exc, "filename", None) or options.output or "output"
        err.write(f"casefile-validate: cannot write report {name}: {exc.strerror or exc}\n")
        return EXIT_USAGE
    return summary.exit_code
