"""``--disable-formats`` and OpenAPI 3.0's own formats (``int32``, ``int64``, ``byte``, and
``float``/``double``, which always pass): ``all`` disables them too, each can be named (on the
command line and in the config), the names offered list them, and a ``byte`` failure is told in
the user's terms, at the user's ``format`` keyword."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.hostile._limited import run, write

SPEC = {
    "openapi": "3.0.3",
    "info": {"title": "t", "version": "1"},
    "paths": {},
    "components": {
        "schemas": {
            "T": {
                "type": "object",
                "properties": {
                    "i": {"type": "integer", "format": "int32"},
                    "l": {"type": "number", "format": "int64"},
                    "b": {"type": "string", "format": "byte"},
                    "f": {"type": "number", "format": "float"},
                    "d": {"type": "string", "format": "date"},
                },
            }
        }
    },
}
ENTRY = "api.json#/components/schemas/T"
DOCUMENT = {"i": 3000000000, "l": 10**19, "b": "!!!", "f": 1.5, "d": "x"}
ENGINES = [[], ["--engine", "reference"], ["--cross-check"]]


def _places(tmp_path: Path, *args: str) -> list[str]:
    write(tmp_path / "api.json", SPEC)
    write(tmp_path / "doc.json", DOCUMENT)
    result = run([*args, "--format", "json", "--schema", ENTRY, "doc.json"], tmp_path)
    assert result.returncode in (0, 1), result.stderr
    report = json.loads(result.stdout)
    return sorted(e["instanceLocation"] for d in report["documents"] for e in d.get("errors", []))


@pytest.mark.parametrize("engine", ENGINES, ids=["fast", "reference", "cross-check"])
@pytest.mark.parametrize(
    ("given", "left"),
    [
        ([], ["/b", "/d", "/i", "/l"]),
        (["all"], []),
        (["int32"], ["/b", "/d", "/l"]),
        (["int64,byte"], ["/d", "/i"]),
        (["float", "double"], ["/b", "/d", "/i", "/l"]),
        (["date"], ["/b", "/i", "/l"]),
    ],
)
def test_openapi_30_formats_are_disabled_by_all_and_by_name(
    tmp_path: Path, engine: list[str], given: list[str], left: list[str]
) -> None:
    flags = [arg for name in given for arg in ("--disable-formats", name)]
    assert _places(tmp_path, *engine, *flags) == left


def test_all_in_the_config_disables_them_too(tmp_path: Path) -> None:
    write(tmp_path / "api.json", SPEC)
    write(tmp_path / "doc.json", DOCUMENT)
    (tmp_path / ".casefile-validate.toml").write_text(
        f'[[checks]]\nfiles = ["doc.json"]\nschema = "{ENTRY}"\ndisable-formats = "all"\n'
    )
    result = run([], tmp_path)
    assert (result.returncode, result.stderr) == (0, ""), result.stdout
    (tmp_path / ".casefile-validate.toml").write_text(
        f'[[checks]]\nfiles = ["doc.json"]\nschema = "{ENTRY}"\n'
        'disable-formats = ["date", "int32", "int64"]\n'
    )
    result = run([], tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == (
        'doc.json:1:51: /b: "!!!" is not valid base64 (format byte) [/$ref/properties/b/format]'
    )


@pytest.mark.parametrize("engine", ENGINES, ids=["fast", "reference", "cross-check"])
def test_a_byte_failure_is_told_in_the_users_terms(tmp_path: Path, engine: list[str]) -> None:
    write(tmp_path / "api.json", SPEC)
    write(tmp_path / "doc.json", {"b": "!!!"})
    result = run([*engine, "--format", "json", "--schema", ENTRY, "doc.json"], tmp_path)
    assert result.returncode == 1, result.stderr
    [error] = json.loads(result.stdout)["documents"][0]["errors"]
    assert (error["error"], error["keyword"], error["keywordLocation"]) == (
        '"!!!" is not valid base64 (format byte)',
        "format",
        "/$ref/properties/b/format",  # every engine's keyword locations go through $ref
    )


@pytest.mark.parametrize(
    ("given", "error"),
    [
        ("ALL", 'unknown format "ALL"; did you mean "all"?'),
        ("Date-Time", 'unknown format "Date-Time"; did you mean "date-time"?'),
        ("int33", 'unknown format "int33"; did you mean "int32"?'),
        ("bogus", ", utc-millisec, int32, int64, float, double, byte)"),
    ],
)
def test_the_names_offered_hold_openapi_30s(tmp_path: Path, given: str, error: str) -> None:
    result = run(["--disable-formats", given, "--schema", ENTRY, "doc.json"], tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.count("\n") == 1
    line = result.stderr.rstrip("\n")
    assert line.startswith("casefile-validate: --disable-formats: unknown format ")
    assert line.endswith(error), line
