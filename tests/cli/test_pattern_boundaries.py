"""ECMA-262's ``\\b``, ``\\B``, ``\\d``, ``\\w`` and ``\\s`` in patterns, for every engine (issue 21
audit, G1): read with the ``u`` flag, ``\\b`` and ``\\B`` look at the ASCII word characters
``[A-Za-z0-9_]`` (``é`` is not one), and ``\\d``/``\\w``/``\\s`` keep their ECMA-262 meaning in a
pattern with a look-around.  jsonschema_rs's regex engine (which both engines match with) reads
them as Unicode unless given them written out (:mod:`validator.contracts.ecma_boundaries`).

Every expected verdict is node's (``new RegExp(pattern, "u").test(string)``, node 20)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.hostile._limited import run, write
from validator.contracts.ecma_boundaries import as_written, ascii_boundaries
from validator.contracts.patterns import bounded

ENGINES = {"fast": [], "reference": ["--engine", "reference"], "cross": ["--cross-check"]}

NODE = [  # (pattern, string, node's /pattern/u.test(string))
    ("^a\\b", "a\u00e9", True),
    ("^a\\b", "a b", True),
    ("^a\\b", "ab", False),
    ("\\bfoo\\b", "\u00e9foo\u00e9", True),
    ("\\B", "\u00e9", True),
    ("^a\\B", "a\u00e9", False),
    ("\\b\u00e9", " \u00e9", False),
    ("\\b\u00e9", "a\u00e9", True),
    ("^\\w\\b", "a\u00e9", True),
    ("^\\W\\b\\w", "\u00e9a", True),
    ("\\b", "\u00e9", False),
    ("^K\\b", "K\u017f", True),  # no i flag: U+017F is no word character
    ("^\\W(?=a)", "\u00e9a", True),  # a look-around: \W, \d, \s, [\w] still ECMA-262's
    ("^\\d(?=a)", "\u0661a", False),
    ("^\\s(?=a)", "\ufeffa", True),
    ("^[\\w](?=a)", "\u00e9a", False),
    ("\\\\b", "\\b", True),  # a backslash, then b
    ("\\\\b", "b", False),
]


def _verdicts(tmp_path: Path, schema: Any, documents: list[Any]) -> dict[str, list[str]]:
    write(tmp_path / "s.json", schema)
    (tmp_path / "docs.jsonl").write_text(
        "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in documents), encoding="utf-8"
    )
    found = {}
    for engine, flags in ENGINES.items():
        result = run([*flags, "--schema", "s.json", "--format", "json", "docs.jsonl"], tmp_path)
        assert result.returncode in (0, 1), result.stderr
        found[engine] = [
            d["status"] + (" warned" if d.get("warnings") else "")
            for d in json.loads(result.stdout)["documents"]
        ]
    return found


def test_pattern_verdicts_are_ecma_262s_whatever_the_engine(tmp_path: Path) -> None:
    names = [f"p{index}" for index in range(len(NODE))]
    schema = {
        "type": "object",
        "properties": {n: {"pattern": p} for n, (p, _, _) in zip(names, NODE, strict=True)},
    }
    documents = [{n: s} for n, (_, s, _) in zip(names, NODE, strict=True)]
    expected = ["valid" if matches else "invalid" for _, _, matches in NODE]
    found = _verdicts(tmp_path, schema, documents)
    assert found == {"fast": expected, "reference": expected, "cross": expected}


@pytest.mark.parametrize(("pattern", "string", "matches"), NODE)
def test_the_bounded_matcher_agrees_with_node(pattern: str, string: str, matches: bool) -> None:
    found = bounded(pattern)
    assert found is not None
    assert found(string) is matches


def test_pattern_properties_and_warnings_read_a_boundary_as_ecma_262_does(
    tmp_path: Path,
) -> None:
    schema = {
        "type": "object",
        "properties": {"id": {}},
        "patternProperties": {"^a\\b": {"type": "integer"}},
    }
    documents = [
        {"id": 1, "a\u00e9": "x"},  # ^a\b matches "aé": its value must be an integer
        {"id": 1, "ab": "x"},  # no match: undeclared
        {"id": 1, "a\u00e9": 1},
    ]
    expected = ["invalid", "valid warned", "valid"]
    found = _verdicts(tmp_path, schema, documents)
    assert found == {"fast": expected, "reference": expected, "cross": expected}


def test_additional_properties_read_a_non_boundary_as_ecma_262_does(tmp_path: Path) -> None:
    schema = {"patternProperties": {"^x\\B": {}}, "additionalProperties": False}
    documents = [{"x\u00e9": 1}, {"xy": 1}]  # node: /^x\B/u finds "xy", not "xé"
    expected = ["invalid", "valid"]
    found = _verdicts(tmp_path, schema, documents)
    assert found == {"fast": expected, "reference": expected, "cross": expected}


def test_format_regex_takes_boundaries(tmp_path: Path) -> None:
    schema = {"format": "regex"}
    documents = ["^a\\b", "\\B\\w", "[\\b]", "\\b+"]
    expected = ["valid", "valid", "valid", "invalid"]
    found = _verdicts(tmp_path, schema, documents)
    assert found == {"fast": expected, "reference": expected, "cross": expected}


@pytest.mark.parametrize("flags", list(ENGINES.values()))
def test_the_message_shows_the_schemas_own_pattern(tmp_path: Path, flags: list[str]) -> None:
    write(tmp_path / "s.json", {"pattern": "^a\\b"})
    (tmp_path / "d.json").write_text('"ab"')
    result = run([*flags, "--schema", "s.json", "d.json"], tmp_path)
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines()[0] == (
        'd.json:1:1: /: "ab" does not match the pattern "^a\\\\b" [/pattern]'
    )


@pytest.mark.parametrize(
    ("pattern", "translated"),
    [
        ("^ab$", "^ab$"),  # nothing to translate: the same object
        ("^\\d+$", "^\\d+$"),  # jsonschema_rs reads \d as ECMA-262 does without a look-around
        ("[\\b]", "[\\b]"),  # a backspace, left alone
        ("\\\\b", "\\\\b"),
        ("\\d(?=x)", "[0-9](?=x)"),
        ("[a\\d](?!x)", "[a0-9](?!x)"),
    ],
)
def test_what_is_translated(pattern: str, translated: str) -> None:
    assert ascii_boundaries(pattern) == translated
    assert as_written(ascii_boundaries(pattern)) == pattern


def test_a_boundary_becomes_look_arounds_over_ascii_word_characters() -> None:
    word = "[0-9A-Z_a-z]"
    assert ascii_boundaries("a\\b") == (f"a(?:(?<!{word})(?={word})|(?<={word})(?!{word}))")
    assert ascii_boundaries("\\B") == (f"(?:(?<={word})(?={word})|(?<!{word})(?!{word}))")
