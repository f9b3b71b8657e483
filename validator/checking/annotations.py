"""Keywords that are annotations for the reference but that jsonschema_rs asserts: the fast engine
gets a copy of the schema without them, so that both engines give one verdict in every dialect.

* ``contentMediaType`` and ``contentEncoding``: jsonschema reads them as annotations in every
  dialect (JSON Schema lets an implementation assert them in drafts 6 and 7; jsonschema never
  does), where jsonschema_rs asserts them in drafts 6 and 7 (``""`` is not
  ``application/json``, ``"!!"`` is not ``base64``).
* ``dependencies`` in drafts 2019-09 and 2020-12: no longer a keyword there (its metaschema keeps
  the name only for a smooth transition), and jsonschema ignores it, where jsonschema_rs still
  asserts it as draft 7 did.

The walk mirrors :func:`validator.contracts.schema_walk.subschemas` (the values of ``enum``,
``const``, ``default`` and ``examples`` are instances and are left alone; the maps of
``properties`` and the like hold subschemas under names, never stripped of a name), and follows
the dialect a ``$schema`` names.  Only the objects on the way to a stripped keyword are copied;
a schema without any of them is returned as it is (no cost for the common case).  A ``$ref``
pointing inside a stripped ``dependencies`` would lose its target: such a schema is left to the
reference (:func:`for_fast` returns None).

Patterns jsonschema_rs would read otherwise than ECMA-262 (a ``\\b``; see
:mod:`validator.contracts.ecma_boundaries`) are translated in the copy the fast engine gets: a
``pattern`` is replaced by its translation; a ``patternProperties`` name (which the errors'
locations name) leaves the schema to the reference, which matches it translated.

The differential test ``tests/conformance/test_annotation_verdicts.py`` compares both engines'
verdicts over every keyword that is an annotation in some dialect, and every format, in each
dialect.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from validator.contracts.ecma_boundaries import ascii_boundaries, misread
from validator.contracts.schema_walk import DATA, NAMED, subschemas

__all__ = ["for_fast", "strip"]

ANNOTATIONS = frozenset({"contentMediaType", "contentEncoding"})
"""Annotations for the reference in every dialect."""

_NEWER = frozenset(
    {"https://json-schema.org/draft/2019-09/schema", "https://json-schema.org/draft/2020-12/schema"}
)
"""Dialects in which ``dependencies`` is no keyword (read as ``referencing`` reads ``$schema``:
trailing ``#`` aside)."""

_DEPTH = 500
"""Deeper than this the copy stops stripping (the parser's nesting bound is far below)."""


def _newer(declared: Any, default: bool) -> bool:
    if not isinstance(declared, str):
        return default
    return declared.rstrip("#") in _NEWER


Drop = Callable[[str, Any, bool], bool]
"""Whether to drop keyword (name, value) from a schema object read in a newer dialect (2019-09,
2020-12: True) or an older one."""


def strip(
    node: Any,
    drop: Drop,
    newer: bool = True,
    dropped: set[str] | None = None,
    patterns: bool = False,
) -> Any:
    """``node`` (a schema, or a list of them) without the keywords ``drop`` picks, in every schema
    object, following the dialect each ``$schema`` names (``newer``: the dialect of ``node``
    without one); a copy of the objects on the way to one dropped, ``node`` itself when none is.
    The names dropped are added to ``dropped``.  With ``patterns``, each ``pattern`` jsonschema_rs
    may misread is translated too (see the module's notes)."""
    return _strip(node, (drop, patterns), newer, 0, set() if dropped is None else dropped)


def _strip(node: Any, how: tuple[Drop, bool], newer: bool, depth: int, dropped: set[str]) -> Any:
    if isinstance(node, list):
        items = [_strip(each, how, newer, depth + 1, dropped) for each in node]
        return node if all(a is b for a, b in zip(items, node, strict=True)) else items
    if not isinstance(node, dict) or depth > _DEPTH:
        return node
    newer = _newer(node.get("$schema"), newer)
    changed = False
    out: dict[str, Any] = {}
    drop, patterns = how
    for key, value in node.items():
        if drop(key, value, newer):
            changed = True
            dropped.add(key)
            continue
        if key in DATA:
            new = value
        elif key in NAMED and isinstance(value, dict):
            new = {n: _strip(each, how, newer, depth + 1, dropped) for n, each in value.items()}
            if all(new[name] is value[name] for name in value):
                new = value
        elif key == "pattern" and isinstance(value, str):
            new = ascii_boundaries(value) if patterns else value
        else:
            new = _strip(value, how, newer, depth + 1, dropped)
        changed = changed or new is not value
        out[key] = new
    return out if changed else node


def _asserted_by_fast_only(key: str, value: Any, newer: bool) -> bool:
    return (key in ANNOTATIONS and isinstance(value, str)) or (key == "dependencies" and newer)


def _needed(contents: Any, newer: bool) -> bool:
    """Whether anything in ``contents`` might be stripped or translated (a quick look first)."""
    for node in subschemas(contents):
        if not ANNOTATIONS.isdisjoint(node):
            return True
        if _misread(node):
            return True
        if "dependencies" in node and (newer or "$schema" in node):
            return True
    return False


def _misread(node: dict[str, Any]) -> bool:
    """Whether a pattern of the schema object ``node`` is one jsonschema_rs may misread."""
    pattern, named = node.get("pattern"), node.get("patternProperties")
    if isinstance(pattern, str) and misread(pattern):
        return True
    return isinstance(named, dict) and any(isinstance(n, str) and misread(n) for n in named)


def _misread_names(documents: list[Any]) -> bool:
    return any(
        isinstance(named := node.get("patternProperties"), dict)
        and any(isinstance(n, str) and misread(n) for n in named)
        for node in subschemas(*documents)
    )


def _points_into_dependencies(documents: list[Any]) -> bool:
    return any(
        isinstance(ref := node.get(key), str) and "/dependencies" in ref
        for node in subschemas(*documents)
        for key in ("$ref", "$dynamicRef", "$recursiveRef")
    )


def for_fast(contents: Any, resources: dict[str, Any]) -> tuple[Any, dict[str, Any]] | None:
    """The schema (``contents``) and its other resources as the fast engine should get them (the
    same objects where nothing is stripped), or None when it cannot get them so."""
    root_newer = _newer(
        contents.get("$schema") if isinstance(contents, dict) else None, default=True
    )
    documents = [(contents, root_newer)]
    documents += [(value, root_newer) for value in resources.values()]
    if untouched(contents, resources):
        return contents, resources
    dropped: set[str] = set()
    only = _asserted_by_fast_only
    if _misread_names([c for c, _ in documents]):
        return None
    new_contents = strip(contents, only, root_newer, dropped, patterns=True)
    new_resources = {
        uri: strip(value, only, root_newer, dropped, patterns=True)
        for uri, value in resources.items()
    }
    if "dependencies" in dropped and _points_into_dependencies([c for c, _ in documents]):
        return None
    return new_contents, new_resources


def untouched(contents: Any, resources: dict[str, Any]) -> bool:
    """Whether :func:`for_fast` gives the schema and its resources as they are."""
    newer = _newer(contents.get("$schema") if isinstance(contents, dict) else None, default=True)
    return not any(_needed(each, newer) for each in [contents, *resources.values()])
