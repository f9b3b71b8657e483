"""Per-document records for the scale-out engines (:mod:`validator.dask`, :mod:`validator.spark`).

A :class:`~validator.problems.DocumentResult` becomes a plain structured record: ``source``,
``line``, ``valid``, ``status``, ``schema``, ``errors`` (each error: ``instance_location``,
``keyword_location``, ``message``, ``keyword``, ``line``, ``column``) and ``warnings`` (the
undeclared properties, with the same fields; never part of the verdict), as columns that a pandas
or Arrow table takes directly.  The checking itself is that of the CLI
(:mod:`validator.checking.document`): lines go through
:func:`~validator.checking.json_lines.check_batch`, its hot loop, whole documents through
:func:`~validator.checking.document.check_raw`, Python values through
:func:`~validator.checking.document.check_value`.

Workers receive the loaded schema (a :class:`~validator.contracts.catalog.Schema`, plain data) and
compile it here, once per process (:func:`engine_for`); a compiled engine never travels.  The
entry points of one document share one copy of it, indexed and walked once per process (see
:mod:`validator.contracts.documents`).
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterable, Sequence
from typing import Any

from validator.checking.engine import Engine, compile_schema
from validator.checking.property_warnings import for_engine
from validator.checking.undeclared import Undeclared
from validator.contracts.catalog import DEFAULT_SCHEMA, Schema, from_contents, load_schema
from validator.contracts.documents import PROCESS, Shared
from validator.inputs.sources import Batch, Item
from validator.problems import INPUT, DocumentResult, Problem, Status

__all__ = [
    "ERROR_FIELDS",
    "RECORD_FIELDS",
    "Columns",
    "Settings",
    "check_document",
    "check_lines",
    "check_texts",
    "check_values",
    "check_whole",
    "columns",
    "engine_for",
    "record",
    "resolve_schema",
]

ERROR_FIELDS = ("instance_location", "keyword_location", "message", "keyword", "line", "column")
"""The fields of one error of a record, in order."""
RECORD_FIELDS = ("source", "line", "valid", "status", "schema", "errors", "warnings")
"""The fields of one record, in order."""

Columns = dict[str, list[Any]]
"""Records as columns: :data:`RECORD_FIELDS` -> one value per document."""

Settings = tuple[str, bool, bool, "int | None"]
"""How workers check: (engine, cross_check, redact, max_errors)."""

SchemaArg = str | os.PathLike[str] | Schema | dict[str, Any] | bool


def resolve_schema(schema: SchemaArg = DEFAULT_SCHEMA, schema_dirs: Sequence[Any] = ()) -> Schema:
    """The schema to ship to workers, loaded here (where the schema files are): a
    :class:`Schema` as it is, a dict (or boolean) as the schema itself, else a bundled name, a
    path or ``FILE#/pointer`` (:func:`~validator.contracts.catalog.load_schema`).  A schema that
    cannot be used raises :class:`~validator.problems.SchemaProblem` at once, before any work is
    sent."""
    if isinstance(schema, Schema):
        return schema
    if isinstance(schema, (dict, bool)):
        return from_contents(schema)
    return load_schema(
        os.fspath(schema),
        schema_dirs=tuple(os.fspath(d) for d in schema_dirs),
        documents=PROCESS,  # the entry points of one file: one Shared, one token
    )


_ENGINES: dict[bytes, Engine] = {}
"""The engines compiled in this process, by schema and engine settings."""


def engine_for(schema: Schema, engine: str = "fast", cross_check: bool = False) -> Engine:
    """The schema compiled once per process: the same schema (equal contents, wherever it was
    unpickled) gives the same engine.  An entry point of a shared document is known by its
    root and the document's token (see :mod:`validator.contracts.documents`): the document is
    not pickled again for each partition to be recognised."""
    shared = schema.resources if isinstance(schema.resources, Shared) else None
    named = schema._replace(resources={}) if shared is not None else schema
    token = shared.token if shared is not None else None
    key = pickle.dumps((named, token, engine, cross_check), pickle.HIGHEST_PROTOCOL)
    found = _ENGINES.get(key)
    if found is None:
        if len(_ENGINES) >= 32:  # a long-lived worker serving many schemas: forget the oldest
            del _ENGINES[next(iter(_ENGINES))]
        found = _ENGINES[key] = _compile(schema, engine, cross_check)
    return found


MANY = 1_000
"""The documents a worker expects for an entry point of a shared document: enough to repay a
native compile (:mod:`validator.checking.cost_model`), fewer than make it drop its guard."""


def _compile(schema: Schema, engine: str, cross_check: bool) -> Engine:
    """An entry point of a shared document (``components/schemas``) is judged by the one native
    validator compiled for all of them, once per process (as a run whose checks' documents
    repay it: :meth:`~validator.checking.engine.Engine.expect`); any other schema compiled as
    it is."""
    if not isinstance(schema.resources, Shared) or engine != "fast" or cross_check:
        return compile_schema(schema, engine=engine, cross_check=cross_check)
    found = compile_schema(schema, engine=engine, defer=True)
    found.expect(MANY, MANY)
    return found


def record(result: DocumentResult) -> dict[str, Any]:
    """One result as a plain record (see the module's description)."""
    return {
        "source": result.source,
        "line": result.line,
        "valid": result.valid,
        "status": result.status.value,
        "schema": result.schema,
        "errors": _errors(result.problems),
        "warnings": _errors(result.warnings),
    }


def _errors(problems: tuple[Problem, ...]) -> list[dict[str, Any]]:
    return [
        {
            "instance_location": p.instance_location,
            "keyword_location": p.keyword_location,
            "message": p.message,
            "keyword": p.keyword,
            "line": p.line,
            "column": p.column,
        }
        for p in problems
    ]


def columns(results: Iterable[DocumentResult]) -> Columns:
    """Results as :data:`Columns` (the schema column names the schema of each)."""
    out: Columns = {name: [] for name in RECORD_FIELDS}
    source, line, valid, status, schema, errors, warnings = (out[name] for name in RECORD_FIELDS)
    for r in results:
        source.append(r.source)
        line.append(r.line)
        valid.append(r.status is Status.VALID)
        status.append(r.status.value)
        schema.append(r.schema)
        errors.append(_errors(r.problems) if r.problems else [])
        warnings.append(_errors(r.warnings) if r.warnings else [])
    return out


def _encoded(text: bytes | str) -> bytes:
    return text.encode("utf-8", errors="surrogatepass") if isinstance(text, str) else text


_new = tuple.__new__  # a record built from a tuple: no Python call to the record's __new__
_LINE = Problem._fields.index("line")


def _moved(result: DocumentResult, line: int, schema: str) -> DocumentResult:
    """A one-line document's result checked at another line number, moved to ``line``."""
    if result.line == line:
        return result._replace(schema=schema)

    def moved(found: tuple[Problem, ...]) -> tuple[Problem, ...]:
        return tuple(
            p if p[_LINE] is None else _new(Problem, (*p[:_LINE], line, *p[_LINE + 1 :]))
            for p in found
        )

    source, _, status, problems, _, warnings, _ = result
    return _new(
        DocumentResult, (source, line, status, moved(problems), schema, moved(warnings), None)
    )


def check_texts(
    engine: Engine,
    texts: Sequence[bytes | str | None],
    numbers: Sequence[int],
    source: str,
    settings: Settings,
    *,
    bodies: bool = False,
) -> list[DocumentResult | None]:
    """The result of each text, in order: text ``i`` is a document starting at line
    ``numbers[i]`` of ``source``.  JSON Lines (``bodies`` false): a blank line is no document
    (None).  ``bodies``: each text is a document of its own (a column's value); a blank or
    ``None`` one is unreadable.  Line ends are taken off; texts of one line are checked together
    by the CLI's batch loop, others one at a time, all with the CLI's strict parsing."""
    name = engine.schema.name
    _, alone, simple, block = sort_texts(engine, texts, numbers, source, settings, bodies)
    out: list[DocumentResult | None] = [None] * len(texts)
    for i, result in alone.items():
        out[i] = result
    if simple:
        _, found = check_block(engine, source, block, settings, keep_valid=True)
        for result in found:
            i = simple[result.line - 1]
            out[i] = _moved(result, numbers[i], name)
    return out


def sort_texts(
    engine: Engine,
    texts: Sequence[bytes | str | None],
    numbers: Sequence[int],
    source: str,
    settings: Settings,
    bodies: bool,
) -> tuple[list[int], dict[int, DocumentResult], list[int], list[bytes]]:
    """How :func:`check_texts` takes each text: ``(documents, alone, simple, block)``, the
    indexes of the texts that are documents, in order; the results of those checked alone
    (several lines, or unreadable), by index; the indexes of those of one line, and those lines,
    to be checked together (:func:`check_block`)."""
    _, _, redact, max_errors = settings
    name = engine.schema.name
    finder = for_engine(engine)
    documents: list[int] = []
    alone: dict[int, DocumentResult] = {}
    simple: list[int] = []
    block: list[bytes] = []
    for i, text in enumerate(texts):
        if text is None:
            if bodies:
                missing = Problem("", "", "no document: the value is null", INPUT)
                alone[i] = DocumentResult(source, numbers[i], Status.UNREADABLE, (missing,), name)
                documents.append(i)
            continue
        raw = _encoded(text)
        if raw.endswith(b"\n"):
            raw = raw[:-1]
        if b"\n" in raw or (bodies and not raw.strip(b" \t\r")):
            result = _raw(engine, raw, source, numbers[i], redact, max_errors, finder)
            alone[i] = result._replace(schema=name)
            documents.append(i)
        elif raw.strip(b" \t\r"):
            simple.append(i)
            documents.append(i)
            block.append(raw)
    return documents, alone, simple, block


def check_block(
    engine: Engine, source: str, block: list[bytes], settings: Settings, *, keep_valid: bool
) -> tuple[int, list[DocumentResult]]:
    """One-line documents checked together by the CLI's batch loop, numbered from 1: the count
    of valid ones (not listed unless ``keep_valid``) and the results."""
    from validator.checking.json_lines import check_batch

    _, _, redact, max_errors = settings
    return check_batch(
        engine,
        Batch(source, 1, b"\n".join(block)),
        redact=redact,
        max_errors=max_errors,
        keep_valid=keep_valid,
        warnings=for_engine(engine),
    )


def _raw(
    engine: Engine,
    raw: bytes,
    source: str,
    line: int,
    redact: bool,
    max_errors: int | None,
    finder: Undeclared,
) -> DocumentResult:
    from validator.checking.document import check_raw

    return check_raw(
        engine,
        raw,
        source=source,
        line=line,
        redact=redact,
        max_errors=max_errors,
        lines_hint="",
        warnings=finder,
    )


def check_lines(engine: Engine, batch: Batch, settings: Settings) -> list[DocumentResult]:
    """Every document of a JSON Lines :class:`~validator.inputs.sources.Batch`, valid ones included
    (blank lines are none), each naming its schema."""
    from validator.checking.json_lines import check_batch

    _, _, redact, max_errors = settings
    _, found = check_batch(
        engine,
        batch,
        redact=redact,
        max_errors=max_errors,
        keep_valid=True,
        warnings=for_engine(engine),
    )
    name = engine.schema.name
    return [r._replace(schema=name) for r in found]


def check_whole(engine: Engine, item: Item, settings: Settings) -> DocumentResult:
    """One whole-document input (or one known to be unreadable), naming its schema."""
    from validator.checking.document import check_item

    _, _, redact, max_errors = settings
    found = check_item(
        engine, item, redact=redact, max_errors=max_errors, warnings=for_engine(engine)
    )
    return found._replace(schema=engine.schema.name)


def check_document(engine: Engine, item: Item, settings: Settings) -> list[DocumentResult]:
    """:func:`check_whole`, or for a YAML file (:func:`~validator.scale.file_parts.is_yaml`)
    each document of its stream, as the command line checks it."""
    from validator.scale.file_parts import is_yaml

    if item.raw is None or not is_yaml(item.source):
        return [check_whole(engine, item, settings)]
    from validator.checking.yaml_documents import check_yaml

    _, _, redact, max_errors = settings
    found = check_yaml(
        engine, item, redact=redact, max_errors=max_errors, warnings=for_engine(engine)
    )
    return [r._replace(schema=engine.schema.name) for r in found]


def check_values(
    engine: Engine, values: Sequence[Any], numbers: Sequence[int], source: str, settings: Settings
) -> list[DocumentResult]:
    """Python documents (already parsed: no positions in the text)."""
    from validator.checking.document import check_value

    _, _, redact, max_errors = settings
    name, finder = engine.schema.name, for_engine(engine)
    return [
        check_value(
            engine, v, source=source, line=n, redact=redact, max_errors=max_errors, warnings=finder
        )._replace(schema=name)
        for v, n in zip(values, numbers, strict=True)
    ]
