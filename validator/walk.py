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
