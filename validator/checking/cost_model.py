"""Which engine pays for a check: a native compile it can recover, or the reference engine.

The fast engine (``jsonschema_rs``) compiles every schema object a schema may reach before the
first document, then judges a document in tens of microseconds; the reference engine
(``jsonschema``) compiles nothing ahead and resolves each ``$ref`` as a document meets it, at a
few milliseconds a document of a large specification.  An entry point of a large OpenAPI
document reaches most of it: on the bench's generated specification (``python -m
bench.openapi_rows``) the native compile costs about 10-20 microseconds per schema object of the
document (0.15-0.3 s for each of its 500 components), the reference about 3-6 ms a document.  A
check whose documents are few does not pay for that compile: in a run (:mod:`validator.run.plan`)
an engine of a shared document whose compile would cost more than :data:`WORTH_DEFERRING` puts it
off until the check's documents are counted (:meth:`validator.checking.engine.Engine.expect`),
then compiles natively only when the documents repay it.  Both engines give the same verdicts
(the differential tests); ``--engine reference`` and ``--cross-check`` are honoured as asked.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from validator.contracts.documents import memo_of

__all__ = ["EXPLORE_AT", "explore", "native_cost", "native_pays", "release_walks"]

NATIVE_PER_OBJECT = 15e-6
"""Seconds a native compile costs per schema object of the document (measured: see above)."""
REFERENCE_PER_DOCUMENT = 3e-3
"""Seconds the reference engine spends on a document of a large specification, beyond what
the fast engine spends (measured: see above)."""
WORTH_DEFERRING = 0.02
"""A native compile estimated cheaper (seconds) is never put off."""
EXPLORE_AT = 5_000
"""Documents from which a check explores the places of its documents once (then drops the
guard that walks each document, where it can; see :mod:`validator.contracts.shared_walk`);
JSON Lines count as this many."""


def native_cost(schema: Any) -> float:
    """The estimated seconds of a native compile of a shared document's entry point (every
    schema object the document's walk holds: an upper bound), or 0 when it is not worth
    putting off (a schema of its own, or a small document)."""
    memo = memo_of(schema.resources)
    shared = memo.get("walk") if memo is not None else None
    if not shared:
        return 0.0
    cost = len(shared.walk.states) * NATIVE_PER_OBJECT
    return cost if cost > WORTH_DEFERRING else 0.0


def native_pays(cost: float, documents: int) -> bool:
    """Whether ``documents`` documents repay a native compile of ``cost`` seconds."""
    return documents * REFERENCE_PER_DOCUMENT > cost


def explore(places: Any, documents: int) -> bool:
    """Whether a check of ``documents`` documents may drop its guard: it has enough of them
    to explore the places once, and no place of its documents can get more schema objects
    than the bound."""
    from validator.contracts.expansion import _grows

    return documents >= EXPLORE_AT and not _grows(places)


def release_walks(resources: Iterable[Any]) -> None:
    """:func:`validator.contracts.shared_walk.release` of the shared documents among these
    schemas' resources (a run with none does not import the walk's modules)."""
    shared = [each for each in resources if memo_of(each) is not None]
    if shared:
        from validator.contracts.shared_walk import release

        release(shared)
