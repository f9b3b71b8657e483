"""YAML payload documents end to end: the installed console script, text output, exact places."""

from __future__ import annotations

import json
from pathlib import Path

from tests.console import run_script

SCHEMA = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"},
        "tags": {"type": "array", "items": {"type": "string"}},
        "flag": {"type": "string"},
    },
    "additionalProperties": False,
}


def setup(tmp_path: Path, **files: str) -> None:
    (tmp_path / "s.json").write_text(json.dumps(SCHEMA))
    for name, text in files.items():
        (tmp_path / name.replace("_", ".")).write_text(text)


def test_errors_are_placed_at_the_yaml_nodes(tmp_path: Path) -> None:
    setup(tmp_path, bad_yaml="# a response\nid: '7'\ntags:\n  - a\n  - 3\nextra: 1\n")
    result = run_script(tmp_path, "--schema", "s.json", "bad.yaml")
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines()[:3] == [
        'bad.yaml:2:5: /id: expected integer, got string "7" [/properties/id/type]',
        "bad.yaml:5:5: /tags/1: expected string, got integer 3 [/properties/tags/items/type]"
        " (headline)",
        'bad.yaml:6:1: /: unexpected property "extra" [/additionalProperties]',
    ]


def test_yaml_1_1_booleans_stay_strings_and_010_is_ten(tmp_path: Path) -> None:
    setup(tmp_path, ok_yml="id: 010\nflag: on\ntags: [yes, no, off]\n")
    result = run_script(tmp_path, "--schema", "s.json", "ok.yml")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "1 document: 1 valid, 0 invalid, 0 unreadable\n"


def test_parse_errors_are_placed(tmp_path: Path) -> None:
    setup(tmp_path, syn_yaml="id: 1\ntags: [a,\n", nan_yaml="id: 1\ntags:\n  - .nan\n")
    result = run_script(tmp_path, "--schema", "s.json", "syn.yaml", "nan.yaml")
    assert result.returncode == 3
    lines = result.stdout.splitlines()
    assert lines[:2] == [
        "syn.yaml:3:1: not valid YAML: did not find expected node content"
        " (while parsing a flow node)",
        "nan.yaml:3:5: not valid YAML: .nan is not a JSON number",
    ]


def test_duplicate_keys_are_invalid(tmp_path: Path) -> None:
    setup(tmp_path, dup_yaml="id: 1\nid: 2\n")
    result = run_script(tmp_path, "--schema", "s.json", "dup.yaml")
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        'dup.yaml:2:1: /: duplicate key "id": which value counts depends on the reader'
    )


def test_an_error_in_an_alias_is_placed_at_the_alias_and_names_its_anchor(tmp_path: Path) -> None:
    schema = {"type": "object", "properties": {"b": {"items": {"type": "string"}}}}
    (tmp_path / "s.json").write_text(json.dumps(schema))
    (tmp_path / "a.yaml").write_text("a: &nums [1]\nb: *nums\n")
    result = run_script(tmp_path, "--schema", "s.json", "a.yaml")
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        "a.yaml:2:4: /b/0: expected string, got integer 1 (in alias *nums)"
        " [/properties/b/items/type]"
    )


def test_a_warning_in_an_alias_is_placed_at_the_alias_and_names_its_anchor(
    tmp_path: Path,
) -> None:
    item = {"type": "object", "properties": {"name": {}, "qty": {"type": "integer"}}}
    schema = {"type": "object", "properties": {"order": {"type": "object", "properties": {
        "items": {"type": "array", "items": item}, "spare": item}}}}  # fmt: skip
    (tmp_path / "s.json").write_text(json.dumps(schema))
    (tmp_path / "w.yaml").write_text(
        "order:\n  spare: &item {name: widget, qty: 3, colour: red}\n  items:\n    - *item\n"
    )
    result = run_script(tmp_path, "--schema", "s.json", "w.yaml")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:2] == [
        "w.yaml:2:39: warning: /order/spare/colour: undeclared property",
        "w.yaml:4:7: warning: /order/items/0/colour: undeclared property (in alias *item)",
    ]


def test_a_stream_is_checked_document_by_document(tmp_path: Path) -> None:
    setup(tmp_path, many_yaml="id: 1\n---\nid: x\n---\n# third\nid: 3\n--- [\n")
    result = run_script(tmp_path, "--schema", "s.json", "-v", "many.yaml")
    assert result.returncode == 3
    lines = result.stdout.splitlines()
    assert lines[:6] == [
        "many.yaml:1: valid (schema s)",
        "many.yaml:2: invalid, 1 problem (schema s)",
        'many.yaml:3:5: /id: expected integer, got string "x" [/properties/id/type]',
        "many.yaml:4: valid (schema s)",
        "many.yaml:8: unreadable, 1 problem (schema s)",
        "many.yaml:8:1: not valid YAML: did not find expected node content"
        " (while parsing a flow node)",
    ]


def test_unknown_tags_are_refused(tmp_path: Path) -> None:
    setup(tmp_path, t_yaml="id: !!python/object/apply:os.system ['true']\n")
    result = run_script(tmp_path, "--schema", "s.json", "t.yaml")
    assert result.returncode == 3
    assert result.stdout.splitlines()[0] == (
        "t.yaml:1:5: not valid YAML: tag !!python/object/apply:os.system is not allowed"
        " (only the YAML core schema's)"
    )


def test_a_folder_walk_takes_json_names_only(tmp_path: Path) -> None:
    setup(tmp_path)
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "deploy.yaml").write_text("kind: Deployment\n")
    (tmp_path / "d" / "a.json").write_text('{"id": 1}')
    result = run_script(tmp_path, "--schema", "s.json", "d")
    assert (result.returncode, result.stdout) == (
        0,
        "1 document: 1 valid, 0 invalid, 0 unreadable\n",
    )


def test_a_config_check_whose_globs_name_yaml_takes_yaml_from_a_folder(tmp_path: Path) -> None:
    setup(tmp_path)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".casefile-validate.toml").write_text(
        '[[checks]]\nfiles = ["payloads/*.yaml"]\nschema = "s.json"\n'
    )
    (tmp_path / "payloads").mkdir()
    (tmp_path / "payloads" / "a.yaml").write_text("id: 1\n---\nid: two\n")
    (tmp_path / "manifests").mkdir()
    (tmp_path / "manifests" / "deploy.yaml").write_text("kind: Deployment\n")
    result = run_script(tmp_path, ".")
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == (
        './payloads/a.yaml:3:5: /id: expected integer, got string "two" [/properties/id/type]'
    )
    assert lines[-1] == "2 documents: 1 valid, 1 invalid, 0 unreadable"


def test_redact_leaves_out_what_the_input_says(tmp_path: Path) -> None:
    schema = {"type": "object", "properties": {"b": {"items": {"type": "string"}}}}
    (tmp_path / "s.json").write_text(json.dumps(schema))
    (tmp_path / "t.yaml").write_text("id: !secret-tag x\n")
    (tmp_path / "n.yaml").write_text("id: !!int 'secret'\n")
    (tmp_path / "a.yaml").write_text("a: &secret [1]\nb: *secret\n")
    result = run_script(tmp_path, "--schema", "s.json", "--redact", "t.yaml", "n.yaml", "a.yaml")
    assert result.returncode == 3
    assert "secret" not in result.stdout
    assert result.stdout.splitlines()[:3] == [
        "t.yaml:1:5: not valid YAML: tag ... is not allowed (only the YAML core schema's)",
        "n.yaml:1:5: not valid YAML: ... is not a valid int",
        "a.yaml:2:4: /b/0: expected string, got integer [/properties/b/items/type]",
    ]
