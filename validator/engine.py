"""The check stage: a compiled validator for one schema -> a verdict and, for invalid documents,
the detailed failures.

Semantics are those of ``jsonschema.Draft202012Validator(schema,
format_checker=Draft202012Validator.FORMAT_CHECKER, registry=...)`` (the *reference*).  For
speed the verdict comes from ``jsonschema_rs`` (the *fast engine*), compiled offline with format
assertion on; the differential tests in ``tests/conformance`` show that the two agree.  Every
document the fast engine rejects is checked by the reference too (it is cheap next to reporting),
and when they disagree the document is reported with an ``engine-disagreement`` failure instead
of passing silently.  Values the fast engine cannot take (integers beyond its range) fall back to
the reference alone.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import jsonschema_rs

from validator.catalog import Schema
from validator.messages import Failure
from validator.problems import SchemaProblem

__all__ = ["ENGINES", "Engine", "Finding", "compile_schema"]

ENGINES = ("fast", "reference")
"""``fast``: jsonschema_rs verdicts, cross-checked by the reference on every rejection;
``reference``: the jsonschema library alone (slow, for when you want no second opinion)."""

DISAGREEMENT = "engine-disagreement"


def _escape(segment: str | int) -> str:
    return str(segment).replace("~", "~0").replace("/", "~1")


def to_pointer(path: Sequence[str | int]) -> str:
    """A JSON Pointer from path segments."""
    return "".join("/" + _escape(p) for p in path)


@dataclass(frozen=True, slots=True)
class Finding:
    """One failed keyword, located in the instance and in the schema (not yet in the text)."""

    instance_location: str
    keyword_location: str
    absolute_keyword_location: str | None
    failure: Failure


class Engine:
    """A schema compiled for checking many documents."""

    def __init__(self, schema: Schema, *, engine: str = "fast") -> None:
        if engine not in ENGINES:
            raise ValueError(f"unknown engine {engine!r}; choose from {', '.join(ENGINES)}")
        self.schema = schema
        self.engine = engine
        self._fast: Any = _compile_fast(schema) if engine == "fast" else None
        if self._fast is None:  # compile now, so that a bad $ref is reported before any document
            _ = self.reference

    @functools.cached_property
    def reference(self) -> Any:
        """The jsonschema validator (imported and built on first use: it is slow to import)."""
        return _compile_reference(self.schema)

    def is_valid(self, document: Any) -> bool:
        """The verdict alone (fast: no details are gathered)."""
        if self._fast is not None:
            try:
                verdict: bool = self._fast.is_valid(document)
                return verdict
            except (ValueError, OverflowError, TypeError):
                pass
        return bool(self.reference.is_valid(document))

    def findings(self, document: Any) -> list[Finding]:
        """Every failure of a document (empty when it is valid)."""
        if self._fast is not None:
            try:
                found = [_from_fast(e) for e in self._fast.iter_errors(document)]
            except (ValueError, OverflowError, TypeError):
                return self._reference_findings(document)
            if found and self.reference.is_valid(document):
                found.append(_disagreement("the reference engine (jsonschema) accepts it"))
            return found
        return self._reference_findings(document)

    def _reference_findings(self, document: Any) -> list[Finding]:
        try:
            return [_from_reference(e) for e in self.reference.iter_errors(document)]
        except RecursionError:
            return [
                Finding(
                    "",
                    "",
                    None,
                    Failure("depth", {}, None, "document too deeply nested for the reference"),
                )
            ]


def _disagreement(why: str) -> Finding:
    message = (
        f"the fast engine (jsonschema_rs) rejects this document but {why}; "
        "please report this as a bug"
    )
    return Finding("", "", None, Failure(DISAGREEMENT, {}, None, message))


def _compile_fast(schema: Schema) -> Any:
    resources = [(uri, c) for uri, c in schema.resources.items() if uri != schema.uri]
    try:
        registry = jsonschema_rs.Registry(resources) if resources else None
        return jsonschema_rs.validator_for(
            schema.contents,
            validate_formats=True,
            registry=registry,
            base_uri=schema.uri,
            offline=True,
        )
    except (jsonschema_rs.ValidationError, jsonschema_rs.ReferencingError, ValueError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise SchemaProblem(f"{schema.name}: cannot compile schema: {first}") from None


def _compile_reference(schema: Schema) -> Any:
    from jsonschema import Draft202012Validator, validators
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    def resource(contents: Any) -> Resource[Any]:
        return Resource.from_contents(contents, default_specification=DRAFT202012)

    pairs = [(uri, resource(c)) for uri, c in schema.resources.items()]
    pairs.append((schema.uri, resource(schema.contents)))
    registry: Registry[Any] = Registry().with_resources(pairs)  # no retrieve: never fetches
    cls = validators.validator_for(schema.contents, default=Draft202012Validator)
    root = schema.contents
    if isinstance(root, dict) and "$id" not in root:
        root = {"$id": schema.uri, **root}
    return cls(root, registry=registry, format_checker=cls.FORMAT_CHECKER)


def compile_schema(schema: Schema, *, engine: str = "fast") -> Engine:
    """Compile a schema; a schema that cannot be compiled raises
    :class:`~validator.problems.SchemaProblem`."""
    return Engine(schema, engine=engine)


# --- converting each engine's errors ------------------------------------------------------------


def _details(kind: Any) -> dict[str, Any]:
    try:
        details = kind.as_dict()
    except Exception:  # pragma: no cover - depends on the engine's version
        return {}
    return details if isinstance(details, dict) else {}


def _fast_failure(error: Any, base: int = 0) -> Failure:
    kind = error.kind
    name: str = kind.name
    branches: tuple[tuple[Failure, ...], ...] = ()
    details = _details(kind)
    if name in ("anyOf", "oneOfNotValid", "oneOf"):
        depth = len(error.instance_path)
        branches = tuple(tuple(_fast_failure(e, depth) for e in branch) for branch in kind.context)
        details = {}
    return Failure(
        keyword=name,
        details=details,
        instance=error.instance,
        fallback=error.message,
        branches=branches,
        nested=len(error.instance_path) > base if base else False,
    )


def _from_fast(error: Any) -> Finding:
    return Finding(
        instance_location=to_pointer(error.instance_path),
        keyword_location=to_pointer(error.evaluation_path),
        absolute_keyword_location=error.absolute_keyword_location,
        failure=_fast_failure(error),
    )


def _reference_failure(error: Any, base: int = 0) -> Failure:
    keyword = str(error.validator)
    value = error.validator_value
    details: dict[str, Any] = {}
    if keyword == "type":
        details["types"] = [value] if isinstance(value, str) else list(value)
    elif keyword == "enum":
        details["options"] = list(value)
    elif keyword == "const":
        details["expected_value"] = value
    elif keyword == "format":
        details["format"] = value
    elif keyword == "pattern":
        details["pattern"] = value
    elif keyword == "multipleOf":
        details["multiple_of"] = value
    elif keyword == "required":
        details["property"] = _required_property(error)
    elif keyword.startswith(("min", "max", "exclusive")):
        details["limit"] = value
    branches: tuple[tuple[Failure, ...], ...] = ()
    if keyword in ("anyOf", "oneOf") and error.context:
        depth = len(error.absolute_path)
        grouped: dict[int, list[Failure]] = {}
        for sub in error.context:
            index = sub.relative_schema_path[0] if sub.relative_schema_path else 0
            grouped.setdefault(int(index), []).append(_reference_failure(sub, depth))
        branches = tuple(tuple(grouped[i]) for i in sorted(grouped))
    return Failure(
        keyword=keyword,
        details=details,
        instance=error.instance,
        fallback=error.message,
        branches=branches,
        nested=len(error.absolute_path) > base if base else False,
    )


def _required_property(error: Any) -> Any:
    """The property a reference ``required`` error is about (one error per missing property)."""
    missing = [p for p in error.validator_value if p not in error.instance]
    for name in missing:
        if str(error.message).startswith(repr(name)):
            return name
    return missing[0] if missing else ""


def _from_reference(error: Any) -> Finding:
    return Finding(
        instance_location=to_pointer(list(error.absolute_path)),
        keyword_location=to_pointer(list(error.absolute_schema_path)),
        absolute_keyword_location=None,
        failure=_reference_failure(error),
    )
