"""``"additionalProperties": false`` in a schema object without ``properties`` or
``patternProperties``, told as the reference tells it.

There every member of an object is not allowed.  jsonschema_rs then reports one ``falseSchema``
error: at the object's place but with its first member's value as the instance, and no names;
the reference reports an ``additionalProperties`` failure naming every member (one problem each,
at its key: see :mod:`validator.checking.to_problems`).  :func:`retell` gives such an error (and
such a branch error of an ``anyOf``/``oneOf``) the reference's shape, reading the object from the
document.  Only errors go through it, never a valid document.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = ["RETOLD", "retell"]

_ALTERNATIVES = frozenset({"anyOf", "oneOfNotValid", "oneOf"})
RETOLD = _ALTERNATIVES | {"falseSchema"}
"""The kinds of error :func:`retell` may change (any other it gives back as it is)."""

_MISSING: Any = object()


class _Kind:
    """The kind of a retold error: what :mod:`validator.checking.convert` reads of one."""

    __slots__ = ("context", "details", "name")

    def __init__(self, name: str, details: dict[str, Any], context: Any = ()) -> None:
        self.name, self.details, self.context = name, details, context

    def as_dict(self) -> dict[str, Any]:
        return self.details


class _Retold:
    """A jsonschema_rs error with another kind (and, for a closed object, instance and
    message)."""

    __slots__ = (
        "absolute_keyword_location",
        "evaluation_path",
        "instance",
        "instance_path",
        "kind",
        "message",
    )

    def __init__(self, error: Any, kind: _Kind, instance: Any, message: str) -> None:
        self.absolute_keyword_location = error.absolute_keyword_location
        self.evaluation_path, self.instance_path = error.evaluation_path, error.instance_path
        self.kind, self.instance, self.message = kind, instance, message


def retell(error: Any, document: Any) -> Any:
    """``error`` (of jsonschema_rs, about ``document``) in the reference's shape where it is
    the ``falseSchema`` error of ``"additionalProperties": false`` (or holds one in a branch);
    else ``error`` itself."""
    kind = error.kind
    if kind.name in _ALTERNATIVES:
        branches = [list(branch) for branch in kind.context]
        context = [[retell(e, document) for e in branch] for branch in branches]
        if all(
            a is b
            for new, old in zip(context, branches, strict=True)
            for a, b in zip(new, old, strict=True)
        ):
            return error
        return _Retold(error, _Kind(kind.name, {}, context), error.instance, error.message)
    if kind.name != "falseSchema":
        return error
    found = _closed(error, document)
    if found is None:
        return error
    names = list(found)
    shown = ", ".join(repr(name) for name in names)
    message = f"Additional properties are not allowed ({shown} "
    message += f"{'was' if len(names) == 1 else 'were'} unexpected)"
    return _Retold(error, _Kind("additionalProperties", {"unexpected": names}), found, message)


def _closed(error: Any, document: Any) -> dict[str, Any] | None:
    """The object a ``falseSchema`` error says has a member ``additionalProperties`` forbids, or
    None: the error of a ``false`` schema named ``additionalProperties`` (a property's, a
    dependent schema's) is about the value at its own place."""
    path = error.evaluation_path
    if not path or path[-1] != "additionalProperties" or not _keyword_last(path):
        return None
    found = _at(document, error.instance_path)
    return found if isinstance(found, dict) and found else None


_NAMED = frozenset(
    {"properties", "patternProperties", "dependentSchemas", "dependencies", "$defs", "definitions"}
)
"""The keywords whose subschemas are named: the segment after one is a name, not a keyword."""


def _keyword_last(path: Sequence[str | int]) -> bool:
    """Whether the last segment of an evaluation path is a keyword (not a subschema's name):
    from the root, a keyword is followed by a name (:data:`_NAMED`), an index (an integer) or
    the next keyword."""
    at, last = 0, len(path) - 1
    while at < last:
        at += 2 if path[at] in _NAMED else 1
        if at < last and type(path[at]) is int:
            at += 1
    return at == last


def _at(document: Any, path: Sequence[str | int]) -> Any:
    """The value at ``path`` (keys and indexes) in ``document``; :data:`_MISSING` if none."""
    value = document
    for segment in path:
        if isinstance(value, dict) and isinstance(segment, str):
            value = value.get(segment, _MISSING)
        elif isinstance(value, list) and type(segment) is int and 0 <= segment < len(value):
            value = value[segment]
        else:
            return _MISSING
    return value
