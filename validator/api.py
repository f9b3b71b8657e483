"""The Python API behind ``validator.validate`` and friends (see :mod:`validator`)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from validator.catalog import DEFAULT_SCHEMA, Schema, from_contents, load_schema, schema_names
from validator.check import check_raw, check_value
from validator.engine import Engine, compile_schema
from validator.problems import DocumentResult, Problem, Status

__all__ = [
    "Report",
    "assert_valid",
    "is_valid",
    "load_schema",
    "schema_names",
    "validate",
    "validate_bytes",
    "validate_file",
]

SchemaLike = str | Path | Schema


@dataclass(frozen=True, slots=True)
class Report:
    """The outcome for one document: ``valid``, ``status`` and the ``errors`` in document order
    (for a document that is not strict JSON, one error with keyword ``"parse"``)."""

    valid: bool
    status: Status
    errors: tuple[Problem, ...]
    source: str = "<object>"

    def __bool__(self) -> bool:
        return self.valid

    def __str__(self) -> str:
        if self.valid:
            return f"{self.source}: valid"
        lines = [f"{self.source}: {self.status.value} ({len(self.errors)} errors)"]
        for e in self.errors:
            where = f"{e.line}:{e.column}: " if e.line is not None else ""
            pointer = e.instance_location or "/"
            keyword = f" [{e.keyword_location}]" if e.keyword_location else ""
            lines.append(f"  {where}{pointer}: {e.message}{keyword}")
        return "\n".join(lines)


def _report(result: DocumentResult) -> Report:
    return Report(result.valid, result.status, result.problems, result.source)


@functools.lru_cache(maxsize=32)
def _engine_for(key: str) -> Engine:
    return compile_schema(load_schema(key))


def _engine(schema: SchemaLike | dict[str, Any] | bool) -> Engine:
    if isinstance(schema, Schema):
        return compile_schema(schema)
    if isinstance(schema, (dict, bool)):
        return compile_schema(from_contents(schema))
    return _engine_for(str(schema))


def validate(document: Any, schema: SchemaLike | dict[str, Any] = DEFAULT_SCHEMA) -> Report:
    """Check a parsed document (a Python value) against a schema (a bundled name, a path, a
    :class:`Schema` or the schema itself as a dict).

    >>> validate({"request_id": 1}).errors[0].message
    'missing required property "status"'
    """
    return _report(check_value(_engine(schema), document))


def validate_bytes(
    data: bytes | str,
    schema: SchemaLike | dict[str, Any] = DEFAULT_SCHEMA,
    *,
    source: str = "<bytes>",
) -> Report:
    """Parse ``data`` strictly as JSON, then check it; errors carry line and column."""
    raw = data.encode("utf-8", errors="surrogatepass") if isinstance(data, str) else data
    return _report(check_raw(_engine(schema), raw, source=source))


def validate_file(path: str | Path, schema: SchemaLike | dict[str, Any] = DEFAULT_SCHEMA) -> Report:
    """Read a file and check it like :func:`validate_bytes`.  ``OSError`` propagates."""
    return validate_bytes(Path(path).read_bytes(), schema, source=str(path))


def is_valid(document: Any, schema: SchemaLike | dict[str, Any] = DEFAULT_SCHEMA) -> bool:
    """The verdict alone (the fastest call)."""
    return _engine(schema).is_valid(document)


def assert_valid(document: Any, schema: SchemaLike | dict[str, Any] = DEFAULT_SCHEMA) -> None:
    """Raise ``AssertionError`` listing every error unless the document is valid (for pytest)."""
    report = validate(document, schema)
    if not report.valid:
        raise AssertionError(str(report))
