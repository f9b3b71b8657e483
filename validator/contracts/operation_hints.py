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

__all__ = ["ASK", "path_hint", "webhook_hint"]

ASK = {
    "cli": ("give --status", "give --media-type"),
    "config": ("set the check's status", "set the check's media-type"),
    "api": ("pass status=...", "pass media_type=..."),
}
"""How a message asks for the status or the media type, by where it is read (``via``): the
command line, a config check, the Python API (:func:`validator.api.operation_schema`)."""

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


def webhook_hint(contents: Any, operation: str, given: str) -> str | None:
    """The message for an ``operation`` that is none of the document's but the ``operationId``
    (or the name) of one of its ``webhooks`` (OpenAPI 3.1), naming the webhook; else None."""
    from validator.contracts.operations import METHODS, _escape, _path_item

    hooks = contents.get("webhooks") if isinstance(contents, dict) else None
    for name, item in hooks.items() if isinstance(hooks, dict) else ():
        item, _ = _path_item(contents, item, f"/webhooks/{_escape(str(name))}", given)
        methods = [m for m in METHODS if isinstance(item, dict) and isinstance(item.get(m), dict)]
        hit = [m for m in methods if item[m].get("operationId") == operation]
        if hit or name == operation:  # its operation's method, else all the webhook's
            how = f" ({', '.join(m.upper() for m in hit or methods)})" if methods else ""
            return (
                f"{given}: {operation!r} names the webhook {str(name)!r}{how}: a request the API "
                "makes, not a response it sends; webhooks are not checked"
            )
    return None
