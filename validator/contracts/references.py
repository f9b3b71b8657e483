"""``$ref`` resolution for a schema: every reference resolvable, none fetched, no endless cycle.

Both engines get the same offline registry (:func:`registry`: the schema and the resources it
may reach, nothing else), and :func:`check_references` refuses, before any document is checked, a
schema that the reference would fail on, or loop in for every document.

Dialects: like jsonschema, the walk evaluates each subschema in the dialect of the schema object
it belongs to (the ``$schema`` of the resource, draft 2020-12 without one), switching only where
a schema object names another ``$schema``; so draft 4 to 7 shapes (``items`` as an array,
``dependencies``, ``definitions``, draft 4's ``id``) are read as their dialect defines them.  The
resources of the registry use a copy of ``referencing``'s specification of their dialect that
never takes a non-schema (``dependencies``' arrays of names) for a subresource.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any
from urllib.parse import urldefrag, urljoin

from validator.contracts.cycles import find_cycle as _find_cycle
from validator.contracts.dialects import (
    LEGACY,
    METASCHEMA_URIS,
    dialect,
    known_dialect,
    resource,
)
from validator.contracts.expansion import Places, check_expansion
from validator.contracts.local_walk import Referencing, walked, why_failed
from validator.contracts.metaschema import check_schema
from validator.contracts.schema_walk import KEYWORDS, NEVER_FAIL
from validator.problems import NotASchema, RefCycle

if TYPE_CHECKING:
    from validator.contracts.catalog import Schema

__all__ = ["check_references", "dialect", "measure_references", "registry", "resource"]

Explain = Callable[[str], "str | None"]
"""Why a resource (by its URI) is not in the registry, as the loader found when it looked for
its file (None: it did not look)."""
Place = Callable[[list[tuple[Any, str]]], list["tuple[str, int, int] | None"]]
"""Where (schema object, reference keyword) pairs stand: (file, line, column), or None each."""


def registry(schema: Schema, copy: Callable[[Any], Any] | None = None) -> Any:
    """Every resource the schema may reach, and nothing else (no ``retrieve``: never fetches).
    With ``copy``, each resource holds ``copy(contents)`` instead, in the dialect of the
    original."""
    from referencing import Registry

    def entry(contents: Any) -> Any:
        return resource(contents) if copy is None else resource(copy(contents), like=contents)

    pairs = [(uri, entry(c)) for uri, c in schema.resources.items()]
    pairs.append((schema.uri, entry(schema.contents)))
    return Registry().with_resources(pairs)


_IN_PLACE_ONE = ("not", "if")
"""Keywords whose one subschema applies to the instance itself, on every evaluation."""


def check_references(schema: Schema) -> list[str]:
    """Resolve every ``$ref``, ``$dynamicRef`` and ``$recursiveRef`` of a schema exactly as the
    reference (jsonschema with the registry of :func:`registry`) does, without fetching
    anything, and find ``$ref`` cycles that every document would enter.

    Raises :class:`~validator.problems.UnresolvableRef` (with the references: all of them, one
    line each) for references to anything outside the registry (a URL, a file, a missing
    ``$defs`` entry or anchor) or to a value that is not a schema,
    :class:`~validator.problems.NotASchema` for a referenced value
    that is not valid against its dialect's metaschema, and
    :class:`~validator.problems.RefCycle` (with its steps) for a cycle such as ``a -> b -> a``
    that every document enters: jsonschema then recurses until Python gives up, on every
    document.  A cycle that only some documents enter (behind ``anyOf``'s later branches,
    ``then``, ``properties``, or a keyword before it that may fail first) is no refusal: the
    steps of such a cycle are returned (empty when there is none), and the engine leaves such a
    schema to the reference, which gives up on the documents that enter it (a ``cannot-check``
    finding) where jsonschema_rs would pass them.
    """
    return measure_references(schema)[0]


def measure_references(
    schema: Schema, bundled: Iterable[str] = ()
) -> tuple[list[str], Places | None]:
    """:func:`check_references`, which also measures how far the schema expands (see
    :mod:`validator.contracts.expansion`): :class:`~validator.problems.CannotCompile` for an
    object that expands too far; with the cycles, the :class:`Places` that guard its
    documents, or None when they need no guard.  ``bundled``: the bundled schemas' URIs (a
    schema referring only to itself with no other resources is walked without referencing)."""
    walk = walked(schema, _Walk, frozenset(bundled))
    cycle = _find_cycle(walk.forced, [0])
    if cycle:
        raise RefCycle(
            f"{schema.name}: endless $ref cycle: {' -> '.join(cycle)} -> (again), never reaching "
            "into the document: no instance could ever be checked against it",
            schema=schema.name,
            cycle=tuple(cycle),
        )
    places = check_expansion(walk, schema.name)
    return _find_cycle(walk.possible, walk.evaluated()), places


_PLAIN = frozenset({"$id", "id", "$schema"})
"""The keys without which a subschema has its parent's base URI and dialect."""


class _Walk:
    """One walk over the schema objects jsonschema may evaluate, each with the base URI and the
    dialect it is evaluated in: the states.  ``forced`` holds, by state, the states that
    evaluating it enters for every document (the edges of the cycle check)."""

    def __init__(
        self,
        schema: Schema,
        explain: Explain | None = None,
        place: Place | None = None,
        kit: Any = None,
    ) -> None:
        self.schema = schema
        self.states: list[tuple[Any, Any, Any]] = []  # (contents, resolver, dialect)
        self.index: dict[tuple[int, str, str], int] = {}
        self.forced: dict[int, list[tuple[int, str]]] = {}
        self.possible: dict[int, list[tuple[int, str]]] = {}  # every in-place step
        self.steps: dict[int, list[int]] = {}  # every step evaluation may take
        self.children: dict[int, dict[int, int]] = {}  # id() of each subschema -> its state
        self.todo: deque[int] = deque()
        self.checked: set[int] = set()  # id() of the objects known valid against a metaschema
        self.pending: Callable[[], None] | None = None  # adds to ``checked`` when first needed
        self.explain, self.place = explain, place
        self.broken: dict[tuple[int, str], tuple[Any, str, str]] = {}  # refs leading nowhere
        if kit is None:  # local_walk's Local: a schema referring only to itself
            from validator.contracts.metaschema_files import metaschema_registry

            kit = Referencing(metaschema_registry().combine(registry(schema)))
        self.kit = kit
        self._keep: list[Any] = []
        self._looked_up: dict[tuple[str, str], Any] = {}
        self.add_root(schema)

    def add_root(self, schema: Schema) -> int:
        """The state of a schema's root (the first one's is 0), to walk from (:meth:`run`);
        another root shares the walk where the schema shares its resources (the entry points
        of one OpenAPI document: :mod:`validator.contracts.shared_walk`)."""
        root = schema.contents
        spec = self._dialect(root, None, "the schema")
        if isinstance(root, dict) and "$id" not in root:
            root = {"$id": schema.uri, **root}  # as the reference is given it
        resolver = self.kit.resolver_with_root(self.kit.safe(spec).create_resource(root))
        self.checked.update(id(node) for node in self._structure(root, spec))
        self._keep.append(root)
        return self._state(root, resolver, spec)

    def _dialect(self, contents: Any, default: Any, where: str) -> Any:
        declared = contents.get("$schema") if isinstance(contents, dict) else None
        if isinstance(declared, str) and not known_dialect(declared):
            own = {self.schema.uri, *self.schema.resources}  # a metaschema of its own is fine
            if urldefrag(declared)[0] not in own:
                raise NotASchema(
                    f"{self.schema.name}: {where}: unknown $schema {declared!r}",
                    schema=self.schema.name,
                )
        try:
            return self.kit.dialect(contents, default)
        except ValueError as exc:
            raise NotASchema(
                f"{self.schema.name}: {where}: {exc}", schema=self.schema.name
            ) from None

    def _structure(self, root: Any, spec: Any) -> Iterable[Any]:
        """Every schema object of ``root`` reached through subschema keywords alone."""
        todo = [(root, spec)]
        while todo:
            node, spec = todo.pop()
            yield node
            spec = self._dialect(node, spec, "a subschema")
            todo.extend((child, spec) for child in self.kit.safe(spec).subresources_of(node))

    def _state(self, contents: Any, resolver: Any, spec: Any) -> int:
        key = (id(contents), str(getattr(resolver, "_base_uri", "")), spec.name)
        found = self.index.get(key)
        if found is None:
            found = self.index[key] = len(self.states)
            self.states.append((contents, resolver, spec))
            self.todo.append(found)
        return found

    def run(self) -> None:
        while self.todo:
            number = self.todo.popleft()
            contents, resolver, spec = self.states[number]
            self.forced[number], self.possible[number], self.steps[number] = [], [], []
            if isinstance(contents, dict):
                self._visit(number, contents, resolver, spec)
        if self.broken:
            from validator.contracts.broken_refs import unresolvable

            root = self._keep[0]  # the root as the walk holds it: a copy with its $id
            broken = [
                (self.schema.contents if node is root else node, keyword, why)
                for node, keyword, why in self.broken.values()
            ]
            raise unresolvable(self.schema.name, broken, self.place)

    def _visit(self, number: int, contents: dict[str, Any], resolver: Any, spec: Any) -> None:
        targets: dict[str, int] = {}
        for keyword in ("$ref", "$dynamicRef", "$recursiveRef"):
            if keyword in contents and keyword in KEYWORDS.get(spec.name, {"$ref"}):
                target = self._resolve(keyword, contents, resolver, spec)
                if target is not None:
                    targets[keyword] = target
        own = self.kit.safe(spec)
        children: dict[int, int] = {}
        for child in own.subresources_of(contents):
            if type(child) is dict and not _PLAIN.isdisjoint(child):
                where = resolver.in_subresource(own.create_resource(child))
                children[id(child)] = self._state(
                    child, where, self._dialect(child, spec, "a subschema")
                )
            else:  # no id, no $schema: the same base URI and dialect (as referencing says)
                children[id(child)] = self._state(child, resolver, spec)
        self.children[number] = children
        self.forced[number] = _forced(contents, spec.name, targets, children)
        self.possible[number] = _in_place(contents, spec.name, targets, children)
        stored: set[int] = set()  # definitions: evaluated only through a reference
        for holder in ("$defs", "definitions"):
            if isinstance(contents.get(holder), dict):
                stored.update(id(each) for each in contents[holder].values())
        self.steps[number] = [*targets.values()] + [
            state for key, state in children.items() if key not in stored
        ]

    def evaluated(self, root: int = 0) -> list[int]:
        """The states evaluation may reach from a root (unused definitions left out)."""
        seen = {root}
        todo = [root]
        while todo:
            for state in self.steps.get(todo.pop(), []):
                if state not in seen:
                    seen.add(state)
                    todo.append(state)
        return sorted(seen)

    def _resolve(self, keyword: str, node: dict[str, Any], resolver: Any, spec: Any) -> int | None:
        """The state a reference leads to, or None (noted in ``broken``) when it leads
        nowhere."""
        ref = node[keyword]
        label = _label(keyword, ref)  # $ref "#/a"
        if not isinstance(ref, str):
            why = "a reference must be a string"
        else:
            try:
                resolved = self._lookup(ref, resolver)
            except Exception as exc:  # referencing's exceptions: imported by why_failed only
                why = why_failed(self, exc, ref, resolver)
            else:
                target = resolved.contents
                if not isinstance(target, (dict, bool)):
                    kind = "an array" if isinstance(target, list) else "no schema"
                    why = f"it points to {kind} (a schema is an object or a boolean)"
                else:
                    evaluated = self._dialect(target, spec, f"the target of {label}")
                    origin = f"{self.schema.name}: the target of {label}"
                    self._check(target, evaluated, origin)
                    self._keep.append(target)
                    return self._state(target, resolved.resolver, evaluated)
        self.broken.setdefault((id(node), keyword), (node, keyword, why))
        return None

    def _lookup(self, ref: str, resolver: Any) -> Any:
        """``resolver.lookup(ref)``, once per reference and base URI (a document's 3,500
        ``$ref``\\ s name a few hundred schemas): the same target, in the same state."""
        key = (ref, str(getattr(resolver, "_base_uri", "")))
        found = self._looked_up.get(key)
        if found is None:
            found = self._looked_up[key] = resolver.lookup(ref)
        return found

    def _nowhere(self, exc: Any, ref: str, resolver: Any) -> str:
        """A pointer leading nowhere in the resource it names, and the key it may have meant."""
        from validator.near_miss import pointer_miss

        contents = exc.resource.contents
        if contents is self._keep[0]:  # the root as the walk holds it: with its $id added
            contents = self.schema.contents
        miss = pointer_miss(contents, exc.ref)
        where = "the schema" if not urldefrag(ref)[0] else "the schema it names"
        return f"no such location in {where}" + (f": {miss}" if miss else "")

    def _absent(self, ref: str, resolver: Any) -> str:
        """Why the resource a reference names is not in the registry."""
        base = str(getattr(resolver, "_base_uri", "") or "")
        try:
            uri = urldefrag(urljoin(base, ref))[0]
        except ValueError:  # not even a URI ("http://[x")
            uri = ref
        told = self.explain(uri) if self.explain is not None else None
        return told or (
            "not a bundled schema nor part of this one, and references are never fetched "
            "(no network, no file reads)"
        )

    def _check(self, target: Any, spec: Any, origin: str) -> None:
        """A referenced object outside the schema's own subschemas (under an unknown keyword, in
        another resource) checked against its dialect's metaschema, once."""
        if not isinstance(target, dict) or id(target) in self.checked:
            return
        if self.pending is not None:  # objects known valid, not yet listed: listed now
            pending, self.pending = self.pending, None
            pending()
            if id(target) in self.checked:
                return
        declared = (
            target if "$schema" in target else {"$schema": METASCHEMA_URIS[spec.name], **target}
        )
        check_schema(declared, origin)
        self.checked.update(id(node) for node in self._structure(target, spec))


def _never_fails(node: Any) -> bool:
    return node is True or (isinstance(node, dict) and all(k in NEVER_FAIL for k in node))


def _forced(
    contents: dict[str, Any], name: str, targets: dict[str, int], children: dict[int, int]
) -> list[tuple[int, str]]:
    """The states every evaluation of ``contents`` enters, whatever the document: jsonschema
    takes the keywords in order and, asked for a verdict alone, stops at the first failure, so
    only the subschemas before any keyword that may fail count (``anyOf`` enters its first
    branch, ``oneOf`` all of them, ``allOf`` each until one may fail; ``not`` and ``if`` their
    subschema).  A ``$dynamicRef`` or ``$recursiveRef`` may land elsewhere: no edge."""
    known = KEYWORDS.get(name, frozenset())
    items = (
        [("$ref", contents["$ref"])] if name in LEGACY and "$ref" in contents else contents.items()
    )
    steps: list[tuple[int, str]] = []
    for keyword, value in items:
        if keyword not in known or keyword in NEVER_FAIL:
            continue
        if keyword == "$ref" and keyword in targets:
            steps.append((targets[keyword], _label("$ref", value)))
        elif keyword in _IN_PLACE_ONE and id(value) in children:
            steps.append((children[id(value)], keyword))
        elif keyword in ("allOf", "anyOf", "oneOf") and isinstance(value, list):
            for branch in value:
                if id(branch) in children:
                    steps.append((children[id(branch)], keyword))
                if keyword == "anyOf" or (keyword == "allOf" and not _never_fails(branch)):
                    break
        return steps  # a keyword that may fail: what follows it may never be reached
    return steps


_LABELS: dict[tuple[str, str], str] = {}
"""The label of each (keyword, reference) met (a document names a few hundred schemas)."""


def _label(keyword: str, ref: Any) -> str:
    """How a step through a reference is named in a cycle's message: ``$ref "#/a"``."""
    if not isinstance(ref, str):
        return f"{keyword} {json.dumps(ref)}"
    found = _LABELS.get((keyword, ref))
    if found is None:
        if len(_LABELS) >= 4096:
            _LABELS.clear()
        found = _LABELS[keyword, ref] = f"{keyword} {json.dumps(ref)}"
    return found


_IN_PLACE = frozenset({"allOf", "anyOf", "oneOf", "not", "if", "then", "else"})
_IN_PLACE_MAPS = frozenset({"dependentSchemas", "dependencies"})


def _in_place(
    contents: dict[str, Any], name: str, targets: dict[str, int], children: dict[int, int]
) -> list[tuple[int, str]]:
    """The states evaluating ``contents`` may enter with the same instance, for some document."""
    if name in LEGACY and "$ref" in contents:
        contents = {"$ref": contents["$ref"]}
    known = KEYWORDS.get(name, frozenset())
    steps = [(state, _label(k, contents[k])) for k, state in targets.items() if k in contents]
    for keyword, value in contents.items():
        if keyword not in known:
            continue
        if keyword in _IN_PLACE:
            values = value if isinstance(value, list) else [value]
        elif keyword in _IN_PLACE_MAPS and isinstance(value, dict):
            values = list(value.values())
        else:
            continue
        steps.extend((children[id(v)], keyword) for v in values if id(v) in children)
    return steps
