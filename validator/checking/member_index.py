"""Which schemas of a location may give one of its object's members a schema: an index made once
per location of :mod:`validator.checking.undeclared`.

A location's schemas (its :class:`~validator.checking.undeclared.Node`'s members) may be thousands
(a ``oneOf`` of a thousand variants, each ``allOf`` a shared base), and a document's object there
may have as many names: looking through every member for every name (``properties``,
``patternProperties``, ``additionalProperties``, ``unevaluatedProperties``) took seconds.  The
index holds, for each name, the members whose ``properties`` declare it, and the members that may
give any name a schema; :meth:`MemberIndex.relevant` gives those of one name, in member order.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = ["MemberIndex"]

_ANY_NAME = frozenset({"patternProperties", "additionalProperties", "unevaluatedProperties"})
"""Keywords that may give a member a schema without naming it."""


class MemberIndex:
    """The members (``(schema, base URI)``) that may give each name a schema."""

    __slots__ = ("_by_name", "_members", "_others")

    def __init__(self, members: Sequence[tuple[Any, str]]) -> None:
        self._members = members
        self._by_name: dict[str, list[int]] = {}
        self._others: list[int] = []  # members that may give any name a schema
        for number, (schema, _) in enumerate(members):
            if not _ANY_NAME.isdisjoint(schema):
                self._others.append(number)
                continue
            properties = schema.get("properties")
            if isinstance(properties, dict):
                for name in properties:
                    self._by_name.setdefault(name, []).append(number)

    def relevant(self, name: str) -> list[tuple[Any, str]]:
        """The members that may give member ``name`` a schema, in their order."""
        numbers = self._by_name.get(name, [])
        if self._others:
            numbers = sorted({*numbers, *self._others})
        return [self._members[number] for number in numbers]
