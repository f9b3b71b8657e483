"""Which schemas of a location may give one of its object's members a schema: an index made once
per location of :mod:`validator.checking.undeclared`.

A location's schemas (its :class:`~validator.checking.undeclared.Node`'s members) may be thousands
(a ``oneOf`` of a thousand variants, each ``allOf`` a shared base), and a document's object there
may have as many names: looking through every member for every name (``properties``,
``patternProperties``, ``additionalProperties``, ``unevaluatedProperties``) took seconds.  The
index holds, for each name, the members whose ``properties`` declare it, and the members that may
give any name a schema; :meth:`MemberIndex.relevant` gives those of one name, in member order (a
location of a few members is looked through instead: most are).  :func:`declared_names`: the names
the members declare, in order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from validator.contracts.dialects import LEGACY, METASCHEMA_URIS

__all__ = ["MemberIndex", "declared_names", "newer_by_base"]

_ANY_NAME = frozenset({"patternProperties", "additionalProperties", "unevaluatedProperties"})
"""Keywords that may give a member a schema without naming it."""
_FEW = 8
"""Members looked through name by name, without an index (most locations have a handful: an
index of each one's names would hold more than the walk it saves)."""


class MemberIndex:
    """The members (``(schema, base URI)``) that may give each name a schema."""

    __slots__ = ("_by_name", "_members", "_others")

    def __init__(self, members: Sequence[tuple[Any, str]]) -> None:
        self._members = members
        self._by_name: dict[str, list[int]] | None = None  # None: few members, looked through
        self._others: list[int] = []  # members that may give any name a schema
        if len(members) <= _FEW:
            return
        self._by_name = {}
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
        if self._by_name is None:
            return [member for member in self._members if _may_give(member[0], name)]
        numbers = self._by_name.get(name, [])
        if self._others:
            numbers = sorted({*numbers, *self._others})
        return [self._members[number] for number in numbers]


def _may_give(schema: Any, name: str) -> bool:
    """Whether a member may give member ``name`` a schema (what the index says of it)."""
    if not _ANY_NAME.isdisjoint(schema):
        return True
    properties = schema.get("properties")
    return isinstance(properties, dict) and name in properties


def declared_names(
    members: Sequence[tuple[Any, str]], newer: Callable[[str], bool] = lambda base: True
) -> dict[str, None]:
    """The names the members declare, in declaration order: ``properties`` and ``required``;
    read in 2019-09 or later (``newer(base)``), the keys of ``dependentRequired`` and the names
    they require and the keys of ``dependentSchemas``; in an older dialect, those of
    ``dependencies`` (the names of its array form, or draft 3's string, too).  A keyword of
    another dialect declares nothing (it is no keyword there)."""
    declared: dict[str, None] = {}
    for schema, base in members:
        properties = schema.get("properties")
        if isinstance(properties, dict):
            declared.update(dict.fromkeys(k for k in properties if isinstance(k, str)))
        required = schema.get("required")
        if isinstance(required, list):
            declared.update(dict.fromkeys(k for k in required if isinstance(k, str)))
        if _DEPENDENT.isdisjoint(schema):
            continue
        for key in ("dependentRequired", "dependentSchemas") if newer(base) else ("dependencies",):
            names = schema.get(key)
            if not isinstance(names, dict):
                continue
            declared.update(dict.fromkeys(k for k in names if isinstance(k, str)))
            for needed in names.values() if key != "dependentSchemas" else ():
                needed = [needed] if isinstance(needed, str) and key == "dependencies" else needed
                if isinstance(needed, list):  # what each requires
                    declared.update(dict.fromkeys(k for k in needed if isinstance(k, str)))
    return declared


_DEPENDENT = frozenset({"dependentRequired", "dependentSchemas", "dependencies"})


_OLDER = frozenset(METASCHEMA_URIS[name].rstrip("#") for name in LEGACY)


def newer_by_base(resource_at: Callable[[str], Any], root: Any) -> Callable[[str], bool]:
    """Whether the schema objects under a base URI are read in 2019-09 or later: as the
    ``$schema`` of the resource at that URI (``resource_at``) says, else the root's (2020-12
    without one)."""
    default = _newer(root, True)
    known: dict[str, bool] = {}

    def newer(base: str) -> bool:
        found = known.get(base)
        if found is None:
            found = known[base] = _newer(resource_at(base), default)
        return found

    return newer


def _newer(contents: Any, default: bool) -> bool:
    declared = contents.get("$schema") if isinstance(contents, dict) else None
    return default if not isinstance(declared, str) else declared.rstrip("#") not in _OLDER
