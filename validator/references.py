"""``$ref`` resolution for a schema: every reference resolvable, none fetched, no endless cycle.

Both engines get the same offline registry (:func:`registry`: the schema and the resources it
may reach, nothing else), and :func:`check_references` refuses, before any document is checked, a
schema that either engine would fail on or loop in.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from validator.catalog import Schema
from validator.problems import RefCycle, UnresolvableRef

__all__ = ["check_references", "registry", "resource"]

_IN_PLACE = ("allOf", "anyOf", "oneOf", "not", "if", "then", "else")
"""Keywords whose subschemas apply to the instance itself (as do ``$ref`` and
``dependentSchemas``): a cycle through them alone never ends."""


def resource(contents: Any, like: Any = None) -> Any:
    """A ``referencing`` resource of ``contents``, in the dialect its ``$schema`` names (draft
    2020-12 without one); with ``like``, in the dialect of ``like`` (a copy of ``contents`` that
    may have lost its ``$schema``)."""
    from referencing.jsonschema import DRAFT202012

    return DRAFT202012.detect(contents if like is None else like).create_resource(contents)


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


def check_references(schema: Schema) -> None:
    """Resolve every ``$ref`` and ``$dynamicRef`` of a schema without fetching anything, and
    find ``$ref`` cycles that apply to the same instance without end.

    Raises :class:`~validator.problems.UnresolvableRef` (with the reference) for a reference to
    anything outside the registry (a URL, a file, a missing ``$defs`` entry or anchor) and
    :class:`~validator.problems.RefCycle` (with its steps) for a cycle such as ``a -> b -> a``:
    for it jsonschema recurses until Python gives up, and the specification leaves the outcome
    undefined.  Both engines then refuse the schema alike (exit code 2).
    """
    from jsonschema_specifications import REGISTRY as METASCHEMAS  # type: ignore[import-untyped]
    from referencing.exceptions import NoSuchAnchor, PointerToNowhere, Unresolvable

    combined = METASCHEMAS.combine(registry(schema))
    todo: list[tuple[Any, Any]] = [
        (resource(schema.contents), combined.resolver(base_uri=schema.uri))
    ]
    edges: dict[int, list[tuple[int, str]]] = {}  # in-place steps, by id() of the subschema
    keep: list[Any] = []  # the subschemas whose id() is a key
    while todo:
        found, resolver = todo.pop()
        contents = found.contents
        if not isinstance(contents, dict) or id(contents) in edges:
            continue
        keep.append(contents)
        steps = edges[id(contents)] = []
        for keyword in ("$ref", "$dynamicRef"):
            ref = contents.get(keyword)
            if not isinstance(ref, str):
                continue
            try:
                resolved = resolver.lookup(ref)
            except PointerToNowhere:
                why = "no such location in the schema"
            except NoSuchAnchor:
                why = "no such anchor in the schema"
            except Unresolvable:
                why = (
                    "not a bundled schema nor part of this one, and references are never "
                    "fetched (no network, no file reads)"
                )
            else:
                todo.append((resource(resolved.contents), resolved.resolver))
                if keyword == "$ref":  # a $dynamicRef may land elsewhere: no cycle claimed
                    steps.append((id(resolved.contents), f"$ref {json.dumps(ref)}"))
                continue
            raise UnresolvableRef(
                f"{schema.name}: cannot resolve {keyword} {json.dumps(ref)}: {why}",
                schema=schema.name,
                ref=ref,
            )
        for keyword in _IN_PLACE:
            value = contents.get(keyword)
            for child in value if isinstance(value, list) else [value]:
                if isinstance(child, dict):
                    steps.append((id(child), keyword))
        dependent = contents.get("dependentSchemas")
        if isinstance(dependent, dict):
            steps.extend((id(c), "dependentSchemas") for c in dependent.values())
        for sub in found.subresources():
            todo.append((sub, resolver.in_subresource(sub)))
    cycle = _find_cycle(edges)
    if cycle:
        raise RefCycle(
            f"{schema.name}: endless $ref cycle: {' -> '.join(cycle)} -> (again), never reaching "
            "into the document: no instance could ever be checked against it",
            schema=schema.name,
            cycle=tuple(cycle),
        )


def _find_cycle(edges: dict[int, list[tuple[int, str]]]) -> list[str]:
    """The labels along one cycle of the graph that has at least one ``$ref`` in it, or []."""
    state: dict[int, int] = {}  # 1: on the current path, 2: done
    for start in edges:
        if start in state:
            continue
        path: list[tuple[int, str]] = [(start, "")]
        stack = [iter(edges.get(start, []))]
        state[start] = 1
        while stack:
            step = next(stack[-1], None)
            if step is None:
                state[path.pop()[0]] = 2
                stack.pop()
                continue
            node, label = step
            if state.get(node) == 1:
                at = next(i for i, (n, _) in enumerate(path) if n == node)
                labels = [lab for _, lab in path[at + 1 :]] + [label]
                if any(lab.startswith("$ref") for lab in labels):
                    return labels
                continue
            if node in state or node not in edges:
                continue
            state[node] = 1
            path.append((node, label))
            stack.append(iter(edges[node]))
    return []
