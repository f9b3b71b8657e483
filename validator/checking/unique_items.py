"""The reference engine's ``uniqueItems``, in time linear in the array (jsonschema's is quadratic).

jsonschema (``_utils.uniq``) sorts the items when Python can order them, and otherwise compares
every pair: an array of 2,500 objects (50 KB) took 32 s with ``--engine reference`` and
``--cross-check``, 5,000 over a minute; the fast engine takes 0.3 s for 20,000.  Here each item
gets a key, equal exactly when jsonschema's ``_utils.equal`` says the items are equal, and the
keys go into a set:

* numbers by value (``1`` and ``1.0`` have one key: Python's ``==`` and ``hash`` agree on them,
  as on ``10**20`` and ``1e20``), ``true``/``false`` apart from ``1``/``0``, ``null``, strings;
* an array: the keys of its items, in order;
* an object: the set of its (name, key of the value) pairs, whatever the order of its members.

An item that cannot be keyed (a value no JSON document holds: the Python API may be given one)
sends the whole array to jsonschema's own check.  The error is jsonschema's, word for word.

One difference, on purpose: jsonschema's sorting path compares only neighbours, so when items
that Python orders as equal are not equal for JSON Schema (``[1]`` and ``[true]``) a repeat can
be missed: ``[[1], [true], [1]]`` passed it, where the specification and the fast engine say the
items repeat (the engines disagreed).  The keys find it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from jsonschema.exceptions import ValidationError

__all__ = ["key", "unique", "unique_items"]

_NUMBER, _BOOL, _NULL, _STRING, _ARRAY, _OBJECT = range(6)


def key(value: Any) -> Any:
    """The key of a JSON value: two values have equal keys exactly when jsonschema's
    ``_utils.equal`` says they are equal; a value of another type raises TypeError."""
    kind = type(value)
    if kind is str:
        return (_STRING, value)
    if kind is bool:
        return (_BOOL, value)
    if kind is int or kind is float:
        return (_NUMBER, value)
    if value is None:
        return (_NULL,)
    if kind is list or kind is tuple:
        return (_ARRAY, tuple(map(key, value)))
    if kind is dict:
        return (_OBJECT, frozenset((name, key(item)) for name, item in value.items()))
    raise TypeError(kind.__name__)


def unique(items: list[Any]) -> bool:
    """Whether the items of an array are unique (jsonschema's ``_utils.uniq`` where a value
    cannot be keyed)."""
    try:
        keys = set()
        for item in items:
            keyed = key(item)
            if keyed in keys:
                return False
            keys.add(keyed)
        return True
    except (TypeError, RecursionError):
        from jsonschema._utils import uniq

        return bool(uniq(items))


def unique_items(validator: Any, wanted: Any, instance: Any, schema: Any) -> Iterator[Any]:
    """The ``uniqueItems`` keyword, as jsonschema's with its message."""
    if wanted and validator.is_type(instance, "array") and not unique(instance):
        yield ValidationError(f"{instance!r} has non-unique elements")
