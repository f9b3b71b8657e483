"""The reference engine's linear ``uniqueItems`` (validator.checking.unique_items) judges arrays
as jsonschema's own equality does: random arrays of nested objects and arrays, with 1 / 1.0 /
true / 0 / false / null, objects written in different key orders."""

from __future__ import annotations

import itertools
import random
from typing import Any

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema._utils import equal, uniq

from validator.checking.unique_items import unique

SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = st.sampled_from(
    [0, 1, 1.0, 0.0, -0.0, True, False, None, "1", "a", "", 2, 2.5, 10**20, 1e20]
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(["a", "b", "c"]), inner, max_size=3)
    ),
    max_leaves=8,
)


def _reordered(value: Any, rng: random.Random) -> Any:
    """The same value with every object's members in another order."""
    if isinstance(value, dict):
        names = list(value)
        rng.shuffle(names)
        return {name: _reordered(value[name], rng) for name in names}
    if isinstance(value, list):
        return [_reordered(item, rng) for item in value]
    return value


def _pairwise(items: list[Any]) -> bool:
    """Unique by jsonschema's own equality, pair by pair (its definition, without its sort)."""
    return not any(equal(a, b) for a, b in itertools.combinations(items, 2))


@SETTINGS
@given(st.lists(values, max_size=8), st.randoms(use_true_random=False))
def test_the_verdict_is_jsonschemas(items: list[Any], rng: random.Random) -> None:
    if items and rng.random() < 0.5:  # a copy of an item, its members in another order
        items = [*items, _reordered(rng.choice(items), rng)]
    expected = _pairwise(items)
    assert unique(items) is expected
    if bool(uniq(items)) is not expected:  # jsonschema's sort compares only neighbours
        assert expected is False
    validator = jsonschema.Draft202012Validator({"uniqueItems": True})
    assert validator.is_valid(items) is bool(uniq(items))  # what the reference did before


def test_the_known_cases() -> None:
    assert unique([1, True]) and unique([0, False]) and unique([None, 0, False, ""])
    assert not unique([1, 1.0]) and not unique([10**20, 1e20]) and not unique([0.0, -0.0])
    assert not unique([{"a": 1, "b": [1.0]}, {"b": [1], "a": 1.0}])
    assert unique([{"a": 1}, {"a": True}]) and unique([[1], [True]])
    assert not unique([[1], [True], [1]])  # jsonschema's sort missed it (the fast engine did not)
    assert not uniq([[1], [1]]) and uniq([[1], [True], [1]])


def test_a_value_it_cannot_key_is_left_to_jsonschema() -> None:
    assert unique([{1, 2}, (3,)]) is bool(uniq([{1, 2}, (3,)]))
    assert not unique([b"x", b"x"])
