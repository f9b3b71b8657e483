"""One run of the command: inputs -> parse -> check -> locate -> report -> exit code.

:func:`run` takes a frozen :class:`Options` and returns the exit code; it writes only to the
streams it is given and never exits the process, so it is easy to test and to embed.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TextIO

from validator.catalog import DEFAULT_SCHEMA, load_schema
from validator.engine import compile_schema
from validator.parallel import CheckSettings, Outcome, Task, execute, run_tasks
from validator.problems import SchemaProblem, Summary
from validator.progress import Progress
from validator.report import Reporter, ReportOptions, make_reporter
from validator.sources import Batch, Item, expand, is_jsonl, iter_items

__all__ = ["EXIT_INVALID", "EXIT_OK", "EXIT_UNREADABLE", "EXIT_USAGE", "Options", "run"]

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_UNREADABLE = 3

FILES_PER_TASK = 64
PARALLEL_MIN_FILES = 256
PARALLEL_MIN_BYTES = 8 << 20


@dataclass(frozen=True)
class Options:
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


def _worth_parallel(entries: list[str | Item], jsonl: bool) -> bool:
    files = [e for e in entries if isinstance(e, str) and e != "-"]
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
            tasks = _tasks(entries, options.jsonl)
            outcomes: Iterator[Outcome]
            if options.jobs > 1 and _worth_parallel(entries, options.jsonl):
                outcomes = run_tasks(tasks, settings, options.jobs)
            else:
                outcomes = (execute(task, settings, engine) for task in tasks)
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
    except OSError as exc:
        if isinstance(exc, BrokenPipeError):
            raise
        name = getattr(exc, "filename", None) or options.output or "output"
        err.write(f"casefile-validate: cannot write report {name}: {exc.strerror or exc}\n")
        return EXIT_USAGE
    return summary.exit_code
