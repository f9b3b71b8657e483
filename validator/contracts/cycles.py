"""Cycles in the graphs of :class:`validator.contracts.references._Walk` (states and labelled
edges)."""

from __future__ import annotations

__all__ = ["cycle_from", "find_cycle"]


def find_cycle(edges: dict[int, list[tuple[int, str]]], starts: list[int]) -> list[str]:
    """The labels along one cycle reachable from one of ``starts``, or []."""
    state: dict[int, int] = {}  # 1: on the current path, 2: done
    for start in starts:
        if start not in state:
            cycle = cycle_from(edges, start, state)
            if cycle:
                return cycle
    return []


def cycle_from(
    edges: dict[int, list[tuple[int, str]]], start: int, state: dict[int, int]
) -> list[str]:
    state[start] = 1
    path: list[tuple[int, str]] = [(start, "")]
    stack = [iter(edges.get(start, []))]
    while stack:
        step = next(stack[-1], None)
        if step is None:
            state[path.pop()[0]] = 2
            stack.pop()
            continue
        node, label = step
        if state.get(node) == 1:
            at = next(i for i, (n, _) in enumerate(path) if n == node)
            return [lab for _, lab in path[at + 1 :]] + [label]
        if node in state:
            continue
        state[node] = 1
        path.append((node, label))
        stack.append(iter(edges.get(node, [])))
    return []
