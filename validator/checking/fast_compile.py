"""The fast engine's validators (``jsonschema_rs``), compiled offline with format assertion on,
for :class:`validator.checking.engine.Engine`."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import jsonschema_rs

from validator.checking.convert import several
from validator.checking.formats import fast_formats, formats_used
from validator.checking.integers30 import ERROR_PARTS, Placed, fast_keywords
from validator.checking.limits import lift_int_limit, restore_int_limit
from validator.contracts.catalog import _SAFE, Schema
from validator.contracts.documents import memo_of
from validator.contracts.metaschema import never_fetch
from validator.contracts.schema_walk import subschemas
from validator.problems import CannotCompile

__all__ = [
    "LATER",
    "Wrapped",
    "compile_fast",
    "compile_screen",
    "quick_validator",
    "shared_validator",
]


def compile_fast(schema: Schema, *, builtin_uuid: bool = False) -> Any:
    """The fast validator.  Formats are checked exactly as the reference checks them (see
    :mod:`validator.checking.formats`); with ``builtin_uuid`` jsonschema_rs checks ``uuid`` itself
    instead, which is quicker but stricter (see :func:`quick_validator`)."""
    memo = memo_of(schema.resources)
    if memo is not None and _untouched(schema, memo):  # one document's: surveyed once
        contents, resources = schema.contents, None
        if "formats" not in memo:
            memo["formats"] = formats_used(schema.resources.values())
        used = formats_used([contents]) | memo["formats"]
    else:
        contents, resources, used = _inputs(schema)
    if builtin_uuid:
        used.discard("uuid")
    try:  # nothing fetched: a retriever that refuses (it replaces jsonschema_rs's own)
        registry = _registry(resources, schema)
        keywords = fast_keywords([schema.contents, *schema.resources.values()])
        validator = jsonschema_rs.validator_for(
            contents,
            validate_formats=True,
            formats=fast_formats(used, schema.contents),
            keywords=keywords,
            retriever=never_fetch,
            registry=registry,
            base_uri=schema.uri,
        )
        return validator if keywords is None else Placed(validator)
    except BaseException as exc:
        known = (jsonschema_rs.ValidationError, jsonschema_rs.ReferencingError, ValueError)
        if not isinstance(exc, known) and type(exc).__name__ != "PanicException":
            raise  # a panic of the Rust code is a schema it cannot compile too
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise CannotCompile(
            f"{schema.name}: cannot compile schema: {first}", schema=schema.name
        ) from None


def _inputs(schema: Schema) -> tuple[Any, list[tuple[str, Any]], set[str]]:
    """What the fast engine compiles: the root, the other resources (see
    :mod:`validator.checking.annotations`), and the formats they use."""
    from validator.checking.annotations import for_fast

    fast = for_fast(schema.contents, dict(schema.resources))
    if fast is None:  # the reference judges (see validator.checking.annotations)
        raise CannotCompile(f"{schema.name}: left to the reference engine", schema=schema.name)
    contents, own = fast
    resources = [(uri, c) for uri, c in own.items() if uri != schema.uri]
    return contents, resources, formats_used([schema.contents, *schema.resources.values()])


def _untouched(schema: Schema, memo: dict[str, Any]) -> bool:
    """Whether a shared document's schema goes to the fast engine as it is (and its resources
    too: asked once per dialect of the roots)."""
    from validator.checking.annotations import untouched

    root = schema.contents
    dialect = root.get("$schema") if isinstance(root, dict) else None
    key = f"fast as it is {dialect}"
    if key not in memo:
        memo[key] = untouched(root, dict(schema.resources))
    return untouched(root, {}) and bool(memo[key])


def _registry(resources: list[tuple[str, Any]] | None, schema: Schema) -> Any:
    """The fast engine's registry of the resources (None: a shared document's, made once)."""
    if resources is not None:
        return jsonschema_rs.Registry(resources, retriever=never_fetch) if resources else None
    memo = memo_of(schema.resources)
    assert memo is not None
    if "fast registry" not in memo:
        from validator.checking.lean_copy import lean_copy

        pairs = [(uri, lean_copy(contents)) for uri, contents in schema.resources.items()]
        memo["fast registry"] = jsonschema_rs.Registry(pairs, retriever=never_fetch)
    return memo["fast registry"]


class Wrapped:
    """The verdicts and errors of one entry point of a shared document, from the one validator
    compiled for all of them (:func:`shared_validator`): a document is judged as the member
    ``key`` of an object whose members are the document's entry points, and each error is told
    as the entry point's own compile would tell it (:class:`_Unwrapped`)."""

    __slots__ = ("is_valid", "iter_errors")

    def __init__(self, validator: Any, key: str) -> None:
        check, errors = validator.is_valid, validator.iter_errors

        def is_valid(document: Any) -> bool:
            return bool(check({key: document}))

        def iter_errors(document: Any) -> Iterator[_Unwrapped]:
            return map(_Unwrapped, errors({key: document}))

        self.is_valid, self.iter_errors = is_valid, iter_errors


class _Unwrapped:
    """A ``jsonschema_rs`` error of the shared validator seen from its entry point: the member
    the document was wrapped in left out of its instance path, and the wrapper's
    ``properties/<entry point>`` out of its evaluation path (what
    :func:`validator.checking.convert.from_fast` reads); the branch errors of an ``anyOf`` or
    ``oneOf`` alike, so that their depths compare as the entry point's own, and the error of the
    name a ``propertyNames`` error holds (see :mod:`validator.checking.retold_errors`)."""

    __slots__ = ERROR_PARTS

    def __init__(self, error: Any) -> None:
        self.instance_path = error.instance_path[1:]
        self.evaluation_path = error.evaluation_path[2:]
        self.absolute_keyword_location = error.absolute_keyword_location
        self.instance, self.message = error.instance, error.message
        kind = error.kind
        told = _KINDS.get(kind.name)
        self.kind = kind if told is None else told(kind)


class _Branches:
    """The kind of an ``anyOf``/``oneOf`` error of the shared validator, its branch errors
    :class:`_Unwrapped`."""

    __slots__ = ("_kind", "context", "name", "several")

    def __init__(self, kind: Any) -> None:
        self._kind, self.name = kind, kind.name
        self.several = several(kind)
        self.context = [[_Unwrapped(e) for e in branch] for branch in kind.context]

    def as_dict(self) -> Any:
        return self._kind.as_dict()


class _Named:
    """The kind of a ``propertyNames`` error of the shared validator, the error of the name it
    holds :class:`_Unwrapped`."""

    __slots__ = ("_kind", "name")

    def __init__(self, kind: Any) -> None:
        self._kind, self.name = kind, kind.name

    def as_dict(self) -> Any:
        details = self._kind.as_dict()
        if isinstance(details, dict) and "error" in details:
            return {**details, "error": _Unwrapped(details["error"])}
        return details  # pragma: no cover - depends on the engine's version


_ALTERNATIVES = frozenset({"anyOf", "oneOfNotValid", "oneOf"})
_KINDS: dict[str, type[_Branches | _Named]] = {
    **dict.fromkeys(_ALTERNATIVES, _Branches),
    "propertyNames": _Named,
}
"""The kinds of error that hold errors, and how the shared validator's are told."""


def shared_validator(schema: Schema) -> Wrapped | None:
    """The verdicts of an entry point of a shared OpenAPI document (its root a ``$ref`` to one
    of the document's ``components/schemas``, or to a schema placed outside them:
    :class:`~validator.contracts.openapi_entries.Entries`) from one validator compiled for every
    one of them, once (see :mod:`validator.checking.cost_model`); None for any other."""
    memo, root = memo_of(schema.resources), schema.contents
    ref = root.get("$ref") if isinstance(root, dict) and set(root) <= {"$schema", "$ref"} else None
    if memo is None or not isinstance(ref, str) or not _untouched(schema, memo):
        return None
    if "wrapper" not in memo:
        memo["wrapper"] = _wrapper(schema, ref.partition("#")[0])
    keys, validator = memo["wrapper"]
    return Wrapped(validator, ref) if validator is not None and ref in keys else None


def _wrapper(schema: Schema, uri: str) -> tuple[frozenset[str], Any]:
    from urllib.parse import quote

    document = schema.resources.get(uri)
    components = document.get("components") if isinstance(document, dict) else None
    names = (components or {}).get("schemas") or {}
    pointers = ["/components/schemas/" + n.replace("~", "~0").replace("/", "~1") for n in names]
    if isinstance(document, dict) and set(document) - {"$schema", "openapi", "components"}:
        from validator.contracts.openapi_entries import schema_pointers

        pointers += schema_pointers(document)  # the entry points placed outside components
    refs = [f"{uri}#{quote(pointer, safe=_SAFE)}" for pointer in pointers]
    root = {"$schema": schema.contents.get("$schema")}
    root["properties"] = {ref: {"$ref": ref} for ref in refs}
    try:
        validator = compile_fast(schema._replace(contents=root, uri=f"{_URN}{uri}"))
    except CannotCompile:
        return frozenset(), None
    memo = memo_of(schema.resources)
    if memo is not None and memo.pop("fast registry", None) is not None:
        _give_back()  # the validator holds its own copy of the document: 16 of 4.2 MB of JSON
    return frozenset(refs), validator


def _give_back() -> None:
    """Return the C heap's free pages to the system (glibc's ``malloc_trim``; elsewhere
    nothing): a native registry let go frees memory the interpreter's small objects never reuse,
    which would otherwise count in the run's peak."""
    import ctypes
    from contextlib import suppress

    with suppress(OSError, AttributeError):  # not glibc: nothing to do
        ctypes.CDLL(None).malloc_trim(0)


_URN = "urn:casefile-validator:entry-points:"

LATER: Any = object()
"""The quick validator of an :class:`Engine` before it is first needed."""

_NOT_MONOTONE = frozenset(
    {"not", "if", "oneOf", "contains", "minContains", "maxContains"}
    | {"unevaluatedProperties", "unevaluatedItems", "$dynamicRef"}
)
"""Keywords through which a subschema failing can make a document pass."""


def quick_validator(schema: Schema) -> Any:
    """A second fast validator for the accept-path, or None.

    The reference's ``uuid`` check (Python's ``uuid.UUID``) runs as a Python callback in the
    exact validator: a few microseconds a document.  jsonschema_rs's own check is native, and
    every string it accepts the reference accepts too (a property test says so), but not the
    reverse (the reference also takes ``"…-"`` endings, ``_`` and non-ASCII digits).  So where
    failing can never help a document pass (no keyword of :data:`_NOT_MONOTONE` anywhere), "the
    quick validator accepts" implies "the exact one accepts", and only documents the quick one
    rejects need the exact one.
    """
    memo = memo_of(schema.resources)  # one document's: surveyed once for its entry points
    if memo is not None and "quick" not in memo:
        resources = list(schema.resources.values())
        memo["quick"] = (formats_used(resources), _mentions(resources, _NOT_MONOTONE))
    if memo is not None:
        used, mentions = memo["quick"]
        used = used | formats_used([schema.contents])
        mentions = mentions or _mentions([schema.contents], _NOT_MONOTONE)
    else:
        schemas = [schema.contents, *schema.resources.values()]
        used, mentions = formats_used(schemas), _mentions(schemas, _NOT_MONOTONE)
    if "uuid" not in used or mentions:
        return None
    return compile_fast(schema, builtin_uuid=True)


def _mentions(schemas: list[Any], keys: frozenset[str]) -> bool:
    """Whether any object of the schemas holds one of ``keys``."""
    return any(not keys.isdisjoint(node) for node in subschemas(*schemas))


def compile_screen(schema: Schema) -> Callable[[Any], bool]:
    """``is_valid`` of a schema compiled as an accept-path screen: with jsonschema_rs's own
    ``uuid`` check where :func:`quick_validator` would use it (so it never accepts what the
    exact validator rejects), else exactly.  :class:`CannotCompile` if it cannot be."""
    lifted = lift_int_limit()
    try:
        validator = quick_validator(schema) or compile_fast(schema)
    finally:
        restore_int_limit(lifted)
    screen: Callable[[Any], bool] = validator.is_valid
    return screen
