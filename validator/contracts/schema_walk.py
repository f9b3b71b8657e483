"""One walk over a schema's objects, for every "find X in this schema" question.

Like python-jsonschema's breadth-first ``_search_schema``, :func:`subschemas` yields schema
objects and the callers ask their own question of each (which formats are used, is any keyword
of a set present, where does a ``$schema`` stand).  It knows just enough of JSON Schema's shape
not to mistake data for a schema: the values of ``enum``, ``const``, ``default`` and ``examples``
are instances, and the maps of ``properties`` (and the other keywords in :data:`NAMED`) hold
subschemas under names, not keywords.  Anything else is walked as if it might be a schema (an
unknown keyword's object is a place a ``$ref`` may point to), so a question gets a superset of
the true answer, never less.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from typing import Any

__all__ = ["DATA", "NAMED", "subschemas"]

DATA = frozenset({"const", "default", "enum", "examples"})
"""Keywords whose values are instances, not schemas."""

NAMED = frozenset(
    {"$defs", "definitions", "dependencies", "dependentSchemas", "patternProperties", "properties"}
)
"""Keywords whose values map names (of properties, patterns, definitions) to subschemas."""


def subschemas(*roots: Any) -> Iterator[dict[str, Any]]:
    """Every schema object in ``roots`` and below, breadth first, each root's own first (boolean
    schemas have nothing to ask; a list stands for the schemas in it)."""
    todo = deque(roots)
    while todo:
        node = todo.popleft()
        if isinstance(node, list):
            todo.extend(node)
            continue
        if not isinstance(node, dict):
            continue
        yield node
        for key, value in node.items():
            if key in DATA:
                continue
            if key in NAMED and isinstance(value, dict):
                todo.extend(value.values())
            elif isinstance(value, (dict, list)):
                todo.append(value)


# --- the keywords of each dialect --------------------------------------------------------------

_DRAFT4 = frozenset(
    {"$ref", "$schema", "additionalItems", "additionalProperties", "allOf", "anyOf", "default"}
    | {"definitions", "dependencies", "description", "enum", "exclusiveMaximum"}
    | {"exclusiveMinimum", "format", "id", "items", "maxItems", "maxLength", "maxProperties"}
    | {"maximum", "minItems", "minLength", "minProperties", "minimum", "multipleOf", "not"}
    | {"oneOf", "pattern", "patternProperties", "properties", "required", "title", "type"}
    | {"uniqueItems"}
)
_DRAFT6 = (_DRAFT4 - {"id"}) | {"$id", "const", "contains", "examples", "propertyNames"}
_DRAFT7 = _DRAFT6 | {"$comment", "contentEncoding", "contentMediaType", "else", "if", "readOnly"}
_DRAFT7 |= {"then", "writeOnly"}  # writeOnly: defined by draft 7's validation spec (10.3)
_DRAFT201909 = _DRAFT7 | {
    "$anchor", "$defs", "$recursiveAnchor", "$recursiveRef", "$vocabulary", "contentSchema",
    "dependentRequired", "dependentSchemas", "deprecated", "maxContains", "minContains",
    "unevaluatedItems", "unevaluatedProperties",
}  # fmt: skip
_DRAFT202012 = _DRAFT201909 | {"$dynamicAnchor", "$dynamicRef", "prefixItems"}

KEYWORDS: dict[str, frozenset[str]] = {
    "draft-04": _DRAFT4,
    "draft-06": _DRAFT6,
    "draft-07": _DRAFT7,
    "draft2019-09": _DRAFT201909,
    "draft2020-12": _DRAFT202012,
}
"""The keywords each dialect defines (the properties of its metaschema and of its vocabularies'
metaschemas, and ``$ref`` in draft 4), by the name ``referencing`` gives the dialect."""

NEVER_FAIL = frozenset(
    {"$anchor", "$comment", "$defs", "$dynamicAnchor", "$id", "$recursiveAnchor", "$schema"}
    | {"$vocabulary", "contentEncoding", "contentMediaType", "contentSchema", "default"}
    | {"definitions", "deprecated", "description", "else", "examples", "id", "readOnly", "then"}
    | {"title", "writeOnly"}
)
"""Keywords that never make a document invalid on their own (annotations, and ``then``/``else``,
which only ``if`` applies)."""

__all__ += ["KEYWORDS", "NEVER_FAIL"]
