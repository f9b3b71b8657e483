"""A schema given by content that JSON cannot hold (an object key that is not a string, a float
that is NaN or infinite) is a ``SchemaProblem`` naming where, in every call that takes it, never
a traceback from deep inside (issue 21 audit, G4)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

import validator
from validator.checking import compiled as cache
from validator.problems import NotASchema

NAN, INF = float("nan"), float("inf")


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    cache.forget()
    yield
    cache.forget()


CALLS: dict[str, Callable[[Any], Any]] = {
    "load_schema": validator.load_schema,
    "is_valid": lambda schema: validator.is_valid("a", schema),
    "validate": lambda schema: validator.validate("a", schema),
    "validate_bytes": lambda schema: validator.validate_bytes(b'"a"', schema),
    "validate_lines": lambda schema: list(validator.validate_lines([b'"a"'], schema)),
}


@pytest.mark.parametrize("call", list(CALLS))
@pytest.mark.parametrize(
    ("schema", "message"),
    [
        (
            {"properties": {1: {"type": "string"}}},
            "schema: the key 1 at /properties is not a string (JSON object keys are strings)",
        ),
        (
            {"$defs": {"a/b": {"x": {(1, 2): {}}}}},
            "schema: the key (1, 2) at /$defs/a~1b/x is not a string (JSON object keys are "
            "strings)",
        ),
        (
            {"maximum": NAN},
            "schema: nan at /maximum is not a JSON number (JSON has no NaN or infinity)",
        ),
        (
            {"enum": ["a", INF]},
            "schema: inf at /enum/1 is not a JSON number (JSON has no NaN or infinity)",
        ),
        (
            {"properties": {"a": {"const": -INF}}},
            "schema: -inf at /properties/a/const is not a JSON number (JSON has no NaN or "
            "infinity)",
        ),
    ],
)
def test_a_schema_json_cannot_hold_is_a_schema_problem(
    schema: Any, message: str, call: str
) -> None:
    with pytest.raises(validator.SchemaProblem) as raised:
        CALLS[call](schema)
    assert isinstance(raised.value, NotASchema)
    assert str(raised.value) == message


def test_a_refused_schema_is_never_kept() -> None:
    for _ in range(2):
        with pytest.raises(NotASchema):
            validator.is_valid(1, {"maximum": NAN})
    assert not cache.COMPILED


@pytest.mark.parametrize("bad", [NAN, INF, -INF])
def test_a_schema_whose_text_is_a_kept_ones_is_refused_all_the_same(bad: float) -> None:
    """orjson writes NaN and the infinities as null: the cache key of {"const": nan} is that of
    {"const": null}, kept from an earlier call."""
    kept = {"properties": {"a": {"const": None}}, "default": None}
    assert validator.is_valid({"a": None}, kept)
    with pytest.raises(NotASchema, match="at /properties/a/const is not a JSON number"):
        validator.is_valid({"a": None}, {"properties": {"a": {"const": bad}}, "default": None})
    assert validator.is_valid({"a": None}, kept)  # still kept, still judged
