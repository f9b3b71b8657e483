"""What evaluation may reach from each state of a growing ``$ref`` walk, summed up once per state
(:mod:`validator.contracts.shared_walk`): the largest expansion among the states it reaches, and
whether it reaches a cycle applied in place (a cycle of ``walk.possible``).  States are added to
the walk, never changed, and an old state never leads to a new one, so each growth sums up only
the new states, by the strongly connected components of the graph (Tarjan's algorithm)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

__all__ = ["Reach", "components"]


def components(edges: Callable[[int], Iterable[int]], start: int, stop: int) -> list[list[int]]:
    """The strongly connected components of the states ``start`` to ``stop`` (edges to a state
    before ``start`` are left out), each after every component it leads to."""
    index: dict[int, int] = {}
    low: dict[int, int] = {}
    stack: list[int] = []
    on_stack: set[int] = set()
    found: list[list[int]] = []
    for first in range(start, stop):
        if first in index:
            continue
        index[first] = low[first] = len(index)
        stack.append(first)
        on_stack.add(first)
        work = [(first, iter(edges(first)))]
        while work:
            state, targets = work[-1]
            for target in targets:
                if target < start:
                    continue
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(edges(target))))
                    break
                if target in on_stack:
                    low[state] = min(low[state], index[target])
            else:
                work.pop()
                if work:
                    above = work[-1][0]
                    low[above] = min(low[above], low[state])
                if low[state] == index[state]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == state:
                            break
                    found.append(component)
    return found


class Reach:
    """Per state of a walk: the largest expansion (``sizes``) it reaches, and whether it
    reaches a state on a cycle applied in place."""

    def __init__(self) -> None:
        self.biggest: list[int] = []
        self.loops: list[bool] = []

    def grow(self, walk: Any, sizes: list[int]) -> None:
        """Sum up the states the walk gained since the last growth."""
        start, stop = len(self.biggest), len(walk.states)
        if start == stop:
            return
        possible = walk.possible

        def in_place(state: int) -> list[int]:
            return [target for target, _ in possible.get(state, ())]

        cyclic = set()
        for component in components(in_place, start, stop):
            if len(component) > 1 or component[0] in in_place(component[0]):
                cyclic.update(component)
        self.biggest.extend([0] * (stop - start))
        self.loops.extend([False] * (stop - start))
        steps = walk.steps
        for component in components(lambda s: steps.get(s, ()), start, stop):
            members = set(component)
            biggest = max(sizes[m] for m in component)
            loops = not cyclic.isdisjoint(members)
            for member in component:
                for target in steps.get(member, ()):
                    if target not in members:
                        biggest = max(biggest, self.biggest[target])
                        loops = loops or self.loops[target]
            for member in component:
                self.biggest[member], self.loops[member] = biggest, loops
