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
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from validator.checking.undeclared import Node, Undeclared

__all__ = ["spots"]

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
