"""The closed screen (validator.checking.closed_schema): whatever it accepts is valid and has no
undeclared property, for schemas of every shape it takes; schemas it cannot promise that for get
none."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from validator.checking.closed_schema import closed_screen
from validator.checking.engine import compile_schema
from validator.checking.property_warnings import for_engine
from validator.contracts.catalog import Schema, load_schema

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DIALECT = "https://json-schema.org/draft/2020-12/schema"

NESTED = {
    "$schema": DIALECT,
    "type": "object",
    "required": ["id"],
    "properties": {
        "id": {"type": "integer"},
        "tags": {"type": "array", "items": {"$ref": "#/$defs/tag"}},
        "pair": {"prefixItems": [{"$ref": "#/$defs/tag"}, {"type": "object"}]},
        "meta": {"allOf": [{"$ref": "#/$defs/meta"}, {"properties": {"b": {}}}]},
    },
    "$defs": {
        "tag": {"type": "object", "properties": {"name": {"type": "string"}}},
        "meta": {"type": "object", "properties": {"a": {}}, "required": ["a", "c"]},
    },
}
DRAFT7 = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "definitions": {"inner": {"properties": {"x": {"type": "number"}, "y": {}}}},
    "properties": {"inner": {"$ref": "#/definitions/inner"}, "n": {"minimum": 0}},
}
CONDITIONAL = {"$schema": DIALECT, "properties": {"a": {}}, "anyOf": [{"required": ["a"]}, {}]}
PATTERNED = {"$schema": DIALECT, "properties": {"a": {}}, "patternProperties": {"^x": {}}}
OPEN = {"$schema": DIALECT, "properties": {"a": {}}, "additionalProperties": {"type": "object"}}

KEYS = [
    "id",
    "tags",
    "pair",
    "meta",
    "name",
    "a",
    "b",
    "c",
    "x",
    "y",
    "inner",
    "n",
    "zz",
    "request_id",
]
values = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.sampled_from(["s", "pending"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(KEYS), inner),
    max_leaves=12,
)


def _engine(contents: dict[str, Any]) -> Any:
    uri = "https://example.invalid/closed.json"
    return compile_schema(Schema(name="t", uri=uri, contents=contents, resources={uri: contents}))


ENGINES = {
    "bundled": compile_schema(load_schema()),
    "nested": _engine(NESTED),
    "draft7": _engine(DRAFT7),
}


@pytest.mark.parametrize("contents", [CONDITIONAL, PATTERNED, OPEN])
def test_a_schema_it_cannot_promise_for_gets_no_screen(contents: dict[str, Any]) -> None:
    engine = _engine(contents)
    assert closed_screen(engine, for_engine(engine)) is None


def test_the_bundled_schema_gets_one_that_tells_an_undeclared_key_anywhere() -> None:
    engine = ENGINES["bundled"]
    screen = closed_screen(engine, for_engine(engine))
    assert screen is not None
    good = {
        "request_id": "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b",
        "status": "pending",
        "payload": {
            "casefile_id": "c",
            "session_id": "s",
            "session_type": "t",
            "total_sessions": 1,
        },
    }
    assert screen(good)
    assert not screen({**good, "extra": 1})
    assert not screen({**good, "payload": {**good["payload"], "sesion_type": "t"}})
    assert not screen({**good, "status": "nope"})


TOPS = {
    "bundled": ["request_id", "status", "payload", "timestamp", "error", "metadata"],
    "nested": ["tags", "pair", "meta"],
    "draft7": ["inner", "n"],
}
"""The members each schema declares at the top: documents are made of mostly those, so that many
are valid and the undeclared members are below."""


def documents(name: str) -> st.SearchStrategy[Any]:
    return values | st.fixed_dictionaries(
        {"id": st.integers(0, 3)}, optional={key: values for key in TOPS[name]}
    )


@pytest.mark.parametrize("name", sorted(ENGINES))
@SETTINGS
@given(data=st.data())
def test_what_it_accepts_is_valid_and_quiet(name: str, data: st.DataObject) -> None:
    document = data.draw(documents(name))
    engine = ENGINES[name]
    finder = for_engine(engine)
    screen = closed_screen(engine, finder)
    assert screen is not None
    if screen(document):
        assert engine.is_valid(document)
        assert finder.find(document) == []
