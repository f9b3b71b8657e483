"""``--disable-formats`` (issue 21, section 2): all formats, or a list of format names, are not
checked, by either engine, from the command line and from the config (top level and per check);
an unknown name is a one-line error (exit 2) with the name it looks like."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import validators

from tests.hostile._limited import run, write
from validator.checking.formats import KNOWN_FORMATS, disabled_formats

SCHEMA = {
    "type": "object",
    "properties": {
        "e": {"type": "string", "format": "email"},
        "d": {"type": "string", "format": "date"},
        "n": {"$ref": "#/$defs/when"},
    },
    "$defs": {"when": {"type": "string", "format": "date"}},
}
DOCUMENT = {"e": "nope", "d": "2020-13-45", "n": "later"}
EMAIL = 'doc.json:1:7: /e: "nope" is not a valid email [/properties/e/format]'
ENGINES = [[], ["--engine", "reference"], ["--cross-check"]]


def _setup(tmp_path: Path) -> None:
    write(tmp_path / "s.json", SCHEMA)
    (tmp_path / "doc.json").write_text(json.dumps(DOCUMENT))


def _keywords(tmp_path: Path, *args: str) -> list[str]:
    result = run([*args, "--format", "json"], tmp_path)
    assert result.returncode in (0, 1), result.stderr
    report = json.loads(result.stdout)
    return sorted(e["instanceLocation"] for d in report["documents"] for e in d.get("errors", []))


@pytest.mark.parametrize("engine", ENGINES, ids=["fast", "reference", "cross-check"])
@pytest.mark.parametrize(
    ("given", "left"),
    [
        ([], ["/d", "/e", "/n"]),
        (["email"], ["/d", "/n"]),
        (["date"], ["/e"]),
        (["email,date"], []),
        (["email", "date"], []),
        ([" date , email "], []),
        (["all"], []),
        (["*"], []),
        (["uuid"], ["/d", "/e", "/n"]),
    ],
)
def test_disabled_formats_are_not_checked_by_either_engine(
    tmp_path: Path, engine: list[str], given: list[str], left: list[str]
) -> None:
    _setup(tmp_path)
    flags = [arg for name in given for arg in ("--disable-formats", name)]
    assert _keywords(tmp_path, *engine, *flags, "--schema", "s.json", "doc.json") == left


@pytest.mark.parametrize(
    ("given", "error"),
    [
        ("emial", 'unknown format "emial"; did you mean "email"?'),
        ("date,datetime", 'unknown format "datetime"; did you mean "date-time"?'),
        ("bogus", 'unknown format "bogus" (give all, or names among date-time, date, time'),
    ],
)
def test_an_unknown_format_is_a_one_line_error(tmp_path: Path, given: str, error: str) -> None:
    _setup(tmp_path)
    result = run(["--disable-formats", given, "--schema", "s.json", "doc.json"], tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"casefile-validate: --disable-formats: {error}")
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize(
    ("given", "error"),
    [
        ("", "--disable-formats needs a format name or 'all'"),
        ("  ", "--disable-formats needs a format name or 'all'"),
        (
            "date,,uri",
            """--disable-formats needs a format name or 'all' (an empty name in "date,,uri")""",
        ),
        ("uri,", """--disable-formats needs a format name or 'all' (an empty name in "uri,")"""),
    ],
)
def test_an_empty_format_name_is_a_usage_error(tmp_path: Path, given: str, error: str) -> None:
    _setup(tmp_path)
    result = run([f"--disable-formats={given}", "--schema", "s.json", "doc.json"], tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"casefile-validate: {error}\n"


def test_a_config_with_an_empty_format_name_names_its_place(tmp_path: Path) -> None:
    _setup(tmp_path)
    (tmp_path / ".casefile-validate.toml").write_text(
        '[[checks]]\nfiles = ["doc.json"]\nschema = "s.json"\ndisable-formats = ["date", ""]\n'
    )
    result = run([], tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "casefile-validate: config error: .casefile-validate.toml:4:28: "  # at the "" itself
        "\"disable-formats\" needs a format name or 'all'\n"
    )


def test_the_config_disables_formats_at_the_top_and_per_check(tmp_path: Path) -> None:
    _setup(tmp_path)
    (tmp_path / "other.json").write_text(json.dumps(DOCUMENT))
    (tmp_path / ".casefile-validate.toml").write_text(
        'disable-formats = ["date"]\n\n'
        "[[checks]]\n"
        'files = ["doc.json"]\n'
        'schema = "s.json"\n'
        'disable-formats = "email"\n\n'
        "[[checks]]\n"
        'files = ["other.json"]\n'
        'schema = "s.json"\n'
    )
    result = run([], tmp_path)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == EMAIL.replace("doc.json", "other.json")
    assert not any(line.startswith("doc.json") for line in lines), lines
    assert lines[-1] == "2 documents: 1 valid, 1 invalid, 0 unreadable"
    # the command line adds to the config's
    assert run(["--disable-formats", "email"], tmp_path).returncode == 0


def test_a_config_with_an_unknown_format_names_its_place(tmp_path: Path) -> None:
    _setup(tmp_path)
    (tmp_path / ".casefile-validate.toml").write_text(
        '[[checks]]\nfiles = ["doc.json"]\nschema = "s.json"\ndisable-formats = ["emial"]\n'
    )
    result = run([], tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        "casefile-validate: config error: .casefile-validate.toml:4:20: "  # at "emial"
        '"disable-formats": unknown format "emial"; did you mean "email"?\n'
    )
    (tmp_path / ".casefile-validate.toml").write_text(
        'disable-formats = 3\n[[checks]]\nfiles = ["doc.json"]\nschema = "s.json"\n'
    )
    result = run([], tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        "casefile-validate: config error: .casefile-validate.toml:1:1: "
        '"disable-formats" must be a string or a list of strings\n'
    )


def test_every_format_any_dialect_checks_is_known() -> None:
    for uri in (
        "http://json-schema.org/draft-03/schema#",
        "http://json-schema.org/draft-04/schema#",
        "http://json-schema.org/draft-06/schema#",
        "http://json-schema.org/draft-07/schema#",
        "https://json-schema.org/draft/2019-09/schema",
        "https://json-schema.org/draft/2020-12/schema",
    ):
        checkers = validators.validator_for({"$schema": uri}).FORMAT_CHECKER.checkers
        assert set(checkers) <= set(KNOWN_FORMATS), uri
    assert disabled_formats(["all", "email"]) == frozenset({"all"})
