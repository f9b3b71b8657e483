"""The ``$ref`` walk of a schema that refers only to itself, without ``referencing``.

:class:`validator.contracts.references._Walk` reads a schema through ``referencing``: the
specification of each object's dialect (its subschemas, in the order they are written) and a
resolver over a registry of the schema and the bundled metaschemas.  Importing ``referencing``
(and ``attrs``) is about a third of the start-up of a run with a schema file of the user's own,
and for most such schemas none of it is needed: every ``$ref`` is a ``#/`` pointer into the
document itself (:func:`validator.contracts.local_refs.only_local` says so), so a resolver
need only follow a pointer from the root, and no base URI ever changes.

The walk then takes the small stand-ins of this module (:class:`Local`) instead: one
specification per dialect :func:`~validator.contracts.local_refs.only_local` admits, whose
``subresources_of`` gives exactly what :func:`validator.contracts.dialects.safe` gives (the same
keywords, the same oddities of the older drafts, in the order they are written), and a resolver
whose lookups give what ``referencing``'s give: the same objects, under the same base URI.  The
walk itself is the one walk; only where it reads the schema through changes.  Anything the
stand-ins are not sure of (a ``$recursiveRef`` other than ``#``, a pointer that does not lead
anywhere) stops the light walk (:class:`Unsure`) and the schema is walked with ``referencing``,
as every other schema is.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from validator.contracts.dialects import _in_order

if TYPE_CHECKING:
    from validator.contracts.catalog import Schema
    from validator.contracts.references import _Walk

__all__ = ["Local", "Referencing", "Unsure", "walked", "why_failed"]


class Unsure(Exception):
    """The light walk cannot say what ``referencing`` would: the schema is walked with it."""


class _Spec:
    """A dialect's specification as :func:`validator.contracts.dialects.safe` gives it: its name
    and its subschemas (only objects and booleans, in the order they are written)."""

    def __init__(self, name: str, value: Any, subarray: Any, subvalues: Any, older: int) -> None:
        self.name = name
        self._value, self._subarray, self._subvalues = value, subarray, subvalues
        self._older = older  # 0: 2020-12; 1: items may be an array; 2: and dependencies

    def create_resource(self, contents: Any) -> Any:
        return contents

    def subresources_of(self, contents: Any) -> list[Any]:
        if not isinstance(contents, dict):
            return []
        found = [c for c in self._raw(contents) if isinstance(c, (dict, bool))]
        return _in_order(contents, found) if len(found) > 1 else found

    def _raw(self, contents: dict[str, Any]) -> Iterator[Any]:
        """What ``referencing``'s specification yields, in its order (so a malformed keyword
        fails the same way, first)."""
        for each in self._value:
            if each in contents:
                yield contents[each]
        for each in self._subarray:
            if each in contents:
                yield from contents[each]
        for each in self._subvalues:
            if each in contents:
                yield from contents[each].values()
        if self._older:
            items = contents.get("items")
            if items is not None:
                if isinstance(items, Sequence):
                    yield from items
                else:
                    yield items
        if self._older == 2:
            dependencies = contents.get("dependencies")
            if dependencies is not None:
                values = iter(dependencies.values())
                value = next(values, None)
                if isinstance(value, Mapping):  # the first a schema: every value
                    yield value
                    yield from values


# The keyword sets are written as ``referencing`` 0.37 writes them (same members, same order), so
# they iterate in the same order.
DRAFT202012 = _Spec(
    "draft2020-12",
    {
        "additionalProperties",
        "contains",
        "contentSchema",
        "else",
        "if",
        "items",
        "not",
        "propertyNames",
        "then",
        "unevaluatedItems",
        "unevaluatedProperties",
    },
    {"allOf", "anyOf", "oneOf", "prefixItems"},
    {"$defs", "definitions", "dependentSchemas", "patternProperties", "properties"},
    0,
)
DRAFT201909 = _Spec(
    "draft2019-09",
    {
        "additionalItems",
        "additionalProperties",
        "contains",
        "contentSchema",
        "else",
        "if",
        "not",
        "propertyNames",
        "then",
        "unevaluatedItems",
        "unevaluatedProperties",
    },
    {"allOf", "anyOf", "oneOf"},
    {"$defs", "definitions", "dependentSchemas", "patternProperties", "properties"},
    1,
)
DRAFT7 = _Spec(
    "draft-07",
    {
        "additionalItems",
        "additionalProperties",
        "contains",
        "else",
        "if",
        "not",
        "propertyNames",
        "then",
    },
    {"allOf", "anyOf", "oneOf"},
    {"definitions", "patternProperties", "properties"},
    2,
)
DRAFT6 = _Spec(
    "draft-06",
    {"additionalItems", "additionalProperties", "contains", "not", "propertyNames"},
    {"allOf", "anyOf", "oneOf"},
    {"definitions", "patternProperties", "properties"},
    2,
)
_BY_URI = {
    "https://json-schema.org/draft/2020-12/schema": DRAFT202012,
    "https://json-schema.org/draft/2019-09/schema": DRAFT201909,
    "http://json-schema.org/draft-07/schema": DRAFT7,
    "http://json-schema.org/draft-06/schema": DRAFT6,
}
_OTHERS = frozenset(
    {"http://json-schema.org/draft-04/schema", "http://json-schema.org/draft-03/schema"}
)


class _Resolved:
    __slots__ = ("contents", "resolver")

    def __init__(self, contents: Any, resolver: _Resolver) -> None:
        self.contents, self.resolver = contents, resolver


class _Resolver:
    """A resolver over one document whose every ``$ref`` is a pointer into itself, which
    ``referencing``'s would resolve to the same object, under the same base URI (no ``$id``
    below the root: no subschema changes it)."""

    def __init__(self, root: Any, spec: _Spec) -> None:
        self._root = root
        declared = root.get("$id") if isinstance(root, dict) else None
        legacy = spec in (DRAFT7, DRAFT6) and isinstance(root, dict)  # as referencing reads it
        if legacy and ("$ref" in root or (isinstance(declared, str) and declared.startswith("#"))):
            declared = None
        self._base_uri = declared.rstrip("#") if isinstance(declared, str) else ""

    def in_subresource(self, subresource: Any) -> _Resolver:
        return self

    def lookup(self, ref: str) -> _Resolved:
        if ref == "#":  # $recursiveRef's
            return _Resolved(self._root, self)
        if not ref.startswith("#/"):
            raise Unsure(ref)
        contents = self._root
        for segment in unquote(ref[2:]).split("/"):
            try:
                if isinstance(contents, (list, str)):
                    contents = contents[int(segment)]
                else:
                    contents = contents[segment.replace("~1", "/").replace("~0", "~")]
            except (LookupError, ValueError, TypeError) as exc:
                raise Unsure(ref) from exc
        return _Resolved(contents, self)


class Local:
    """The stand-ins the walk reads a schema that refers only to itself through."""

    def dialect(self, contents: Any, default: Any = None) -> Any:
        """As :func:`validator.contracts.dialects.dialect`."""
        default = DRAFT202012 if default is None else default
        if not isinstance(contents, dict) or "$schema" not in contents:
            return default
        declared = contents["$schema"]
        if not isinstance(declared, str):
            raise Unsure("$schema")
        found = _BY_URI.get(declared.rstrip("#"))
        if found is None and declared.rstrip("#") in _OTHERS:
            raise Unsure(declared)
        return default if found is None else found

    def safe(self, spec: Any) -> Any:
        return spec

    def resolver_with_root(self, root: Any) -> _Resolver:
        return _Resolver(root, self.dialect(root))


class Referencing:
    """``referencing``'s dialects and resolvers over a registry (the schema's and the bundled
    metaschemas): how every other schema is walked."""

    def __init__(self, combined: Any) -> None:
        from validator.contracts.dialects import dialect, safe

        self.dialect, self.safe = dialect, safe
        self.resolver_with_root = combined.resolver_with_root


def light(schema: Schema, bundled: Collection[str] = ()) -> bool:
    """Whether the schema refers only to itself, with no resources but (the URIs in
    ``bundled``) the bundled schemas, which every schema loaded from a file carries and which no
    ``#/`` pointer reaches: it is looked up under the root's own URI."""
    from validator.contracts.local_refs import only_local

    if any(uri not in bundled for uri in schema.resources):  # an OpenAPI document's too
        return False
    return only_local(schema.contents)


def walked(schema: Schema, make: type[_Walk], bundled: Collection[str] | bool = ()) -> _Walk:
    """The schema's walk (a :class:`~validator.contracts.references._Walk`, ``make``), run: with
    the stand-ins where :func:`light` says (or ``bundled``, a bool), with ``referencing``
    otherwise or when the stand-ins are unsure."""
    if bundled if isinstance(bundled, bool) else light(schema, bundled):
        try:
            walk = make(schema, kit=Local())
            walk.run()
            return walk
        except Unsure:
            pass
    walk = make(schema)
    walk.run()
    return walk


def why_failed(walk: _Walk, exc: Exception, ref: str, resolver: Any) -> str:
    """Why a lookup failed, as the walk words it (``referencing``'s exceptions imported only
    then); an exception that says nothing of the reference is raised again."""
    if isinstance(exc, Unsure):
        raise exc
    from referencing.exceptions import NoSuchAnchor, PointerToNowhere, Unresolvable

    if isinstance(exc, PointerToNowhere):
        return walk._nowhere(exc, ref, resolver)
    if isinstance(exc, NoSuchAnchor):
        return "no such anchor in the schema"
    if isinstance(exc, Unresolvable):
        return walk._absent(ref, resolver)
    if isinstance(exc, (ValueError, TypeError, LookupError, AttributeError)):
        return "no such location in the schema"  # a pointer through a value, say
    raise exc
