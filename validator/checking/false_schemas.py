"""The reference engine's errors of a ``false`` subschema, placed where the fast engine places
them.

jsonschema's ``descend`` yields the error of a ``false`` subschema without the path and schema
path it was given (``{"properties": {"a": false}}`` fails at ``/``, keyword ``/properties``, not
at ``/a``, keyword ``/properties/a``), and its 2020-12 ``items: false`` after ``prefixItems`` is one
error for all the items left over, where every other ``false`` subschema is an error per value
it is applied to.  :func:`placed` gives a validator class of :mod:`validator.checking.reference`
a ``descend`` that keeps them, and :func:`false_items` an ``items`` whose ``false`` descends
into each item left over: the fast engine's records (jsonschema_rs's), one verdict as before.
The error itself is jsonschema's (its ``validator`` None: :mod:`validator.checking.convert`
words it as the fast engine's ``falseSchema``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from jsonschema.exceptions import ValidationError

__all__ = ["false_items", "placed"]


def placed(cls: Any) -> Any:
    """``cls`` (a validator class made by ``validators.extend``, not one of jsonschema's own)
    with its ``false`` subschemas' errors placed (see the module's notes); ``cls`` itself.  Its
    ``items``, where it has ``prefixItems``, is to be :func:`false_items`."""
    descend = cls.descend

    def placed_descend(
        self: Any,
        instance: Any,
        schema: Any,
        path: Any = None,
        schema_path: Any = None,
        resolver: Any = None,
    ) -> Iterator[ValidationError]:
        if schema is False:
            return _false(instance, path, schema_path)
        return descend(self, instance, schema, path, schema_path, resolver)  # type: ignore[no-any-return]

    cls.descend = placed_descend
    return cls


def _false(instance: Any, path: Any, schema_path: Any) -> Iterator[ValidationError]:
    error = ValidationError(
        f"False schema does not allow {instance!r}",
        validator=None,  # type: ignore[arg-type]  # as jsonschema's own
        validator_value=None,
        instance=instance,
        schema=False,
    )
    if schema_path is not None:
        error.schema_path.appendleft(schema_path)
    if path is not None:
        error.path.appendleft(path)
    yield error


Keyword = Callable[[Any, Any, Any, Any], Iterator[ValidationError]]


def false_items(items: Keyword) -> Keyword:
    """2020-12's ``items`` keyword (``items``, jsonschema's), its ``false`` an error for each
    item after ``prefixItems``."""

    def each(validator: Any, value: Any, instance: Any, schema: Any) -> Iterator[ValidationError]:
        if value is not False or not validator.is_type(instance, "array"):
            yield from items(validator, value, instance, schema) or ()
            return
        for index in range(len(schema.get("prefixItems", [])), len(instance)):
            yield from validator.descend(instance[index], False, path=index)

    return each
