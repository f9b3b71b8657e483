"""The verdict edge cases of the first contract, each checked against the reference too."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from jsonschema import Draft202012Validator

import validator
from validator.checking.engine import compile_schema
from validator.contracts.catalog import load_schema

VALID: dict[str, Any] = {
    "request_id": "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b",
    "status": "completed",
    "payload": {
        "casefile_id": "cf-1",
        "session_id": "s-1",
        "session_type": "chat",
        "total_sessions": 3,
    },
}
SCHEMA = load_schema()
REFERENCE = Draft202012Validator(
    {**SCHEMA.contents},
    format_checker=Draft202012Validator.FORMAT_CHECKER,
)


def _with(path: str, value: Any) -> dict[str, Any]:
    doc = copy.deepcopy(VALID)
    *parents, last = path.split("/")
    target = doc
    for p in parents:
        target = target[p]
    target[last] = value
    return doc


CASES = [
    ("payload/total_sessions", 3.0, True),
    ("payload/total_sessions", True, False),
    ("payload/total_sessions", 10**30, True),
    ("payload/total_sessions", -(10**30), True),
    ("payload/total_sessions", 2.5, False),
    ("payload/total_sessions", "3", False),
    ("request_id", "6F1C2A9E-3B4D-4E5F-8A7B-9C0D1E2F3A4B", True),
    ("request_id", "6f1c2a9e3b4d4e5f8a7b9c0d1e2f3a4b", False),
    ("request_id", "{6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b}", False),
    ("request_id", "urn:uuid:6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b", False),
    ("request_id", "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4", False),
    ("request_id", 123, False),
    ("extra_top_level", {"anything": [1, 2]}, True),
    ("error", None, True),
    ("error", "boom", True),
    ("error", 5, False),
    ("error", False, False),
    ("metadata", {}, True),
    ("metadata", {"nested": {"deep": [None, 1.5, "x"]}}, True),
    ("metadata", [], False),
    ("timestamp", "not really a timestamp", True),
    ("timestamp", 1700000000, False),
    ("status", "pending", True),
    ("status", "Completed", False),
    ("payload/extra", "allowed", True),
]


@pytest.mark.parametrize(
    ("path", "value", "expected"), CASES, ids=[f"{c[0]}={c[1]!r}"[:60] for c in CASES]
)
def test_edge_case_verdict(path: str, value: Any, expected: bool) -> None:
    doc = _with(path, value)
    assert REFERENCE.is_valid(doc) is expected
    assert validator.is_valid(doc) is expected
    assert validator.validate(doc).valid is expected
    assert compile_schema(SCHEMA, engine="reference").is_valid(doc) is expected


def test_missing_required_property_is_reported_at_the_object() -> None:
    doc = copy.deepcopy(VALID)
    del doc["payload"]["session_id"]
    report = validator.validate(doc)
    assert not report.valid
    [error] = report.errors
    assert error.instance_location == "/payload"
    assert error.keyword_location == "/properties/payload/$ref/required"
    assert error.keyword == "required"
    assert error.message == 'missing required property "session_id"'


def test_not_an_object_at_all() -> None:
    report = validator.validate([1, 2])
    assert [(e.instance_location, e.keyword) for e in report.errors] == [("", "type")]
    assert report.errors[0].message == "expected object, got array [1,2]"
