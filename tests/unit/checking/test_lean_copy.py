"""The fast engine's copy of a shared document without its annotations' text
(:mod:`validator.checking.lean_copy`): only annotation strings of schema objects go, everything a
verdict or a location depends on stays, and the verdicts and errors are those of the whole
document."""

from __future__ import annotations

import sys
from typing import Any

import jsonschema_rs

from validator.checking.convert import from_fast
from validator.checking.lean_copy import lean_copy

DOCUMENT: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "kept: not a schema's", "description": "kept too"},
    "components": {
        "schemas": {
            "Note": {
                "title": "A note",
                "description": "Long prose " * 50,
                "$comment": "internal",
                "type": "object",
                "required": ["description", "title"],
                "properties": {
                    "description": {"type": "string", "description": "the note's text"},
                    "title": {"type": "string", "maxLength": 5, "title": "its title"},
                    "tags": {"type": "array", "items": {"$ref": "#/components/schemas/Tag"}},
                    "kind": {"enum": [{"description": "data"}], "default": {"title": "data"}},
                },
                "examples": [{"description": "an instance", "title": "x"}],
                "additionalProperties": {"description": {"not": "a string"}},
            },
            "Tag": {"description": "a tag", "type": "string", "minLength": 2},
            "Plain": {"type": "integer"},
        }
    },
}


def test_only_the_text_of_schema_objects_annotations_is_left_out() -> None:
    lean = lean_copy(DOCUMENT)
    note = lean["components"]["schemas"]["Note"]
    assert set(note) == {
        "type", "required", "properties", "examples", "additionalProperties"
    }  # fmt: skip
    assert note["properties"]["description"] == {"type": "string"}  # a property named so stays
    assert note["properties"]["title"] == {"type": "string", "maxLength": 5}
    assert (
        note["properties"]["kind"]
        is DOCUMENT["components"]["schemas"]["Note"]["properties"]["kind"]
    )  # instances (enum, default) untouched, and not copied
    assert note["examples"] == [{"description": "an instance", "title": "x"}]
    assert note["additionalProperties"] == {"description": {"not": "a string"}}  # not a string
    assert lean["components"]["schemas"]["Tag"] == {"type": "string", "minLength": 2}
    assert lean["components"]["schemas"]["Plain"] is DOCUMENT["components"]["schemas"]["Plain"]
    assert lean["info"] == {}  # a walk over every object: an object no $ref reaches is no matter
    assert DOCUMENT["components"]["schemas"]["Tag"]["description"] == "a tag"  # a copy


def test_a_document_without_annotations_is_given_as_it_is() -> None:
    plain = {"components": {"schemas": {"A": {"type": "object", "properties": {"b": {}}}}}}
    assert lean_copy(plain) is plain
    named = {"properties": {"description": "not a schema, but a name"}, "$defs": {"title": "x"}}
    assert lean_copy(named) is named  # a member's name, whatever its value: never left out


def test_a_document_nested_deeper_than_the_interpreter_follows_is_given_as_it_is() -> None:
    deep: dict[str, Any] = {"description": "bottom"}
    for _ in range(sys.getrecursionlimit() + 10):
        deep = {"not": deep}
    assert lean_copy(deep) is deep


def test_the_verdicts_and_errors_are_those_of_the_whole_document() -> None:
    def errors(document: Any, instance: Any) -> list[Any]:
        root = {"$ref": "urn:doc#/components/schemas/Note"}
        registry = jsonschema_rs.Registry([("urn:doc", document)])
        validator = jsonschema_rs.validator_for(root, registry=registry)
        return [from_fast(e) for e in validator.iter_errors(instance)]

    instances = [
        {"description": "x", "title": "short", "tags": ["ab"], "kind": {"description": "data"}},
        {"description": 1, "title": "too long", "tags": ["a", 3], "kind": {}, "extra": 1},
        {"title": "t"},
        [],
    ]
    found = [errors(lean_copy(DOCUMENT), each) for each in instances]
    assert found == [errors(DOCUMENT, each) for each in instances]
    assert [len(each) for each in found] == [0, 5, 1, 1]
