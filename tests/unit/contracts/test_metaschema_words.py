"""A schema that is not valid against its metaschema is told in JSON (``true``,
``[{"type": "string"}]``), never as Python writes values (``True``, ``[{'type': 'string'}]``)."""

from __future__ import annotations

from typing import Any

import pytest

import validator
from validator.problems import NotASchema


@pytest.mark.parametrize(
    ("schema", "message"),
    [
        ({"exclusiveMinimum": True}, 'at /exclusiveMinimum: true is not of type "number"'),
        (
            {"items": [{"type": "string"}]},
            'at /items: [{"type": "string"}] is not of type "object" or "boolean"',
        ),
        (
            {"type": [{"type": "string"}]},
            'at /type: [{"type": "string"}] is not valid under any of the given schemas',
        ),
        ({"required": "a"}, 'at /required: "a" is not of type "array"'),
        ({"minimum": None}, 'at /minimum: null is not of type "number"'),
        (
            {"$schema": "http://json-schema.org/draft-04/schema#", "required": []},
            "at /required: [] should be non-empty",
        ),
    ],
)
def test_a_metaschema_error_is_told_in_json(schema: Any, message: str) -> None:
    with pytest.raises(NotASchema) as caught:
        validator.load_schema(schema)
    assert str(caught.value) == f"schema: not a valid schema {message}"
