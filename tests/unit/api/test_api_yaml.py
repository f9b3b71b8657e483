"""validator.api.validate_file reads a .yaml/.yml file as YAML (one document); validate_bytes
and validate_file read any bytes or file as YAML with yaml=True."""

from __future__ import annotations

from pathlib import Path

import pytest

from validator.api import validate_bytes, validate_file
from validator.problems import Status

SCHEMA = {"type": "object", "properties": {"on": {"type": "string"}, "n": {"type": "integer"}}}


def test_validate_file_reads_yaml_with_positions(tmp_path: Path) -> None:
    path = tmp_path / "doc.yaml"
    path.write_text("on: yes\nn: '010'\n")
    report = validate_file(path, SCHEMA)
    assert report.status is Status.INVALID
    assert [(e.line, e.column, e.message) for e in report.errors] == [
        (2, 4, 'expected integer, got string "010"')
    ]
    path.write_text("on: yes\nn: 010\n")
    assert validate_file(path, SCHEMA).valid


def test_validate_file_refuses_a_yaml_stream(tmp_path: Path) -> None:
    path = tmp_path / "two.yml"
    path.write_text("n: 1\n---\nn: 2\n")
    with pytest.raises(ValueError, match="holds 2 YAML documents, not one"):
        validate_file(path, SCHEMA)


def test_validate_bytes_reads_yaml_when_told() -> None:
    report = validate_bytes("# doc\non: yes\nn: 1\n", SCHEMA, yaml=True, source="doc.txt")
    assert report.valid  # YAML 1.2: on and yes stay strings
    report = validate_bytes(b"on: 1\nn: [2]\n", SCHEMA, yaml=True, source="doc.txt")
    assert report.status is Status.INVALID
    assert report.source == "doc.txt"
    assert [(e.line, e.column, e.instance_location, e.message) for e in report.errors] == [
        (1, 5, "/on", "expected string, got integer 1"),
        (2, 4, "/n", "expected integer, got array [2]"),
    ]
    assert validate_bytes(b"on: 1\n", SCHEMA).status is Status.UNREADABLE  # JSON by default


def test_validate_bytes_as_yaml_says_why_it_cannot_be_read() -> None:
    report = validate_bytes(b"n: [1,\n", SCHEMA, yaml=True)
    assert report.status is Status.UNREADABLE
    assert [(e.line, e.column, e.message) for e in report.errors] == [
        (2, 1, "not valid YAML: did not find expected node content (while parsing a flow node)")
    ]
    with pytest.raises(ValueError, match="<bytes> holds 2 YAML documents, not one"):
        validate_bytes("n: 1\n---\nn: 2\n", SCHEMA, yaml=True)


def test_validate_file_reads_any_name_as_yaml_when_told(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    path.write_text("n: x\n")
    report = validate_file(path, SCHEMA, yaml=True)
    assert [(e.line, e.column, e.message) for e in report.errors] == [
        (1, 4, 'expected integer, got string "x"')
    ]
    assert validate_file(path, SCHEMA).status is Status.UNREADABLE
    json_named = tmp_path / "doc.yaml"
    json_named.write_text('{"n": 1}')
    assert validate_file(json_named, SCHEMA, yaml=False).valid
