"""Dialects for ``referencing``: which specification a schema object is read in, and resources
whose specification never takes a non-schema for a subresource.

``referencing``'s draft 7 specification yields every value of ``dependencies`` (arrays of
property names too) as a subresource once one of them is a schema, and taking the id of such an
array fails inside ``referencing`` (``'list' object has no attribute 'get'``); a subschema read
in the wrong dialect (draft 2020-12 for a draft 7 ``items`` array) fails the same way.  Every
walk over a schema's resources (the ``$ref`` checks, the search for schema files) builds its
resources with :func:`resource`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

__all__ = ["LEGACY", "METASCHEMA_URIS", "dialect", "known_dialect", "resource", "safe"]

METASCHEMA_URIS = {
    "draft-03": "http://json-schema.org/draft-03/schema#",
    "draft-04": "http://json-schema.org/draft-04/schema#",
    "draft-06": "http://json-schema.org/draft-06/schema#",
    "draft-07": "http://json-schema.org/draft-07/schema#",
    "draft2019-09": "https://json-schema.org/draft/2019-09/schema",
    "draft2020-12": "https://json-schema.org/draft/2020-12/schema",
}
LEGACY = frozenset({"draft-03", "draft-04", "draft-06", "draft-07"})
"""Dialects in which ``$ref`` makes jsonschema ignore the other keywords of its object."""
_KNOWN = frozenset(uri.rstrip("#") for uri in METASCHEMA_URIS.values())


def known_dialect(declared: object) -> bool:
    """Whether a ``$schema`` value names a dialect both engines know without fetching anything
    (as ``referencing`` reads it: trailing ``#`` aside).  Any other is refused before an engine
    sees it: jsonschema_rs would fetch it (and let the reply decide what the schema means)."""
    return isinstance(declared, str) and declared.rstrip("#") in _KNOWN


def dialect(contents: Any, default: Any = None) -> Any:
    """The ``referencing`` specification jsonschema evaluates ``contents`` in when it enters it
    from a schema of dialect ``default`` (draft 2020-12 when None): the one its ``$schema``
    names, else ``default``.  A ``$schema`` that is not a string raises ValueError."""
    from referencing.jsonschema import DRAFT202012, specification_with

    default = DRAFT202012 if default is None else real(default)
    if not isinstance(contents, dict) or "$schema" not in contents:
        return default
    declared = contents["$schema"]
    if not isinstance(declared, str):
        raise ValueError(f"$schema {json.dumps(declared)[:60]} is not a string")
    return specification_with(declared, default=default)


def resource(contents: Any, like: Any = None, default: Any = None) -> Any:
    """A ``referencing`` resource of ``contents``, in the dialect its ``$schema`` names (that of
    ``default``, draft 2020-12 when None, without one); with ``like``, in the dialect of ``like``
    (a copy of ``contents`` that may have lost its ``$schema``)."""
    try:
        spec = dialect(contents if like is None else like, default)
    except ValueError:
        spec = dialect(None, default)
    return safe(spec).create_resource(contents)


_SAFE: dict[str, Any] = {}


def safe(spec: Any) -> Any:
    """``spec`` (a ``referencing`` specification) whose subresources are only schemas: draft 7's
    yields every value of ``dependencies`` (arrays of names too) once one is a schema, and
    taking the id of such an array fails inside ``referencing``."""
    known = _SAFE.get(spec.name)
    if known is not None and (known is spec or real(known) is spec):
        return known
    from referencing import Specification

    def subresources_of(contents: Any) -> Iterable[Any]:
        if isinstance(contents, dict):
            found = [c for c in spec.subresources_of(contents) if isinstance(c, (dict, bool))]
            return _in_order(contents, found) if len(found) > 1 else found
        return []

    def id_of(contents: Any) -> Any:
        found = spec.id_of(contents) if isinstance(contents, (dict, bool)) else None
        return found if isinstance(found, str) else None

    def anchors_in(specification: Any, contents: Any) -> Any:
        return spec.anchors_in(contents) if isinstance(contents, (dict, bool)) else []

    safe = Specification(  # type: ignore[call-arg]
        name=spec.name,
        id_of=id_of,
        subresources_of=subresources_of,
        anchors_in=anchors_in,
        maybe_in_subresource=spec.maybe_in_subresource,
    )
    _SAFE.setdefault(spec.name, safe)
    return safe


_REAL: dict[int, tuple[Any, Any]] = {}
"""id() of a specification -> (it, :func:`real` of it): the walks ask for each schema object."""


def real(spec: Any) -> Any:
    """The specification of ``referencing`` a safe copy (see :func:`_safe`) stands for."""
    known = _REAL.get(id(spec))
    if known is not None and known[0] is spec:
        return known[1]
    from referencing.jsonschema import specification_with

    found = specification_with(METASCHEMA_URIS.get(spec.name, ""), default=spec)
    if len(_REAL) >= 64:  # the dialects are a handful: never reached but by a stray object
        _REAL.clear()
    _REAL[id(spec)] = (spec, found)
    return found


def _in_order(contents: dict[str, Any], found: list[Any]) -> list[Any]:
    """``found`` (subschemas of ``contents``) in the order they are written: ``referencing``
    yields them in the order of a set of keyword names, which changes with the hash seed."""
    rank: dict[int, tuple[int, int]] = {}
    for index, value in enumerate(contents.values()):
        rank[id(value)] = (index, 0)
        inner = (
            value
            if isinstance(value, list)
            else list(value.values())
            if isinstance(value, dict)
            else []
        )
        for position, each in enumerate(inner, 1):
            rank.setdefault(id(each), (index, position))
    end = (len(contents), 0)
    return sorted(found, key=lambda child: rank.get(id(child), end))
