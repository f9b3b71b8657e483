"""What declares a property name depends on the dialect its schema object is read in:
``dependencies`` in draft 4 to 7, ``dependentRequired`` and ``dependentSchemas`` from 2019-09
(a keyword of the other dialects is no keyword, and declares nothing)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import validator

DRAFT7 = "http://json-schema.org/draft-07/schema#"
DOCUMENT = {"a": 1, "x": 1, "y": 2, "s": 1, "t": 2}


def undeclared(schema: Any, document: Any = DOCUMENT) -> list[str]:
    return [w.instance_location for w in validator.validate(document, schema).warnings]


@pytest.mark.parametrize("draft", ["04", "06", "07"])
def test_dependencies_declare_their_keys_and_the_names_they_require(draft: str) -> None:
    schema = {
        "$schema": f"http://json-schema.org/draft-{draft}/schema#",
        "properties": {"a": {}},
        "dependencies": {"x": ["y"], "s": {"properties": {"t": {}}}},
    }
    assert undeclared(schema) == []


def test_dependent_required_in_draft_7_is_no_keyword_and_declares_nothing() -> None:
    schema = {
        "$schema": DRAFT7,
        "properties": {"a": {}},
        "dependentRequired": {"x": ["y"]},
        "dependentSchemas": {"s": {"properties": {"t": {}}}},
    }
    assert undeclared(schema) == ["/x", "/y", "/s"]


def test_in_2020_12_dependent_keywords_declare_and_dependencies_does_not() -> None:
    schema = {
        "properties": {"a": {}},
        "dependentRequired": {"x": ["y"]},
        "dependentSchemas": {"s": {"properties": {"t": {}}}},
        "dependencies": {"q": ["r"]},
    }
    assert undeclared(schema, {**DOCUMENT, "q": 1, "r": 2}) == ["/q", "/r"]


def test_a_draft_7_file_reached_by_ref_is_read_in_its_own_dialect(tmp_path: Path) -> None:
    old = {
        "$schema": DRAFT7,
        "$id": "https://x.test/old.json",
        "properties": {"a": {}},
        "dependencies": {"x": ["y"]},
    }
    (tmp_path / "old.json").write_text(json.dumps(old))
    (tmp_path / "new.json").write_text(json.dumps({"$ref": "old.json", "properties": {"s": {}}}))
    report = validator.validate({"a": 1, "x": 1, "y": 2, "s": 1, "t": 2}, tmp_path / "new.json")
    assert [(w.instance_location, w.message) for w in report.warnings] == [
        ("/t", "undeclared property")
    ]
