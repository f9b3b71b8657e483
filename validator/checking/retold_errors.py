"""jsonschema_rs errors retold in the reference's shape, where the two engines' errors differ
in more than their words (:func:`retold`).

* ``"additionalProperties": false`` in a schema object without ``properties`` or
  ``patternProperties``: every member of an object is not allowed.  jsonschema_rs then reports
  one ``falseSchema`` error, at the object's place but with its first member's value as the
  instance, and no names; the reference an ``additionalProperties`` failure naming every member
  (one problem each, at its key: see :mod:`validator.checking.to_problems`).
* ``"propertyNames": false``: jsonschema_rs reports one ``falseSchema`` error for the object; the
  reference one for each name, the name its instance.
* ``propertyNames`` with a schema: jsonschema_rs's error holds the error of the name; the
  reference reports that one.

The object is read from the document.  Only errors go through here, never a valid document.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from validator.checking.integers30 import ERROR_PARTS

__all__ = ["RETOLD", "may_retell", "retold"]

_ALTERNATIVES = frozenset({"anyOf", "oneOfNotValid", "oneOf"})
_RETOLD = frozenset({"falseSchema", "propertyNames"})
"""The kinds of error :func:`retold` may change, alone or as a branch error (any other it gives
back as it is)."""
RETOLD = _RETOLD | _ALTERNATIVES
"""The kinds of error :func:`retold` may change, or one of their branch errors."""


def may_retell(failure: Any) -> bool:
    """Whether :func:`retold` may tell the error ``failure`` was read from (a
    :class:`~validator.checking.messages.Failure`) otherwise: it is, or has a branch error
    that is, of a kind it retells."""
    if failure.keyword in _RETOLD:
        return True
    for branch in failure.branches:  # loops, not any(): this runs for each anyOf/oneOf error
        for inner in branch:
            if inner.keyword in _RETOLD or (inner.branches and may_retell(inner)):
                return True
    return False


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

    __slots__ = ERROR_PARTS

    def __init__(self, error: Any, kind: _Kind, instance: Any, message: str) -> None:
        self.absolute_keyword_location = error.absolute_keyword_location
        self.evaluation_path, self.instance_path = error.evaluation_path, error.instance_path
        self.kind, self.instance, self.message = kind, instance, message


def retold(error: Any, document: Any) -> list[Any]:
    """``error`` (of jsonschema_rs, about ``document``) as the errors the reference reports
    (see the module's notes; branch errors of an ``anyOf``/``oneOf`` too); ``[error]`` for
    most."""
    kind = error.kind
    name = kind.name
    if name in _ALTERNATIVES:
        branches = [list(branch) for branch in kind.context]
        context = [[e for old in branch for e in retold(old, document)] for branch in branches]
        if all(map(_same, context, branches)):
            return [error]
        return [_Retold(error, _Kind(name, {}, context), error.instance, error.message)]
    if name == "propertyNames":
        return _of_the_name(error, document)
    if name != "falseSchema":
        return [error]
    path = error.evaluation_path
    if not path or not _keyword_last(path) or path[-1] not in _OF_MEMBERS:
        return [error]
    found = _at(document, error.instance_path)
    if not isinstance(found, dict) or not found:
        return [error]
    if path[-1] == "propertyNames":  # each name fails
        return [
            _Retold(error, _FALSE, key, f"False schema does not allow {json.dumps(key)}")
            for key in found
        ]
    names = list(found)
    shown = ", ".join(repr(name) for name in names)
    message = f"Additional properties are not allowed ({shown} "
    message += f"{'was' if len(names) == 1 else 'were'} unexpected)"
    return [_Retold(error, _Kind("additionalProperties", {"unexpected": names}), found, message)]


def _same(new: list[Any], old: list[Any]) -> bool:
    return len(new) == len(old) and all(a is b for a, b in zip(new, old, strict=True))


_OF_MEMBERS = frozenset({"additionalProperties", "propertyNames"})
"""The keywords whose ``false`` jsonschema_rs reports once for the object (see the module's
notes): a ``false`` schema anywhere else fails the value it applies to, at its place."""
_FALSE = _Kind("falseSchema", {})


def _of_the_name(error: Any, document: Any) -> list[Any]:
    """The error of a name that a ``propertyNames`` error holds (the shared validator's told
    as its entry point's own, as the error holding it is: see
    :mod:`validator.checking.fast_compile`)."""
    try:
        inner = error.kind.as_dict()["error"]
    except Exception:  # pragma: no cover - depends on the engine's version
        return [error]
    return retold(inner, document)


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
