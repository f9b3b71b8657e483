"""What the messages of :mod:`validator.contracts.operations` suggest.

* What a user probably meant by an operation named ``METHOD /path`` that the document does not
  have, found by the path's shape before any spelling: the same template with its parameters
  named otherwise (``/users/{userId}`` for ``/users/{id}``), a concrete path the template
  matches (``/users/1``), or the path with another method (``PATCH`` where it has ``GET`` and
  ``PUT``).
* That an ``operationId`` not under ``paths`` is a webhook's (:func:`webhook_hint`).
* How to name a response when the operation documents several (or none by default), in the
  words of where the message is read (:data:`ASK`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

__all__ = ["ASK", "listed", "path_hint", "webhook_hint"]

ASK = {
    "cli": ("give --status", "give --media-type"),
    "config": ("set the check's status", "set the check's media-type"),
    "api": ("pass status=...", "pass media_type=..."),
}
"""How a message asks for the status or the media type, by where it is read (``via``): the
command line, a config check, the Python API (:func:`validator.api.operation_schema`)."""


def listed(names: Sequence[str], most: int = 12) -> str:
    """The first ``most`` of ``names``, and how many more."""
    shown = ", ".join(names[:most])
    return shown + (f" and {len(names) - most} more" if len(names) > most else "")


_PARAMETER = re.compile(r"\{[^/{}]*\}")


def _shape(path: str) -> str:
    return _PARAMETER.sub("{}", path.rstrip("/") or "/")


def _matches(template: str, path: str) -> bool:
    """Whether a concrete ``path`` is one of ``template``'s: segment by segment, a parameter
    (a whole segment) taking any, the others equal (no regular expression made of the
    document's text: linear whatever it holds)."""
    wanted, given = template.strip("/").split("/"), path.strip("/").split("/")
    return len(wanted) == len(given) and all(
        w == g or (bool(g) and _PARAMETER.fullmatch(w) is not None)
        for w, g in zip(wanted, given, strict=True)
    )


def path_hint(found: Sequence[Any], method: str, path: str) -> str | None:
    """The tip of :func:`~validator.contracts.operations.find_operation` for ``METHOD path``
    (``found``: the document's operations), or None when the path is like none of theirs."""
    alike = [o for o in found if _shape(o.path) == _shape(path)]
    alike = alike or [o for o in found if _matches(o.path, path)]
    if not alike:
        return None
    same = [o for o in alike if o.method == method.lower()]
    if same:
        return f"; did you mean {same[0].label!r}?"
    methods = ", ".join(o.method.upper() for o in alike)
    return f"; {alike[0].path} documents {methods} (did you mean {alike[0].label!r}?)"


def webhook_hint(hooks: Sequence[Any], operation: str) -> str | None:
    """Why ``operation``, none of the document's, is not checked when it is the ``operationId``
    (or the name) of one of its ``webhooks`` (OpenAPI 3.1; ``hooks``: their operations, each
    webhook's name as its path), naming the webhook; else None."""
    hit = [o for o in hooks if o.operation_id == operation]
    hit = hit or [o for o in hooks if o.path == operation]  # the webhook's name: all of it
    if not hit:
        return None
    methods = ", ".join(o.method.upper() for o in hit)
    return (
        f"{operation!r} names the webhook {hit[0].path!r} ({methods}): a request the API makes, "
        "not a response it sends; webhooks are not checked"
    )
