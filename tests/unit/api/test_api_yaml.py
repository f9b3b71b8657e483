"""validator.api.validate_file reads a .yaml/.yml file as YAML (one document)."""

from __future__ import annotations

from pathlib import Path

import pytest

from validator.api import validate_file
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
