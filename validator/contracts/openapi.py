"""OpenAPI documents as schema sources: 3.1 (its schemas are JSON Schema 2020-12) and 3.0 (its
own dialect, translated here to 2020-12).

An OpenAPI document is never a schema itself: one of its schemas is chosen by an entry point,
``openapi.json#/components/schemas/Name``.  What joins the registry is a *sparse* copy of the
document: its ``components/schemas`` and the entry point's subschema, at their own places (so
``#/components/schemas/X`` references keep working), nothing of its paths or other components.

OpenAPI 3.0 schemas are judged as ``openapi_schema_validator.OAS30Validator`` judges them, by
translation (tests in ``tests/unit/test_openapi.py`` compare the verdicts on generated schemas
and documents):

* ``nullable: true`` next to ``type`` lets ``null`` pass the type (and nothing else);
* boolean ``exclusiveMinimum``/``exclusiveMaximum`` make ``minimum``/``maximum`` exclusive;
* ``required`` leaves out a property whose own schema is ``readOnly`` or ``writeOnly``;
* ``discriminator`` next to ``allOf``/``anyOf``/``oneOf`` replaces them: the object's property
  names the schema to apply (through ``mapping``, or ``#/components/schemas/<value>``, never
  the schema the discriminator is in, which would apply itself without end);
* the formats ``int32``/``int64`` bound integers, ``byte`` is base64; ``float``, ``double``,
  ``binary`` and ``password`` always pass; the other formats are asserted as everywhere in this
  toolkit (format assertion on);
* ``$ref`` siblings apply too (OAS30Validator evaluates them), and keywords outside OpenAPI
  3.0's schema object (``const``, ``if``, ``$defs``, ``x-...``) are ignored, as the reference
  ignores them;
* ``example``, ``xml``, ``externalDocs``, ``deprecated``, ``readOnly``, ``writeOnly`` are
  annotations.

* ``type: integer`` is OpenAPI 3.0's (draft Wright-00's) integer: a number written without a
  fraction or an exponent, never ``1.0`` or ``1e2``, which 2020-12 counts
  (:mod:`validator.contracts.integers30`: a keyword beside ``type`` that both engines are given).

Two differences remain.  A ``mapping`` value that is a component's name (``"dog": "Dog"``, as
OpenAPI 3.0 allows) names that component here, where OAS30Validator takes it for a relative URI
it cannot resolve (and rejects every document that uses it).  And ``format: int32``/``int64``
bound a number written with a fraction or an exponent too where no ``type: integer`` rejects it
first (``{"type": "number", "format": "int64"}`` and ``1e19``), where OAS30Validator's format
check passes any ``float``.  Both are tested.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from validator.contracts.integers30 import FILE_MARK
from validator.contracts.integers30 import KEYWORD as INTEGER
from validator.contracts.keywords30 import check_keywords
from validator.contracts.metaschema import check_schema
from validator.contracts.openapi_formats import TRANSLATED, format_check
from validator.problems import NotASchema

T = TypeVar("T")

__all__ = [
    "DIALECT_2020_12",
    "TRANSLATED",
    "entry_schema",
    "prepare",
    "version_of",
]

DIALECT_2020_12 = "https://json-schema.org/draft/2020-12/schema"
_OAS_BASE_DIALECTS = {
    "https://spec.openapis.org/oas/3.1/dialect/base",
    "https://spec.openapis.org/oas/3.1/dialect/2024-10-25",
    "https://spec.openapis.org/oas/3.2/dialect/2025-09-17",
}
"""OpenAPI's own dialects: JSON Schema 2020-12 plus annotation keywords."""


def version_of(contents: Any) -> str | None:
    """The OpenAPI version a document declares (``"3.1.0"``), or None for anything else."""
    if isinstance(contents, dict):
        version = contents.get("openapi")
        if isinstance(version, str) and version.startswith("3."):
            return version
    return None


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def prepare(contents: dict[str, Any], origin: str, pointer: str | None = None) -> dict[str, Any]:
    """The sparse, checked (and for 3.0 translated) copy of an OpenAPI document that joins the
    registry, with ``$schema`` naming its dialect; ``pointer``: the entry point (already known to
    lead somewhere), kept at its place."""
    return _guarded(lambda: _prepare(contents, origin, pointer), origin)


def entry_schema(
    contents: dict[str, Any], origin: str, pointer: str, names: set[str] | None = None
) -> Any:
    """The schema at ``pointer`` (outside ``components/schemas``) as :func:`prepare` places it
    in its copy for that entry point: checked, and for 3.0 translated (``names``: those of the
    document's components, when the caller has them)."""
    dialect = _dialect(contents)
    return _guarded(lambda: _target(contents, origin, pointer, dialect, names)[1], origin)


def _guarded(make: Callable[[], T], origin: str) -> T:
    from validator.inputs.depth import deep_recursion

    try:
        with deep_recursion():  # recursion deep enough for any schema the parser accepts
            return make()
    except RecursionError:
        raise NotASchema(f"{origin}: schemas nested too deeply", schema=origin) from None
    except NotASchema as exc:  # "FILE#/pointer: why" of the translation: placed in the file
        from validator.contracts.schema_positions import placed_message

        message = placed_message(str(exc), origin)
        if message is None or type(exc) is not NotASchema:
            raise
        raise NotASchema(message, schema=exc.schema) from None


def _dialect(contents: dict[str, Any]) -> str:
    """The dialect of the document's schemas: ``jsonSchemaDialect`` (3.1), else 2020-12."""
    declared = contents.get("jsonSchemaDialect")
    if (version_of(contents) or "").startswith("3.0") or not isinstance(declared, str):
        return DIALECT_2020_12
    return DIALECT_2020_12 if declared in _OAS_BASE_DIALECTS else declared


def _schemas(contents: dict[str, Any], origin: str) -> dict[str, Any]:
    components = contents.get("components")
    schemas = (components.get("schemas") if isinstance(components, dict) else None) or {}
    if not isinstance(schemas, dict):
        raise NotASchema(f"{origin}: components/schemas is not an object", schema=origin)
    return schemas


def _prepare(contents: dict[str, Any], origin: str, pointer: str | None) -> dict[str, Any]:
    version = version_of(contents) or ""
    dialect = _dialect(contents)
    sparse: dict[str, Any] = {"$schema": dialect, "openapi": version}
    schemas = _schemas(contents, origin)
    translation = _Translation(set(schemas)) if version.startswith("3.0") else None
    convert = translation.schema if translation is not None else _copy
    done: dict[str, Any] = {}
    for name, schema in schemas.items():
        where = f"{origin}#/components/schemas/{_escape(name)}"
        if isinstance(translation, _Translation):
            translation.current = name
        done[name] = convert(schema, where)
        _check(done[name], dialect, where)
    sparse["components"] = {"schemas": done}
    if pointer and not pointer.startswith("/components/schemas/"):
        _place(sparse, *_target(contents, origin, pointer, dialect))
    return sparse


def _target(
    contents: dict[str, Any], origin: str, pointer: str, dialect: str, names: Any = None
) -> tuple[list[str], Any]:
    """The tokens of ``pointer`` and the schema there, checked (3.0: translated)."""
    tokens = [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]]
    node: Any = contents
    for token in tokens:
        node = node[int(token)] if isinstance(node, list) else node[token]
    where = f"{origin}#{pointer}"
    if (version_of(contents) or "").startswith("3.0"):
        names = set(_schemas(contents, origin)) if names is None else names
        node = _Translation(names).schema(node, where)
    _check(node, dialect, where)
    return tokens, node


def _copy(node: Any, where: str) -> Any:
    return node  # freshly parsed: nobody else holds it


def _check(schema: Any, dialect: str, where: str) -> None:
    if isinstance(schema, dict) and "$schema" not in schema:
        check_schema({"$schema": dialect, **schema}, where)
    else:
        check_schema(schema, where)


def _place(sparse: dict[str, Any], tokens: list[str], target: Any) -> None:
    """Put ``target`` at ``tokens`` in ``sparse``, building objects along the way (an array
    index becomes an object key: only the one place matters)."""
    node = sparse
    for token in tokens[:-1]:
        node = node.setdefault(token, {})
    node[tokens[-1]] = target


_TYPES = frozenset({"string", "number", "integer", "boolean", "array", "object"})
_KEPT = frozenset(
    {"multipleOf", "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems"}
    | {"maxProperties", "minProperties", "enum", "$ref"}
    | {"title", "description", "default", "example", "discriminator", "readOnly", "writeOnly"}
    | {"xml", "externalDocs", "deprecated"}
)
"""Keywords whose meaning 2020-12 shares (or that are annotations in both)."""
_ALWAYS = frozenset({"float", "double", "binary", "password"})


_APPLIED = frozenset(
    {"if", "then", "else", "dependentSchemas", "dependentRequired", "contains", "propertyNames"}
    | {"unevaluatedItems", "unevaluatedProperties", "contentSchema", "dependencies", "const"}
    | {"$vocabulary", "prefixItems", "nullable", "exclusiveMinimum", "exclusiveMaximum"}
    | {"examples"}
)
"""Members of a schema file's objects never kept as schemas that ``$ref``\\ s may name: 2020-12
would apply them, they are 3.0's own, or they hold instances (``examples``, a 3.1 habit)."""


class _Translation:
    """One OpenAPI 3.0 document's schemas to 2020-12 (see the module's notes)."""

    def __init__(self, components: set[str], holders: bool = False) -> None:
        self.components = components
        self.current = ""
        """The component being translated (its discriminator never names itself)."""
        self.holders = holders
        """Whether an object member that is no 3.0 keyword is translated too, and kept (a schema
        file's ``#/Pet``, ``#/definitions/Pet``: what a ``$ref`` into the file may name)."""

    def schema(self, node: Any, where: str) -> Any:
        if isinstance(node, bool):
            return node
        if not isinstance(node, dict):
            raise NotASchema(f"{where}: a schema must be a JSON object", schema=where)
        check_keywords(node, where)
        out: dict[str, Any] = {}
        checks: list[Any] = []
        for key, value in node.items():
            at = f"{where}/{_escape(key)}"
            if key in _KEPT:
                out[key] = copy.deepcopy(value)
            elif key in ("allOf", "anyOf", "oneOf"):
                out[key] = [self.schema(v, f"{at}/{i}") for i, v in enumerate(_list(value, at))]
            elif key in ("not", "items"):
                out[key] = self.schema(value, at)
            elif key == "additionalProperties":
                out[key] = value if isinstance(value, bool) else self.schema(value, at)
            elif key == "properties":
                out[key] = {k: self.schema(v, f"{at}/{_escape(k)}") for k, v in _map(value, at)}
            elif key == "patternProperties":  # ignored, but additionalProperties heeds its names
                out[key] = {pattern: True for pattern, _ in _map(value, at)}
            elif key == "type":
                if not isinstance(value, str) or value not in _TYPES:
                    raise NotASchema(
                        f"{at}: OpenAPI 3.0 type must be one of {', '.join(sorted(_TYPES))}",
                        schema=where,
                    )
                out[key] = [value, "null"] if node.get("nullable") is True else value
                if value == "integer":  # Wright-00's integer: no fraction nor exponent
                    out[INTEGER] = True
            elif key in ("minimum", "maximum"):
                exclusive = "exclusiveMinimum" if key == "minimum" else "exclusiveMaximum"
                out[exclusive if node.get(exclusive) else key] = value
            elif key == "required":
                out[key] = [p for p in _list(value, at) if not _read_or_write_only(node, p)]
            elif key == "format":
                checks.extend(_format(value, out))
            elif self.holders and isinstance(value, dict) and _holder(key):
                out[key] = self.schema(value, at)
        if "discriminator" in node and any(k in node for k in ("allOf", "anyOf", "oneOf")):
            checks.append(self._discriminated(node, where))
            for key in ("allOf", "anyOf", "oneOf"):
                out.pop(key, None)
        if checks:
            out.setdefault("allOf", []).extend(checks)
        return out

    def _discriminated(self, node: dict[str, Any], where: str) -> Any:
        """The schema a discriminator stands for: an object whose property names the schema to
        apply, through ``mapping`` or as ``#/components/schemas/<value>`` (not the schema the
        discriminator is in: that would apply itself without end)."""
        discriminator = node["discriminator"]  # an object with a propertyName: check_keywords
        name = discriminator["propertyName"]
        mapping = discriminator.get("mapping") or {}
        if not isinstance(mapping, dict):
            raise NotASchema(f"{where}/discriminator/mapping: must be an object", schema=where)
        targets = {
            value: f"#/components/schemas/{_escape(value)}"
            for value in self.components
            if value != self.current
        }
        for value, ref in mapping.items():
            if not isinstance(ref, str):
                raise NotASchema(
                    f"{where}/discriminator/mapping: {value!r} maps to no $ref", schema=where
                )
            # a component's name, or a reference (as the reference engine reads every value)
            in_place = ref in self.components
            targets[value] = f"#/components/schemas/{_escape(ref)}" if in_place else ref
        values = sorted(value for value in targets if value)  # "" never discriminates
        branches: dict[str, str] = {}  # a component a branch refers to -> that branch
        for key in ("oneOf", "anyOf", "allOf"):
            for i, branch in enumerate(node.get(key) or []):
                ref = branch.get("$ref") if isinstance(branch, dict) else None
                if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
                    branches.setdefault(_unescape(ref[21:]), f"{key}/{i}")

        def origin(value: str) -> str:
            if value in mapping:
                return f"discriminator/mapping/{_escape(value)}"
            return f"discriminator/{branches[value]}" if value in branches else "discriminator"

        return {
            "$comment": TRANSLATED + "discriminator",
            "type": "object",
            "required": [name],
            "properties": {name: {"enum": values}},
            "allOf": [
                {
                    "$comment": TRANSLATED + origin(v),
                    "if": {"required": [name], "properties": {name: {"const": v}}},
                    "then": {"$ref": targets[v]},
                }
                for v in values
            ],
        }


def _holder(key: str) -> bool:
    return key not in _APPLIED and not key.startswith("x-")


def _read_or_write_only(node: dict[str, Any], name: Any) -> bool:
    properties = node.get("properties")
    own = properties.get(name) if isinstance(properties, dict) and isinstance(name, str) else None
    return isinstance(own, dict) and bool(own.get("readOnly") or own.get("writeOnly"))


def _format(value: Any, out: dict[str, Any]) -> list[Any]:
    """The 2020-12 form of an OpenAPI 3.0 ``format``: kept, or checks to add to ``allOf``."""
    if not isinstance(value, str):
        return []  # OAS30Validator's format checker ignores what is not a format name
    check = format_check(value)
    if check is not None:
        return [check]
    if value not in _ALWAYS:
        out["format"] = value
    return []


def _list(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise NotASchema(f"{where}: must be an array", schema=where)
    return value


def _map(value: Any, where: str) -> list[tuple[str, Any]]:
    if not isinstance(value, dict):
        raise NotASchema(f"{where}: must be an object", schema=where)
    return list(value.items())


def prepare_file(contents: Any, path: Path, oas30: bool = False) -> Any:
    """A found file's contents as they join the registry (see
    :mod:`validator.contracts.schema_files`): an OpenAPI document prepared, a file without
    ``$schema`` reached from an OpenAPI 3.0 schema (``oas30``) read as a 3.0 Schema Object
    (translated, see :mod:`validator.contracts.oas30_files`), any other schema checked against
    its metaschema."""
    if version_of(contents) is not None:
        return prepare(contents, str(path))
    if oas30 and isinstance(contents, dict) and "$schema" not in contents:
        return _guarded(lambda: _schema_file(contents, str(path)), str(path))
    check_schema(contents, str(path))
    return contents


def _schema_file(contents: dict[str, Any], origin: str) -> dict[str, Any]:
    translated = _Translation(set(), holders=True).schema(contents, f"{origin}#")
    out = {"$schema": DIALECT_2020_12, FILE_MARK: True, **translated}
    _check(out, DIALECT_2020_12, f"{origin}#")
    return out
