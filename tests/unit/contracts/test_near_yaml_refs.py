"""A ``$ref`` naming a YAML schema file beside it without its extension, or with the other YAML
(or JSON) extension, gets the did-you-mean a ``.json`` file gets (issue 21 audit, G3)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.hostile._limited import run, write
from validator.contracts.catalog import load_schema
from validator.problems import UnresolvableRef


@pytest.mark.parametrize(
    ("present", "ref", "meant"),
    [
        ("f3.yaml", "f3", "f3.yaml"),
        ("f3.yaml", "f3.yml", "f3.yaml"),
        ("f3.yml", "f3.yaml", "f3.yml"),
        ("f3.yml", "F3", "f3.yml"),
        ("f3.yaml", "f3.json", "f3.yaml"),
        ("f3.json", "f3.yaml", "f3.json"),
        ("f3.json", "f3", "f3.json"),
    ],
)
def test_a_near_schema_file_is_suggested(
    tmp_path: Path, present: str, ref: str, meant: str
) -> None:
    (tmp_path / present).write_text(
        '{"Item": {"type": "string"}}' if present.endswith(".json") else "Item: {type: string}\n"
    )
    write(tmp_path / "m3.json", {"properties": {"a": {"$ref": f"{ref}#/Item"}}})
    with pytest.raises(UnresolvableRef) as caught:
        load_schema(tmp_path / "m3.json")
    folder = os.path.realpath(tmp_path)
    assert f"no file {folder}/{ref} beside the referring file (did you mean {meant}?)," in str(
        caught.value
    )


@pytest.mark.parametrize("ref", ["f4", "f3.txt", "f3.yaml.bak"])
def test_no_suggestion_for_another_name(tmp_path: Path, ref: str) -> None:
    (tmp_path / "f3.yaml").write_text("Item: {type: string}\n")
    write(tmp_path / "m3.json", {"properties": {"a": {"$ref": f"{ref}#/Item"}}})
    with pytest.raises(UnresolvableRef) as caught:
        load_schema(tmp_path / "m3.json")
    assert "did you mean" not in str(caught.value)


def test_the_audits_case_on_the_command_line(tmp_path: Path) -> None:
    (tmp_path / "f3.yaml").write_text("Item: {type: string}\n")
    write(
        tmp_path / "m3.json",
        {"properties": {"a": {"$ref": "f3#/Item"}, "b": {"$ref": "f3.yml#/Item"}}},
    )
    write(tmp_path / "d.json", {})
    result = run(["--no-config", "--schema", "m3.json", "d.json"], tmp_path)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert lines[0] == "casefile-validate: schema error: m3: 2 references cannot be resolved:"
    assert lines[1].startswith('  m3.json:1:31: $ref "f3#/Item": no file ')
    assert "/f3 beside the referring file (did you mean f3.yaml?), and " in lines[1]
    assert "/f3.yml beside the referring file (did you mean f3.yaml?), and " in lines[2]
