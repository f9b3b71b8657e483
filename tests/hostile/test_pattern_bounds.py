"""``patternProperties`` in the undeclared-property walk: a repository's pattern cannot make it
take unbounded time, and a name is declared by a pattern exactly when the fast engine's verdict
says the pattern matches it (issue 20, item 7)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.hostile._limited import run, write

BACKTRACKING = "^(a+)+$"


@pytest.mark.parametrize("engine", ["fast", "reference"])
def test_a_backtracking_pattern_property_does_not_stall_the_warnings(
    tmp_path: Path, engine: str
) -> None:
    """Python's ``re`` takes 6 s for 26 ``a``s and a ``!`` against ``^(a+)+$``, hours for 40."""
    write(
        tmp_path / "s.json",
        {
            "type": "object",
            "properties": {"id": {"type": "integer"}},
            "patternProperties": {BACKTRACKING: {"type": "integer"}},
        },
    )
    stalling = "a" * 40 + "!"
    write(tmp_path / "doc.json", {"id": 1, "a" * 40: 2, stalling: 3})
    args = ["--schema", "s.json", "doc.json"]
    result = run(
        [*args, "--engine", engine] if engine == "reference" else args, tmp_path, timeout=30
    )
    text = (tmp_path / "doc.json").read_text()
    column = text.index(json.dumps(stalling)) + 1
    warning = f"doc.json:1:{column}: warning: /{stalling}: undeclared property"
    # either engine matches with the bounded engine (validator/contracts/patterns.py): one verdict
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        warning,
        "1 document: 1 valid, 0 invalid, 0 unreadable; 1 warning",
    ]


@pytest.mark.parametrize(
    ("pattern", "key", "declared"),
    [
        ("^[0-9]+$", "123", True),
        ("^\\d+$", "\u0663", False),  # ECMA-262 \d is ASCII only (Python's is not)
        ("^\\w+$", "\u00e9", False),  # likewise \w
        ("^x-", "x-trace", True),
        ("x-", "a-x-b", True),  # searched for, not anchored
        ("^[a-z]+$", "Abc", False),
    ],
)
def test_a_name_is_declared_by_a_pattern_as_the_fast_engine_matches_it(
    tmp_path: Path, pattern: str, key: str, declared: bool
) -> None:
    import jsonschema_rs

    assert jsonschema_rs.validator_for({"pattern": pattern}).is_valid(key) is declared
    write(
        tmp_path / "s.json",
        {"type": "object", "properties": {"id": {}}, "patternProperties": {pattern: {}}},
    )
    write(tmp_path / "doc.json", {"id": 1, key: 2})
    result = run(["--schema", "s.json", "doc.json"], tmp_path)
    assert result.returncode == 0, result.stderr
    warned = [line for line in result.stdout.splitlines() if "undeclared property" in line]
    assert len(warned) == (0 if declared else 1), result.stdout


def test_a_pattern_the_fast_engine_cannot_compile_gives_no_warning_there(tmp_path: Path) -> None:
    """A location whose patterns cannot be read gives no warning (nothing is guessed)."""
    write(
        tmp_path / "s.json",
        {"type": "object", "properties": {"id": {}}, "patternProperties": {"(?<": {}}},
    )
    write(tmp_path / "doc.json", {"id": 1, "other": 2})
    result = run(["--schema", "s.json", "doc.json", "--engine", "reference"], tmp_path)
    assert "undeclared property" not in result.stdout, result.stdout
