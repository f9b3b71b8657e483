"""The undeclared members of a document known to have some, found quickly.

:meth:`~validator.checking.undeclared.Undeclared.find` walks a document with a stack of paths and
gives its members in a set order (the order of the warnings of a value with no text); a document
of a JSON Lines run that failed the "valid and quiet" screen needs them only to be placed in its
text, where their order is the text's.  :func:`spots` walks it as
:meth:`~validator.checking.undeclared.Undeclared.quiet` does, with one closure per schema location
(made once, like :attr:`~validator.checking.undeclared.Node.fits`) that looks only below the
declared members that may hold one (every member where names not declared may have schemas), and
builds a pointer only for the objects it descends into.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import repeat
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from validator.checking.undeclared import Node, Undeclared

__all__ = ["lone_spots", "spots"]

_Found = list[tuple[str, str]]
_Collect = Callable[[Any, str, _Found], None]


def spots(finder: Undeclared, document: Any) -> _Found | None:
    """``(pointer of the object, key)`` of each undeclared member of ``document``, in no set
    order (:meth:`~validator.checking.undeclared.Undeclared.find`'s members); None for a
    document deeper than Python's stack."""
    found: _Found = []
    try:
        _collector(finder.root)(document, "", found)
    except RecursionError:
        return None
    return found


def _collector(node: Node) -> _Collect:
    collect: _Collect | None = node.collect
    if collect is None:
        collect = node.collect = _compile(node)
    return collect


def _escaped(key: str) -> str:
    """A key as a JSON Pointer token."""
    return key.replace("~", "~0").replace("/", "~1")


def _compile(node: Node) -> _Collect:
    """The walk of one location, specialised to it (a closure over its names and members)."""
    declared, superset = node.declared, node.declared.issuperset
    undeclared = node.undeclared if node.patterns else None
    warn, deep, spread = node.warn, node.deep, node.open
    live = tuple((key, _escaped(key), below) for key, below in node.live().items())
    child, item = node.child, node.item

    def collect(value: Any, pointer: str, out: _Found) -> None:
        kind = type(value)
        if kind is dict:
            if warn and not superset(value):
                extra = value.keys() - declared  # in no set order: the text orders them
                if undeclared is None:
                    out.extend((pointer, k) for k in extra)
                else:
                    out.extend((pointer, k) for k in extra if undeclared(k))
            if spread:  # names not declared may have schemas: every member
                for key, sub in value.items():
                    kind = type(sub)
                    if kind is dict or kind is list:
                        below = child(key)
                        if below.deep or below.warn:
                            _collector(below)(sub, f"{pointer}/{_escaped(key)}", out)
                return
            for key, escaped, below in live:
                sub = value.get(key)
                if sub is not None:
                    kind = type(sub)
                    if kind is dict or kind is list:
                        (below.collect or _collector(below))(sub, f"{pointer}/{escaped}", out)
        elif kind is list and deep:
            for index, sub in enumerate(value):
                kind = type(sub)
                if kind is dict or kind is list:
                    below = item(index)
                    if below.deep or below.warn:
                        _collector(below)(sub, f"{pointer}/{index}", out)

    return collect


_DICT = {dict}
_BRANCHES = {dict, list}


def lone_spots(finder: Undeclared, documents: list[Any]) -> dict[tuple[str, str], list[int]] | None:
    """Of the documents with exactly one undeclared member, that member: ``(pointer of the
    object, key)`` -> the indexes of the documents whose one undeclared member it is, in order
    (what :func:`spots` finds of each alone, with one builtin per schema location over all the
    documents instead of a Python call per object); None where each document must be walked
    alone (a location whose members are not declared by name, or arrays below which an
    undeclared member may be, or documents deeper than Python's stack)."""
    counts = [0] * len(documents)
    found: dict[tuple[str, str], list[int]] = {}
    try:
        if not _walk(finder.root, documents, list(range(len(documents))), "", counts, found):
            return None
    except RecursionError:
        return None
    return {
        member: lone for member, at in found.items() if (lone := [i for i in at if counts[i] == 1])
    }


def _walk(
    node: Node,
    values: list[Any],
    indexes: list[int],
    pointer: str,
    counts: list[int],
    found: dict[tuple[str, str], list[int]],
) -> bool:
    """The undeclared members of ``values`` (the values at one location, ``pointer``, of the
    documents ``indexes``) and below, into ``found`` and ``counts``; False where :func:`spots`
    must walk each document (see :func:`lone_spots`)."""
    if node.open:
        return False
    kinds = set(map(type, values))
    if kinds != _DICT:  # only objects have members; arrays are walked where they may warn
        if list in kinds and node.deep and _items_may_warn(node):
            return False
        kept = [k for k, value in enumerate(values) if type(value) is dict]
        values, indexes = [values[k] for k in kept], [indexes[k] for k in kept]
    if node.warn:
        declared = node.declared
        quiet = list(map(declared.issuperset, values))
        for k in [k for k, ok in enumerate(quiet) if not ok]:
            extra = values[k].keys() - declared  # (no patterns: the node is not open)
            counts[indexes[k]] += len(extra)
            for key in extra:
                found.setdefault((pointer, key), []).append(indexes[k])
    for key, below in node.live().items():
        subs = list(map(dict.get, values, repeat(key)))
        if set(map(type, subs)).isdisjoint(_BRANCHES):
            continue
        if not _walk(below, subs, indexes, f"{pointer}/{_escaped(key)}", counts, found):
            return False
    return True


def _items_may_warn(node: Node) -> bool:
    """Whether an undeclared member may be below an array's items at ``node``."""
    items = (node.item(index) for index in range(node.prefix + 1))
    return any(item.deep or item.warn for item in items)
