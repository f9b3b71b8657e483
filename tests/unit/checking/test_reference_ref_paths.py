"""Both engines name the same keyword locations through ``$ref`` (jsonschema leaves ``$ref`` out
of an error's schema path: :mod:`validator.checking.ref_paths` puts it back) and the same
absolute keyword locations, in every dialect, through nested references, into another file,
below combinators and past keys a JSON Pointer escapes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from validator.checking.document import check_raw
from validator.checking.engine import compile_schema
from validator.contracts.catalog import load_schema

D4 = "http://json-schema.org/draft-04/schema#"
D7 = "http://json-schema.org/draft-07/schema#"
D2019 = "https://json-schema.org/draft/2019-09/schema"
D2020 = "https://json-schema.org/draft/2020-12/schema"

OTHER = {"$defs": {"n": {"type": "integer", "minimum": 3}}}

CASES: dict[str, tuple[dict[str, Any], Any]] = {
    "2020-12": (
        {
            "$schema": D2020,
            "$defs": {"a": {"type": "string"}},
            "properties": {"x": {"$ref": "#/$defs/a"}},
        },
        {"x": 1},
    ),
    "nested": (
        {
            "$schema": D2020,
            "$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"properties": {"y": {"enum": [1]}}}},
            "properties": {"x": {"$ref": "#/$defs/a"}},
        },
        {"x": {"y": 2}},
    ),
    "another file": (
        {"$schema": D2020, "properties": {"x": {"$ref": "other.json#/$defs/n"}}},
        {"x": 1},
    ),
    "draft 7": (
        {
            "$schema": D7,
            "definitions": {"a": {"type": "object", "required": ["z"]}},
            "items": {"$ref": "#/definitions/a"},
        },
        [{}, 3],
    ),
    "draft 4": (
        {
            "$schema": D4,
            "definitions": {"a": {"maxLength": 1}},
            "properties": {"x": {"$ref": "#/definitions/a"}},
        },
        {"x": "long"},
    ),
    "2019-09 siblings": (
        {
            "$schema": D2019,
            "$defs": {"a": {"minimum": 5}},
            "properties": {"x": {"$ref": "#/$defs/a", "type": "integer", "maximum": 0}},
        },
        {"x": 3},
    ),
    "escaped keys": (
        {
            "$schema": D2020,
            "$defs": {"x~y/z": {"type": "null"}},
            "properties": {"a/b~c": {"$ref": "#/$defs/x~0y~1z"}},
        },
        {"a/b~c": 1},
    ),
    "in a branch": (
        {
            "$schema": D2020,
            "$defs": {"s": {"type": "string"}, "n": {"type": "number"}},
            "properties": {"x": {"allOf": [{"$ref": "#/$defs/s"}, {"$ref": "#/$defs/n"}]}},
        },
        {"x": True},
    ),
}


def _findings(path: Path, engine: str, document: Any) -> list[tuple[Any, ...]]:
    compiled = compile_schema(load_schema(str(path)), engine=engine)
    result = check_raw(compiled, json.dumps(document).encode(), source="d.json")
    assert not result.valid
    return sorted(
        (p.instance_location, p.keyword_location, p.absolute_keyword_location, p.keyword)
        for p in result.problems
    )


@pytest.mark.parametrize("name", sorted(CASES))
def test_both_engines_name_the_same_places_through_ref(tmp_path: Path, name: str) -> None:
    schema, document = CASES[name]
    (tmp_path / "other.json").write_text(json.dumps(OTHER))
    path = tmp_path / "s.json"
    path.write_text(json.dumps(schema))
    fast = _findings(path, "fast", document)
    assert fast == _findings(path, "reference", document)
    assert any("/$ref/" in location for _, location, _, _ in fast), fast
    assert all(absolute and absolute.startswith("file://") for _, _, absolute, _ in fast)
