"""A schema given by content (a dict, a boolean, a loaded ``Schema``) is compiled once while it
stays the same, never judged by a stale compile; ``load_schema`` takes a dict."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from unittest import mock

import pytest

import validator
from validator import api
from validator.checking import compiled as cache
from validator.contracts.catalog import Schema
from validator.problems import NotASchema

SCHEMA = {"type": "object", "properties": {"n": {"type": "integer", "maximum": 3}}}


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    cache.forget()
    yield
    cache.forget()


def _counting() -> Any:
    """compile_schema, counted."""
    return mock.patch.object(cache, "compile_schema", side_effect=cache.compile_schema)


def test_a_dict_is_compiled_once_while_it_stays_the_same() -> None:
    schema = json.loads(json.dumps(SCHEMA))
    with _counting() as compiled:
        for _ in range(50):
            assert validator.is_valid({"n": 2}, schema)
            assert not validator.validate({"n": 5}, schema).valid
        assert compiled.call_count == 1
        assert validator.is_valid({"n": 2}, json.loads(json.dumps(SCHEMA)))  # equal: the same
        assert compiled.call_count == 1


def test_a_dict_changed_in_place_between_calls_changes_the_verdict() -> None:
    schema: dict[str, Any] = json.loads(json.dumps(SCHEMA))
    assert validator.is_valid({"n": 3}, schema)
    schema["properties"]["n"]["maximum"] = 2  # deep inside, in place
    assert not validator.is_valid({"n": 3}, schema)
    report = validator.validate({"n": 3}, schema)
    assert [e.message for e in report.errors] == ["3 is greater than the maximum of 2"]
    schema["properties"]["n"]["maximum"] = 3
    assert validator.is_valid({"n": 3}, schema)
    schema["properties"]["n"]["type"] = "string"
    assert not validator.is_valid({"n": 3}, schema)


def test_one_true_and_one_point_zero_are_different_schemas() -> None:
    # Python's == says 1 == 1.0 == True; the JSON text (the key) does not.
    assert validator.is_valid(1, {"const": 1})
    assert not validator.is_valid(1, {"const": True})
    assert validator.is_valid(True, {"const": True})
    assert not validator.is_valid(True, {"const": 1})
    assert validator.is_valid(1, {"enum": [1.0]})
    assert validator.is_valid([1], {"const": [1]}) and not validator.is_valid([1], {"const": [2]})


def test_key_order_and_boolean_schemas() -> None:
    assert not validator.is_valid(1, False)
    assert validator.is_valid(1, True)
    first = {"required": ["a"], "type": "object"}
    second = {"type": "object", "required": ["a"]}
    assert not validator.is_valid({}, first) and not validator.is_valid({}, second)


def test_a_loaded_schema_is_compiled_once_and_its_changes_count() -> None:
    loaded = validator.load_schema(json.loads(json.dumps(SCHEMA)))
    with _counting() as compiled:
        for _ in range(20):
            assert validator.is_valid({"n": 3}, loaded)
        assert compiled.call_count == 1
        loaded.contents["properties"]["n"]["maximum"] = 1
        assert not validator.is_valid({"n": 3}, loaded)
        assert compiled.call_count == 2
    by_path = validator.load_schema()  # the bundled one
    with _counting() as compiled:
        validator.is_valid({}, by_path)
        validator.is_valid({}, by_path)
        assert compiled.call_count == 1


def test_the_engine_never_sees_the_callers_later_changes() -> None:
    schema: dict[str, Any] = json.loads(json.dumps(SCHEMA))
    engine = api._engine(schema)
    schema["properties"]["n"]["maximum"] = 0
    assert engine.schema.contents["properties"]["n"]["maximum"] == 3


def test_the_cache_is_bounded() -> None:
    for limit in range(cache.MOST_COMPILED * 2):
        assert validator.is_valid(limit, {"maximum": limit})
        assert len(cache.COMPILED) <= cache.MOST_COMPILED
    assert len(cache.COMPILED) == cache.MOST_COMPILED
    # the most recently used stay
    assert validator.is_valid(5, {"maximum": cache.MOST_COMPILED * 2 - 1})
    assert len(cache.COMPILED) == cache.MOST_COMPILED


def test_a_huge_schema_is_not_kept() -> None:
    huge = {"enum": ["x" * 1000 + str(k) for k in range(1100)]}  # 1.1 MB of JSON text
    assert validator.is_valid("x" * 1000 + "7", huge)
    assert not validator.is_valid("y", huge)
    assert not cache.COMPILED
    medium = [{"enum": [f"{k}" + "x" * 100_000 for k in range(k, k + 4)]} for k in range(30)]
    for schema in medium:  # 400 kB each: the bytes bound forgets the oldest
        assert not validator.is_valid("x", schema)
        assert sum(map(len, cache.COMPILED)) == cache.HELD[0] <= cache.CACHED_BYTES
    assert len(cache.COMPILED) < len(medium)


def test_what_is_not_json_is_compiled_every_time_as_before() -> None:
    with _counting() as compiled:
        for _ in range(3):
            assert validator.is_valid(2**70, {"maximum": 2**80})  # beyond 64 bits: no key
        assert compiled.call_count == 3
    assert not cache.COMPILED


def test_load_schema_takes_a_dict() -> None:
    given: dict[str, Any] = json.loads(json.dumps(SCHEMA))
    loaded = validator.load_schema(given)
    assert isinstance(loaded, Schema)
    assert (loaded.name, loaded.uri, loaded.contents) == (
        "schema",
        "urn:casefile-validator:schema",
        SCHEMA,
    )
    given["properties"]["n"]["maximum"] = 0  # the loaded schema is a private copy
    assert loaded.contents == SCHEMA
    assert validator.is_valid({"n": 3}, loaded) and not validator.is_valid({"n": 3}, given)
    with_id = validator.load_schema({"$id": "https://example.invalid/s.json", "type": "string"})
    assert with_id.uri == "https://example.invalid/s.json"
    assert validator.load_schema(False).contents is False
    with pytest.raises(NotASchema, match="not a valid schema at /type"):
        validator.load_schema({"type": 3})


def test_threads_share_the_cache_while_it_forgets() -> None:
    import threading

    errors: list[BaseException] = []
    count = cache.MOST_COMPILED + 16  # more schemas than are kept: the oldest are forgotten

    def calls(seed: int) -> None:
        try:
            for k in range(100):
                limit = (seed * 7 + k) % count
                assert validator.is_valid(limit, {"maximum": limit})
                assert not validator.is_valid(limit + 1, {"maximum": limit})
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)

    threads = [threading.Thread(target=calls, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(cache.COMPILED) <= cache.MOST_COMPILED
