"""Spreading the check stage over processes (``--jobs``), with output order unchanged.

The main process expands the inputs and cuts the work into tasks: groups of whole-document files
(each worker reads its own files), and blocks of JSON Lines (read by the main process, whose only
other work is reporting).  Workers compile the schema once, check their tasks and send back the
number of valid documents plus the results worth reporting; the main process takes them back in
task order, keeping only a few tasks in flight so that memory stays flat for any input size.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from validator.problems import DocumentResult

if TYPE_CHECKING:
    from concurrent.futures import Future

__all__ = ["CheckSettings", "Outcome", "Task", "default_jobs", "run_tasks"]

Outcome = tuple[int, list[DocumentResult]]
"""(valid documents not listed, results in order)."""

Task = tuple[str, Any]
"""("files", [paths]) | ("batch", Batch) | ("item", Item)."""


@dataclass(frozen=True)
class CheckSettings:
    """What a worker needs to compile the schema and check like the main process would."""

    schema: str
    engine: str
    cross_check: bool
    jsonl: bool
    redact: bool
    max_errors: int | None
    keep_valid: bool


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


_worker: Any = None  # (settings, engine) in a worker process


def _init(settings: CheckSettings) -> None:
    import signal

    global _worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    from validator.catalog import load_schema
    from validator.engine import compile_schema

    engine = compile_schema(
        load_schema(settings.schema), engine=settings.engine, cross_check=settings.cross_check
    )
    _worker = (settings, engine)


def execute(task: Task, settings: CheckSettings, engine: Any) -> Outcome:
    """Check one task (in a worker, or in the main process when running alone)."""
    from validator.check import check_batch, check_item
    from validator.sources import Batch, iter_items

    kind, payload = task
    items: Iterable[Any] = (
        iter_items(payload, jsonl=settings.jsonl) if kind == "files" else [payload]
    )
    valid = 0
    results: list[DocumentResult] = []
    for item in items:
        if isinstance(item, Batch):
            count, found = check_batch(
                engine,
                item,
                redact=settings.redact,
                max_errors=settings.max_errors,
                keep_valid=settings.keep_valid,
            )
            valid += count
            results.extend(found)
            continue
        result = check_item(engine, item, redact=settings.redact, max_errors=settings.max_errors)
        if result.valid and not settings.keep_valid:
            valid += 1
        else:
            results.append(result)
    return valid, results


def _work(task: Task) -> Outcome:
    settings, engine = _worker
    return execute(task, settings, engine)


def run_tasks(tasks: Iterable[Task], settings: CheckSettings, jobs: int) -> Iterator[Outcome]:
    """Outcomes of the tasks, in task order, computed by ``jobs`` worker processes."""
    import multiprocessing  # imported here: a small run never pays for it
    import threading
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    # fork starts a worker in milliseconds, with everything already imported; it is only safe
    # while this process has no other thread, else the forkserver (or spawn) is used.
    if "fork" in methods and threading.active_count() == 1:
        method = "fork"
    else:
        method = "forkserver" if "forkserver" in methods else "spawn"
    context = multiprocessing.get_context(method)
    if method == "forkserver":  # workers fork from a server that has these
        multiprocessing.set_forkserver_preload(["validator.check", "validator.parallel"])
    window = 2 * jobs + 2
    pending: deque[Future[Outcome]] = deque()
    pool = ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=_init, initargs=(settings,)
    )
    finished = False
    try:
        for task in tasks:
            pending.append(pool.submit(_work, task))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
        finished = True
    finally:
        if not finished:  # interrupted, or the reader went away: do not wait for busy workers
            for process in list(getattr(pool, "_processes", {}).values()):
                process.terminate()
        pool.shutdown(wait=finished, cancel_futures=True)
