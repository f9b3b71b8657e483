"""Schema files given as YAML (``--schema api.yaml``, ``$ref`` to a ``.yml`` file), end to end."""

from __future__ import annotations

from pathlib import Path

from tests.console import run_script

SCHEMA = """# a schema in YAML
type: object
properties:
  id: {type: integer}
  on: {$ref: 'item.yml'}
required: [id]
"""


def test_a_yaml_schema_and_its_yaml_reference(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text(SCHEMA)
    (tmp_path / "item.yml").write_text("type: object\nproperties:\n  n: {type: string}\n")
    (tmp_path / "p.yaml").write_text("id: 1\n'on':\n  n: 3\n")
    (tmp_path / "ok.json").write_text('{"id": 1, "on": {"n": "x"}}')
    result = run_script(tmp_path, "--schema", "s.yaml", "p.yaml", "ok.json")
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines()[0] == (
        "p.yaml:3:6: /on/n: expected string, got integer 3 [/properties/on/$ref/properties/n/type]"
    )


def test_a_yaml_schema_with_a_duplicate_key(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text("type: object\nrequired: []\ntype: array\n")
    (tmp_path / "p.json").write_text("{}")
    result = run_script(tmp_path, "--schema", "s.yaml", "p.json")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "casefile-validate: schema error: s.yaml:3:1: schema is not valid YAML:"
        " duplicate key 'type' in ''\n"
    )


def test_a_yaml_schema_that_is_not_yaml_1_2_json(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text("type: object\nmaximum: .inf\n")
    (tmp_path / "p.json").write_text("{}")
    result = run_script(tmp_path, "--schema", "s.yaml", "p.json")
    assert result.returncode == 2
    assert result.stderr == (
        "casefile-validate: schema error: s.yaml:2:10: schema is not valid YAML:"
        " .inf is not a JSON number\n"
    )


def test_a_broken_reference_is_placed_in_the_yaml_schema(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text("type: object\nproperties:\n  a: {$ref: '#/nope'}\n")
    (tmp_path / "p.json").write_text("{}")
    result = run_script(tmp_path, "--schema", "s.yaml", "p.json")
    assert result.returncode == 2
    assert 'cannot resolve $ref "#/nope" at s.yaml:3:13:' in result.stderr
