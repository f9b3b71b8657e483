"""The contracts: find the schema files, check them against their metaschema, and hold them with
every resource they may refer to.

Nothing is ever retrieved.  The resources a schema may ``$ref`` are exactly the bundled schemas,
the schema itself and the ``resources`` a caller hands over explicitly; a reference to anything else
is a :class:`~validator.problems.SchemaProblem` (exit code 2) when the schema is compiled.
"""

from __future__ import annotations

import copy
import functools
import os
import re
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple
from urllib.parse import urljoin

from validator.parse import Parsed, parse
from validator.problems import NoSuchSchema, NotASchema, SchemaProblem, SchemaUnreadable

__all__ = ["DEFAULT_SCHEMA", "Schema", "load_schema", "schema_names", "schemas_dir"]

DEFAULT_SCHEMA = "AddSessionToCasefileResponse"


class Schema(NamedTuple):
    """A schema ready to compile: its name, its URI, its contents and, under their URIs, the other
    resources its ``$ref``\\ s may reach."""

    name: str
    uri: str
    contents: Any
    resources: Mapping[str, Any] = MappingProxyType({})


def schemas_dir() -> Path:
    """Where the bundled schemas are: inside the installed package (wheel), or at the top of a
    checkout (editable install, or running from the source tree)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "schemas", here.parent / "schemas"):
        if candidate.is_dir():
            return candidate
    raise NoSuchSchema(f"bundled schemas not found (looked in {here / 'schemas'})")


def schema_names() -> list[str]:
    """Names of the bundled schemas, sorted."""
    return sorted(p.stem for p in schemas_dir().glob("*.json"))


def _read_json(path: Path) -> Any:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SchemaUnreadable(
            f"{path}: cannot read schema: {exc.strerror or exc}", schema=str(path)
        ) from None
    parsed = parse(raw)
    if not isinstance(parsed, Parsed):
        raise SchemaUnreadable(
            f"{path}:{parsed.line}:{parsed.column}: schema is not valid JSON: {parsed.message}",
            schema=str(path),
        )
    if parsed.duplicates:
        dup = parsed.duplicates[0]
        raise SchemaUnreadable(
            f"{path}: schema has a duplicate key {dup.key!r} in {dup.pointer!r}", schema=str(path)
        )
    return parsed.value


def check_schema(contents: Any, origin: str) -> None:
    """Check a schema against the metaschema its ``$schema`` names (draft 2020-12 by default).

    The compiled metaschema check of ``jsonschema_rs`` answers first (fast, and it keeps the
    ``jsonschema`` import off the start-up path); ``jsonschema`` words the reason when it fails.
    """
    if not isinstance(contents, (dict, bool)):
        raise NotASchema(f"{origin}: a schema must be a JSON object or boolean", schema=origin)
    import jsonschema_rs

    try:
        if jsonschema_rs.meta.is_valid(contents):
            return
    except (jsonschema_rs.ReferencingError, ValueError):
        pass  # an unknown $schema, for one: the reference check below says so
    _explain(contents, origin)


def _explain(contents: Any, origin: str) -> None:
    from jsonschema import Draft202012Validator, validators
    from jsonschema.exceptions import SchemaError
    from referencing.exceptions import CannotDetermineSpecification
    from referencing.jsonschema import UnknownDialect, specification_with

    if isinstance(contents, dict) and "$schema" in contents:
        try:
            specification_with(str(contents["$schema"]))
        except (CannotDetermineSpecification, UnknownDialect):
            raise NotASchema(
                f"{origin}: unknown $schema {contents['$schema']!r}", schema=origin
            ) from None
    cls = validators.validator_for(contents, default=Draft202012Validator)
    try:
        cls.check_schema(contents)
    except SchemaError as exc:
        where = "/".join(str(p) for p in exc.absolute_path)
        raise NotASchema(
            f"{origin}: not a valid schema at /{where}: {exc.message}"
            if where
            else f"{origin}: not a valid schema: {exc.message}",
            schema=origin,
        ) from None


@functools.cache
def _bundled() -> dict[str, tuple[str, Any]]:
    """name -> (uri, contents) for every bundled schema, each checked once per process."""
    found: dict[str, tuple[str, Any]] = {}
    for path in sorted(schemas_dir().glob("*.json")):
        contents = _read_json(path)
        check_schema(contents, str(path))
        found[path.stem] = (_uri_of(contents, path), contents)
    return found


def is_bundled(schema: Schema) -> bool:
    """Whether a schema is one of the bundled ones, unchanged (those are checked by the tests, so
    start-up can skip what the tests already proved)."""
    try:
        bundled = _bundled().get(schema.name)
    except SchemaProblem:  # pragma: no cover - a broken install
        return False
    return bundled is not None and bundled == (schema.uri, schema.contents)


def _others() -> dict[str, Any]:
    """URI -> a private copy of every bundled schema (callers may change what they get)."""
    return {uri: copy.deepcopy(contents) for uri, contents in _bundled().values()}


_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
"""A schema named by URL (``https://...``, ``file://...``): refused, never fetched."""


def load_schema(
    name_or_path: str | Path = DEFAULT_SCHEMA, *, resources: Mapping[str, Any] | None = None
) -> Schema:
    """Load a bundled schema by name, or any schema file by path, checked against its metaschema.

    ``resources`` maps further URIs to schemas that ``$ref`` may reach (they are never fetched).

    >>> load_schema().name
    'AddSessionToCasefileResponse'
    """
    bundled = _bundled()
    extra = dict(resources or {})
    others = _others()
    key = str(name_or_path)
    if key in bundled:
        uri, contents = bundled[key]
        return Schema(key, uri, copy.deepcopy(contents), {**others, **extra})
    if isinstance(name_or_path, str) and _URL.match(key) and not os.path.exists(key):
        raise NoSuchSchema(
            f"{key}: schemas are never fetched (the toolkit works offline); save the schema to a "
            "file and pass its path",
            schema=key,
        )
    path = Path(name_or_path)
    if not path.exists() and path.suffix != ".json" and "/" not in key:
        known = ", ".join(bundled) or "none"
        raise NoSuchSchema(
            f"unknown schema {key!r}: not a bundled name ({known}) nor a file", schema=key
        )
    if path.is_dir():
        raise SchemaUnreadable(f"{path}: is a directory, not a schema file", schema=key)
    contents = _read_json(path)
    check_schema(contents, str(path))
    return Schema(path.stem, _uri_of(contents, path), contents, {**others, **extra})


def _uri_of(contents: Any, path: Path) -> str:
    """The schema's ``$id`` resolved against its file's URI (an identifier: nothing is read)."""
    base = path.resolve().as_uri()
    declared = contents.get("$id") if isinstance(contents, dict) else None
    return urljoin(base, declared) if isinstance(declared, str) else base


def from_contents(
    contents: Any, *, uri: str = "urn:casefile-validator:schema", name: str = "schema"
) -> Schema:
    """A schema given as a Python object (checked against its metaschema)."""
    check_schema(contents, name)
    if isinstance(contents, dict) and isinstance(contents.get("$id"), str):
        uri = contents["$id"]
    return Schema(name, uri, contents, _others())


__all__ += ["check_schema", "from_contents", "is_bundled"]
