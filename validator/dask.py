"""The checks of the CLI on Dask: bags and files to a DataFrame of per-document records, and a
distributed cluster as the executor of a ``casefile-validate`` run (``--dask-scheduler``).

Needs the ``dask`` extra (``pip install 'casefile-validator[dask]'``); nothing else in the
package imports this module.  Workers get the loaded schema (plain data) and compile it once
per process (:func:`validator.records.engine_for`); documents are parsed strictly and judged
exactly as the CLI does, and every error keeps its line and column.

* :func:`validate_bag`: a bag of JSON Lines text (``dask.bag.read_text``, with or without
  ``include_path=True``) or of Python documents -> a Dask DataFrame of records.
* :func:`validate_files`: JSON Lines files (local paths, globs, folders, fsspec URLs; gzip and
  other compressions read as streams) -> a Dask DataFrame of records keeping file and line.
* :func:`summary`: the counts of such a DataFrame (a :class:`~validator.problems.Summary`).
* :func:`run_on_dask`: the outcomes of a run's tasks, computed on a cluster, in task order.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from validator.catalog import DEFAULT_SCHEMA, Schema
from validator.parallel import WorkerError
from validator.parts import BLOCKSIZE, Part, count_ends, first_lines, list_parts, read_part
from validator.problems import DocumentResult, Summary
from validator.records import (
    ERROR_FIELDS,
    RECORD_FIELDS,
    Columns,
    SchemaArg,
    Settings,
    check_lines,
    check_texts,
    check_values,
    check_whole,
    columns,
    engine_for,
    resolve_schema,
)
from validator.sources import Batch
from validator.tasks import Files, Outcome, Range, Task, check_task

if TYPE_CHECKING:
    from validator.options import Options

__all__ = ["BAG_SOURCE", "run_on_dask", "summary", "validate_bag", "validate_files"]

BAG_SOURCE = "<bag>"
"""The source of a bag's documents when the bag does not say which file each comes from."""

GROUP = 16
"""Consecutive tasks of a run sent to the cluster as one Dask task (16 ranges: 2 MiB of JSON
Lines), so that the scheduler's cost per task stays small beside the checking."""


def _arrow_schema() -> Any:
    import pyarrow as pa  # type: ignore[import-untyped]

    text, number = pa.string(), pa.int64()
    error = pa.struct([(f, number if f in ("line", "column") else text) for f in ERROR_FIELDS])
    types = {"line": number, "valid": pa.bool_(), "errors": pa.list_(error)}
    types["warnings"] = types["errors"]
    return pa.schema([(f, types.get(f, text)) for f in RECORD_FIELDS])


def _frame(found: Columns) -> Any:
    """Records as a pandas DataFrame of Arrow-backed columns (errors: a list of structs)."""
    import pandas as pd  # type: ignore[import-untyped]
    import pyarrow as pa

    table = pa.Table.from_pydict({k: found[k] for k in RECORD_FIELDS}, schema=_arrow_schema())
    return table.to_pandas(types_mapper=pd.ArrowDtype)


def _meta() -> Any:
    return _frame(columns([]))


def _is_path_pair(element: Any) -> bool:
    return (
        isinstance(element, tuple)
        and len(element) == 2
        and isinstance(element[0], (str, bytes))
        and isinstance(element[1], str)
    )


def _check_elements(elements: Iterable[Any], schema: Schema, settings: Settings) -> Any:
    """One partition of a bag: runs of text lines (or of documents) of one source checked
    together; lines are numbered within the partition, per source (with ``read_text``'s one
    partition per file, the line of the file)."""
    engine = engine_for(schema, settings[0], settings[1])
    numbers: dict[str, int] = {}
    results: list[DocumentResult | None] = []
    run: list[Any] = []
    run_lines: list[int] = []
    run_key: tuple[str, bool] | None = None

    def flush() -> None:
        if run_key is None or not run:
            return
        source, text = run_key
        if text:
            results.extend(check_texts(engine, run, run_lines, source, settings))
        else:
            results.extend(check_values(engine, run, run_lines, source, settings))
        run.clear()
        run_lines.clear()

    for element in elements:
        value, source = element if _is_path_pair(element) else (element, BAG_SOURCE)
        key = (source, isinstance(value, (str, bytes)))
        if key != run_key:
            flush()
            run_key = key
        numbers[source] = number = numbers.get(source, 0) + 1
        run.append(value)
        run_lines.append(number)
    flush()
    return _frame(columns(r for r in results if r is not None))


def validate_bag(
    bag: Any,
    schema: SchemaArg = DEFAULT_SCHEMA,
    *,
    schema_dirs: Sequence[str | os.PathLike[str]] = (),
    engine: str = "fast",
    cross_check: bool = False,
    redact: bool = False,
    max_errors: int | None = None,
) -> Any:
    """A Dask DataFrame of one record per document of ``bag`` (lazy: nothing runs until it is
    computed).

    The bag holds JSON Lines text, ``str`` or ``bytes`` lines with or without their line ends
    (``dask.bag.read_text(...)``; with ``include_path=True`` each record names its file), or
    Python documents (dicts, lists, ...: their errors have no line and column).  Blank lines are
    no documents.  Each record's ``line`` counts the partition's elements of its source from 1:
    with ``read_text``'s default of one partition per file it is the line in the file.

    Columns: ``source``, ``line``, ``valid``, ``status`` (``valid``, ``invalid``,
    ``unreadable``), ``schema``, ``errors``, a list of ``instance_location``,
    ``keyword_location``, ``message``, ``keyword``, ``line``, ``column``, and ``warnings``
    (the undeclared properties, with the same fields).  The schema is loaded here (a
    :class:`~validator.problems.SchemaProblem` is raised at once)."""
    import dask.dataframe as dd
    from dask.delayed import delayed

    loaded = resolve_schema(schema, schema_dirs)
    settings: Settings = (engine, cross_check, redact, max_errors)
    shipped = delayed(loaded, traverse=False)
    check = delayed(_check_elements, pure=True)
    parts = [check(p, shipped, settings) for p in bag.to_delayed()]
    return dd.from_delayed(parts, meta=_meta(), verify_meta=False)


def _check_part(
    part: Part, index: int, numbers: Sequence[int] | None, schema: Schema, settings: Settings
) -> Any:
    """The records of one part of a file (its lines numbered from ``numbers[index]``)."""
    engine = engine_for(schema, settings[0], settings[1])
    results: list[DocumentResult] = []
    for found in read_part(part, 1 if numbers is None else numbers[index]):
        if isinstance(found, Batch):
            results.extend(check_lines(engine, found, settings))
        else:
            results.append(check_whole(engine, found, settings))
    return _frame(columns(results))


def validate_files(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    schema: SchemaArg = DEFAULT_SCHEMA,
    *,
    blocksize: int | None = BLOCKSIZE,
    schema_dirs: Sequence[str | os.PathLike[str]] = (),
    engine: str = "fast",
    cross_check: bool = False,
    redact: bool = False,
    max_errors: int | None = None,
) -> Any:
    """A Dask DataFrame of one record per document of the JSON Lines files named (lazy).

    ``paths``: files, globs (``logs/**/*.jsonl``), folders (their ``*.jsonl``, ``*.ndjson``,
    ``*.json``, compressed or not) or fsspec URLs (``s3://bucket/day=*/part-*.jsonl.gz``).
    Compressed files (inferred from the name) are read as streams, one partition each; an
    uncompressed local file larger than ``blocksize`` bytes is cut into partitions at line
    starts (None: one partition per file).  Records as :func:`validate_bag`'s, each naming its
    file (as given, or as the glob found it) and its line there.  A glob that matches nothing
    raises ``FileNotFoundError``; a file that cannot be read is one ``unreadable`` record."""
    import dask.dataframe as dd
    from dask.delayed import delayed

    loaded = resolve_schema(schema, schema_dirs)
    settings: Settings = (engine, cross_check, redact, max_errors)
    parts = list_parts(paths, blocksize)
    shipped = delayed(loaded, traverse=False)
    numbers: Any = None
    if any(p.stop is not None for p in parts):  # ranges: number their lines first
        count = delayed(count_ends, pure=True)
        numbers = delayed(first_lines, pure=True)(parts, [count(p) for p in parts])
    check = delayed(_check_part, pure=True)
    frames = [check(p, k, numbers, shipped, settings) for k, p in enumerate(parts)]
    return dd.from_delayed(frames, meta=_meta(), verify_meta=False)


def summary(df: Any) -> Summary:
    """The counts of a DataFrame of records (computed now): valid, invalid and unreadable
    documents, per schema too, and the exit code the CLI would give (``.exit_code``)."""
    counts = df.groupby(["schema", "status"]).size().compute()
    total = Summary()
    for (schema, status), n in sorted(counts.items()):
        column = ("valid", "invalid", "unreadable").index(status)
        setattr(total, status, getattr(total, status) + int(n))
        if schema:
            total.schema(schema)[column] += int(n)
    return total


# --- the CLI's executor ---------------------------------------------------------------------


def _check_group(
    group: Sequence[tuple[Task, int]], options: Options, keep_valid: bool, schemas: Sequence[Schema]
) -> list[Outcome]:
    """What a Dask worker runs: consecutive tasks of a run, each with its schema compiled once
    per worker process (as ``--jobs`` workers started without fork do)."""
    outcomes = []
    for task, first_line in group:
        engine = engine_for(schemas[task.check], options.engine, options.cross_check)
        outcomes.append(check_task(task, options, keep_valid, engine, first_line))
    return outcomes


def _absolute(task: Task, names: dict[str, str]) -> Task:
    """The task with absolute paths (a worker's folder may not be ours); ``names`` learns the
    path each stood for."""
    if isinstance(task, Files):
        paths = tuple(os.path.abspath(p) for p in task.paths)
        names.update(zip(paths, task.paths, strict=True))
        return task._replace(paths=paths)
    if isinstance(task, Range):
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
    from validator.sources import LineCounter

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
    :func:`validator.parallel.run_tasks`.

    Workers get each check's schema (``engines[check].schema``, sent once) and compile it
    at most once per process; they must see the inputs at the same (absolute) paths.  Tasks are
    pure, so a task on a worker that dies is run again elsewhere by Dask.  A run that cannot
    complete raises :class:`~validator.parallel.WorkerError` with a one-line message: the
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
            schemas = client.submit(list, [e.schema for e in engines], pure=False)
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
