"""One native verdict for "valid, and no undeclared property": the hot loop's screen when the
run wants warnings.

The warnings' own block test (:mod:`validator.checking.block_screens`) is a few set operations per
schema location in Python, about a tenth of a valid line's cost.  Where the schema allows it, a copy
of it in which each object that warns (see :mod:`validator.checking.undeclared`) gets
``"additionalProperties": false`` in a schema that always applies there is compiled by
jsonschema_rs once, and its ``is_valid`` answers both questions in one native call.

It only ever says yes to a document that is valid (it is the schema with more constraints; and
it is compiled like the engine's quick validator, see
:func:`validator.checking.engine._quick_validator`) and has no undeclared property (each warning
location's keys are within the properties of one of its schemas, and those are declared there).  A
no is confirmed or overturned by the careful path, which finds the errors and the warnings.  A
schema where that cannot be promised gets no such screen: one with a location whose members are not
declared by name (``patternProperties``, an ``additionalProperties`` schema), or a schema applied
only in some cases (``anyOf``, ``oneOf``, ``if``/``then``/``else``, ``not``, ``dependentSchemas``)
at a location walked.
"""

from __future__ import annotations

import copy
import weakref
from collections.abc import Callable
from typing import Any

from validator.checking.undeclared import Node, Undeclared

__all__ = ["closed_screen"]

_CONDITIONAL = frozenset(
    {"anyOf", "oneOf", "if", "then", "else", "not", "dependentSchemas", "dependencies"}
)
_MAX_NODES = 256
"""Locations walked at most (a schema larger than this keeps the warnings' own test)."""

_SCREENS: weakref.WeakKeyDictionary[Any, Callable[[Any], bool] | None] = weakref.WeakKeyDictionary()


def closed_screen(
    engine: Any, finder: Undeclared, make: bool = True
) -> Callable[[Any], bool] | None:
    """The native "valid and quiet" verdict of an engine's schema, made once; None where the
    schema does not allow one, or the engine has no native verdict (or, unless ``make``, it was
    not made yet: a few documents are not worth compiling it for)."""
    if engine in _SCREENS:
        return _SCREENS[engine]
    if not make:
        return None
    screen = None
    if engine.native() is not None and getattr(engine, "places", None) is None:
        marks = _closing_marks(finder.root)
        if marks is not None:
            screen = _compile(engine, marks)
    _SCREENS[engine] = screen
    return screen


def _closing_marks(root: Node) -> list[dict[str, Any]] | None:
    """The schema objects to close (one per warning location), or None if the schema cannot
    be closed soundly (see the module's documentation)."""
    marks: list[dict[str, Any]] = []
    seen: set[int] = set()
    todo = [root]
    while todo:
        node = todo.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if len(seen) > _MAX_NODES or node.open:
            return None
        members = [schema for schema, _ in node.members if isinstance(schema, dict)]
        if any(not _CONDITIONAL.isdisjoint(schema) for schema in members):
            return None
        if node.warn:
            closable = [
                s
                for s in members
                if isinstance(s.get("properties"), dict) and "patternProperties" not in s
            ]
            if not closable:
                return None
            marks.append(closable[0])
        todo.extend(node.live().values())
        if node.deep:
            todo.extend(node.item(index) for index in range(node.prefix + 1))
    return marks


def _compile(engine: Any, marks: list[dict[str, Any]]) -> Callable[[Any], bool] | None:
    from validator.checking.engine import compile_screen
    from validator.problems import CannotCompile

    schema = engine.schema
    documents = {"": schema.contents, **schema.resources}  # "": the schema itself
    places = _places(documents)
    contents = copy.deepcopy(schema.contents)
    resources = {uri: copy.deepcopy(value) for uri, value in schema.resources.items()}
    copies = {"": contents, **resources}
    for mark in marks:
        found = places.get(id(mark))
        if not found:  # pragma: no cover - every mark is in one of the documents
            return None
        for uri, path in found:
            # the schema itself is also held as the resource of its own URI: close both
            itself = {"", schema.uri}
            for name in itself if uri in itself else {uri}:
                target = _at(copies.get(name), path)
                if isinstance(target, dict):
                    target["additionalProperties"] = False
    try:
        return compile_screen(schema._replace(contents=contents, resources=resources))
    except CannotCompile:  # pragma: no cover - the schema itself compiled
        return None


def _places(documents: dict[str, Any]) -> dict[int, list[tuple[str, tuple[Any, ...]]]]:
    """Where each object of the documents is: (document, path of keys and indexes)."""
    places: dict[int, list[tuple[str, tuple[Any, ...]]]] = {}
    for uri, document in documents.items():
        todo: list[tuple[Any, tuple[Any, ...]]] = [(document, ())]
        while todo:
            value, path = todo.pop()
            if isinstance(value, dict):
                places.setdefault(id(value), []).append((uri, path))
                todo.extend((sub, (*path, key)) for key, sub in value.items())
            elif isinstance(value, list):
                todo.extend((sub, (*path, index)) for index, sub in enumerate(value))
    return places


def _at(document: Any, path: tuple[Any, ...]) -> Any:
    """The value at ``path`` in a copy of the document the path was found in."""
    try:
        for step in path:
            document = document[step]
    except (KeyError, IndexError, TypeError):  # pragma: no cover - a copy has the same shape
        return None
    return document
