"""The public Python API."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import validator
from validator.checking.engine import compile_schema
from validator.contracts.catalog import load_schema
from validator.problems import DISAGREEMENT

VALID: dict[str, Any] = {
    "request_id": "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b",
    "status": "completed",
    "payload": {"casefile_id": "c", "session_id": "s", "session_type": "t", "total_sessions": 3},
}


PUBLIC = (
    "Problem Report Schema SchemaProblem Status assert_valid check_response is_valid load_schema"
)
PUBLIC += " operation_schema schema_names validate validate_bytes validate_file validate_lines"


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


TYPOS = (
    b'{"request_id": "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b", "status": "done",\n'
    b' "payload": {"casefile_id": "c", "session_id": "s", "session_type": "t",\n'
    b'  "total_sessions": 1, "sesion_type": "y"}, "timestmap": "t"}'
)


def test_reports_carry_the_warnings_of_undeclared_properties(tmp_path: Path) -> None:
    # As on the command line: an undeclared property is a warning at its key, with the nearest
    # declared name; it never changes the verdict.
    report = validator.validate_bytes(TYPOS, source="t.json")
    assert not report.valid
    assert [
        (w.instance_location, w.message, w.keyword, w.line, w.column) for w in report.warnings
    ] == [
        (
            "/payload/sesion_type",
            'undeclared property; did you mean "session_type"?',
            "undeclared-property",
            3,
            24,
        ),
        (
            "/timestmap",
            'undeclared property; did you mean "timestamp"?',
            "undeclared-property",
            3,
            45,
        ),
    ]
    assert str(report).splitlines() == [
        "t.json: invalid (1 error, 2 warnings)",
        '  1:66: /status: "done" is not one of "pending", "processing", "completed", "failed" '
        "[/properties/status/$ref/enum]",
        '  3:24: warning: /payload/sesion_type: undeclared property; did you mean "session_type"?',
        '  3:45: warning: /timestmap: undeclared property; did you mean "timestamp"?',
    ]
    fixed = TYPOS.replace(b'"done"', b'"completed"')
    (tmp_path / "t.json").write_bytes(fixed)
    from_file = validator.validate_file(tmp_path / "t.json")
    assert from_file.valid and from_file.errors == ()
    assert [(w.line, w.column) for w in from_file.warnings] == [(3, 24), (3, 45)]
    assert str(from_file).splitlines()[0] == f"{tmp_path / 't.json'}: valid (2 warnings)"
    validator.assert_valid(tmp_path / "t.json")  # warnings are not errors

    value = validator.validate(json.loads(fixed))
    assert value.valid
    assert sorted(w.instance_location for w in value.warnings) == [
        "/payload/sesion_type",
        "/timestmap",
    ]
    assert all(w.line is None for w in value.warnings)  # a Python value has no text

    lines = list(validator.validate_lines([fixed.replace(b"\n", b""), b"", json.dumps(VALID)]))
    assert [(r.line, r.valid, [(w.line, w.column) for w in r.warnings]) for r in lines] == [
        (1, True, [(1, 173), (1, 194)]),  # the keys of "sesion_type" and "timestmap"
        (3, True, []),
    ]
    assert str(lines[1]) == "<lines>: valid"


def test_no_warning_where_the_schema_governs_other_members() -> None:
    closed = {"type": "object", "properties": {"a": {}}, "additionalProperties": False}
    report = validator.validate({"a": 1, "b": 2}, closed)
    assert (report.valid, report.warnings) == (False, ())
    assert validator.validate({"b": 1}, {"type": "object"}).warnings == ()
    open_ = validator.validate({"a": 1, "b": 2}, {"type": "object", "properties": {"a": {}}})
    assert open_.valid
    assert [w.instance_location for w in open_.warnings] == ["/b"]
