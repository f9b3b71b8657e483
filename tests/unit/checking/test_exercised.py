"""``--coverage``: the declared properties and enum values the valid documents never showed
(:mod:`validator.checking.exercised`), found through ``$ref``/``allOf``/``oneOf`` as the
undeclared-property warnings find what is declared."""

from __future__ import annotations

import pickle
from typing import Any

import pytest

from validator.checking import exercised
from validator.checking.engine import compile_schema
from validator.checking.exercised import Seen, Tally, Watch, exercise, locations_of
from validator.contracts.catalog import load_schema
from validator.contracts.coverage import Gap

SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["status"],
    "properties": {
        "status": {"$ref": "#/$defs/status"},
        "payload": {
            "allOf": [{"properties": {"a": {"type": "integer"}}}, {"properties": {"b": {}}}],
            "oneOf": [{"required": ["a"]}, {"properties": {"c": {"enum": [1, True, None]}}}],
        },
        "items": {"type": "array", "items": {"$ref": "#/$defs/item"}},
        "never": {"properties": {"deep": {"enum": ["d"]}}},
    },
    "$defs": {
        "status": {"enum": ["pending", "completed", "failed"]},
        "item": {"properties": {"kind": {"enum": ["x", "y"]}, "note": {}}},
    },
}


@pytest.fixture
def engine(tmp_path: Any) -> Any:
    import json

    path = tmp_path / "s.json"
    path.write_text(json.dumps(SCHEMA))
    return compile_schema(load_schema(str(path)))


def test_the_locations_are_the_declared_properties_breadth_first(engine: Any) -> None:
    places = locations_of(engine).places
    assert [(p.where, p.names) for p in places] == [
        ("/", ("status", "payload", "items", "never")),
        ("/status", ()),
        ("/payload", ("c", "a", "b")),  # allOf and oneOf: every branch declares
        ("/items", ()),
        ("/never", ("deep",)),
        ("/payload/c", ()),
        ("/payload/a", ()),
        ("/payload/b", ()),
        ("/items/*", ("kind", "note")),
        ("/never/deep", ()),
        ("/items/*/kind", ()),
        ("/items/*/note", ()),
    ]
    assert list(places[1].enum.values()) == ["pending", "completed", "failed"]
    assert list(places[5].enum.values()) == [1, True, None]


def _gaps(engine: Any, *documents: Any) -> list[Gap]:
    watch = Watch(engine)
    for document in documents:
        watch.value(document)
    return list(exercise("s", engine, watch.seen).gaps)


def test_what_no_valid_document_showed(engine: Any) -> None:
    assert _gaps(
        engine,
        {"status": "pending", "payload": {"a": 1, "c": 1.0}},  # 1.0 is the enum's 1
        {"status": "completed", "items": [{"kind": "x"}, {"kind": "z", "note": 2}]},
    ) == [
        Gap("/", True, ("never",), ()),
        Gap("/status", True, (), ("failed",)),
        Gap("/payload", True, ("b",), ()),
        Gap("/never", False, ("deep",), ()),
        Gap("/payload/c", True, (), (True, None)),  # true is not 1
        Gap("/never/deep", False, (), ("d",)),
        Gap("/items/*/kind", True, (), ("y",)),
    ]


def test_no_document_leaves_everything_unseen_and_unreached(engine: Any) -> None:
    found = exercise("s", engine, None)
    assert found.documents == 0
    assert found.gaps[0] == Gap("/", False, ("status", "payload", "items", "never"), ())
    assert [gap.where for gap in found.gaps][:3] == ["/", "/status", "/payload"]
    assert not any(gap.reached for gap in found.gaps)


def test_any_depth_is_walked_without_recursion(tmp_path: Any) -> None:
    import json

    path = tmp_path / "s.json"
    path.write_text(
        json.dumps(
            {
                "$defs": {"n": {"properties": {"n": {"$ref": "#/$defs/n"}, "e": {}}}},
                "$ref": "#/$defs/n",
            }
        )
    )
    engine = compile_schema(load_schema(str(path)))
    document: Any = {}
    for _ in range(5000):
        document = {"n": document}
    watch = Watch(engine)
    watch.value(document)
    # the root, and every level below it (one node: the same schemas apply)
    gaps = (Gap("/", True, ("e",), ()), Gap("/n", True, ("e",), ()))
    assert exercise("s", engine, watch.seen).gaps == gaps


def test_the_locations_followed_are_capped_and_the_cap_is_said(
    engine: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exercised, "MAX_LOCATIONS", 3)
    monkeypatch.setattr(exercised, "_LOCATIONS", type(exercised._LOCATIONS)())
    found = exercise("s", engine, None)
    assert found.more
    assert [gap.where for gap in found.gaps] == ["/", "/status", "/payload"]


def test_a_tally_is_an_int_that_carries_what_was_seen_across_processes() -> None:
    seen = Seen({0: {"a"}}, {1: {("string", "x")}}, {0, 1}, [2])
    tally = pickle.loads(pickle.dumps(Tally.of(7, seen), -1))
    assert tally == 7 and tally + 1 == 8
    assert tally.seen == seen
    other = Seen.empty()
    other.merge(seen)
    other.merge(Seen({0: {"b"}}, {}, {0}, [1]))
    assert other == Seen({0: {"a", "b"}}, {1: {("string", "x")}}, {0, 1}, [3])


def _random_document(rng: Any, depth: int = 0) -> Any:
    """A document of SCHEMA's shape with some of its names and values, and some others."""
    kinds = ["x", "y", "z", 1]
    document: dict[str, Any] = {"status": rng.choice(["pending", "completed", "failed", "other"])}
    if rng.random() < 0.7:
        payload = {k: v for k, v in (("a", 1), ("b", []), ("c", rng.choice([1, True, None, 2])))}
        document["payload"] = {k: payload[k] for k in rng.sample(sorted(payload), rng.randrange(4))}
    if rng.random() < 0.7:
        document["items"] = [
            {k: v for k, v in (("kind", rng.choice(kinds)), ("note", depth)) if rng.random() < 0.6}
            for _ in range(rng.randrange(4))
        ]
    if rng.random() < 0.05:
        document["never"] = {"deep": rng.choice(["d", "e"])} if rng.random() < 0.5 else []
    return document


@pytest.mark.parametrize("seed", range(6))
def test_locations_done_with_are_skipped_and_what_was_seen_is_the_same(
    engine: Any, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    """A location whose every name and enum value was seen, with every location below it done
    too, is not looked at again: what the watch notes is what it noted when looking at all."""
    import random

    rng = random.Random(seed)
    documents = [_random_document(rng) for _ in range(rng.choice([10, 60, 400]))]
    monkeypatch.setattr(exercised, "_SETTLE", 10**9)  # never settled: every value looked at
    every = Watch(engine)
    for document in documents:
        every.value(document)
    monkeypatch.setattr(exercised, "_SETTLE", 1)  # settled after each document
    settled = Watch(engine)
    for document in documents:
        settled.value(document)
    assert settled.seen == every.seen
    assert exercise("s", engine, settled.seen) == exercise("s", engine, every.seen)
    if len(documents) == 400:  # everything seen: later documents are only counted
        assert 0 in settled.done


def test_a_location_is_done_only_when_everything_below_it_is(engine: Any) -> None:
    watch = Watch(engine)
    full = {
        "status": "pending",
        "payload": {"a": 1, "b": 2, "c": 1},
        "items": [{"kind": "x", "note": 1}, {"kind": "y"}],
        "never": {"deep": "d"},
    }
    for status in ("pending", "completed", "failed"):
        watch.value({**full, "status": status})
    watch._settle()
    places = locations_of(engine).places
    assert {places[n].where for n in watch.done} == {
        "/status",
        "/items",
        "/never",
        "/payload/a",
        "/payload/b",
        "/items/*",
        "/never/deep",
        "/items/*/kind",
        "/items/*/note",
    }  # /payload/c has seen 1 only (not true, not null), so neither /payload nor / is done
    watch.value({**full, "payload": {"c": True}})
    watch.value({**full, "payload": {"c": None}})
    watch._settle()
    assert len(watch.done) == len(places)
    before = (dict(watch.seen.names), dict(watch.seen.values), set(watch.seen.reached))
    watch.value({"status": "other", "items": 5})  # looked at no further than its root
    assert (dict(watch.seen.names), dict(watch.seen.values), set(watch.seen.reached)) == before
    assert watch.seen.documents == [6]
