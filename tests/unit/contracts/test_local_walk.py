"""The ``$ref`` walk of a schema that refers only to itself, without ``referencing``
(:mod:`validator.contracts.local_walk`): the same results as the walk with ``referencing``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import require_suite
from validator.contracts import local_walk
from validator.contracts.catalog import Schema, _others
from validator.contracts.local_walk import Local, walked
from validator.contracts.references import _Walk, measure_references

URI = "https://casefiles.example/schemas/own.json"
BUNDLED = frozenset(_others())
FIRST = "draft2020-12"
DIALECTS = {
    "draft2020-12": "https://json-schema.org/draft/2020-12/schema",
    "draft2019-09": "https://json-schema.org/draft/2019-09/schema",
    "draft7": "http://json-schema.org/draft-07/schema#",
    "draft6": "http://json-schema.org/draft-06/schema#",
}


def _walk_view(walk: Any) -> Any:
    """What a walk found, with the root's copy (each walk makes its own) named ``root``."""
    root = walk._keep[0]

    def named(contents: Any) -> Any:
        return "root" if contents is root else id(contents)

    states = [(named(c), str(r._base_uri), s.name) for c, r, s in walk.states]
    return (
        states,
        walk.forced,
        walk.possible,
        walk.steps,
        walk.children,
        walk.evaluated(),
        sorted(walk.checked - {id(root)}),
        sorted(walk._looked_up),
        sorted((k, v[1], v[2]) for k, v in walk.broken.items()),
    )


def _outcome(schema: Schema, light: bool) -> Any:
    """What :func:`measure_references` says with the light walk or with ``referencing``'s."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(local_walk, "light", lambda *_: light)
        try:
            cycles, places = measure_references(schema)
        except Exception as exc:  # the same refusal, word for word
            return type(exc).__name__, str(exc)
    if places is None:
        return cycles, None
    return cycles, (places.bound, places.in_place, places.sizes, places.root.counts)


def _walked(schema: Schema, light: bool) -> tuple[Any, bool]:
    """The walk's findings (or its refusal), and whether it was walked without referencing."""
    made: list[Any] = []  # referencing's kit: made only when the light walk is not taken
    real = local_walk.Referencing.__init__

    def counted(self: Any, combined: Any) -> None:
        made.append(combined)
        real(self, combined)

    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(local_walk.Referencing, "__init__", counted)
        try:
            walk = walked(schema, _Walk, light)
        except Exception as exc:  # a refusal, word for word
            return (type(exc).__name__, str(exc)), not made
    assert isinstance(walk.kit, Local) == (not made)
    return _walk_view(walk), not made


def _same(contents: Any, resources: Any = None) -> bool:
    """The light walk gives what ``referencing``'s does, for a schema it applies to; whether it
    was walked without ``referencing``."""
    schema = Schema("own.json", URI, contents, resources or {})
    assert local_walk.light(schema, BUNDLED), contents
    (seen, local), (expected, heavy) = _walked(schema, True), _walked(schema, False)
    assert not heavy
    assert seen == expected
    assert _outcome(schema, True) == _outcome(schema, False)
    return local


def _suite_schemas() -> list[tuple[str, Any]]:
    base = require_suite("JSON-Schema-Test-Suite") / "tests"
    found = []
    for path in sorted((base / "draft2020-12").rglob("*.json")):
        for number, case in enumerate(json.loads(path.read_text(encoding="utf-8"))):
            for dialect, uri in DIALECTS.items():  # each read in every dialect, as the walk may
                schema = case["schema"]
                if isinstance(schema, dict) and schema.get("$schema", uri) == DIALECTS[FIRST]:
                    schema = {**schema, "$schema": uri}
                found.append((f"{path.name}#{number} as {dialect}", schema))
    return found


def test_the_suite_walks_the_same() -> None:
    light = 0
    for name, contents in _suite_schemas():
        for resources in ({}, _others()):  # a schema loaded from a file carries the bundled ones
            schema = Schema(name, URI, contents, resources)
            if not local_walk.light(schema, BUNDLED):
                continue
            light += _same(contents, resources)
    assert light > 2000  # of 3,688: most suite schemas refer only to themselves


DRAFT7 = "http://json-schema.org/draft-07/schema#"


@pytest.mark.parametrize(
    "contents",
    [
        # a cycle every document enters: refused, with its steps
        {
            "$ref": "#/$defs/a",
            "$defs": {"a": {"allOf": [{"$ref": "#/$defs/b"}]}, "b": {"$ref": "#/$defs/a"}},
        },
        # a cycle some documents enter (behind anyOf's second branch, then, properties)
        {
            "anyOf": [{"type": "string"}, {"$ref": "#"[:1] + "/$defs/a"}],
            "$defs": {"a": {"anyOf": [{"type": "integer"}, {"$ref": "#/$defs/a"}]}},
        },
        {
            "if": {"$ref": "#/$defs/a"},
            "then": {"$ref": "#/$defs/a"},
            "else": False,
            "$defs": {"a": {"not": {"$ref": "#/$defs/a"}}},
        },
        {
            "oneOf": [{"$ref": "#/$defs/a"}, True],
            "$defs": {"a": {"properties": {"x": {"$ref": "#/$defs/a"}}}},
        },
        # a $ref into an unknown keyword (checked against the metaschema), and through arrays
        {
            "x-kept": {"a": {"type": "string", "minLength": 2}},
            "properties": {"a": {"$ref": "#/x-kept/a"}},
        },
        {"x-kept": [{"type": "string"}, {"$ref": "#/x-kept/0"}], "$ref": "#/x-kept/1"},
        {"x-bad": {"type": 5}, "properties": {"a": {"$ref": "#/x-bad"}}},
        # prefixItems, $dynamicRef, dependentSchemas, escaped pointers, a root $id, an "id"
        {
            "prefixItems": [{"$ref": "#/$defs/a"}, {"$ref": "#/prefixItems/0"}],
            "items": {"$ref": "#/$defs/a"},
            "$defs": {"a": {"type": "integer"}},
        },
        {
            "$dynamicRef": "#/$defs/a",
            "$defs": {"a": {"$dynamicAnchor": "a", "items": {"$dynamicRef": "#/$defs/a"}}},
        },
        {
            "dependentSchemas": {"a": {"$ref": "#/$defs/b"}},
            "$defs": {"b": {"$ref": "#/dependentSchemas/a"}},
        },
        {
            "$defs": {"a~b": {"type": "string"}, "c/d": True, "e%f": False},
            "allOf": [
                {"$ref": "#/$defs/a~0b"},
                {"$ref": "#/$defs/c~1d"},
                {"$ref": "#/$defs/e%25f"},
            ],
        },
        {
            "$id": "https://casefiles.example/other.json#",
            "$ref": "#/$defs/a",
            "$defs": {"a": {"$ref": "#/$defs/a"}},
        },
        {
            "$id": URI,
            "properties": {"id": {"id": "x", "$ref": "#/$defs/a"}},
            "$defs": {"a": {"type": "object"}},
        },
        # draft 7: items as an array, additionalItems, dependencies, $ref beside other keywords
        {
            "$schema": DRAFT7,
            "items": [{"$ref": "#/definitions/a"}, True],
            "additionalItems": {"$ref": "#/definitions/a"},
            "definitions": {"a": {"type": "integer"}},
        },
        {
            "$schema": DRAFT7,
            "dependencies": {"a": ["b"], "c": {"$ref": "#/definitions/a"}},
            "definitions": {"a": {"$ref": "#/definitions/a"}},
        },
        {
            "$schema": DRAFT7,
            "dependencies": {"c": {"$ref": "#/definitions/a"}, "a": ["b"]},
            "definitions": {"a": {"not": {"$ref": "#/definitions/a"}}},
        },
        {
            "$schema": DRAFT7,
            "$id": "https://casefiles.example/d7.json",
            "$ref": "#/definitions/a",
            "definitions": {
                "a": {"$ref": "#/definitions/b", "type": "string"},
                "b": {"$ref": "#/definitions/a"},
            },
        },
        {
            "$schema": "http://json-schema.org/draft-06/schema#",
            "items": {"$ref": "#/definitions/a"},
            "contains": {"$ref": "#/definitions/a"},
            "definitions": {"a": {"propertyNames": {"$ref": "#/definitions/a"}}},
        },
        # draft 2019-09: $recursiveRef "#" (and "#/...": left to referencing)
        {
            "$schema": "https://json-schema.org/draft/2019-09/schema",
            "$recursiveAnchor": True,
            "items": {"$recursiveRef": "#"},
            "additionalItems": {"$ref": "#/items"},
        },
        {
            "$schema": "https://json-schema.org/draft/2019-09/schema",
            "allOf": [{"$recursiveRef": "#"}],
        },
        {
            "$schema": "https://json-schema.org/draft/2019-09/schema",
            "properties": {"a": {"$recursiveRef": "#/nowhere"}},
        },
        {
            "$schema": "https://json-schema.org/draft/2019-09/schema",
            "items": [{"$ref": "#/$defs/a"}],
            "$defs": {"a": {"unevaluatedItems": {"$ref": "#/$defs/a"}}},
        },
        # a schema expanding past the bound; a $ref that is not a string
        {
            "$defs": {
                f"a{n}": {"allOf": [{"$ref": f"#/$defs/a{n + 1}"}, {"$ref": f"#/$defs/a{n + 1}"}]}
                for n in range(20)
            }
            | {"a20": {"type": "string"}},
            "$ref": "#/$defs/a0",
        },
        {"$ref": 5, "properties": {"a": {"$ref": "#/$defs/a"}}, "$defs": {"a": True}},
    ],
)
def test_hand_made_schemas_walk_the_same(contents: Any) -> None:
    local = _same(contents)
    assert _same(contents, _others()) == local
    assert local == ("#/nowhere" not in json.dumps(contents))  # that one: left to referencing


def test_a_recursive_ref_it_cannot_follow_is_left_to_referencing() -> None:
    contents = {
        "$schema": "https://json-schema.org/draft/2019-09/schema",
        "properties": {"a": {"$recursiveRef": "#a"}},
        "$defs": {"a": {"$anchor": "a", "type": "string"}},
    }
    walk = walked(Schema("own.json", URI, contents, {}), _Walk)  # an anchor: referencing finds it
    assert not isinstance(walk.kit, Local)


def test_the_light_walk_is_not_taken_where_it_does_not_apply() -> None:
    assert not local_walk.light(Schema("a", URI, {"$ref": "b.json"}, {}))
    assert not local_walk.light(Schema("a", URI, {"$ref": "#/a"}, {"b.json": {}}))
    assert not local_walk.light(
        Schema("a", URI, {"items": {"$id": "x", "$ref": "#/a"}, "a": True}, {})
    )
    alone = Schema("a", URI, {"items": {"$ref": "#/a"}, "a": True}, _others())
    assert not local_walk.light(alone)  # the bundled schemas' URIs not given
    assert local_walk.light(alone, BUNDLED)


_KEYWORDS = ("allOf", "anyOf", "oneOf", "not", "if", "then", "else", "properties", "items")


def _schemas(dialect: str) -> st.SearchStrategy[Any]:
    """Schemas of a few definitions referring to each other through every kind of keyword."""
    holder = "definitions" if dialect in ("draft7", "draft6") else "$defs"
    refs = st.sampled_from([f"#/{holder}/d{n}" for n in range(4)] + ["#/x-kept/s"])
    ref_kw = "$dynamicRef" if dialect == "draft2020-12" else "$ref"
    refs_one = f"#/{holder}/d2"
    leaf = st.one_of(
        st.booleans(),
        st.just({"type": "string"}),
        refs.map(lambda r: {"$ref": r}),
        refs.map(lambda r: {ref_kw: r}),
        refs.map(lambda r: {"$ref": r, "type": "object"}),
        refs.map(lambda r: {"allOf": [{"$ref": r}], "type": "object"}),
        st.just({"$recursiveRef": "#"} if dialect == "draft2019-09" else {"$ref": refs_one}),
    )

    def grow(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
        lists = st.lists(inner, min_size=1, max_size=3)
        return st.one_of(
            st.tuples(st.sampled_from(("allOf", "anyOf", "oneOf")), lists).map(
                lambda p: {p[0]: p[1]}
            ),
            st.tuples(st.sampled_from(_KEYWORDS[3:7]), inner).map(lambda p: {p[0]: p[1]}),
            st.dictionaries(st.sampled_from("abc"), inner, max_size=2).map(
                lambda d: {"properties": d}
            ),
            inner.map(lambda s: {"items": s}),
            lists.map(
                lambda s: (
                    {"items": s, "additionalItems": s[0]}
                    if dialect in ("draft7", "draft6")
                    else {"prefixItems": s}
                )
            ),
            st.tuples(inner, st.booleans()).map(
                lambda p: {
                    "dependencies": {"a": p[0], "b": ["c"]} if p[1] else {"b": ["c"], "a": p[0]}
                }
            ),
            st.tuples(inner, inner).map(
                lambda p: {"dependentSchemas": {"a": p[0]}, "x-other": p[1]}
            ),
        )

    body = st.recursive(leaf, grow, max_leaves=6)
    entry = st.sampled_from([None, "d0", "d1"])  # a root $ref, first: cycles every document enters
    return st.tuples(st.lists(body, min_size=4, max_size=4), body, body, st.booleans(), entry).map(
        lambda p: {
            "$schema": DIALECTS[dialect],
            **({"$id": URI} if p[3] else {}),
            **({"$ref": f"#/{holder}/{p[4]}"} if p[4] else {}),
            holder: {f"d{n}": each for n, each in enumerate(p[0])},
            "x-kept": {"s": p[1]},
            **(p[2] if isinstance(p[2], dict) else {"not": p[2]}),
        }
    )


@pytest.mark.parametrize("dialect", list(DIALECTS))
def test_generated_schemas_walk_the_same(dialect: str) -> None:
    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
    @given(_schemas(dialect))
    def check(contents: Any) -> None:
        assert _same(contents)  # walked without referencing

    check()


_RUN = (
    "import sys; sys.argv = ['casefile-validate', *sys.argv[1:]]\n"
    "from validator.command.entry import command\n"
    "code = command()\n"
    "print(code, 'referencing' in sys.modules)\n"
)


def _run(tmp_path: Path, schema: Any, others: dict[str, Any] | None = None) -> str:
    (tmp_path / "own.json").write_text(json.dumps(schema), encoding="utf-8")
    for name, contents in (others or {}).items():
        (tmp_path / name).write_text(json.dumps(contents), encoding="utf-8")
    (tmp_path / "doc.json").write_text('{"a": {"next": {"v": "x"}}}', encoding="utf-8")
    argv = ["--no-config", "--no-color", "--schema", "own.json", "doc.json"]
    done = subprocess.run(
        [sys.executable, "-c", _RUN, *argv],
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.stderr == ""
    return done.stdout.splitlines()[-1]


def test_a_schema_referring_to_itself_is_checked_without_referencing(tmp_path: Path) -> None:
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://casefiles.example/schemas/own.json",
        "properties": {"a": {"$ref": "#/$defs/node"}},
        "$defs": {
            "node": {"properties": {"next": {"$ref": "#/$defs/node"}, "v": {"type": "integer"}}}
        },
    }
    assert _run(tmp_path, schema) == "1 False"  # /a/next/v is not an integer


def test_a_schema_referring_to_another_file_still_uses_referencing(tmp_path: Path) -> None:
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "properties": {"a": {"$ref": "node.json"}},
    }
    node = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "properties": {"next": {"$ref": "node.json"}, "v": {"type": "integer"}},
    }
    assert _run(tmp_path, schema, {"node.json": node}) == "1 True"
