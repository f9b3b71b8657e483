"""The reference engine words what the fast engine words alike (issue 21: one report whatever
the engine): a ``type`` list in any order, ``dependentRequired`` and draft 7's array form of
``dependencies``, one failure per missing property."""

from __future__ import annotations

import itertools
import json
from typing import Any

import pytest

from validator.checking.document import check_raw
from validator.checking.engine import compile_schema
from validator.contracts.catalog import from_contents

D7 = "http://json-schema.org/draft-07/schema#"
D2020 = "https://json-schema.org/draft/2020-12/schema"


def _said(schema: dict[str, Any], document: Any, engine: str) -> list[tuple[Any, ...]]:
    compiled = compile_schema(from_contents(schema, uri="https://x.invalid/w.json"), engine=engine)
    result = check_raw(compiled, json.dumps(document).encode(), source="d.json")
    return sorted((p.keyword, p.keyword_location, p.message) for p in result.problems)


TYPES = ["null", "integer", "string", "array"]


@pytest.mark.parametrize("order", list(itertools.permutations(TYPES, 3)))
def test_a_list_of_types_is_worded_alike(order: tuple[str, ...]) -> None:
    schema = {"$schema": D2020, "type": list(order)}
    document = {"a": 1}
    fast = _said(schema, document, "fast")
    assert fast == _said(schema, document, "reference")
    assert len(fast) == 1 and fast[0][2].startswith("expected ")


@pytest.mark.parametrize(
    "schema",
    [
        {"$schema": D2020, "dependentRequired": {"x": ["y", "z"], "q": ["x", "w"]}},
        {"$schema": D7, "dependencies": {"x": ["y", "z"], "q": ["x", "w"]}},
    ],
    ids=["dependentRequired", "dependencies"],
)
def test_a_missing_dependency_is_worded_alike(schema: dict[str, Any]) -> None:
    fast = _said(schema, {"x": 1, "q": 2}, "fast")
    assert fast == _said(schema, {"x": 1, "q": 2}, "reference")
    assert [message for _, _, message in fast] == [
        f'missing required property "{name}"' for name in ("w", "y", "z")
    ]
