"""The verdicts of a block of documents at once: the fast engine's screen, and the warnings'.

A document with an undeclared property takes the careful path (see
:mod:`validator.checking.undeclared`). Asking
:meth:`~validator.checking.undeclared.Undeclared.quiet` of each document is a Python walk per
document, as costly as the verdict itself; here one set union per schema location answers for the
whole block (every object's keys declared there), and only a block where that fails asks each
document.  The answer is never weaker than asking each one: it gives up (asks each document)
wherever it would have to look below arrays or at members not declared by name.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import repeat
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from validator.checking.undeclared import Node, Undeclared

__all__ = ["verdicts"]


def verdicts(
    docs: list[Any], screen: Callable[[Any], bool], warnings: Undeclared | None
) -> list[bool]:
    """``screen`` (the fast engine's) of each document, and with ``warnings``, ``False`` for a
    document that has an undeclared property (as ``warnings.screen(screen)`` would say)."""
    found = list(map(screen, docs))
    if warnings is None:
        return found
    try:
        if _all_quiet(warnings.root, docs):
            return found
    except RecursionError:  # documents deeper than Python's stack: ask each one
        pass
    quiet = warnings.quiet
    return [ok and quiet(doc) for ok, doc in zip(found, docs, strict=True)]


_DICTS = {dict}
_BRANCHES = {dict, list}


def _all_quiet(node: Node, values: list[Any]) -> bool:
    """True only if no value (at ``node``'s location) has an undeclared property below it.
    (Each step is one builtin over the whole list: no Python loop over the documents.)"""
    if node.open:  # members not declared by name may have schemas: ask each document
        return False
    kinds = set(map(type, values))
    if kinds == _DICTS:
        dicts = values
    else:
        if node.deep and list in kinds:
            return False  # arrays below which a warning may be: ask each document
        dicts = [value for value in values if type(value) is dict]
    if node.warn and dicts and not node.declared.issuperset(set().union(*dicts)):
        return False
    for key, child in node.live().items():
        below = list(map(dict.get, dicts, repeat(key)))
        kinds = set(map(type, below))
        if kinds.isdisjoint(_BRANCHES):
            continue
        if not kinds <= _BRANCHES:
            below = [value for value in below if type(value) is dict or type(value) is list]
        if not _all_quiet(child, below):
            return False
    return True
