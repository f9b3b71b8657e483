"""One run of the command: options -> schema -> inputs -> tasks -> check -> report -> exit code.

:func:`run` takes an :class:`~validator.run.settings.Options` and returns the exit code; it writes
only to the streams it is given and never exits the process, so it is easy to test and to embed.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, TextIO

from validator.problems import EXIT_USAGE, DocumentResult, SchemaProblem, Status, Summary
from validator.report.base import Reporter, ReportOptions
from validator.report.registry import make_reporter
from validator.run.discover import ConfigError
from validator.run.plan import Plan, UsageError, checks_of, make_plan
from validator.run.progress import Progress
from validator.run.recorded_counts import RecordedCounts, outside_warning
from validator.run.recording_plan import needs_recordings, options_problem, recordings_only
from validator.run.settings import Options, resolve
from validator.run.tasks import Reported, Task, check_task, finer_end, plan, worth_parallel
from validator.run.valid_results import batch_reporter, one_by_one, plain_writer
from validator.sinks import terminal

__all__ = ["Options", "run"]


class _ReportError(Exception):
    """A report file that cannot be opened or written (exit 2, naming the file)."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"cannot write report {path}: {reason}")


def _github_places(options: Options, env: Mapping[str, str]) -> tuple[str | None, str | None]:
    """Inside GitHub Actions (``GITHUB_ACTIONS=true``): the step summary file the github report
    appends to (unless ``--no-step-summary``), and the base URL of the commit's files for the
    markdown report's links (unless ``--link-base`` names one)."""
    inside = env.get("GITHUB_ACTIONS") == "true"
    step = env.get("GITHUB_STEP_SUMMARY") or None
    step = step if inside and not options.no_step_summary else None
    base = options.link_base
    server, repository, sha = (
        env.get(k) for k in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA")
    )
    if base is None and inside and server and repository and sha:
        base = f"{server}/{repository}/blob/{sha}"
    return step, base


@contextlib.contextmanager
def _reporters(options: Options, out: TextIO, schemas: tuple[str, ...]) -> Iterator[list[Reporter]]:
    """The run's reporters; report files appear whole when the run completes (see
    :func:`~validator.report.files.report_file`), and a file that cannot be written is named."""
    path: str | None = None
    step_summary, link_base = _github_places(options, os.environ)
    try:
        with contextlib.ExitStack() as stack:
            reporters: list[Reporter] = []
            for name, path in [(options.format, options.output), *options.reports]:
                if path in (None, "-"):
                    stream, colour = out, bool(options.color) and path is None
                else:
                    from validator.report.files import report_file

                    stream, colour = stack.enter_context(report_file(path)), False
                settings = ReportOptions(
                    colour,
                    options.quiet,
                    options.verbose,
                    schemas,
                    options.redact,
                    options.summary_limit,
                    step_summary,
                    link_base,
                    options.html_details,
                )
                reporters.append(make_reporter(name, stream, settings))
            path = None
            yield reporters
    except OSError as exc:
        if isinstance(exc, BrokenPipeError):
            raise  # our standard output: the reader went away
        files = [p for _, p in [(options.format, options.output), *options.reports]]
        named = path or exc.filename or " or ".join(p for p in files if p not in (None, "-"))
        raise _ReportError(str(named or "output"), exc.strerror or str(exc)) from None


class _CannotComplete(Exception):
    """A worker (a process of ``--jobs``, or of the Dask cluster) failed (exit 2)."""


def _by_workers(
    options: Options, keep_valid: bool, work: Plan, plain: bool
) -> Iterator[tuple[Task, Reported]]:
    """The outcomes of the tasks, checked by worker processes (``--jobs``), or by a Dask
    cluster's workers (the same tasks).  The worker machinery is imported only here.  ``plain``:
    see :func:`~validator.run.workers.run_tasks`."""
    from validator.run.workers import WorkerError, run_tasks

    limit = options.max_document_bytes
    recordings = _recording_checks(work)
    workers = 4 if options.dask_scheduler else options.jobs or 1  # a HAR's parts
    cut = plan(
        work.entries, work.jsonl, ranges=True, limit=limit, recordings=recordings, workers=workers
    )
    tasks = list(cut)
    try:
        if options.dask_scheduler:
            from validator.run.on_dask import run_on_dask

            scheduler = options.dask_scheduler
            done: Iterator[Reported] = run_on_dask(
                tasks, options, keep_valid, scheduler, work.engines
            )
        else:
            tasks = finer_end(tasks)
            done = run_tasks(tasks, options, keep_valid, options.jobs or 1, work.engines, plain)
        yield from zip(tasks, done, strict=True)
    except WorkerError as exc:
        raise _CannotComplete(str(exc)) from None


def _recording_checks(work: Plan) -> frozenset[int]:
    """The checks of recordings (their large HAR files are cut into parts for the workers)."""
    return frozenset(i for i, e in enumerate(work.engines) if getattr(e, "router", None))


def _outcomes(
    options: Options, keep_valid: bool, work: Plan, plain: bool
) -> Iterable[tuple[Task, Reported]]:
    jobs = options.jobs or 1
    if options.dask_scheduler or (
        jobs > 1 and worth_parallel(work.entries, work.jsonl, _recording_checks(work))
    ):
        return _by_workers(options, keep_valid, work, plain)
    return (
        (t, check_task(t, options, keep_valid, work.engines))
        for t in plan(
            work.entries,
            work.jsonl,
            limit=options.max_document_bytes,
            recordings=_recording_checks(work),
        )
    )


def _profile(
    result: DocumentResult, strict: bool, hidden: bool, max_errors: int | None
) -> DocumentResult:
    """A result with warnings as the run wants them: errors in the strict profile (within
    ``--max-errors`` with the others), gone with ``--no-warnings``, else as they are (never part
    of the verdict)."""
    if strict:
        from validator.checking.property_warnings import harden

        return harden(result, max_errors)
    return result._replace(warnings=()) if hidden else result


def _judges(work: Plan) -> list[Any]:
    """The judges of the plan's checks of recordings (``--openapi`` without ``--operation``, or
    a config check with ``openapi`` and no ``operation``): the runs whose coverage is counted."""
    found = [engine for engine in work.engines if getattr(engine, "router", None) is not None]
    return list({id(judge): judge for judge in found}.values())


def _saw(seen: dict[str, Any], name: str, valid: int) -> None:
    """Merge what a task's valid documents showed of schema ``name`` (``--coverage``: they come
    with the count, see :class:`validator.checking.exercised.Tally`)."""
    for name_of, shown in getattr(valid, "by_schema", {}).items():  # a recordings task's
        _saw(seen, name_of, _shown(shown))
    shown = getattr(valid, "seen", None)
    if shown is not None:
        if name in seen:
            seen[name].merge(shown)
        else:
            seen[name] = shown


def _shown(seen: Any) -> Any:
    """A count carrying ``seen`` (what :func:`_saw` takes)."""
    from validator.checking.exercised import Tally

    return Tally.of(0, seen)


def _cover(
    options: Options,
    summary: Summary,
    work: Plan,
    seen: dict[str, Any],
    counts: dict[str, dict[str, list[int]]],
) -> None:
    """The coverage of the run, into ``summary`` before the reports finish: of its OpenAPI
    document by a recording run (see :mod:`validator.contracts.coverage`; ``--min-coverage``
    wins over the config's), and with ``--coverage`` what each schema's valid documents never
    exercised (:mod:`validator.checking.exercised`); ``counts``: the recorded responses of
    each OpenAPI document's checks, per documented response (see :func:`_count`)."""
    from validator.contracts.coverage import Coverage, coverage_of

    judges = _judges(work)
    schemas: tuple[Any, ...] = ()
    if options.coverage:
        from validator.checking.exercised import exercise

        engines = {e.schema.name: e for e in reversed(work.engines) if e not in judges}
        for judge in judges:  # each response schema seen (compiled here if by a worker)
            for response in judge.router.documented():
                if response.name in seen and response.pointer is not None:
                    engines.setdefault(response.name, judge.engine(response))
        order = dict.fromkeys(name for name in [*engines, *seen] if name in engines)
        schemas = tuple(exercise(name, engines[name], seen.get(name)) for name in order)
    if not judges:
        summary.coverage = Coverage("", None, None, schemas)
        return
    minimum = options.min_coverage if options.min_coverage is not None else work.min_coverage
    first: dict[str, Any] = {}
    for judge in judges:  # one table per document, in the order of the checks
        first.setdefault(judge.spec, judge)
    tables = [
        coverage_of(judge.router.contents, counts.get(spec, {}), spec, minimum)
        for spec, judge in first.items()
    ]
    summary.coverage = tables[0]._replace(schemas=schemas, others=tuple(tables[1:]))


def _held(collecting: bool) -> None:
    """The end of a plan made with the cyclic collector off (when it was on): what the plan
    made (the parsed schemas and specifications, their ``$ref`` walks, places and compiled
    engines) lives until the run ends and holds almost no garbage in cycles (a shared walk's
    cycle is broken when it is released: :func:`validator.contracts.shared_walk.release`), so
    it is frozen (:func:`gc.freeze`), not walked by a collection again during the run (a caller
    that had frozen nothing gets it back unfrozen at the end: :func:`run`).  Bench's 4 MB
    specification with 500 entry points made the collector walk it six times, 0.08 s of a
    1.6 s run."""
    if collecting:
        gc.freeze()
        gc.enable()


def _plan(options: Options, notice: Callable[..., None]) -> Plan | int:
    """The plan of the run, or the exit code of why there is none (said with ``notice``)."""
    said = options_problem(options)
    if said is not None:  # said before anything is read
        notice(said)
        return EXIT_USAGE
    collecting = gc.isenabled()
    gc.disable()  # see _held
    try:
        work = make_plan(options, notice)
    except SchemaProblem as problem:
        notice(f"schema error: {problem}", lines=problem.multiline)  # $refs: a line each
        return problem.exit_code
    except ConfigError as exc:
        notice(f"config error: {exc}")
        return exc.exit_code
    except UsageError as exc:
        notice(str(exc))
        return EXIT_USAGE
    finally:
        _held(collecting)
    field = recordings_only(options)
    if field is not None and not _judges(work):
        notice(needs_recordings(field))
        return EXIT_USAGE
    return work


def _summary(options: Options, work: Plan) -> tuple[Summary, list[tuple[str, str]]]:
    """The run's summary before any document, and its checks' schemas with their engines."""
    summary = Summary()
    judges = list(checks_of(work))
    # a check of recordings counts its documents per documented response, not under its document
    routed = {e.schema.name for e in work.engines if getattr(e, "router", None) is not None}
    summary.routed = bool(routed)
    for name, judge in judges:
        if name not in routed:
            summary.schema(name, judge)
    summary.skipped, summary.asked = len(work.skipped), options.engine
    summary.skipped_inputs = tuple(work.skipped)
    return summary, judges


def run(options: Options, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Check every input and report; returns the exit code (0, 1, 2 or 3)."""
    frozen = gc.get_freeze_count()
    try:
        return _run(options, out, err)
    finally:
        if not frozen and gc.get_freeze_count():  # a caller that froze nothing: as it was
            gc.unfreeze()  # what the plan froze (see _held) is the collector's again


def _run(options: Options, out: TextIO | None, err: TextIO | None) -> int:
    out = out if out is not None else sys.stdout
    err = err if err is not None else sys.stderr
    options = resolve(options, out, err)

    def notice(message: str, lines: bool = False) -> None:
        """The one way a run writes to stderr: one line, as a terminal may show it; with
        ``lines`` (a worker's traceback) each of the lines of ``message`` so."""
        first, *rest = message.rstrip("\n").split("\n") if lines else [message]
        said = [f"casefile-validate: {first}", *rest]
        with contextlib.suppress(OSError):  # standard error cannot be written: the code says it
            err.write("".join(terminal(line) + "\n" for line in said))

    work = _plan(options, notice)
    if isinstance(work, int):  # no plan: the exit code
        return work
    options = options._replace(strict_checks=work.strict, yaml_checks=work.yaml)
    if options.yaml_files:  # the globs' folder, for workers that run elsewhere (Dask)
        options = options._replace(yaml_root=os.path.abspath(os.curdir))
    summary, judges = _summary(options, work)
    names = [engine.schema.name for engine in work.engines]
    try:
        with _reporters(options, out, tuple(name for name, _ in judges)) as reporters:
            # Valid documents are only counted, unless some report lists them one by one.
            keep_valid = any(r.wants_valid for r in reporters)
            progress = Progress(err if options.progress else None)
            seen: dict[str, Any] = {}
            recorded = RecordedCounts(work.engines, work.entries)
            batch = batch_reporter(reporters)  # a task's valid results, together
            skips = [r for r in reporters if getattr(r, "wants_skipped", False)]  # -v lists
            unread: list[DocumentResult] = []
            write = plain_writer(reporters)  # a worker's valid results, as text
            for task, (valid, results) in _outcomes(options, keep_valid, work, write is not None):
                summary.add_valid(valid, names[task.check])
                recorded.task(task.check, valid)
                if options.coverage:
                    _saw(seen, names[task.check], valid)
                strict = options.strict or task.check in work.strict
                reshape = strict or options.no_warnings  # warnings as the run wants them
                each = one_by_one(summary, results, batch if not reshape else None, write)
                if each is None:  # counted and reported together
                    progress.update(summary.documents)
                    continue
                for result in each:
                    if result.entry is not None:  # a recording's response (for the coverage)
                        result = recorded.result(task.check, result)
                        if result.status is Status.SKIPPED or (
                            result.status is Status.VALID and not keep_valid and not result.warnings
                        ):  # counted, per response (a skipped entry listed only with -v)
                            summary.add(result)
                            for reporter in skips if result.status is Status.SKIPPED else ():
                                reporter.document(result)
                            continue
                    if reshape and result.warnings:
                        result = _profile(result, strict, options.no_warnings, options.max_errors)
                    summary.add(result)
                    unread += [result] if result.status is Status.UNREADABLE else []
                    for reporter in reporters:
                        reporter.document(result)
                progress.update(summary.documents)
            progress.close()
            if options.coverage or _judges(work):  # what the documents showed
                _cover(options, summary, work, seen, recorded.counts)
                said = outside_warning(summary, recorded, _judges(work))
                if said is not None:
                    notice(said)
            for reporter in reporters:
                reporter.finish(summary)
    except _CannotComplete as exc:
        notice(f"cannot complete the run: {exc}", lines=True)
        return EXIT_USAGE
    except _ReportError as exc:
        notice(str(exc))
        return EXIT_USAGE
    except SchemaProblem as problem:  # the OpenAPI document, read again for its coverage
        notice(f"schema error: {problem}", lines=problem.multiline)
        return problem.exit_code
    return _misused(unread, summary.documents) or summary.exit_code


def _misused(unread: list[DocumentResult], documents: int) -> int:
    """Exit 2 when every input of a run of recordings was a payload document (its line names
    the operations to give with ``--operation``: see
    :func:`validator.checking.recording_files.payload_given`), else 0."""
    if not unread or len(unread) != documents:
        return 0
    from validator.checking.recording_files import payload_given

    return EXIT_USAGE if all(map(payload_given, unread)) else 0
