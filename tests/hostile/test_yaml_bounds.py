"""Hostile YAML: alias bombs, deep nesting and Python tags end as one line each, within memory
and time limits, and the other inputs of the run are still checked."""

from __future__ import annotations

import time
from pathlib import Path

from tests.hostile._limited import run, write

MEMORY = 512 << 20
SCHEMA = {"type": "object", "properties": {"a": {"type": "array"}}}


def _laughs(levels: int) -> str:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, levels)]
    return "\n".join(lines) + f"\na: [*a{levels - 1}]\n"


def test_billion_laughs_is_one_line_not_a_hang(tmp_path: Path) -> None:
    write(tmp_path / "s.json", SCHEMA)
    write(tmp_path / "bomb.yaml", _laughs(10))  # 10**10 values once expanded
    write(tmp_path / "ok.yaml", "a: [1]\n")
    start = time.monotonic()
    result = run(
        ["--schema", "s.json", "bomb.yaml", "ok.yaml"], tmp_path, memory=MEMORY, timeout=30
    )
    assert time.monotonic() - start < 20
    assert result.returncode == 3, result.stderr
    assert result.stdout.splitlines()[0] == (
        "bomb.yaml:6:45: not valid YAML: aliases expand to more than 1,000,000 values (at *a4)"
    )
    assert result.stdout.splitlines()[-1] == "2 documents: 1 valid, 0 invalid, 1 unreadable"


def test_deep_nesting_and_python_tags(tmp_path: Path) -> None:
    write(tmp_path / "s.json", SCHEMA)
    write(tmp_path / "deep.yaml", "a: " + "[" * 200_000 + "\n")
    write(tmp_path / "block.yaml", "".join("  " * i + "- \n" for i in range(5000)))
    write(tmp_path / "obj.yaml", "a: !!python/object/new:os.system [echo pwned]\n")
    result = run(
        ["--schema", "s.json", "deep.yaml", "block.yaml", "obj.yaml"],
        tmp_path,
        memory=MEMORY,
        timeout=30,
    )
    assert result.returncode == 3, result.stderr
    assert "pwned" not in result.stderr
    assert result.stdout.splitlines()[:3] == [
        "deep.yaml:1:1003: not valid YAML: exceeded maximum nesting depth"
        " (while increasing flow level)",
        "block.yaml:1000:1999: not valid YAML: exceeded maximum nesting depth"
        " (while increasing block level)",
        "obj.yaml:1:4: not valid YAML: tag !!python/object/new:os.system is not allowed"
        " (only the YAML core schema's)",
    ]


def _chained(levels: int, links: int, key: str = "n") -> str:
    """Anchors each nesting the one before ``levels`` deep (each line within libyaml's bound)."""
    lines = [f"{key}0: &{key}0 {'[' * levels}5{']' * levels}"]
    for i in range(1, links):
        lines.append(f"{key}{i}: &{key}{i} {'[' * levels}*{key}{i - 1}{']' * levels}")
    return "\n".join(lines) + "\n"


def test_nesting_built_by_aliases_is_one_line_not_a_crash(tmp_path: Path) -> None:
    # 18,000 levels from 36 KB: the fast engine's error report crashed the process (SIGSEGV)
    # on the document, and the schema check on the schema, with no report at all
    write(tmp_path / "rec.json", {"type": ["array", "string", "object"], "items": {"$ref": "#"}})
    write(tmp_path / "deep.yaml", _chained(900, 20))
    write(tmp_path / "ok.yaml", "[[x]]\n")
    result = run(["--schema", "rec.json", "deep.yaml", "ok.yaml"], tmp_path, memory=MEMORY)
    assert result.returncode == 3, result.stderr
    assert result.stdout.splitlines() == [
        "deep.yaml:2:909: not valid YAML: nesting deeper than 1024 levels (at *n0)",
        "2 documents: 1 valid, 0 invalid, 1 unreadable",
    ]
    write(
        tmp_path / "schema.yaml", _chained(450, 40, "x").replace("[", "{items: ").replace("]", "}")
    )
    result = run(["--schema", "schema.yaml", "ok.yaml"], tmp_path, memory=MEMORY)
    assert result.returncode == 2, result.stderr
    assert result.stderr == (
        "casefile-validate: schema error: schema.yaml:3:3609: schema is not valid YAML:"
        " nesting deeper than 1024 levels (at *x1)\n"
    )
