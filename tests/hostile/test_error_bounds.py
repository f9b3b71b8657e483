"""Errors are bounded per document (at most 1,000 collected, then a note), and what YAML aliases
add is bounded per stream: a YAML document of 263 bytes whose aliases share one failing value
900,000 times took 34 s and 2.2 GB (whatever --max-errors said), and a stream of three 98 s."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile._limited import run, write

MEMORY = 512 << 20
LEAVES = {"type": "string"}
SCHEMA: dict[str, object] = {"type": "object", "additionalProperties": {}}
_inner: dict[str, object] = LEAVES
for _ in range(6):
    _inner = {"type": "array", "items": _inner}
SCHEMA["additionalProperties"] = _inner

AMPLIFIED = "\n".join(
    ["a0: &a0 [1,1,1,1,1,1,1,1,1,1]"]
    + [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 5)]
    + ["k: [*a4,*a4,*a4,*a4,*a4,*a4,*a4]", ""]
)  # 901,110 values, each leaf failing "type": string
NOTE = (
    "... and more errors, not collected (a document's check collects at most 1,000; see "
    "docs/security-bounds.md)"
)


@pytest.mark.parametrize("engine", [[], ["--engine", "reference"], ["--cross-check"]])
def test_an_amplified_yaml_document_collects_1000_errors_and_a_note(
    tmp_path: Path, engine: list[str]
) -> None:
    write(tmp_path / "s.json", SCHEMA)
    write(tmp_path / "b.yaml", AMPLIFIED)
    write(tmp_path / "ok.yaml", "a0: [[[[[[x]]]]]]\n")
    result = run(
        [*engine, "-j1", "--schema", "s.json", "b.yaml", "ok.yaml"],
        tmp_path,
        memory=MEMORY,
        timeout=30,
    )
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1] == "2 documents: 1 valid, 1 invalid, 0 unreadable"
    errors = [line for line in lines if line.startswith("b.yaml:")]
    assert len(errors) == 1001
    # in the document's order, the same in every run (the headline among those collected)
    assert errors[110] == (
        "b.yaml:3:10: /a2/0/0/0: expected array, got integer 1 (in alias *a1) "
        "[/additionalProperties/items/items/items/type] (headline)"
    )
    assert errors[-1] == f"b.yaml:3:42: /a2/8/9/0: {NOTE} (in alias *a1)"
    assert sum(NOTE in line for line in errors) == 1
    assert sum(line.endswith("(headline)") for line in errors) == 1
    cut = run(
        [*engine, "-j1", "--max-errors", "5", "--schema", "s.json", "b.yaml"],
        tmp_path,
        memory=MEMORY,
        timeout=30,
    )
    assert cut.returncode == 1
    assert len([line for line in cut.stdout.splitlines() if line.startswith("b.yaml:")]) == 5


def test_a_json_document_of_many_errors_collects_1000(tmp_path: Path) -> None:
    write(tmp_path / "s.json", {"items": {"type": "integer"}})
    write(tmp_path / "d.json", ["x"] * 3000)
    for engine in ([], ["--engine", "reference"], ["--cross-check"]):
        result = run([*engine, "--schema", "s.json", "d.json"], tmp_path, memory=MEMORY)
        assert result.returncode == 1
        lines = result.stdout.splitlines()
        assert len(lines) == 1002
        assert (
            lines[0] == 'd.json:1:2: /0: expected integer, got string "x" [/items/type] (headline)'
        )
        assert lines[1000] == f"d.json:1:5002: /1000: {NOTE}"


def test_the_alias_bound_is_the_streams(tmp_path: Path) -> None:
    write(tmp_path / "s.json", {})
    stream = "---\n".join([AMPLIFIED] * 3)  # 801 bytes: three times 901,110 values
    write(tmp_path / "st.yaml", stream)
    result = run(
        ["-j1", "--max-errors", "5", "--schema", "s.json", "st.yaml"],
        tmp_path,
        memory=MEMORY,
        timeout=30,
    )
    assert result.returncode == 3, result.stderr
    assert result.stdout.splitlines() == [
        "st.yaml:12:38: not valid YAML: aliases expand to more than 1,000,000 values (at *a3)",
        "2 documents: 1 valid, 0 invalid, 1 unreadable",
    ]


@pytest.mark.parametrize("keyword", ["anyOf", "oneOf"])
@pytest.mark.parametrize("engine", [[], ["--engine", "reference"], ["--cross-check"]])
def test_alternatives_keep_few_of_their_branches_errors(
    tmp_path: Path, engine: list[str], keyword: str
) -> None:
    # jsonschema gathered all 900,000 errors of the failing branch: 65 s, then out of memory
    write(tmp_path / "s.json", {keyword: [SCHEMA, {"type": "string"}]})
    write(tmp_path / "b.yaml", AMPLIFIED)
    result = run(
        [*engine, "-j1", "--schema", "s.json", "b.yaml"], tmp_path, memory=MEMORY, timeout=30
    )
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [
        "b.yaml:1:1: /: matches none of the 2 alternatives: (1) /a0/0: expected array, got "
        'integer 1; (2) expected string, got object {"a0":[1,1,1,1,1,1,1,1,1,1],"a1":[[1,1,1,1,'
        f"1,1,1,1,1,1],[1,1,1,1,1,1,1,1,1,1],[… (6 properties) [/{keyword}]",
        "1 document: 0 valid, 1 invalid, 0 unreadable",
    ]
