"""The executor of ``casefile-validate --dask-scheduler``: a run's tasks computed on a Dask
cluster, their outcomes handed back in task order, as :func:`validator.run.workers.run_tasks`
hands back those of ``--jobs`` workers.

Needs the ``dask`` extra; imported only for a run with ``--dask-scheduler`` (the cluster's client
is imported inside :func:`run_on_dask`).
"""

from __future__ import annotations

import contextlib
import os
import time
from collections import deque
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from validator.problems import SchemaProblem
from validator.run.pool import WorkerError
from validator.run.tasks import Files, HarPart, Outcome, Range, Task, check_task
from validator.scale.records import engine_for

if TYPE_CHECKING:
    from validator.checking.recordings import Recordings
    from validator.contracts.catalog import Schema
    from validator.contracts.routes import Router
    from validator.run.settings import Options

__all__ = ["GROUP", "MissingExtra", "require_dask", "run_on_dask"]

GROUP = 16
"""Consecutive tasks of a run sent to the cluster as one Dask task (16 ranges: 2 MiB of JSON
Lines), so that the scheduler's cost per task stays small beside the checking."""


INSTALL = "pip install 'casefile-validator[dask]' (from a checkout: pip install '.[dask]')"
"""How to install the ``dask`` extra, as the messages that need it say."""


class MissingExtra(ImportError):
    """The ``dask`` extra is not installed (its one-line message says how to install it)."""


def require_dask(
    what: str = "--dask-scheduler", modules: tuple[str, ...] = ("dask", "distributed")
) -> None:
    """Nothing when the ``modules`` of the ``dask`` extra can be imported; else
    :class:`MissingExtra`, one line naming ``what`` needs the extra, why the import failed and
    how to install it.  (For ``--dask-scheduler`` the client is imported here, before the run
    starts: the run needs it anyway.)"""
    import importlib

    try:
        for module in modules:
            importlib.import_module(module)
    except ImportError as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise MissingExtra(
            f"{what} needs the dask extra, which cannot be imported here ({reason}): {INSTALL}"
        ) from None


class Judge(NamedTuple):
    """A recordings check's judge as it travels to the workers: its OpenAPI document's router
    (plain data) and the loaded schema of each documented response (or the problem that keeps
    it from being one), made into a judge once per worker process (:func:`_judge`)."""

    token: str
    spec: str
    router: Router
    warn_undocumented: bool
    schemas: dict[str, Schema | SchemaProblem]


def _travelling(engine: Any) -> Any:
    """What a worker gets of a check's judge: an engine's schema, or a recordings' :class:`Judge`
    (each documented response's schema is compiled here, once: an engine never travels)."""
    if getattr(engine, "router", None) is None:
        return engine.schema
    import uuid

    judge: Recordings = engine
    schemas: dict[str, Schema | SchemaProblem] = {}
    for response in judge.router.documented():
        if response.pointer is not None and response.pointer not in schemas:
            try:
                schemas[response.pointer] = judge.engine(response).schema
            except SchemaProblem as problem:  # said when an entry needs it, as a local run does
                schemas[response.pointer] = problem
    return Judge(uuid.uuid4().hex, judge.spec, judge.router, judge.warn_undocumented, schemas)


_JUDGES: dict[str, Recordings] = {}
"""The recordings' judges made in this worker process, by token."""


def _judge(travelled: Judge, options: Options) -> Recordings:
    """The judge of a travelled :class:`Judge`, made once per worker process."""
    found = _JUDGES.get(travelled.token)
    if found is None:
        from validator.checking.recordings import Recordings

        def compile(pointer: str, name: str) -> Any:
            schema = travelled.schemas[pointer]
            if isinstance(schema, SchemaProblem):
                raise schema
            return engine_for(schema, options.engine, options.cross_check)

        if len(_JUDGES) >= 8:  # a long-lived worker serving many runs: forget the oldest
            del _JUDGES[next(iter(_JUDGES))]
        found = _JUDGES[travelled.token] = Recordings(
            travelled.spec,
            travelled.router,
            compile,
            warn_undocumented=travelled.warn_undocumented,
        )
    return found


def _check_group(
    group: Sequence[tuple[Task, int]], options: Options, keep_valid: bool, schemas: Sequence[Any]
) -> list[Outcome]:
    """What a Dask worker runs: consecutive tasks of a run, each with its schema compiled once
    per worker process (as ``--jobs`` workers started without fork do), or its recordings'
    judge made once per worker process."""
    outcomes = []
    for task, first_line in group:
        schema = schemas[task.check]
        if isinstance(schema, Judge):
            engine: Any = _judge(schema, options)
        else:
            engine = engine_for(schema, options.engine, options.cross_check)
        outcomes.append(check_task(task, options, keep_valid, engine, first_line))
    return outcomes


def _absolute(task: Task, names: dict[str, str]) -> Task:
    """The task with absolute paths (a worker's folder may not be ours); ``names`` learns the
    path each stood for."""
    if isinstance(task, Files):
        paths = tuple(os.path.abspath(p) for p in task.paths)
        names.update(zip(paths, task.paths, strict=True))
        return task._replace(paths=paths)
    if isinstance(task, (Range, HarPart)):
        path = os.path.abspath(task.path)
        names[path] = task.path
        return task._replace(path=path)
    return task


def _renamed(outcome: Outcome, names: dict[str, str]) -> Outcome:
    valid, results = outcome
    return valid, [r._replace(source=names.get(r.source, r.source)) for r in results]


def _groups(tasks: Sequence[Task], names: dict[str, str]) -> Iterator[list[tuple[Task, int]]]:
    """Consecutive tasks in groups of up to :data:`GROUP`, each with the number of its first
    line (ranges are numbered here, in order, as ``--jobs`` numbers them)."""
    from validator.inputs.ranges import LineCounter

    counter: LineCounter | None = None
    group: list[tuple[Task, int]] = []
    try:
        for task in tasks:
            first_line = 1
            if isinstance(task, Range):
                if task.first or counter is None:
                    if counter is not None:
                        counter.close()
                    counter = LineCounter(task.path)
                first_line = counter.first_line(task.start)
            group.append((_absolute(task, names), first_line))
            if len(group) >= GROUP:
                yield group
                group = []
        if group:
            yield group
    finally:
        if counter is not None:
            counter.close()


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


def _connect(address: str, timeout: float) -> Any:
    from distributed import Client

    try:
        return Client(  # type: ignore[no-untyped-call]
            address, timeout=timeout, set_as_default=False
        )
    except Exception as exc:
        raise WorkerError(
            f"cannot reach the Dask scheduler at {address} ({_one_line(exc)})"
        ) from None


def run_on_dask(
    tasks: Sequence[Task],
    options: Options,
    keep_valid: bool,
    scheduler_address: str,
    engines: Sequence[Any],
    *,
    connect_timeout: float = 10.0,
    worker_timeout: float = 60.0,
) -> Iterator[Outcome]:
    """Outcomes of the tasks, in task order, computed on the Dask cluster whose scheduler is at
    ``scheduler_address`` (``tcp://HOST:PORT``); the shape of
    :func:`validator.run.workers.run_tasks`.

    Workers get each check's schema (``engines[check].schema``, sent once) and compile it
    at most once per process; they must see the inputs at the same (absolute) paths.  Tasks are
    pure, so a task on a worker that dies is run again elsewhere by Dask.  A run that cannot
    complete raises :class:`~validator.run.pool.WorkerError` with a one-line message: the
    scheduler cannot be reached (within ``connect_timeout`` seconds) or goes away, a task fails
    (a worker killed running it more often than Dask allows), or no worker is left for
    ``worker_timeout`` seconds."""
    if not tasks:
        return
    client = _connect(scheduler_address, connect_timeout)
    names: dict[str, str] = {}
    pending: deque[Any] = deque()
    try:
        try:
            client.wait_for_workers(1, timeout=worker_timeout)
        except TimeoutError:
            raise WorkerError(
                f"the Dask cluster at {scheduler_address} has had no worker for "
                f"{worker_timeout:.0f} s"
            ) from None
        except Exception as exc:
            raise WorkerError(
                f"lost the Dask scheduler at {scheduler_address}: {_one_line(exc)}"
            ) from None
        try:
            workers = max(1, len(client.scheduler_info(n_workers=-1)["workers"]))
            # a task's result rather than scattered data: the scheduler computes it again if
            # every worker holding it dies
            schemas = client.submit(list, [_travelling(e) for e in engines], pure=False)
        except Exception as exc:
            raise WorkerError(
                f"the Dask cluster at {scheduler_address}: {_one_line(exc)}"
            ) from None
        window = max(4, 3 * workers)
        groups = _groups(tasks, names)
        for group in groups:
            pending.append(
                client.submit(_check_group, group, options, keep_valid, schemas, pure=False)
            )
            if len(pending) >= window:
                for outcome in _wait(client, pending.popleft(), scheduler_address, worker_timeout):
                    yield _renamed(outcome, names)
        while pending:
            for outcome in _wait(client, pending.popleft(), scheduler_address, worker_timeout):
                yield _renamed(outcome, names)
    finally:
        for future in pending:
            future.release()
        with contextlib.suppress(Exception):  # a client whose scheduler is gone
            client.close(timeout=5)


def _wait(client: Any, future: Any, address: str, worker_timeout: float) -> list[Outcome]:
    """A group's outcomes, or :class:`WorkerError` when they cannot come."""
    alone_since: float | None = None
    while True:
        try:
            found: list[Outcome] = future.result(timeout=1.0)
            return found
        except TimeoutError:
            pass
        except SchemaProblem:  # a response schema of a recordings check: as a local run says
            raise
        except Exception as exc:
            raise WorkerError(
                f"a task on the Dask cluster at {address} failed: {_one_line(exc)}"
            ) from None
        try:
            workers = len(client.scheduler_info(n_workers=-1)["workers"])
        except Exception as exc:
            raise WorkerError(f"lost the Dask scheduler at {address}: {_one_line(exc)}") from None
        if client.status in ("closed", "closing"):
            raise WorkerError(f"lost the Dask scheduler at {address}")
        if workers:
            alone_since = None
        elif alone_since is None:
            alone_since = time.monotonic()
        elif time.monotonic() - alone_since > worker_timeout:
            raise WorkerError(
                f"the Dask cluster at {address} has had no worker for {worker_timeout:.0f} s"
            )
