"""One run of the command: inputs -> parse -> check -> locate -> report -> exit code.

:func:`run` takes a frozen :class:`Options` and returns the exit code; it writes only to the
streams it is given and never exits the process, so it is easy to test and to embed.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TextIO

from validator.catalog import DEFAULT_SCHEMA, load_schema
from validator.check import check_raw
from validator.engine import compile_schema
from validator.problems import DocumentResult, Problem, SchemaProblem, Status, Summary
from validator.report import Reporter, ReportOptions, make_reporter
from validator.sources import Item, iter_items

__all__ = ["EXIT_INVALID", "EXIT_OK", "EXIT_UNREADABLE", "EXIT_USAGE", "Options", "run"]

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_UNREADABLE = 3

INPUT = "input"
"""The ``keyword`` of a problem that says an input could not be read."""


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


def _result(item: Item, engine: object, options: Options) -> DocumentResult:
    if item.raw is None:
        problem = Problem("", "", item.problem or "cannot read", INPUT)
        return DocumentResult(item.source, item.line, Status.UNREADABLE, (problem,))
    return check_raw(
        engine,  # type: ignore[arg-type]
        item.raw,
        source=item.source,
        line=item.line,
        redact=options.redact,
        max_errors=options.max_errors,
    )


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


def run(options: Options, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Check every input and report; returns the exit code (0, 1, 2 or 3)."""
    out = out if out is not None else sys.stdout
    err = err if err is not None else sys.stderr
    try:
        engine = compile_schema(load_schema(options.schema), engine=options.engine)
    except SchemaProblem as problem:
        err.write(f"casefile-validate: schema error: {problem}\n")
        return EXIT_USAGE
    summary = Summary()
    try:
        with _reporters(options, out) as reporters:
            for item in iter_items(options.inputs or ("-",), jsonl=options.jsonl):
                result = _result(item, engine, options)
                summary.add(result)
                for reporter in reporters:
                    reporter.document(result)
            for reporter in reporters:
                reporter.finish(summary)
    except OSError as exc:
        if isinstance(exc, BrokenPipeError):
            raise
        name = getattr(exc, "filename", None) or "output"
        err.write(f"casefile-validate: cannot write report {name}: {exc.strerror or exc}\n")
        return EXIT_USAGE
    return summary.exit_code
