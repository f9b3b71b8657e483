"""``$ref`` in the reference engine's keyword locations, as the specification and the fast engine
give them.

jsonschema leaves ``$ref`` out of an error's schema path (its ``iter_errors`` prepends every
keyword's name but those of ``if`` and ``$ref``), so an error below a ``$ref`` was reported at
``/properties/status/enum``, a place that is nowhere in the schema, where the fast engine says
``/properties/status/$ref/enum``; and with no ``absoluteKeywordLocation``.  :func:`with_ref`
wraps the ``$ref`` keyword of the reference's class: each error below it gets the ``$ref`` step,
and the innermost ``$ref`` an error passes notes where it led (the target's URI and the path
below it), from which :func:`absolute_location` makes the error's absolute keyword location.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urljoin

__all__ = ["absolute_location", "with_ref"]

_TARGET = "_casefile_ref_target"
"""The attribute of an error that notes the innermost ``$ref`` it passed: (URI, path below)."""


def with_ref(keyword: Callable[..., Any]) -> Callable[..., Iterator[Any]]:
    """The ``$ref`` keyword ``keyword`` (jsonschema's), its errors' paths through it."""

    def ref(validator: Any, ref: str, instance: Any, schema: Any) -> Iterator[Any]:
        for error in keyword(validator, ref, instance, schema) or ():
            if not hasattr(error, _TARGET):
                base = getattr(validator._resolver, "_base_uri", "")
                setattr(error, _TARGET, (urljoin(base, ref), tuple(error.schema_path)))
            error.schema_path.appendleft("$ref")
            yield error

    return ref


def absolute_location(error: Any, root: str, location: str) -> str | None:
    """``absoluteKeywordLocation`` of a jsonschema error of a schema whose URI is ``root``, at
    the keyword location ``location``: the URI of the innermost ``$ref``'s target and the path
    below it, or ``root`` and ``location`` where it passed no ``$ref`` (as the fast engine gives
    it); None where the ``$ref`` named an anchor, to which no pointer can be added, or the schema
    has no URI."""
    noted = getattr(error, _TARGET, None)
    if noted is None:
        return f"{root}#{location}" if root else None
    target, below = noted
    uri, _, fragment = urljoin(root, target).partition("#")
    if (fragment and not fragment.startswith("/")) or not uri:
        return None
    tokens = "".join("/" + str(t).replace("~", "~0").replace("/", "~1") for t in below)
    return f"{uri}#{fragment}{tokens}"
