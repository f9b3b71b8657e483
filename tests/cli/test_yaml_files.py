"""``--yaml-files GLOB`` and a config check's ``yaml = true``: other names read as YAML (payloads,
schema files, OpenAPI documents, standard input as ``-``); JSON Lines stay JSON."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.console import VALIDATE, run_script

INTEGER_ID = '{"type": "object", "properties": {"id": {"type": "integer"}}}'


def _stdin(tmp_path: Path, text: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(VALIDATE), *args],
        input=text,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PATH": os.defpath, "HOME": str(tmp_path), "LANG": "C.UTF-8"},
        timeout=60,
    )


def test_a_named_payload_matching_the_glob_is_read_as_yaml(tmp_path: Path) -> None:
    (tmp_path / "s.json").write_text(INTEGER_ID)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "p.txt").write_text("# a payload\nid: on\n")
    (tmp_path / "q.txt").write_text("id: 1\n")
    result = run_script(tmp_path, "--schema", "s.json", "--yaml-files", "data/*.txt", "data/p.txt")
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines()[0] == (
        'data/p.txt:2:5: /id: expected integer, got string "on" [/properties/id/type]'
    )
    # q.txt is not under data/: it stays JSON
    result = run_script(tmp_path, "--schema", "s.json", "--yaml-files", "data/*.txt", "q.txt")
    assert result.returncode == 3
    assert (
        result.stdout.splitlines()[0]
        == 'q.txt:1:1: not valid JSON: expected a JSON value, found "i"'
    )


def test_a_glob_without_a_slash_matches_at_any_depth_and_yaml_errors_are_placed(
    tmp_path: Path,
) -> None:
    (tmp_path / "s.json").write_text(INTEGER_ID)
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "p.spec").write_text("id: 1\nx: [1,\n")
    result = run_script(tmp_path, "--schema", "s.json", "--yaml-files", "*.spec", "a/b/p.spec")
    assert result.returncode == 3
    assert result.stdout.splitlines()[0] == (
        "a/b/p.spec:3:1: not valid YAML: did not find expected node content "
        "(while parsing a flow node)"
    )


def test_a_schema_file_matching_the_glob_is_read_as_yaml(tmp_path: Path) -> None:
    (tmp_path / "s.schema").write_text("type: object\nproperties:\n  id: {type: integer}\n")
    (tmp_path / "bad.schema").write_text("properties:\n  id:\n    type: 12\n")
    (tmp_path / "p.json").write_text('{"id": "x"}')
    result = run_script(tmp_path, "--schema", "s.schema", "--yaml-files", "*.schema", "p.json")
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith('p.json:1:8: /id: expected integer, got string "x"')
    result = run_script(tmp_path, "--schema", "bad.schema", "--yaml-files", "*.schema", "p.json")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "casefile-validate: schema error: bad.schema:3:11: not a valid schema at"
        " /properties/id/type: 12 is not valid under any of the given schemas\n"
    )
    result = run_script(tmp_path, "--schema", "s.schema", "p.json")
    assert result.returncode == 2
    assert result.stderr.startswith(
        "casefile-validate: schema error: s.schema:1:1: schema is not valid JSON:"
    )


def test_an_openapi_document_matching_the_glob_is_read_as_yaml(tmp_path: Path) -> None:
    (tmp_path / "api.oas").write_text(
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n"
        "      operationId: getA\n      responses:\n        200:\n          description: ok\n"
        "          content:\n            application/json:\n"
        "              schema: {type: object, required: [id]}\n"
    )
    (tmp_path / "p.json").write_text("{}")
    args = ("--openapi", "api.oas", "--operation", "getA", "--yaml-files", "*.oas", "p.json")
    result = run_script(tmp_path, *args)
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines()[0] == (
        'p.json:1:1: /: missing required property "id" [/$ref/required]'
    )


def test_stdin_is_read_as_yaml_with_the_glob_dash(tmp_path: Path) -> None:
    (tmp_path / "s.json").write_text(INTEGER_ID)
    result = _stdin(tmp_path, "id: 5\n---\nid: x\n", "--schema", "s.json", "--yaml-files", "-")
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines()[0] == (
        '<stdin>:3:5: /id: expected integer, got string "x" [/properties/id/type]'
    )
    assert result.stdout.splitlines()[-1] == "2 documents: 1 valid, 1 invalid, 0 unreadable"
    result = _stdin(tmp_path, "id: 5\n", "--schema", "s.json", "--yaml-files", "*.txt")
    assert result.returncode == 3  # only - names standard input


def test_json_lines_stay_json(tmp_path: Path) -> None:
    (tmp_path / "s.json").write_text(INTEGER_ID)
    (tmp_path / "p.jsonl").write_text('{"id": 1}\n{"id": "x"}\n')
    result = run_script(tmp_path, "--schema", "s.json", "--yaml-files", "*", "p.jsonl")
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines()[0] == (
        'p.jsonl:2:8: /id: expected integer, got string "x" [/properties/id/type]'
    )
    result = run_script(tmp_path, "--schema", "s.json", "--yaml-files", "-", "--jsonl", "-")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "casefile-validate: --yaml-files and --jsonl contradict (JSON Lines stay JSON)\n"
    )


def test_a_glob_git_never_matches_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "p.json").write_text("{}")
    result = run_script(tmp_path, "--yaml-files", "[", "p.json")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "casefile-validate: --yaml-files '[' is not a usable glob: a [ is never closed\n"
    )


def _config(tmp_path: Path, extra: str) -> None:
    (tmp_path / "s.json").write_text(INTEGER_ID)
    (tmp_path / ".casefile-validate.toml").write_text(
        f'[[checks]]\nfiles = ["data/*"]\nschema = "s.json"\n{extra}'
    )
    (tmp_path / "data").mkdir()


def test_a_config_check_with_yaml_true_reads_every_file_as_yaml(tmp_path: Path) -> None:
    _config(tmp_path, "yaml = true\n")
    (tmp_path / "data" / "a.txt").write_text("id: 5\n")
    (tmp_path / "data" / "b.json").write_text("id: x\n")
    result = run_script(tmp_path)
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines()[0] == (
        'data/b.json:1:5: /id: expected integer, got string "x" [/properties/id/type]'
    )
    assert result.stdout.splitlines()[-1] == "2 documents: 1 valid, 1 invalid, 0 unreadable"


def test_a_config_check_with_yaml_true_reads_its_openapi_file_as_yaml_too(tmp_path: Path) -> None:
    # "every file of the check": its spec named api.spec was read as JSON ('found "o"'), and
    # only --yaml-files on the command line could say otherwise
    (tmp_path / "api.spec").write_text(
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n"
        "      operationId: getA\n      responses:\n        '200':\n          description: ok\n"
        "          content:\n            application/json:\n              schema:\n"
        "                {type: object, properties: {id: {type: integer}}}\n"
    )
    checks = '[[checks]]\nfiles = ["data/*"]\nopenapi = "api.spec"\noperation = "getA"\n'
    (tmp_path / ".casefile-validate.toml").write_text(checks + "yaml = true\n")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "a.txt").write_text("id: 5\n")
    (tmp_path / "data" / "b.txt").write_text("id: x\n")
    result = run_script(tmp_path)
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [
        'data/b.txt:1:5: /id: expected integer, got string "x" [/$ref/properties/id/type]',
        "2 documents: 1 valid, 1 invalid, 0 unreadable",
    ]
    (tmp_path / ".casefile-validate.toml").write_text(checks)  # without: JSON, and a hint
    result = run_script(tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "casefile-validate: config error: .casefile-validate.toml:4:1: check 1: "
        f"{tmp_path / 'api.spec'}:1:1: schema is not valid JSON: expected a JSON value, found"
        ' "o" (it reads as YAML: name it .yaml or .yml, or give --yaml-files, or yaml = true in'
        " its check)\n"
    )


def test_a_config_check_without_yaml_reads_other_names_as_json(tmp_path: Path) -> None:
    _config(tmp_path, "")
    (tmp_path / "data" / "a.txt").write_text("id: 5\n")
    result = run_script(tmp_path)
    assert result.returncode == 3
    assert result.stdout.splitlines()[0].startswith("data/a.txt:1:1: not valid JSON")


def test_the_yaml_key_is_checked(tmp_path: Path) -> None:
    _config(tmp_path, "yaml = 1\n")
    result = run_script(tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "casefile-validate: config error: .casefile-validate.toml:4:1: check 1:"
        ' "yaml" must be true or false\n'
    )
    (tmp_path / ".casefile-validate.toml").write_text(
        '[[checks]]\nfiles = ["data/*"]\nschema = "s.json"\njsonl = true\nyaml = true\n'
    )
    result = run_script(tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        "casefile-validate: config error: .casefile-validate.toml:5:1: check 1:"
        ' "yaml" and "jsonl" contradict\n'
    )


def test_workers_read_the_matching_files_as_yaml(tmp_path: Path) -> None:
    (tmp_path / "s.json").write_text(INTEGER_ID)
    for number in range(300):
        (tmp_path / f"p{number:03}.txt").write_text(f"id: {number}\n")
    (tmp_path / "p300.txt").write_text("id: x\n")
    names = sorted(p.name for p in tmp_path.glob("*.txt"))
    result = run_script(
        tmp_path, "--schema", "s.json", "--yaml-files", "*.txt", "--jobs", "2", *names
    )
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines()[0] == (
        'p300.txt:1:5: /id: expected integer, got string "x" [/properties/id/type]'
    )
    assert result.stdout.splitlines()[-1] == "301 documents: 300 valid, 1 invalid, 0 unreadable"
