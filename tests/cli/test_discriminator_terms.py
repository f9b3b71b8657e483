"""An OpenAPI 3.0 discriminator, in the user's terms: a document without the discriminating
property gets one failure (OAS30Validator's: ``missing the discriminating property``), at the
user's ``discriminator``, not one per component; a value naming a component that no mapping nor
branch names is placed at the user's ``discriminator`` too (the user wrote no ``$ref`` there).
The verdicts are OAS30Validator's (``tests/unit/contracts/test_openapi.py``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.hostile._limited import run, write

SPEC = {
    "openapi": "3.0.3",
    "info": {"title": "t", "version": "1"},
    "paths": {},
    "components": {
        "schemas": {
            "Pet": {
                "oneOf": [
                    {"$ref": "#/components/schemas/Cat"},
                    {"$ref": "#/components/schemas/Dog"},
                ],
                "discriminator": {
                    "propertyName": "kind",
                    "mapping": {
                        "cat": "#/components/schemas/Cat",
                        "dog": "#/components/schemas/Dog",
                    },
                },
            },
            "Cat": {
                "type": "object",
                "required": ["kind", "lives"],
                "properties": {"kind": {"type": "string"}, "lives": {"type": "integer"}},
            },
            "Dog": {"type": "object", "required": ["kind"]},
            "Unrelated1": {"type": "string"},
            "Needy": {"type": "object", "required": ["foo"]},
        }
    },
}
ENGINES = {"fast": [], "reference": ["--engine", "reference"], "cross": ["--cross-check"]}


def _errors(tmp_path: Path, engine: str, document: Any) -> list[tuple[str, str, str]]:
    write(tmp_path / "api.json", SPEC)
    write(tmp_path / "doc.json", document)
    entry = "api.json#/components/schemas/Pet"
    result = run([*ENGINES[engine], "-f", "json", "--schema", entry, "doc.json"], tmp_path)
    assert result.returncode == 1, result.stderr
    [found] = json.loads(result.stdout)["documents"]
    return [(e["error"], e["keywordLocation"], e["keyword"]) for e in found["errors"]]


@pytest.mark.parametrize("engine", list(ENGINES))
@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ({}, [('missing the discriminating property "kind"', "discriminator")]),
        ({"lives": 3}, [('missing the discriminating property "kind"', "discriminator")]),
        (
            {"kind": "Unrelated1"},
            [('expected string, got object {"kind":"Unrelated1"}', "discriminator")],
        ),
        ({"kind": "Needy"}, [('missing required property "foo"', "discriminator")]),
        (
            {"kind": "cat"},
            [('missing required property "lives"', "discriminator/mapping/cat/$ref/required")],
        ),
    ],
)
def test_one_failure_at_the_users_discriminator(
    tmp_path: Path, engine: str, document: Any, expected: list[tuple[str, str]]
) -> None:
    found = _errors(tmp_path, engine, document)
    places = [(message, f"/$ref/{where}") for message, where in expected]  # every engine's
    assert [(message, where) for message, where, _ in found] == places
    if expected[0][0].startswith("missing the discriminating"):
        assert found[0][2] == "discriminator"


def test_the_text_report_says_it_once(tmp_path: Path) -> None:
    write(tmp_path / "api.json", SPEC)
    write(tmp_path / "doc.json", {})
    result = run(["--schema", "api.json#/components/schemas/Pet", "doc.json"], tmp_path)
    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout == (
        'doc.json:1:1: /: missing the discriminating property "kind" [/$ref/discriminator]\n'
        "1 document: 0 valid, 1 invalid, 0 unreadable\n"
    )


def test_the_wording_quotes_no_value_so_redact_keeps_it(tmp_path: Path) -> None:
    write(tmp_path / "api.json", SPEC)
    write(tmp_path / "doc.json", {"secret": "s3cr3t"})
    entry = "api.json#/components/schemas/Pet"
    result = run(["--redact", "--schema", entry, "doc.json"], tmp_path)
    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout.splitlines()[0] == (
        'doc.json:1:1: /: missing the discriminating property "kind" [/$ref/discriminator]'
    )
    markdown = run(["-f", "markdown", "--schema", entry, "doc.json"], tmp_path).stdout
    assert "| missing the discriminating property &#34;kind&#34; | 1 |" in markdown
