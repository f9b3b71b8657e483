"""The dialect a schema object is evaluated in, as ``referencing`` reads it."""

from __future__ import annotations

from typing import Any

import pytest
import referencing.jsonschema
from referencing.jsonschema import DRAFT4, DRAFT202012

from validator.contracts.dialects import dialect, real, safe


def test_the_specification_behind_a_safe_copy_is_looked_up_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The $ref walks ask for it at each of a large document's ~15,000 schema objects.
    looked: list[str] = []
    lookup = referencing.jsonschema.specification_with

    def counted(uri: str, default: Any = None) -> Any:
        looked.append(uri)
        return lookup(uri, default=default)

    for spec in (DRAFT202012, DRAFT4):
        copy = safe(spec)
        assert real(copy) is spec and real(spec) is spec
    monkeypatch.setattr(referencing.jsonschema, "specification_with", counted)
    for _ in range(100):
        assert real(safe(DRAFT202012)) is DRAFT202012
        assert dialect({"type": "string"}, safe(DRAFT4)) is DRAFT4
    assert looked == []
    assert dialect({"$schema": "http://json-schema.org/draft-04/schema#"}) is DRAFT4
