"""One run of the command: options -> schema -> inputs -> tasks -> check -> report -> exit code.

:func:`run` takes an :class:`~validator.options.Options` and returns the exit code; it writes
only to the streams it is given and never exits the process, so it is easy to test and to embed.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterable, Iterator
from typing import TextIO

from validator.catalog import load_schema
from validator.engine import compile_schema
from validator.options import Options, resolve
from validator.parallel import WorkerError, run_tasks
from validator.problems import EXIT_USAGE, SchemaProblem, Summary
from validator.progress import Progress
from validator.report.base import Reporter, ReportOptions
from validator.report.registry import make_reporter
from validator.sources import expand
from validator.tasks import Outcome, check_task, plan, worth_parallel

__all__ = ["Options", "run"]


class _ReportError(Exception):
    """A report file that cannot be opened or written (exit 2, naming the file)."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"cannot write report {path}: {reason}")


@contextlib.contextmanager
def _reporters(options: Options, out: TextIO) -> Iterator[list[Reporter]]:
    """The run's reporters; report files appear whole when the run completes (see
    :func:`~validator.report.files.report_file`), and a file that cannot be written is named."""
    path: str | None = None
    try:
        with contextlib.ExitStack() as stack:
            reporters: list[Reporter] = []
            for name, path in [(options.format, options.output), *options.reports]:
                if path in (None, "-"):
                    stream, colour = out, bool(options.color) and path is None
                else:
                    from validator.report.files import report_file

                    stream, colour = stack.enter_context(report_file(path)), False
                reporters.append(make_reporter(name, stream, ReportOptions(colour, options.quiet)))
            path = None
            yield reporters
    except OSError as exc:
        if isinstance(exc, BrokenPipeError):
            raise  # our standard output: the reader went away
        files = [p for _, p in [(options.format, options.output), *options.reports]]
        named = path or exc.filename or " or ".join(p for p in files if p not in (None, "-"))
        raise _ReportError(str(named or "output"), exc.strerror or str(exc)) from None


def _outcomes(options: Options, keep_valid: bool, engine: object, err: TextIO) -> Iterable[Outcome]:
    def notice(message: str) -> None:
        err.write(f"casefile-validate: {message}\n")

    entries = list(expand(options.inputs or ("-",), notice))
    jobs = options.jobs or 1
    if jobs > 1 and worth_parallel(entries, options.jsonl):
        tasks = list(plan(entries, options.jsonl, ranges=True))
        return run_tasks(tasks, options, keep_valid, jobs, engine)
    return (check_task(t, options, keep_valid, engine) for t in plan(entries, options.jsonl))


def run(options: Options, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Check every input and report; returns the exit code (0, 1, 2 or 3)."""
    out = out if out is not None else sys.stdout
    err = err if err is not None else sys.stderr
    options = resolve(options, out, err)
    try:
        engine = compile_schema(
            load_schema(options.schema), engine=options.engine, cross_check=options.cross_check
        )
    except SchemaProblem as problem:
        err.write(f"casefile-validate: schema error: {problem}\n")
        return problem.exit_code
    summary = Summary()
    try:
        with _reporters(options, out) as reporters:
            # Valid documents are only counted, unless some report lists them one by one.
            keep_valid = any(r.wants_valid for r in reporters)
            progress = Progress(err if options.progress else None)
            for valid, results in _outcomes(options, keep_valid, engine, err):
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
    except _ReportError as exc:
        err.write(f"casefile-validate: {exc}\n")
        return EXIT_USAGE
    return summary.exit_code
