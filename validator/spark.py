"""The checks of the CLI on Spark: a column of response bodies, or JSON Lines files, judged by the
Python workers with ``mapInArrow``.

Needs the ``spark`` extra (``pip install 'casefile-validator[spark]'``, from a checkout
``pip install '.[spark]'``) and a Java runtime; nothing else in the package imports this module.
Spark's Python workers need this package too: the first call on a Spark context runs a one-task
probe job, and where the workers cannot import it (``PYSPARK_PYTHON`` names another Python, or
none is set and the ``python3`` on the path lacks it) raises :class:`WorkersCannotImport` at once,
in one line, instead of a failed job's long trace once the work runs.

The loaded schema (plain data) travels in the function's closure and each Python worker compiles it
once (:func:`validator.scale.records.engine_for`: once per worker process, which Spark reuses from
task to task), never once per row; documents are parsed strictly and judged exactly as the CLI does,
errors keeping line and column.

* :func:`validate_column`: the DataFrame with a struct column (``valid``, ``status``,
  ``errors``, ``warnings``) computed from a string or binary column of documents.
* :func:`validate_json_lines`: JSON Lines files (local paths, globs, folders, fsspec URLs;
  compressed files streamed) -> a DataFrame of per-document records keeping file and line.
* :func:`validate_recordings`: HAR recordings checked against an OpenAPI document -> a DataFrame
  of one record per entry (:mod:`validator.scale.recordings`), one task per file.
"""

from __future__ import annotations

import os
import re
import sys
import weakref
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from validator.contracts.catalog import DEFAULT_SCHEMA, Schema
from validator.inputs.sources import Batch
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
    engine_for,
    resolve_schema,
)
from validator.scale.rows import Rows

__all__ = [
    "COLUMN_SOURCE",
    "ERRORS_DDL",
    "RECORDINGS_DDL",
    "RECORDS_DDL",
    "WorkersCannotImport",
    "validate_column",
    "validate_json_lines",
    "validate_recordings",
]

COLUMN_SOURCE = "<column>"

ERRORS_DDL = (
    "array<struct<instance_location:string,keyword_location:string,message:string,"
    "keyword:string,line:bigint,column:bigint>>"
)
"""The Spark type of a document's errors."""
RESULT_DDL = f"struct<valid:boolean,status:string,errors:{ERRORS_DDL},warnings:{ERRORS_DDL}>"
"""The Spark type of the column :func:`validate_column` adds."""
RECORDS_DDL = (
    f"source string, line bigint, valid boolean, status string, schema string, "
    f"errors {ERRORS_DDL}, warnings {ERRORS_DDL}"
)
"""The Spark schema of :func:`validate_json_lines`' records."""
RECORDINGS_DDL = (
    f"{RECORDS_DDL}, entry bigint, method string, url string, http_status bigint, reason string"
)
"""The Spark schema of :func:`validate_recordings`' records."""

CHUNK = 8192
"""Records per Arrow batch sent back to Spark."""


class WorkersCannotImport(RuntimeError):
    """Spark's Python workers cannot import this package (or ``pyarrow``): the one-line message
    names their Python, why, and how to fix it."""


_PROBED: weakref.WeakSet[Any] = weakref.WeakSet()
"""The Spark contexts whose workers were seen importing the package."""

_FIX = (
    "set PYSPARK_PYTHON (or spark.pyspark.python) to a Python that has casefile-validator "
    "(this one is {python}) before the Spark session starts, or install casefile-validator "
    "(with pyarrow) on the workers"
)


def _cause(exc: BaseException) -> str:
    """The line of a failed probe job that says why (Spark's message is a long trace)."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    said = [
        line
        for line in lines
        if "PYTHON_VERSION_MISMATCH" in line or re.match(r"[\w.]+(Error|Exception): ", line)
    ]
    found = said[-1] if said else (lines[0] if lines else type(exc).__name__)
    return found if len(found) <= 300 else found[:299] + "\u2026"


def _probe(spark: Any) -> None:
    """Run one task on the workers of ``spark``'s context (once per context) that imports what
    the checks need there; :class:`WorkersCannotImport` if it cannot."""
    try:
        context = spark.sparkContext
    except Exception:  # Spark Connect: no context on this side; the job itself will say
        return
    if context in _PROBED:
        return

    def probe(_: Any) -> tuple[str, str]:  # pickled by value: refers to no module of ours
        import importlib
        import sys

        try:
            for name in ("validator.scale.records", "pyarrow"):
                importlib.import_module(name)
        except Exception as exc:
            return sys.executable, f"{type(exc).__name__}: {exc}"
        return sys.executable, ""

    try:
        [(python, problem)] = context.parallelize([0], 1).map(probe).collect()
    except Exception as exc:
        python, problem = "", _cause(exc)
    if problem:
        where = f" ({python}: {problem})" if python else f" ({problem})"
        raise WorkersCannotImport(
            f"Spark's Python workers cannot import casefile-validator{where}: "
            + _FIX.format(python=sys.executable)
        ) from None
    _PROBED.add(context)


def _arrow_types() -> tuple[Any, Any]:
    """(the Arrow type of a document's errors, the Arrow schema of the records)."""
    import pyarrow as pa  # type: ignore[import-untyped]

    text, number = pa.string(), pa.int64()
    error = pa.list_(
        pa.struct([(f, number if f in ("line", "column") else text) for f in ERROR_FIELDS])
    )
    types = {"line": number, "valid": pa.bool_(), "errors": error, "warnings": error}
    return error, pa.schema([(f, types.get(f, text)) for f in RECORD_FIELDS])


def _result_column(found: Columns) -> Any:
    import pyarrow as pa

    errors_type, _ = _arrow_types()
    status = pa.array(found["status"], pa.string())
    return pa.StructArray.from_arrays(
        [
            pa.array(found["valid"], pa.bool_()),
            status,
            pa.array(found["errors"], errors_type),
            pa.array(found["warnings"], errors_type),
        ],
        names=["valid", "status", "errors", "warnings"],
    )


def _spark_type(ddl: str) -> Any:
    """A Spark type from its DDL (``struct<...>``), parsed in Python."""
    from pyspark.sql.types import (
        ArrayType,
        BooleanType,
        LongType,
        StringType,
        StructField,
        StructType,
    )

    simple = {"string": StringType(), "bigint": LongType(), "boolean": BooleanType()}

    def parse(text: str) -> tuple[Any, str]:
        for word, found in simple.items():
            if text.startswith(word):
                return found, text[len(word) :]
        if text.startswith("array<"):
            inner, rest = parse(text[len("array<") :])
            return ArrayType(inner), rest[1:]
        assert text.startswith("struct<")
        fields, rest = [], text[len("struct<") :]
        while not rest.startswith(">"):
            field, rest = rest.split(":", 1)
            kind, rest = parse(rest)
            fields.append(StructField(field, kind))
            rest = rest.removeprefix(",")
        return StructType(fields), rest[1:]

    return parse(ddl)[0]


def validate_column(
    df: Any,
    column: str,
    schema: SchemaArg = DEFAULT_SCHEMA,
    *,
    name: str = "validation",
    schema_dirs: Sequence[str | os.PathLike[str]] = (),
    engine: str = "fast",
    cross_check: bool = False,
    redact: bool = False,
    max_errors: int | None = None,
) -> Any:
    """``df`` with a column ``name`` added: a struct of ``valid``, ``status`` (``valid``,
    ``invalid``, ``unreadable``), ``errors`` (each with ``instance_location``,
    ``keyword_location``, ``message``, ``keyword``, ``line`` and ``column`` inside the value)
    and ``warnings`` (the undeclared properties, with the same fields), judging each value of
    ``column`` (string or binary) as one JSON document.  A null or blank value is
    ``unreadable``.  Lazy, as Spark is; the schema is loaded here (a
    :class:`~validator.problems.SchemaProblem` is raised at once), and the first call on a
    Spark context checks that its Python workers can import this package
    (:class:`WorkersCannotImport` if not)."""
    loaded = resolve_schema(schema, schema_dirs)
    settings: Settings = (engine, cross_check, redact, max_errors)
    if column not in df.columns:
        raise ValueError(f"no column {column!r} in the DataFrame (it has {', '.join(df.columns)})")
    kind = df.schema[column].dataType.typeName()
    if kind not in ("string", "binary"):
        raise ValueError(
            f"column {column!r} holds {kind}, not the string or binary text of documents"
        )
    if name in df.columns:
        raise ValueError(f"the DataFrame has a column {name!r} already: choose another name=")
    _probe(df.sparkSession)
    output = _spark_type(f"struct<{name}:{RESULT_DDL}>")
    output = type(output)([*df.schema.fields, *output.fields])

    def check(batches: Iterable[Any]) -> Iterator[Any]:
        import pyarrow as pa

        judge = engine_for(loaded, engine, cross_check)
        for batch in batches:
            values = batch.column(column).to_pylist()
            rows = Rows()
            rows.add_texts(judge, values, [1] * len(values), COLUMN_SOURCE, settings, bodies=True)
            yield pa.RecordBatch.from_arrays(
                [*batch.columns, _result_column(rows.columns)], names=[*batch.schema.names, name]
            )

    return df.mapInArrow(check, output)


def _records(schema: Schema, settings: Settings, part: Part, first_line: int) -> Iterator[Any]:
    """A part's records, as Arrow batches of up to :data:`CHUNK`."""
    import pyarrow as pa

    _, arrow_schema = _arrow_types()
    judge = engine_for(schema, settings[0], settings[1])
    rows = Rows()
    for found in read_part(part, first_line):
        if isinstance(found, Batch):
            rows.add_lines(judge, found, settings)
        else:
            rows.add(check_document(judge, found, settings))
        while len(rows) >= CHUNK:
            chunk = {k: v[:CHUNK] for k, v in rows.columns.items()}
            yield pa.RecordBatch.from_pydict(chunk, schema=arrow_schema)
            for values in rows.columns.values():
                del values[:CHUNK]
    if len(rows):
        yield pa.RecordBatch.from_pydict(rows.columns, schema=arrow_schema)


def validate_json_lines(
    spark: Any,
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
    """A DataFrame of one record per document of the JSON Lines files named (:data:`RECORDS_DDL`:
    ``source``, ``line``, ``valid``, ``status``, ``schema``, ``errors``, ``warnings``), in file
    and line order.

    ``paths`` as :func:`validator.dask.validate_files` takes them (files, globs, folders,
    fsspec URLs the executors can open, compressed files streamed); they are listed here, on
    the driver, and each part becomes one Spark task.  An uncompressed local file larger than
    ``blocksize`` is cut into parts at line starts; their line ends are counted first (a small
    Spark job run now) so that every record keeps its line in the file.  The workers' Python is
    checked as :func:`validate_column` checks it.  A ``.yaml``/``.yml`` file is one part, a YAML
    stream: a record per document."""
    loaded = resolve_schema(schema, schema_dirs)
    _probe(spark)
    settings: Settings = (engine, cross_check, redact, max_errors)
    parts = list_parts(paths, blocksize)
    numbers = [1] * len(parts)
    if any(p.stop is not None for p in parts):
        counts = dict(
            spark.range(0, len(parts), 1, len(parts))
            .mapInArrow(_by_id(parts, count_ends), "id bigint, count bigint")
            .collect()
        )
        numbers = first_lines(parts, [counts[k] for k in range(len(parts))])

    def check(batches: Iterable[Any]) -> Iterator[Any]:
        for batch in batches:
            for k in batch.column("id").to_pylist():
                yield from _records(loaded, settings, parts[k], numbers[k])

    return spark.range(0, len(parts), 1, len(parts)).mapInArrow(check, RECORDS_DDL)


def _by_id(parts: Sequence[Part], count: Any) -> Any:
    def counter(batches: Iterable[Any]) -> Iterator[Any]:
        import pyarrow as pa

        for batch in batches:
            ids = batch.column("id").to_pylist()
            yield pa.RecordBatch.from_pydict(
                {"id": ids, "count": [count(parts[k]) for k in ids]},
                schema=pa.schema([("id", pa.int64()), ("count", pa.int64())]),
            )

    return counter


def _har_records(key: JudgeKey, path: str, settings: Settings) -> Iterator[Any]:
    """The records of one HAR file, as Arrow batches of up to :data:`CHUNK`."""
    import itertools

    import pyarrow as pa

    schema = arrow_schema()
    results = iter_results(key, path, settings)
    while chunk := list(itertools.islice(results, CHUNK)):
        yield pa.RecordBatch.from_pydict(recording_columns(chunk), schema=schema)


def validate_recordings(
    spark: Any,
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
    """A DataFrame of one record per entry of the HAR files named (:data:`RECORDINGS_DDL`), in
    file and entry order, each recorded response judged against the OpenAPI document
    ``openapi`` as ``casefile-validate --openapi SPEC rec.har`` judges it: the records of
    :func:`validator.dask.validate_recordings` (skipped entries as rows of status ``skipped``
    with their ``reason``).  ``paths``: HAR files, globs, folders (their ``*.har``), which the
    executors read at the same absolute paths, or fsspec URLs they can open
    (``s3://bucket/e2e/*.har``), one task per file.  The document is read here
    (a :class:`~validator.problems.SchemaProblem` is raised at once) and once per Python worker;
    the workers' Python is checked as :func:`validate_column` checks it."""
    key = judge_key(openapi, base_urls, undocumented, schema_dirs, engine, cross_check)
    judge_for(key)  # a document that cannot be used: said now, here
    _probe(spark)
    settings: Settings = (engine, cross_check, redact, max_errors)
    hars = list_hars(paths)

    def check(batches: Iterable[Any]) -> Iterator[Any]:
        for batch in batches:
            for k in batch.column("id").to_pylist():
                yield from _har_records(key, hars[k], settings)

    return spark.range(0, len(hars), 1, len(hars)).mapInArrow(check, RECORDINGS_DDL)
