"""The Python API behind ``validator.validate`` and friends (see :mod:`validator`).

:data:`__all__` here is the one list of the public names: ``validator`` exports exactly these.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any

from validator.checking.compiled import by_content as _by_content
from validator.checking.compiled import by_name as _by_name
from validator.checking.document import check_raw, check_value
from validator.checking.engine import Engine
from validator.checking.limits import long_integers
from validator.checking.property_warnings import for_engine
from validator.contracts.catalog import (
    DEFAULT_SCHEMA,
    Schema,
    load_schema,
    schema_names,
)
from validator.contracts.documents import PROCESS
from validator.inputs.sources import YAML_SUFFIXES, Item, is_jsonl
from validator.problems import DocumentResult, Problem, SchemaProblem, Status, warning_count
from validator.report.common import describe_problem, describe_warning, plural

__all__ = [
    "Problem",
    "Report",
    "Schema",
    "SchemaProblem",
    "Status",
    "assert_valid",
    "check_response",
    "is_valid",
    "load_schema",
    "operation_schema",
    "schema_names",
    "validate",
    "validate_bytes",
    "validate_file",
    "validate_lines",
]

SchemaLike = str | Path | Schema
SchemaDirs = Sequence[str | os.PathLike[str]]
"""Folders of schema files that ``$ref``\\ s may reach by ``$id`` (``--schema-dir``)."""
LINES_SOURCE = "<lines>"
"""The source of the reports of :func:`validate_lines` on bytes or lines (not a file)."""


@dataclass(frozen=True, slots=True)
class Report:
    """The outcome for one document: ``valid``, ``status`` and the ``errors`` in document order
    (for a document that is not strict JSON, one error with keyword ``"parse"``).  ``source`` and
    ``line`` name where the document is (``line`` is the line it starts on: 1 for a whole file,
    the line itself in JSON Lines).  ``warnings``: its undeclared properties (keyword
    ``"undeclared-property"``, with the nearest declared name when one is close), which never
    change the verdict.  ``skipped``: why a response of :func:`check_response` was not checked
    (``"304 Not Modified not documented"``: then ``status`` is ``Status.SKIPPED``, ``valid`` is
    true and there are no errors), else ``""``."""

    valid: bool
    status: Status
    errors: tuple[Problem, ...]
    source: str = "<object>"
    line: int = 1
    warnings: tuple[Problem, ...] = ()
    skipped: str = ""

    def __bool__(self) -> bool:
        return self.valid

    def __str__(self) -> str:
        """The source and the verdict, then one line per error and per warning::

        day.jsonl: invalid (1 error, 1 warning)
          3:13: /status: "done" is not one of "pending", "completed" [/properties/status/enum]
          3:40: warning: /eror: undeclared property; did you mean "error"?

        (:meth:`lines` joined by line feeds.)
        """
        return "\n".join(self.lines())

    def lines(self) -> list[str]:
        """The lines of ``str(report)``, each as it is: the document's keys and values in a
        line may hold line breaks of their own (a writer that shows them escapes each line,
        rather than splitting the text)."""
        if self.skipped:
            return [f"{self.source}: skipped ({self.skipped})"]
        counts = [plural(len(self.errors), "error")] if self.errors else []
        counts += [plural(warning_count(self.warnings), "warning")] if self.warnings else []
        lines = [
            f"{self.source}: {self.status.value}" + (f" ({', '.join(counts)})" if counts else "")
        ]
        for e in self.errors:
            lines.append(f"  {_where(e)}{describe_problem(self.status, e)}")
        for w in self.warnings:
            lines.append(f"  {_where(w)}warning: {describe_warning(w)}")
        return lines


def _where(problem: Problem) -> str:
    return f"{problem.line}:{problem.column}: " if problem.line is not None else ""


def _report(result: DocumentResult) -> Report:
    if result.status is Status.SKIPPED:  # its one problem says why
        why = result.problems[0].message
        return Report(True, result.status, (), result.source, result.line, skipped=why)
    return Report(
        result.valid, result.status, result.problems, result.source, result.line, result.warnings
    )


def _engine(schema: SchemaLike | dict[str, Any] | bool, schema_dirs: SchemaDirs = ()) -> Engine:
    """The compiled schema: a :class:`Schema` or a dict as it is (compiled once while its
    contents and ``schema_dirs`` stay the same), a name, a path or an entry point
    ``FILE#/json/pointer`` loaded by :func:`load_schema` (with ``schema_dirs``)."""
    if isinstance(schema, (Schema, dict, bool)) or not isinstance(schema, (str, os.PathLike)):
        # by content (or a TypeError); the usual types first: os.PathLike's check costs a µs
        dirs = tuple(os.path.abspath(d) for d in schema_dirs) if schema_dirs else ()
        return _by_content(schema, dirs)
    return _by_name(os.fspath(schema), tuple(os.fspath(d) for d in schema_dirs))


def operation_schema(
    spec: str | os.PathLike[str],
    operation: str,
    status: str | int | None = None,
    media_type: str | None = None,
) -> str:
    """The entry point ``SPEC#/paths/...`` of an OpenAPI operation's response schema, which
    ``schema=`` takes: ``operation`` is an ``operationId`` or ``"METHOD /path/template"``;
    ``status`` defaults to the only 2xx response, ``media_type`` to the only JSON type (as
    ``--openapi SPEC --operation OPERATION``; :class:`SchemaProblem` when there is none).

    ``operation_schema("openapi.json", "addSession")`` is
    ``"openapi.json#/paths/~1casefiles~1{id}~1sessions/post/responses/201/content/application~1json/schema"``.
    """
    from validator.contracts.operations import entry_point

    if not isinstance(spec, (str, os.PathLike)):
        raise TypeError(
            "operation_schema(spec, ...) names an entry point of a spec file: give its path "
            f"(got {type(spec).__name__}; check_response takes a spec as a dict)"
        )
    if not isinstance(operation, str):
        raise TypeError(
            "operation must be a string (an operationId or 'METHOD /path'), got "
            f"{type(operation).__name__}"
        )
    code = None if status is None else str(status)
    entry, _ = entry_point(
        os.fspath(spec), operation, code, media_type, documents=PROCESS, via="api"
    )
    return entry


def validate(
    document: Any,
    schema: SchemaLike | dict[str, Any] = DEFAULT_SCHEMA,
    *,
    schema_dirs: SchemaDirs = (),
) -> Report:
    """Check a parsed document (a Python value) against a schema: a bundled name, a path, an
    entry point ``FILE#/json/pointer`` (``"openapi.json#/components/schemas/Casefile"``), a
    :class:`Schema` or the schema itself as a dict.  ``schema_dirs``: folders of schema files
    that its ``$ref``\\ s may reach by ``$id`` (files beside a schema file are found anyway).

    >>> validate({"request_id": 1}).errors[0].message
    'missing required property "status"'
    """
    engine = _engine(schema, schema_dirs)
    return _report(check_value(engine, document, warnings=for_engine(engine)))


def _encoded(data: bytes | str) -> bytes:
    return data.encode("utf-8", errors="surrogatepass") if isinstance(data, str) else data


_HINT = "for one document per line use validate_lines()"
"""What a parse error after a whole document suggests (a second document follows it)."""


def validate_bytes(
    data: bytes | str,
    schema: SchemaLike | dict[str, Any] = DEFAULT_SCHEMA,
    *,
    source: str = "<bytes>",
    schema_dirs: SchemaDirs = (),
    yaml: bool = False,
) -> Report:
    """Parse ``data`` strictly as one JSON document (with ``yaml``: one YAML document, by the
    YAML 1.2 core schema, ``ValueError`` for a stream of several), then check it; errors carry
    line and column.

    >>> error = validate_bytes(b'[1,\\n "2"]', {"items": {"type": "integer"}}).errors[0]
    >>> (error.line, error.column, error.message)
    (2, 2, 'expected integer, got string "2"')
    """
    engine = _engine(schema, schema_dirs)
    raw = _encoded(data)
    if yaml:
        return _one_yaml(engine, raw, source)
    return _report(
        check_raw(engine, raw, source=source, lines_hint=_HINT, warnings=for_engine(engine))
    )


def validate_file(
    path: str | os.PathLike[str],
    schema: SchemaLike | dict[str, Any] = DEFAULT_SCHEMA,
    *,
    schema_dirs: SchemaDirs = (),
    yaml: bool | None = None,
) -> Report:
    """Read a file and check it as one document, like :func:`validate_bytes`.

    ``OSError`` propagates.  A JSON Lines file (``.jsonl``, ``.ndjson``) holds one document per
    line: it is refused with ``ValueError``; check it with :func:`validate_lines`.  A ``.yaml`` or
    ``.yml`` file is read as YAML (see the docs' YAML page), and must hold one document
    (``ValueError`` for a stream of several); ``yaml`` says how to read it whatever its name
    (``True``: YAML, ``False``: JSON).
    """
    if is_jsonl(os.fspath(path)):
        raise ValueError(
            f"{os.fspath(path)} is JSON Lines (one document per line): use validate_lines() for it"
        )
    data = Path(path).read_bytes()
    engine = _engine(schema, schema_dirs)
    if yaml or (yaml is None and os.fspath(path).lower().endswith(YAML_SUFFIXES)):
        return _one_yaml(engine, data, os.fspath(path))
    found = check_raw(
        engine, data, source=os.fspath(path), lines_hint=_HINT, warnings=for_engine(engine)
    )
    return _report(found)


def _one_yaml(engine: Engine, data: bytes, source: str) -> Report:
    """The report of the one YAML document of ``data`` (``ValueError`` for several)."""
    from validator.checking.yaml_documents import check_yaml

    results = check_yaml(engine, Item(source, 1, data), warnings=for_engine(engine))
    if len(results) > 1:
        raise ValueError(f"{source} holds {len(results)} YAML documents, not one")
    return _report(results[0])


def validate_lines(
    lines: str | os.PathLike[str] | bytes | Iterable[bytes | str],
    schema: SchemaLike | dict[str, Any] = DEFAULT_SCHEMA,
    *,
    source: str | None = None,
    schema_dirs: SchemaDirs = (),
) -> Iterator[Report]:
    """Check JSON Lines: one :class:`Report` per line that is not blank, in order, lazily.

    ``lines`` is a file to read (a ``str`` or a path: it is streamed, never read whole), the
    text itself as ``bytes``, or any iterable of lines (``str`` or ``bytes``, with or without
    their line ends; an open binary file is one).  Each report's ``source`` (the file, else
    ``source`` or ``"<lines>"``) and ``line`` (counting blank lines too) name its line, and so
    do its errors' positions.  The schema is loaded at once (``SchemaProblem``); the file is
    opened when the first report is asked for (``OSError``).

    >>> [r.valid for r in validate_lines(['{"a": 1}', "", "[]"], {"type": "object"})]
    [True, False]
    """
    engine = _engine(schema, schema_dirs)
    if isinstance(lines, (str, os.PathLike)):
        return _file_reports(engine, Path(lines), source or os.fspath(lines))
    if isinstance(lines, bytes):
        lines = lines.split(b"\n")
    return _reports(engine, lines, source or LINES_SOURCE)


def _file_reports(engine: Engine, path: Path, source: str) -> Iterator[Report]:
    with path.open("rb") as file:
        yield from _reports(engine, file, source)


def _reports(engine: Engine, lines: Iterable[bytes | str], source: str) -> Iterator[Report]:
    finder = for_engine(engine)
    for number, line in enumerate(lines, 1):
        raw = _encoded(line)
        if raw.endswith(b"\n"):
            raw = raw[:-1]
        if raw.strip(b" \t\r"):
            found = check_raw(
                engine, raw, source=source, line=number, lines_hint="", warnings=finder
            )
            yield _report(found)


def is_valid(
    document: Any,
    schema: SchemaLike | dict[str, Any] = DEFAULT_SCHEMA,
    *,
    schema_dirs: SchemaDirs = (),
) -> bool:
    """The verdict alone (the fastest call).

    >>> is_valid({"status": "done"})
    False
    """
    engine = _engine(schema, schema_dirs)
    with long_integers():  # the document may hold integers of any length
        return engine.is_valid(document)


def assert_valid(
    document: Any,
    schema: SchemaLike | dict[str, Any] = DEFAULT_SCHEMA,
    *,
    schema_dirs: SchemaDirs = (),
) -> None:
    """Raise ``AssertionError`` listing every error unless the document is valid (for pytest).

    A :class:`pathlib.Path` is a file to read and check (a JSON Lines file line by line, every
    line that is not valid listed); any other value, a ``str`` included, is the document itself.
    """
    if isinstance(document, PurePath):
        if is_jsonl(document.name):
            reports = list(validate_lines(document, schema, schema_dirs=schema_dirs))
        else:
            reports = [validate_file(document, schema, schema_dirs=schema_dirs)]
    else:
        reports = [validate(document, schema, schema_dirs=schema_dirs)]
    failed = [str(report) for report in reports if not report.valid]
    if failed:
        raise AssertionError("\n".join(failed))


def check_response(
    spec: str | os.PathLike[str] | dict[str, Any],
    method: str,
    url: str,
    status: int | str,
    body: bytes | str | None,
    *,
    headers: Mapping[str, str] | Iterable[tuple[str, str]] | None = None,
    content_type: str | None = None,
    base_url: str | Sequence[str] | None = None,
) -> Report:
    """Check one response against the OpenAPI document ``spec`` (a path or a dict) as recorded
    ones are: no documented response for it is one error whose keyword says why (one of
    ``validator.contracts.recording_kinds.RECORDING_KINDS``: ``"undocumented-status"``...),
    else its body is checked against that response's schema (see :mod:`validator.traffic`). A
    response a recording's entry would skip (a ``304``, a redirect or a ``1xx`` its operation does
    not document, a CORS preflight ``OPTIONS``, status 0) is not checked: the report is valid, of
    status ``Status.SKIPPED``, its :attr:`Report.skipped` saying why.  ``base_url`` (one URL or
    several, as ``--base-url``) replaces the document's servers: ``ValueError`` for one that can
    match no URL.  ``status`` is an int or a string of three digits (``"200"``): anything else is a
    ``TypeError`` or ``ValueError`` naming it."""
    from validator.traffic import response_result

    found = response_result(
        spec,
        method,
        url,
        status,
        body,
        headers=headers,
        content_type=content_type,
        base_url=base_url,
    )
    return _report(found)
