"""The reference engine's ``anyOf`` and ``oneOf`` with a bounded number of branch errors.

jsonschema's gather every error of every failing alternative (the ``context`` of their error)
before yielding anything: a YAML document whose aliases share one failing value 900,000 times
under an ``anyOf`` made 900,000 branch errors (65 s, then out of memory) however few errors the
check then kept (:mod:`validator.checking.error_cap`).  Here an alternative's errors are
gathered lazily and all the alternatives of one keyword together keep at most
:data:`~validator.checking.error_cap.MAX_FINDINGS` of them (and the first of each).  The
verdict is the same (an alternative passes when it yields no error), and so are the messages;
only a context past the bound is cut (a real document's alternatives fail a handful of times
each).
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice
from typing import Any

from jsonschema.exceptions import ValidationError

from validator.checking.error_cap import MAX_FINDINGS

__all__ = ["any_of", "one_of"]


def _failing(validator: Any, alternatives: Any, instance: Any) -> tuple[list[Any], int | None]:
    """The errors of the alternatives before the first that passes (at most MAX_FINDINGS in
    all, and at least the first of each), and the index of that one (None when every
    alternative fails)."""
    kept: list[Any] = []
    for index, alternative in enumerate(alternatives):
        errors = validator.descend(instance, alternative, schema_path=index)
        first = list(islice(errors, max(MAX_FINDINGS - len(kept), 1)))  # each its first one
        if not first:
            return kept, index
        kept += first
    return kept, None


def any_of(validator: Any, alternatives: Any, instance: Any, schema: Any) -> Iterator[Any]:
    """``anyOf``, as jsonschema's (its message), its context bounded."""
    kept, passing = _failing(validator, alternatives, instance)
    if passing is None:
        message = f"{instance!r} is not valid under any of the given schemas"
        yield ValidationError(message, context=kept)


def one_of(validator: Any, alternatives: Any, instance: Any, schema: Any) -> Iterator[Any]:
    """``oneOf``, as jsonschema's (its messages), its context bounded."""
    kept, passing = _failing(validator, alternatives, instance)
    if passing is None:
        message = f"{instance!r} is not valid under any of the given schemas"
        yield ValidationError(message, context=kept)
        return
    others = [
        each
        for each in list(alternatives)[passing + 1 :]
        if validator.evolve(schema=each).is_valid(instance)
    ]
    if others:
        others.append(alternatives[passing])
        shown = ", ".join(repr(each) for each in others)
        yield ValidationError(f"{instance!r} is valid under each of {shown}")
