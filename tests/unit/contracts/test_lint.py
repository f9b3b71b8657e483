"""Schema lint: exact warning lines for unknown keywords and schemas that assert nothing."""

from __future__ import annotations

from typing import Any

import pytest

from validator.contracts.catalog import from_contents
from validator.contracts.lint import lint_schema

DRAFT7 = "http://json-schema.org/draft-07/schema#"
NOTHING = "schema asserts nothing about the document: every JSON value is valid against it"

CASES: list[tuple[Any, list[str]]] = [
    ({"type": "object", "properties": {"x": {"type": "object", "requird": ["a"]}}},
     ['schema: unknown keyword "requird" at /properties/x; did you mean "required"?']),
    ({"openapi": "3.1.0", "info": {"title": "t"}, "paths": {}},
     [NOTHING, 'schema: unknown keyword "openapi" at /', 'schema: unknown keyword "info" at /',
      'schema: unknown keyword "paths" at /']),
    ({}, [NOTHING]),
    (True, [NOTHING]),
    (False, []),
    ({"type": "string", "x-vendor": {"requird": 1}}, []),
    ({"$schema": DRAFT7, "type": "array", "prefixItems": [{"type": "string"}]},
     ['schema: unknown keyword "prefixItems" at /; it belongs to draft 2020-12, not to draft 7']),
    ({"type": "array", "items": {"properties": {"a": {"minimun": 1}, "b": {"minimun": 2}}}},
     ['schema: unknown keyword "minimun" at /items/properties/a (and 1 more place); did you '
      'mean "minimum"?']),
    ({"properties": {"requird": {"type": "string"}}, "enum": [{"requird": 1}]}, []),
    ({"properties": {"a": {}}, "anyOf": [{"type": "string"}, {}]}, [NOTHING]),
    ({"properties": {"a": {"type": "string"}}}, []),
    ({"$ref": "#/$defs/a", "$defs": {"a": {}}}, []),
    ({"if": {"type": "string"}, "then": {"minLength": 2}}, []),
    ({"if": {"type": "string"}, "title": "t"}, [NOTHING]),
    ({"not": {}}, []),
    ({"properties": {"a": {"not": {"title": "t"}}}}, []),
    ({"contains": {}}, []),
    ({"items": {"title": "t"}, "additionalProperties": True}, [NOTHING]),
    ({"$schema": DRAFT7, "$defs": {"a": {"tpye": "x"}}, "type": "string"},
     ['schema: unknown keyword "tpye" at /$defs/a; did you mean "type"?']),
    ({"type": "object", "x": {"tpye": 1}, "zzzz": 1, "$reff": "#"},
     ['schema: unknown keyword "x" at /', 'schema: unknown keyword "zzzz" at /',
      'schema: unknown keyword "$reff" at /; did you mean "$ref"?']),
    ({"$schema": "http://json-schema.org/draft-03/schema#", "extends": {"tpye": 1}}, []),
    ({"$schema": "http://json-schema.org/draft-04/schema#", "$id": "x", "type": "string"},
     ['schema: unknown keyword "$id" at /; it belongs to draft 6 and later, not to draft 4']),
    ({"$schema": "http://json-schema.org/draft-06/schema#", "if": {"const": 1}, "then": False},
     [NOTHING,
      'schema: unknown keyword "if" at /; it belongs to draft 7 and later, not to draft 6',
      'schema: unknown keyword "then" at /; it belongs to draft 7 and later, not to draft 6']),
    ({"type": "object", "properties": {"a": {"<<": {"required": ["id"]}}}},  # YAML: <<: *base
     ['schema: unknown keyword "<<" at /properties/a; YAML 1.2 has no merge keys: write the keys '
      'of the anchor out']),
    ({"type": "object", "properties": {"a": {"$schema": DRAFT7, "$defs": {}, "id": "x"}}},
     ['schema: unknown keyword "id" at /properties/a; it belongs to draft 4, not to draft 7']),
]  # fmt: skip


@pytest.mark.parametrize(("schema", "lines"), CASES)
def test_lint_lines(schema: Any, lines: list[str]) -> None:
    assert lint_schema(from_contents(schema)) == lines
