"""Back-references whose group may not take part in the match (ECMA-262 lets them match the
empty string; the bounded engine both engines match with does not) are refused when the schema
is read, exit 2 before any document, placed like every refused pattern; those whose group always
takes part before them keep working, in every engine."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.hostile._limited import run, write
from validator.contracts.backrefs import unsure_reference

_WHY = {
    "^(?:(a)|b)\\1$": "the group is in an alternative the match may not take",
    "^(a)?b\\1$": "the group is inside a repetition that may run 0 times",
    "\\1(a)": "the reference comes before the group closes",
}
_AFTER = (
    "; ECMA-262 lets such a reference match the empty string, the bounded regex engine both "
    "engines match with (jsonschema_rs's) does not: write it another way (e.g. ^(?:aa|b)$ for "
    "^(?:(a)|b)\\1$)\n"
)


def _placed(keyword: str, pattern: str) -> tuple[Any, str, str]:
    """The schema holding ``pattern`` under ``keyword``, its column, and its pointer."""
    if keyword == "pattern":
        return {"pattern": pattern}, "1:12", "/pattern"
    if keyword == "patternProperties":
        return {"patternProperties": {pattern: {}}}, "1:23", f"/patternProperties/{pattern}"
    return {"propertyNames": {"pattern": pattern}}, "1:29", "/propertyNames/pattern"


@pytest.mark.parametrize("keyword", ["pattern", "patternProperties", "propertyNames"])
@pytest.mark.parametrize("pattern", list(_WHY))
@pytest.mark.parametrize("engine", [[], ["--engine", "reference"]])
def test_a_reference_that_may_not_take_part_is_refused_before_any_document(
    tmp_path: Path, keyword: str, pattern: str, engine: list[str]
) -> None:
    schema, column, pointer = _placed(keyword, pattern)
    write(tmp_path / "s.json", json.dumps(schema, separators=(",", ":")))
    result = run([*engine, "--schema", "s.json", "missing.json"], tmp_path)
    assert result.returncode == 2, result.stdout
    assert result.stdout == ""
    shown = json.dumps(pattern)
    assert result.stderr == (
        f"casefile-validate: schema error: s.json:{column}: pattern {shown} at {pointer} has a "
        f"back-reference \\1 to a group that may not take part in the match there "
        f"({_WHY[pattern]})" + _AFTER
    )


@pytest.mark.parametrize(
    ("pattern", "documents", "statuses"),
    [
        ("^(a)b\\1$", ["aba", "b", "ab"], ["valid", "invalid", "invalid"]),
        ("^(?:(a)\\1)+$", ["aaaa", "aaa"], ["valid", "invalid"]),
        ("^(?<x>a)-\\1$", ["a-a", "a-"], ["valid", "invalid"]),
        ("^((a)|b)\\1$", ["aa", "bb", "ab"], ["valid", "valid", "invalid"]),
    ],
)
def test_a_reference_to_a_group_that_always_takes_part_keeps_working(
    tmp_path: Path, pattern: str, documents: list[str], statuses: list[str]
) -> None:
    write(tmp_path / "s.json", {"pattern": pattern})
    (tmp_path / "d.jsonl").write_text("".join(json.dumps(d) + "\n" for d in documents))
    for flags in ([], ["--engine", "reference"], ["--cross-check"]):
        result = run([*flags, "--schema", "s.json", "--format", "json", "d.jsonl"], tmp_path)
        assert result.returncode in (0, 1), result.stderr
        assert [d["status"] for d in json.loads(result.stdout)["documents"]] == statuses


@pytest.mark.parametrize(
    ("pattern", "found"),
    [
        ("^(?:(a)|b)\\1$", ("\\1", "the group is in an alternative the match may not take")),
        ("(?:(a)|b)+\\1", ("\\1", "the group is in an alternative the match may not take")),
        ("((a)|b)\\2", ("\\2", "the group is in an alternative the match may not take")),
        ("(a)|\\1", ("\\1", "the group is in another alternative than the reference")),
        ("(a){0}\\1", ("\\1", "the group is inside a repetition that may run 0 times")),
        ("(?:x(a)??)+\\1", ("\\1", "the group is inside a repetition that may run 0 times")),
        ("(a\\1)", ("\\1", "the reference comes before the group closes")),
        ("[(]\\1(a)", ("\\1", "the reference comes before the group closes")),
        (
            "(?!(a))\\1",
            ("\\1", "the group is inside a negative look-around, which keeps nothing it captures"),
        ),
        (
            "(?<=(a)\\1)b",
            (
                "\\1",
                "the reference is inside a lookbehind, which ECMA-262 matches from right to left",
            ),
        ),
        (
            "(a)(?<=\\1)b",
            (
                "\\1",
                "the reference is inside a lookbehind, which ECMA-262 matches from right to left",
            ),
        ),
        (  # ECMA-262 rejects an empty repetition once the fewest are done: the capture before
            "^(?:(a?)b?)+\\1$",
            ("\\1", "the group is inside a repetition of what may match the empty string"),
        ),
        ("(?:(a){2})+\\1", None),
        ("(?:(a?)){3}\\1", None),  # exactly 3: no repetition is left out
        ("^(a)b\\1$", None),
        ("(?:(a)\\1)+", None),
        ("(a){1,}\\1", None),
        ("(?=(a))\\1", None),
        ("(?<=(a))\\1", None),
        ("[\\]\\(](a)\\1", None),
        ("\\p{L}(a)\\1", None),
        ("(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)\\10", None),
        ("\\\\1(a)", None),  # an escaped backslash, then a 1
        ("(?i:(a))\\1", None),  # a group with modifiers: not a capturing group
        ("(?i:(a))?\\1", ("\\1", "the group is inside a repetition that may run 0 times")),
    ],
)
def test_which_references_are_unsure(pattern: str, found: tuple[str, str] | None) -> None:
    assert unsure_reference(pattern) == found


@pytest.mark.parametrize(
    ("pattern", "hint"),
    [
        ("\\0", "\\x00 for \\0"),
        ("a[\\b]", "[\\x08] for [\\b]"),
        ("\\uD83D\\uDE00", "\\u{1F600} for \\uD83D\\uDE00"),
        ("[^]", "[\\s\\S] for [^]"),
    ],
)
def test_the_refusal_of_a_pattern_beyond_the_engine_says_how_to_write_it(
    tmp_path: Path, pattern: str, hint: str
) -> None:
    write(tmp_path / "s.json", json.dumps({"pattern": pattern}, separators=(",", ":")))
    result = run(["--schema", "s.json", "missing.json"], tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        f"casefile-validate: schema error: s.json:1:12: pattern {json.dumps(pattern)} at "
        "/pattern is ECMA-262, but beyond the bounded regex engine both engines match with "
        f"(jsonschema_rs's): write it another way (e.g. {hint})\n"
    )
