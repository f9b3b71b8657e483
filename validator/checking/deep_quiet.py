""":meth:`~validator.checking.undeclared.Undeclared.quiet` for a document deeper than Python's
stack: the same answer, from a loop over a stack of its own instead of the nodes' recursive
:attr:`~validator.checking.undeclared.Node.fits`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from validator.checking.undeclared import Node

__all__ = ["quiet_loop"]


def quiet_loop(root: Node, document: Any) -> bool:
    """Whether ``document`` has no undeclared property below ``root``'s location."""
    todo: list[tuple[Node, Any]] = [(root, document)]
    pop, push = todo.pop, todo.append
    while todo:
        node, value = pop()
        kind = type(value)
        if kind is dict:
            if (
                node.warn
                and not node.declared.issuperset(value)
                and any(node.undeclared(k) for k in value)
            ):
                return False
            for key, sub in value.items():
                kind = type(sub)
                if (kind is dict or kind is list) and (node.open or key in node.declared):
                    child = node.child(key)
                    if node.open or child.deep or child.warn:
                        push((child, sub))
        elif kind is list and node.deep:
            for index, sub in enumerate(value):
                kind = type(sub)
                if kind is dict or kind is list:
                    push((node.item(index), sub))
    return True
