"""The checks of the CLI on Dask: bags and files to a DataFrame of per-document records, and a
distributed cluster as the executor of a ``casefile-validate`` run (``--dask-scheduler``).

Needs the ``dask`` extra (``pip install 'casefile-validator[dask]'``, from a checkout
``pip install '.[dask]'``): without it each function raises an :class:`ImportError` saying so,
in one line; nothing else in the package imports this module.

Workers get the loaded schema (plain data) and compile it once per process
(:func:`validator.scale.records.engine_for`); documents are parsed strictly and judged exactly as
the CLI does, and every error keeps its line and column.

* :func:`validate_bag`: a bag of JSON Lines text (``dask.bag.read_text``, with or without
  ``include_path=True``) or of Python documents -> a Dask DataFrame of records.
* :func:`validate_files`: JSON Lines files (local paths, globs, folders, fsspec URLs; gzip and
  other compressions read as streams) -> a Dask DataFrame of records keeping file and line.
* :func:`validate_recordings`: HAR recordings checked against an OpenAPI document -> a Dask
  DataFrame of one record per entry (:mod:`validator.scale.recordings`), one partition per file.
* :func:`summary`: the counts of such a DataFrame (a :class:`~validator.problems.Summary`).
* :func:`run_on_dask`: the outcomes of a run's tasks, computed on a cluster, in task order
  (the executor of ``--dask-scheduler``, :mod:`validator.run.on_dask`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import Any

from validator.contracts.catalog import DEFAULT_SCHEMA, Schema
from validator.inputs.sources import Batch
from validator.problems import Summary
from validator.run.on_dask import require_dask, run_on_dask
from validator.scale.file_parts import (
    BLOCKSIZE,
    Part,
    count_ends,
    first_lines,
    list_parts,
    read_part,
)
from validator.scale.recordings import (
    JudgeKey,
    arrow_schema,
    iter_results,
    judge_for,
    judge_key,
    list_hars,
    recording_columns,
)
from validator.scale.records import (
    ERROR_FIELDS,
    RECORD_FIELDS,
    Columns,
    SchemaArg,
    Settings,
    check_document,
    check_values,
    columns,
    engine_for,
    resolve_schema,
)
from validator.scale.rows import Rows

__all__ = [
    "BAG_SOURCE",
    "run_on_dask",
    "summary",
    "validate_bag",
    "validate_files",
    "validate_recordings",
]

BAG_SOURCE = "<bag>"
"""The source of a bag's documents when the bag does not say which file each comes from."""


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
    rows = Rows()
    run: list[Any] = []
    run_lines: list[int] = []
    run_key: tuple[str, bool] | None = None

    def flush() -> None:
        if run_key is None or not run:
            return
        source, text = run_key
        if text:
            rows.add_texts(engine, run, run_lines, source, settings)
        else:
            rows.add(check_values(engine, run, run_lines, source, settings))
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
    return _frame(rows.columns)


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
    require_dask("validator.dask", ("dask.dataframe",))
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
    rows = Rows()
    for found in read_part(part, 1 if numbers is None else numbers[index]):
        if isinstance(found, Batch):
            rows.add_lines(engine, found, settings)
        else:
            rows.add(check_document(engine, found, settings))
    return _frame(rows.columns)


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
    raises ``FileNotFoundError``; a file that cannot be read is one ``unreadable`` record.  A
    ``.yaml``/``.yml`` file is one partition, a YAML stream: a record per document."""
    require_dask("validator.dask", ("dask.dataframe",))
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


def _check_har(path: str, key: JudgeKey, settings: Settings) -> Any:
    """The records of one HAR file (the judge made once per worker process)."""
    return _recording_frame(recording_columns(iter_results(key, path, settings)))


def _recording_frame(found: Columns) -> Any:
    import pandas as pd
    import pyarrow as pa

    table = pa.Table.from_pydict(found, schema=arrow_schema())
    return table.to_pandas(types_mapper=pd.ArrowDtype)


def validate_recordings(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    openapi: str | os.PathLike[str],
    *,
    base_urls: Sequence[str] = (),
    undocumented: str = "error",
    schema_dirs: Sequence[str | os.PathLike[str]] = (),
    engine: str = "fast",
    cross_check: bool = False,
    redact: bool = False,
    max_errors: int | None = None,
) -> Any:
    """A Dask DataFrame of one record per entry of the HAR files named (lazy), each recorded
    response judged against the OpenAPI document ``openapi`` as ``casefile-validate --openapi
    SPEC rec.har`` judges it (``base_urls``: ``--base-url``; ``undocumented="warning"``:
    ``--undocumented warning``).

    ``paths``: HAR files, globs, folders (their ``*.har``): local ones the workers read at the
    same absolute paths, or fsspec URLs (``s3://bucket/e2e/*.har``, named by their URL in the
    records); one partition per file.  Columns: those of :func:`validate_files`
    (``source`` the HAR file, ``line`` the line of the body's string in it, ``schema`` the
    documented response, ``getUser 200 application/json``, each error at the body's place in
    the HAR file with its place in the body in the message) and ``entry``, ``method``, ``url``,
    ``http_status``, ``reason``.  An entry that is not checked (another host, an aborted
    request, ...: see docs/recordings.md) is a row of status ``skipped`` whose ``reason`` says
    why; a file that is not a HAR is one ``unreadable`` row.  The document is read here (a
    :class:`~validator.problems.SchemaProblem` is raised at once) and once per worker
    process."""
    require_dask("validator.dask", ("dask.dataframe",))
    import dask.dataframe as dd
    from dask.delayed import delayed

    key = judge_key(openapi, base_urls, undocumented, schema_dirs, engine, cross_check)
    judge_for(key)  # a document that cannot be used: said now, here
    settings: Settings = (engine, cross_check, redact, max_errors)
    check = delayed(_check_har, pure=True)
    frames = [check(path, key, settings) for path in list_hars(paths)]
    meta = _recording_frame(recording_columns([]))
    return dd.from_delayed(frames, meta=meta, verify_meta=False)


def summary(df: Any) -> Summary:
    """The counts of a DataFrame of records (computed now): valid, invalid and unreadable
    documents, per schema too, and the exit code the CLI would give (``.exit_code``); for
    records of recordings, the entries skipped per reason too (``.entries_skipped``)."""
    import importlib

    compute = importlib.import_module("dask").compute  # both counts from one pass
    counts = df.groupby(["schema", "status"]).size()
    reasons = None
    if "reason" in df.columns:
        reasons = df[df["status"] == "skipped"].groupby("reason").size()
    counts, reasons = compute(counts, reasons)
    total = Summary()
    for reason, n in sorted(reasons.items()) if reasons is not None else ():
        total.entries_skipped[reason] = int(n)
    for (schema, status), n in sorted(counts.items()):
        if status == "skipped":
            continue
        column = ("valid", "invalid", "unreadable").index(status)
        setattr(total, status, getattr(total, status) + int(n))
        if schema:
            total.schema(schema)[column] += int(n)
    return total
