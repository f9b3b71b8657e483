"""The public Python API."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import validator
from validator.catalog import load_schema
from validator.engine import compile_schema
from validator.problems import DISAGREEMENT

VALID: dict[str, Any] = {
    "request_id": "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b",
    "status": "completed",
    "payload": {"casefile_id": "c", "session_id": "s", "session_type": "t", "total_sessions": 3},
}


PUBLIC = "Problem Report Schema SchemaProblem Status assert_valid is_valid load_schema"
PUBLIC += " schema_names validate validate_bytes validate_file validate_lines"


def test_public_names() -> None:
    assert sorted(validator.__all__) == sorted(PUBLIC.split())
    for name in validator.__all__:
        assert getattr(validator, name) is not None
    with pytest.raises(AttributeError):
        validator.no_such_name  # noqa: B018


def test_assert_valid_lists_every_error() -> None:
    validator.assert_valid(VALID)
    bad = {**VALID, "status": "done", "error": 1}
    with pytest.raises(AssertionError) as raised:
        validator.assert_valid(bad)
    text = str(raised.value)
    assert "invalid (2 errors)" in text
    assert '/status: "done" is not one of "pending", "processing", "completed", "failed"' in text
    assert "/error: expected string or null, got integer 1 [/properties/error/anyOf]" in text


def test_validate_file_and_bytes_carry_positions(tmp_path: Path) -> None:
    path = tmp_path / "doc.json"
    path.write_text(json.dumps({**VALID, "status": "done"}, indent=2))
    report = validator.validate_file(path)
    assert not report.valid and report.source == str(path)
    [error] = report.errors
    assert (error.line, error.column, error.instance_location) == (3, 13, "/status")
    assert validator.validate_bytes(b"[1,").errors[0].keyword == "parse"
    assert validator.validate_bytes('{"a": "é"}'.encode(), {"type": "object"}).valid
    with pytest.raises(OSError):
        validator.validate_file(tmp_path / "missing.json")


def test_schema_as_dict_name_path_or_object(tmp_path: Path) -> None:
    schema = {"type": "integer"}
    path = tmp_path / "s.json"
    path.write_text(json.dumps(schema))
    for given in (schema, str(path), path, validator.load_schema(path)):
        assert validator.is_valid(3, given)
        assert not validator.is_valid("3", given)
    with pytest.raises(validator.SchemaProblem):
        validator.validate(1, {"type": "no-such-type"})
    with pytest.raises(validator.SchemaProblem):
        validator.load_schema("NoSuchContract")


class _Lying:
    """A stand-in fast validator that calls every document valid, or invalid with no reason."""

    def __init__(self, verdict: bool) -> None:
        self.verdict = verdict

    def is_valid(self, document: Any) -> bool:
        return self.verdict

    def iter_errors(self, document: Any) -> list[Any]:
        return []


def test_a_fast_rejection_without_a_reason_is_reported() -> None:
    engine = compile_schema(load_schema())
    engine._fast = _Lying(False)
    engine._quick = None
    [finding] = engine.findings(VALID)
    assert finding.failure.keyword == DISAGREEMENT


def test_cross_check_reports_a_fast_engine_that_accepts_too_much() -> None:
    engine = compile_schema(load_schema(), cross_check=True)
    engine._fast = _Lying(True)
    engine._quick = None
    bad = {**VALID, "status": "done"}
    assert engine.is_valid(bad) is False
    keywords = [f.failure.keyword for f in engine.findings(bad)]
    assert keywords[0] == DISAGREEMENT and "enum" in keywords
