""":func:`validator.contracts.bundle.self_contained`: what it leaves alone (data that looks like a
``$ref``, a property named ``$ref``, a ``$ref`` that resolves nowhere) and what it rewrites."""

from __future__ import annotations

from typing import Any

import jsonschema

from validator.contracts.bundle import self_contained
from validator.contracts.catalog import Schema

URI = "file:///x/a.json"


def _shown(document: dict[str, Any], pointer: list[str], **others: Any) -> Any:
    target: Any = document
    for token in pointer:
        target = target[token]
    schema = Schema("a", URI, document, {URI: document, **others})
    return self_contained(schema, target, URI)


def test_data_and_property_names_are_not_references() -> None:
    document = {
        "$defs": {
            "A": {
                "properties": {"$ref": {"$ref": "#/$defs/B"}, "b": {"$ref": "#/$defs/C"}},
                "enum": [{"$ref": "#/$defs/B"}],
                "default": {"$ref": "#/$defs/B"},
            },
            "B": True,
            "C": True,
        }
    }
    assert _shown(document, ["$defs", "A"]) == {
        "properties": {"$ref": {"$ref": "#/$defs/B"}, "b": {"$ref": "#/$defs/B"}},
        "enum": [{"$ref": "#/$defs/B"}],
        "default": {"$ref": "#/$defs/B"},
        "$defs": {"B": True},  # one true schema, whoever names it
    }


def test_a_schema_whose_refs_stay_inside_it_is_returned_itself() -> None:
    document = {"items": {"$ref": "#/$defs/B"}, "$defs": {"B": {"$ref": "#"}}}
    assert _shown(document, []) is document


def test_a_ref_that_resolves_nowhere_is_kept_as_written() -> None:
    document = {"$defs": {"A": {"items": {"$ref": "missing.json#/x"}}}}
    assert _shown(document, ["$defs", "A"]) is document["$defs"]["A"]


def test_a_schema_reached_twice_is_copied_once_and_ids_below_the_root_are_left_out() -> None:
    other = {"$id": "https://x.test/o.json", "$defs": {"C": {"$id": "c", "type": "integer"}}}
    document = {
        "$defs": {
            "A": {
                "$id": "a-root",
                "prefixItems": [
                    {"$ref": "https://x.test/o.json#/$defs/C"},
                    {"$ref": "https://x.test/c"},
                    {"$ref": "a.json#/$defs/A/prefixItems/0"},  # from its $id
                ],
            }
        }
    }
    shown = _shown(document, ["$defs", "A"], **{"https://x.test/o.json": other})
    assert shown == {
        "$id": "a-root",  # the root's own $id: a fragment still means the output
        "prefixItems": [{"$ref": "#/$defs/C"}, {"$ref": "#/$defs/C"}, {"$ref": "#/prefixItems/0"}],
        "$defs": {"C": {"type": "integer"}},
    }
    check = jsonschema.Draft202012Validator(shown)
    assert check.is_valid([1, 2, 3]) and not check.is_valid([1, "2"])
