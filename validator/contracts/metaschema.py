"""A schema file read strictly and named by its URI, and any schema checked against its
metaschema.

Shared by :mod:`validator.contracts.catalog` (the schema given),
:mod:`validator.contracts.schema_files` (the files its ``$ref``\\ s reach) and
:mod:`validator.contracts.openapi` (the schemas of an OpenAPI document).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any
from urllib.parse import urldefrag, urljoin, urlsplit

from validator.inputs.parse import Parsed, parse
from validator.inputs.sources import YAML_SUFFIXES
from validator.problems import NotASchema, SchemaUnreadable

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["check_schema", "file_uri", "never_fetch", "read_json", "uri_of"]


def file_uri(path: str | Path) -> str:
    """The ``file:`` URI of a file (symlinks resolved)."""
    from pathlib import Path

    return Path(path).resolve().as_uri()


def uri_of(contents: Any, path: str | Path) -> str:
    """A schema's ``$id`` resolved against its file's URI (an identifier: nothing is read)."""
    declared = contents.get("$id") if isinstance(contents, dict) else None
    if not isinstance(declared, str):
        return file_uri(path)
    scheme = urlsplit(declared).scheme
    if scheme and scheme != "file":  # urljoin gives it as it is: the file's URI is not needed
        return urldefrag(declared)[0]
    return urldefrag(urljoin(file_uri(path), declared))[0]


_LOOKS_YAML = re.compile(
    rb"(?:\xef\xbb\xbf)?(?:%YAML|---|#|[A-Za-z_$][\w$.-]*[ \t]*:(?:[ \t]|\r?\n))"
)
"""The start of a file that is YAML, not JSON: a directive, a document start, a comment or a
``key:`` at the start of the text."""
_YAML_HINT = (
    " (it reads as YAML: name it .yaml or .yml, or give --yaml-files, or yaml = true in its check)"
)


def read_json(path: str | Path, raw: bytes | None = None, *, yaml: bool | None = None) -> Any:
    """The JSON value of a schema file (strict RFC 8259, no duplicate keys; a ``.yaml``/``.yml``
    file, or any with ``yaml``, by :mod:`validator.inputs.yaml_parse`'s rules, one document), or
    :class:`~validator.problems.SchemaUnreadable` naming the file; ``raw``: its bytes, when
    already read."""
    if raw is None:
        try:
            with open(path, "rb") as file:
                raw = file.read()
        except OSError as exc:
            raise SchemaUnreadable(
                f"{path}: cannot read schema: {exc.strerror or exc}", schema=str(path)
            ) from None
    if yaml or (yaml is None and str(path).lower().endswith(YAML_SUFFIXES)):
        from validator.inputs.yaml_parse import one_document

        value, problem = one_document(raw)
        if problem is not None:
            raise SchemaUnreadable(
                f"{path}:{problem.line}:{problem.column}: schema is not valid YAML: "
                f"{problem.message}",
                schema=str(path),
            )
        return value
    parsed = parse(raw)
    if not isinstance(parsed, Parsed):
        hint = _YAML_HINT if parsed.line == 1 and _LOOKS_YAML.match(raw) else ""
        raise SchemaUnreadable(
            f"{path}:{parsed.line}:{parsed.column}: schema is not valid JSON: {parsed.message}"
            + hint,
            schema=str(path),
        )
    if parsed.duplicates:
        dup = parsed.duplicates[0]
        raise SchemaUnreadable(
            f"{path}: schema has a duplicate key {dup.key!r} in {dup.pointer!r}", schema=str(path)
        )
    return parsed.value


def check_schema(contents: Any, origin: str) -> None:
    """Check a schema against the metaschema its ``$schema`` names (draft 2020-12 by default),
    then its patterns as ECMA-262 (:func:`validator.contracts.patterns.check_patterns`).

    The compiled metaschema check of ``jsonschema_rs`` answers first (fast, and it keeps the
    ``jsonschema`` import off the start-up path); ``jsonschema`` words the reason when it fails.
    A ``$schema`` that names no dialect both engines know is refused first: jsonschema_rs would
    fetch it, and the reply would decide whether the schema is accepted.  Nothing is fetched
    either way: the metaschemas are compiled from the copies ``jsonschema_specifications`` holds,
    with a retriever that refuses (:func:`never_fetch`).
    """
    if not isinstance(contents, (dict, bool)):
        raise NotASchema(f"{origin}: a schema must be a JSON object or boolean", schema=origin)
    declared = contents.get("$schema", _DEFAULT) if isinstance(contents, dict) else _DEFAULT
    from validator.contracts.dialects import known_dialect

    if not known_dialect(declared):
        raise NotASchema(f"{origin}: unknown $schema {declared!r}", schema=origin)
    metaschema = _metaschema(declared.rstrip("#"))
    if not _native_valid(metaschema, contents):
        _explain(contents, origin)
    from validator.contracts.patterns import check_patterns

    check_patterns(contents, origin)


def _native_valid(metaschema: Any, contents: Any) -> bool:
    """Whether jsonschema_rs's compiled metaschema (None: a dialect it lacks, draft 3) takes
    ``contents`` (False where it cannot tell: jsonschema then words the reason, or accepts)."""
    if metaschema is None:
        return False
    try:
        return bool(metaschema.is_valid(contents))
    except (ValueError, OverflowError, TypeError):  # what the native check cannot take
        return False


def never_fetch(uri: str) -> Any:
    """The retriever every native (jsonschema_rs) call gets: it refuses, whatever the URI."""
    raise ValueError(f"{uri} is never fetched (no network, no file reads)")


_DEFAULT = "https://json-schema.org/draft/2020-12/schema"
_METASCHEMAS: dict[str, Any] = {}


def _metaschema(uri: str) -> Any:
    """The compiled metaschema of a dialect (made once), or None where jsonschema_rs has none."""
    if uri not in _METASCHEMAS:
        import jsonschema_rs

        from validator.contracts.metaschema_files import known_metaschemas

        known = known_metaschemas()
        registry = jsonschema_rs.Registry(known, retriever=never_fetch)
        try:
            _METASCHEMAS[uri] = jsonschema_rs.validator_for(
                dict(known)[uri], registry=registry, retriever=never_fetch
            )
        except (jsonschema_rs.ValidationError, jsonschema_rs.ReferencingError, ValueError):
            _METASCHEMAS[uri] = None
        except KeyError:  # a dialect known_dialect() takes but no file holds
            _METASCHEMAS[uri] = None
    return _METASCHEMAS[uri]


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
        from validator.contracts.schema_positions import placed

        where = "".join(f"/{_escape(str(p))}" for p in exc.absolute_path)
        shown, where = placed(origin, where)
        message = _in_json(exc)
        raise NotASchema(
            f"{shown}: not a valid schema at {where}: {message}"
            if where
            else f"{shown}: not a valid schema: {message}",
            schema=origin,
        ) from None


def _in_json(exc: Any) -> str:
    """A metaschema error's message with its values in JSON (``true``, ``[{"type": "string"}]``),
    not as Python writes them (``True``, ``[{'type': 'string'}]``)."""
    instance, message = _json(exc.instance), str(exc.message)
    if exc.validator == "type":
        allowed = (
            exc.validator_value if isinstance(exc.validator_value, list) else [exc.validator_value]
        )
        return f"{instance} is not of type {' or '.join(_json(t) for t in allowed)}"
    if exc.validator == "enum" and isinstance(exc.validator_value, list):
        return f"{instance} is not one of {_json(exc.validator_value)}"
    head = repr(exc.instance)
    return instance + message[len(head) :] if message.startswith(head) else message


def _json(value: Any) -> str:
    import json

    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):  # pragma: no cover - a schema is JSON
        text = repr(value)
    return text if len(text) <= 80 else text[:79] + "…"


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")
