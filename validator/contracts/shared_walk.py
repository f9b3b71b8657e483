"""One ``$ref`` walk for every entry point of one document.

The schemas an OpenAPI document's ``components/schemas`` gives share their resources (a
:class:`~validator.contracts.documents.Shared` mapping, :mod:`validator.contracts.documents`), so
the states of :class:`validator.contracts.references._Walk` (a schema object, the base URI and
the dialect it is evaluated in) are the same for all of them: one walk holds them, each entry
point adds its root and walks only what no entry point before it reached.  What
:func:`~validator.contracts.references.measure_references` says of a schema is then said from its
root in the shared walk: the cycles every document enters, how far the schema expands (the
objects' sizes computed once, the places of documents shared), the cycles some documents enter.

The places of their documents are not explored at compile time (each entry point would explore
the places below its root again): the schemas are guarded, each document walked with its places
(:meth:`~validator.contracts.places.Places.over`), which gives the verdicts exploring would; an
engine expecting many documents explores once and drops the guard where it can
(:meth:`validator.checking.engine.Engine.expect`).

Anything unusual (a reference leading nowhere, a schema object that is not one) leaves the shared
walk for good: the schema is measured alone, as before, which words the problem exactly.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from validator.contracts.cycles import find_cycle
from validator.contracts.documents import memo_of
from validator.contracts.expansion import MAX_APPLIED, Places, check_expansion
from validator.contracts.openapi import version_of
from validator.contracts.reach import Reach
from validator.contracts.references import _Walk, measure_references
from validator.problems import RefCycle, SchemaProblem

if TYPE_CHECKING:
    from validator.contracts.catalog import Schema

__all__ = ["measure", "release"]


class _Shared:
    """The walk of one document's entry points, and the places of their documents."""

    def __init__(self, schema: Schema) -> None:
        self.walk = _Walk(schema)
        self.places: Places | None = None
        self.reach = Reach()
        components: list[tuple[Any, Any]] = []
        for contents in schema.resources.values():  # prepare() checked each component
            if version_of(contents) is not None:  # an OpenAPI document, so prepared
                spec = self.walk._dialect(contents, None, "the document")
                components += [(c, spec) for c in contents["components"]["schemas"].values()]
        walk = self.walk
        walk.checked.update(id(component) for component, _ in components)

        def everything() -> None:  # a $ref into a component: every object below them too
            for component, spec in components:
                walk.checked.update(map(id, walk._structure(component, spec)))

        walk.pending = everything if components else None


def measure(schema: Schema) -> tuple[list[str], Places | None]:
    """:func:`~validator.contracts.references.measure_references`, from the shared walk of the
    schema's document where it has one (see the module's notes)."""
    memo = memo_of(schema.resources)
    if memo is None:  # the bundled schemas a schema file carries: unreachable from `#/` refs
        from validator.contracts.catalog import _bundled

        return measure_references(schema, (uri for uri, _ in _bundled().values()))
    if memo.get("walk") is False:
        return measure_references(schema)
    try:
        shared, root = _walked(schema, memo)
    except (SchemaProblem, RecursionError, ValueError, TypeError, LookupError):
        memo["walk"] = False  # measured alone from now on: the problem is told exactly
        return measure_references(schema)
    walk = shared.walk
    cycle = find_cycle(walk.forced, [root])
    if cycle:
        raise RefCycle(
            f"{schema.name}: endless $ref cycle: {' -> '.join(cycle)} -> (again), never reaching "
            "into the document: no instance could ever be checked against it",
            schema=schema.name,
            cycle=tuple(cycle),
        )
    if shared.places is None:
        shared.places = Places(walk, MAX_APPLIED, root)
        places = shared.places
    else:
        places = shared.places.rooted(walk, root)
    shared.reach.grow(walk, places.sizes)
    walk.schema = schema  # named in a refusal
    if shared.reach.biggest[root] > MAX_APPLIED:  # refused, naming the object
        check_expansion(walk, schema.name, root, places)
    loops = find_cycle(walk.possible, walk.evaluated(root)) if shared.reach.loops[root] else []
    return loops, places  # a guard (see the module's notes)


def _walked(schema: Schema, memo: dict[str, Any]) -> tuple[_Shared, int]:
    """The shared walk, walked from the schema's root too, and that root's state."""
    shared = memo.get("walk")
    if shared is None:
        shared = _Shared(schema)
        root = 0
    else:
        shared.walk.schema = schema
        root = shared.walk.add_root(schema)
    shared.walk.run()
    if shared.walk.broken:
        raise ValueError("a reference leads nowhere")
    memo["walk"] = shared
    return shared, root


def release(resources: Iterable[Any]) -> None:
    """Forget the shared walks of these schemas' documents once every entry point is measured
    (a run's plan is made: its engines keep their places, and the walk's resolvers and graph
    are most of the plan's memory).  An entry point measured later walks its document again.
    The walk's one cycle (:attr:`_Walk.pending`, a closure over the walk) is broken first, so
    the walk is freed at once, before the native compile that may follow raises the run's peak,
    without a collection walking everything the plan holds (the plan is made with the cyclic
    collector off: :func:`validator.run.runner._held`)."""
    for each in resources:
        memo = memo_of(each)
        if memo is not None and memo.get("walk"):
            memo["walk"].walk.pending = None
            del memo["walk"]
