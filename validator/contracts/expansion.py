"""How far a schema expands when a document is checked: measured before compiling, and bounded.

Neither engine remembers what it has already evaluated: a schema object that two ``allOf``
branches (or two ``$ref``\\ s) apply at the same place of a document is evaluated twice, and
whatever it applies in turn twice over.  A 2 KB schema whose ``$defs`` ``a0`` is ``allOf`` of
two ``$ref``\\ s to ``a1``, ``a1`` of two to ``a2``, ... down to ``a30``, applies 4 * 10**9 schema
objects to any document: jsonschema_rs runs for minutes and, with a format callback registered,
allocates until the process aborts; jsonschema runs for hours.

The bound, :data:`MAX_APPLIED`, is on the number of schema objects applied at one place of a
document (with multiplicity).  It is measured on the graph of the schema's objects that
:class:`validator.contracts.references._Walk` builds (each distinct object, by resource and place,
once; every ``$ref`` an edge), by :mod:`validator.contracts.places`, in two ways:

* **The expansion of a schema object**: the objects applied in place when it is applied once
  (itself, and through ``$ref``, ``allOf``, ``anyOf``, ``oneOf``, ``not``, ``if``/``then``/
  ``else``, ``dependentSchemas``), memoised per object, so the measure costs one pass over the
  graph whatever the sizes.  A schema with an object evaluation may reach that expands past the
  bound is refused before anything is compiled (exit 2, naming the schema and the object).  A
  real API specification of a thousand components referring to each other through
  ``properties`` expands each object to a handful.

* **The count at a place of a document**: the objects applied below a place (at a property, an
  item) are those its objects apply there, so counts multiply with depth where a name is
  declared by several alternatives that lead to the same objects.  The Stripe API specification
  (``anyOf`` of ``$ref``\\ s on most properties) applies 34 * 9**(k-1) objects at
  ``/balance_transaction/source`` repeated k times: with k = 4 a 100-byte document made
  jsonschema_rs's error details take 5 s and 800 MB, with k = 5 55 s and 8 GB, with k = 6 more
  than 24 GB.  That is no reason to refuse the schema (its real documents get at most 34).  The
  counts are explored at compile time (each distinct set of counts once, at most
  :data:`MAX_PLACES` of them), and a schema where some place may get more than the bound is
  *guarded*: each document is walked with it (see
  :meth:`~validator.contracts.places.Places.over`) before any engine sees it, and a document
  with such a place is reported ``cannot-check`` (invalid, exit 1) at that place.  A schema
  whose counts stay within the bound everywhere (the bundled contract: at most 7) is not walked.

Both counts are upper bounds: every branch is counted (an engine may stop at the first that
passes or fails), every ``patternProperties`` schema is taken to match every name (no pattern of
the schema is run here), ``additionalProperties`` / ``unevaluatedProperties`` apply to every name
their own object does not declare, and ``contains`` / ``unevaluatedItems`` to every item.  A
``$ref`` cycle applied in place is counted once round (the engines leave a cycle some documents
enter to the reference engine, which gives up on them).
"""

from __future__ import annotations

from collections import deque
from typing import Any

from validator.contracts.places import Place, Places
from validator.inputs.parse import MAX_DEPTH
from validator.problems import CannotCompile

__all__ = ["MAX_APPLIED", "MAX_PLACES", "Places", "check_expansion"]

MAX_APPLIED = 10_000
"""Schema objects the engines may apply at one place of a document (with multiplicity).  A
schema with an object that applies more by itself is refused (exit 2); a document that would
make more apply at one of its places is reported ``cannot-check`` (exit 1) without being
evaluated.  The bundled contract applies at most 7; real Stripe API objects at most 34; a
``oneOf`` of a thousand variants, each ``allOf`` a shared base, 7,001; the issue's 2 KB schema
4 * 10**9.  At the bound, jsonschema_rs's verdict costs about 0.4 ms; its error details of a
Stripe document built to get 2,754 at one place took 0.2 s and 120 MB (24,786: 5 s, 800 MB)."""

MAX_PLACES = 20_000
"""Distinct places (sets of objects with their counts) explored at compile time; a schema with
more is guarded, like one with a place over :data:`MAX_APPLIED`."""

_WORK = 1_000_000
"""Objects and names looked at while exploring places at compile time (about a second at most);
past it, the schema is guarded."""


def check_expansion(
    walk: Any, name: str, root: int = 0, places: Places | None = None
) -> Places | None:
    """Refuse (:class:`~validator.problems.CannotCompile`, exit 2) a schema with an object
    evaluation may reach that expands to more than :data:`MAX_APPLIED` objects; return the
    schema's :class:`Places` when its documents need guarding (some place may get more than
    :data:`MAX_APPLIED` objects), else None.  ``walk``: the schema's run
    :class:`validator.contracts.references._Walk`; ``root``: the schema's root in it, and
    ``places`` its places (see :mod:`validator.contracts.shared_walk`)."""
    if not walk.states:
        return None
    places = Places(walk, MAX_APPLIED) if places is None else places
    reached = walk.evaluated(root)
    biggest = max(reached, key=lambda n: places.sizes[n])
    if places.sizes[biggest] > MAX_APPLIED:
        where = _where(walk.schema, walk.states[biggest][0]) if biggest != root else "#"
        raise CannotCompile(
            f"{name}: cannot compile schema: it expands too far: the schema object at {where} "
            "applies "
            f"{_many(places.sizes[biggest])} schema objects in place ($ref, allOf, anyOf, oneOf "
            f"...), over the bound of {MAX_APPLIED:,} (see docs/security-bounds.md)",
            schema=name,
        )
    return places if _grows(places) else None


def _grows(places: Places) -> bool:
    """Whether some place may get more than :data:`MAX_APPLIED` objects: one is found, or a
    place gets the same objects as one found before but more of them (the labels between the
    two, repeated, may make them grow without end), or the places are too many to explore."""
    if places.root is None:
        return False
    seen = {id(places.root)}
    least: dict[frozenset[int], int] = {}  # the objects of a place -> its least total so far
    todo: deque[tuple[Place, int]] = deque([(places.root, 0)])
    work = 0
    while todo:
        place, depth = todo.popleft()
        objects = frozenset(place.counts)
        if place.total > MAX_APPLIED or place.total > least.setdefault(objects, place.total):
            return True
        if depth >= MAX_DEPTH or place.leaf:
            continue
        for below, _ in places.below(place):
            work += len(below.counts)
            if id(below) not in seen:
                if len(seen) >= MAX_PLACES or work > _WORK:
                    return True
                seen.add(id(below))
                todo.append((below, depth + 1))
    return False


def _escape(name: str) -> str:
    return name.replace("~", "~0").replace("/", "~1")


def _where(schema: Any, target: Any) -> str:
    """Where ``target`` (an object of the schema's resources) is: ``#/pointer`` in the schema
    itself, else ``URI#/pointer``."""
    for uri, contents in [("", schema.contents), *schema.resources.items()]:
        todo: list[tuple[Any, str]] = [(contents, "")]
        while todo:
            value, pointer = todo.pop()
            if value is target:
                return f"{uri}#{pointer}"
            if isinstance(value, dict):
                todo.extend((v, f"{pointer}/{_escape(str(k))}") for k, v in value.items())
            elif isinstance(value, list):
                todo.extend((v, f"{pointer}/{i}") for i, v in enumerate(value))
    return "a schema object"


def _many(total: int) -> str:
    return f"{total:,}" if total < 10**15 else f"about 10**{len(str(total)) - 1}"
