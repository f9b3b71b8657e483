"""Patterns are ECMA-262 for both engines (issue 21, section 2): ``pattern``,
``patternProperties`` and ``format: "regex"`` are read with the ``u`` flag, a pattern no ECMA
engine compiles is exit 2 naming the schema file and the keyword's JSON pointer before any
document is read, and the fast engine, the reference and ``--cross-check`` give one verdict."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.hostile._limited import run, write

ENGINES = {"fast": [], "reference": ["--engine", "reference"], "cross": ["--cross-check"]}


def _verdicts(tmp_path: Path, schema: Any, documents: list[Any]) -> dict[str, list[str]]:
    write(tmp_path / "s.json", schema)
    (tmp_path / "docs.jsonl").write_text("".join(json.dumps(d) + "\n" for d in documents))
    found = {}
    for engine, flags in ENGINES.items():
        result = run([*flags, "--schema", "s.json", "--format", "json", "docs.jsonl"], tmp_path)
        assert result.returncode in (0, 1), result.stderr
        found[engine] = [d["status"] for d in json.loads(result.stdout)["documents"]]
    return found


@pytest.mark.parametrize(
    ("schema", "documents", "statuses"),
    [
        (  # the issue's pattern: Python's re cannot read \p{...}
            {"pattern": "^\\p{L}\\p{Z}\\p{N}$"},
            ["a 1", "\u00e9\u00a07", "a b", "1 a"],
            ["valid", "valid", "invalid", "invalid"],
        ),
        (  # \d is ASCII in ECMA-262 (Python's is any digit); $ is the end (not before a \n)
            {"pattern": "^\\d+$"},
            ["123", "\u0663", "12\n"],
            ["valid", "invalid", "invalid"],
        ),
        (  # \cJ (a newline) and a named group with its back-reference by number
            {"pattern": "^a\\cJ(?<x>b)\\1$"},
            ["a\nbb", "a\nb"],
            ["valid", "invalid"],
        ),
        (
            {"type": "object", "patternProperties": {"^\\w+$": {"type": "integer"}}},
            [{"abc": "x"}, {"\u00e9": "x"}],
            ["invalid", "valid"],
        ),
        (  # which names are evaluated: matched as ECMA-262 too
            {"patternProperties": {"^\\d+$": {}}, "unevaluatedProperties": False},
            [{"12": 1}, {"\u0663": 1}],
            ["valid", "invalid"],
        ),
        (
            {
                "properties": {"p": {}},
                "patternProperties": {"^x-": {}},
                "additionalProperties": False,
            },
            [{"p": 1, "x-a": 2}, {"p": 1, "y": 2}],
            ["valid", "invalid"],
        ),
        (  # format regex: ECMA-262, not Python's re.compile
            {"format": "regex"},
            ["(?<n>a)\\k<n>", "[^]", "\\p{L}", "(?P<n>a)", "\\a", "(?i)a", "(", "\\b*", "[\\b]*"],
            [
                *("valid", "valid", "valid", "invalid", "invalid", "invalid", "invalid", "invalid"),
                "valid",
            ],
        ),
    ],
)
def test_one_verdict_whatever_the_engine(
    tmp_path: Path, schema: Any, documents: list[Any], statuses: list[str]
) -> None:
    found = _verdicts(tmp_path, schema, documents)
    assert found == {"fast": statuses, "reference": statuses, "cross": statuses}


@pytest.mark.parametrize(
    ("schema", "message"),
    [
        (
            {"pattern": "("},
            '1:13: pattern "(" at /pattern is not an ECMA-262 regular expression (Unbalanced '
            "parenthesis)",
        ),
        (
            {"properties": {"a/b": {"patternProperties": {"(?P<n>x)": {}}}}},
            '1:47: pattern "(?P<n>x)" at /properties/a~1b/patternProperties/(?P<n>x) is not an '
            "ECMA-262 regular expression (Invalid group modifier)",
        ),
        (
            {"$defs": {"d": {"allOf": [{"pattern": "\\a"}]}}},
            '1:40: pattern "\\\\a" at /$defs/d/allOf/0/pattern is not an ECMA-262 regular '
            "expression (Invalid character escape)",
        ),
        (  # regress lets a repeated assertion through; ECMA-262 refuses it
            {"pattern": "a\\B{2}"},
            '1:13: pattern "a\\\\B{2}" at /pattern is not an ECMA-262 regular expression '
            "(Quantifier not allowed here)",
        ),
        (
            {"properties": {"x": {"pattern": "[^]"}}},
            '1:34: pattern "[^]" at /properties/x/pattern is ECMA-262, but beyond the bounded '
            "regex engine both engines match with (jsonschema_rs's): write it another way (e.g. "
            "[\\s\\S] for [^])",
        ),
    ],
)
@pytest.mark.parametrize("engine", list(ENGINES))
def test_a_pattern_no_ecma_engine_compiles_is_exit_2_before_any_document(
    tmp_path: Path, schema: Any, message: str, engine: str
) -> None:
    write(tmp_path / "s.json", schema)
    # a document that is not there: the schema is refused before any document is read
    result = run([*ENGINES[engine], "--schema", "s.json", "missing.json"], tmp_path)
    assert result.returncode == 2, result.stdout
    assert result.stderr == f"casefile-validate: schema error: s.json:{message}\n"  # placed
    assert result.stdout == ""


def test_a_bad_pattern_in_a_referenced_file_names_that_file(tmp_path: Path) -> None:
    write(tmp_path / "s.json", {"$ref": "other.json#/$defs/x"})
    write(tmp_path / "other.json", {"$defs": {"x": {"pattern": "a{2,1}"}}})
    write(tmp_path / "doc.json", "aa")
    result = run(["--schema", "s.json", "doc.json"], tmp_path)
    assert result.returncode == 2
    assert result.stderr.endswith(
        'other.json:1:29: pattern "a{2,1}" at /$defs/x/pattern is not an ECMA-262 regular '
        "expression "
        "(Invalid quantifier)\n"
    ), result.stderr


def test_values_that_look_like_patterns_are_not_patterns(tmp_path: Path) -> None:
    """``enum``, ``const``, ``default``, ``examples`` and unknown keywords hold data."""
    schema = {
        "properties": {"pattern": {"enum": [{"pattern": "("}]}},
        "default": {"pattern": "("},
        "x-note": {"pattern": "("},
    }
    write(tmp_path / "s.json", schema)
    write(tmp_path / "doc.json", {"pattern": {"pattern": "("}})
    result = run(["--schema", "s.json", "doc.json"], tmp_path)
    assert result.returncode == 0, result.stderr


def test_a_long_pointer_and_pattern_are_cut_short(tmp_path: Path) -> None:
    name = "n" * 5000
    write(tmp_path / "s.json", {"properties": {name: {"pattern": "(" * 3 + "x" * 5000}}})
    result = run(["--schema", "s.json", "missing.json"], tmp_path)
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert line.startswith('casefile-validate: schema error: s.json:1:5033: pattern "(((xxx')
    assert f"at /properties/{'n' * 170}" in line
    assert len(line) < 500, len(line)
