"""The strongly connected components of a growing walk's new states
(:func:`validator.contracts.reach.components`), against reachability worked out by brute force
on random graphs."""

from __future__ import annotations

import random

import pytest

from validator.contracts.reach import components


def _reach(graph: dict[int, list[int]], start: int, stop: int) -> dict[int, set[int]]:
    """Every state from ``start`` to ``stop`` reaches, through such states alone."""
    found: dict[int, set[int]] = {}
    for first in range(start, stop):
        seen, todo = {first}, [first]
        while todo:
            for target in graph.get(todo.pop(), []):
                if start <= target < stop and target not in seen:
                    seen.add(target)
                    todo.append(target)
        found[first] = seen
    return found


@pytest.mark.parametrize("seed", range(40))
def test_components_are_the_mutually_reachable_states_each_after_those_it_leads_to(
    seed: int,
) -> None:
    rng = random.Random(seed)
    start, size = rng.randint(0, 6), rng.randint(1, 60)
    stop = start + size
    graph = {s: [rng.randrange(stop) for _ in range(rng.randint(0, 3))] for s in range(stop)}
    found = components(lambda s: graph.get(s, []), start, stop)
    reach = _reach(graph, start, stop)
    assert sorted(s for c in found for s in c) == list(range(start, stop))  # each state once
    where = {s: i for i, c in enumerate(found) for s in c}
    for a in range(start, stop):
        for b in range(start, stop):
            together = b in reach[a] and a in reach[b]
            assert (where[a] == where[b]) == together
            if b in reach[a] and not together:
                assert where[b] < where[a]  # a component after every one it leads to
