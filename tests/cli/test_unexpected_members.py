"""Issue 21: ``additionalProperties: false`` (and ``unevaluatedProperties: false``) with two
members not allowed gives one error per member, each at its own key's line:column, in every
report format; the grouped summary counts them as one kind of failure."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.console import run_script as validate

SCHEMA = {"type": "object", "properties": {"a": {}}, "additionalProperties": False}
DOCUMENT = '{\n  "a": 1,\n  "x": 2,\n    "y": 3\n}\n'


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "closed.json").write_text(json.dumps(SCHEMA))
    (tmp_path / "doc.json").write_text(DOCUMENT)
    return tmp_path


@pytest.mark.parametrize("engine", ["fast", "reference"])
def test_text(folder: Path, engine: str) -> None:
    result = validate(folder, "--engine", engine, "--schema", "closed.json", "doc.json")
    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout.splitlines() == [
        'doc.json:3:3: /: unexpected property "x" [/additionalProperties] (headline)',
        'doc.json:4:5: /: unexpected property "y" [/additionalProperties]',
        "1 document: 0 valid, 1 invalid, 0 unreadable",
    ]


def test_github_json_sarif_junit_markdown(folder: Path) -> None:
    base = ["--schema", "closed.json", "doc.json"]
    github = validate(folder, *base, "--format", "github").stdout.splitlines()
    assert github[:2] == [
        "::error file=doc.json,line=3,col=3,title=casefile-validate%3A additionalProperties at "
        '/::unexpected property "x" [/additionalProperties]',
        "::error file=doc.json,line=4,col=5,title=casefile-validate%3A additionalProperties at "
        '/::unexpected property "y" [/additionalProperties]',
    ]
    assert github[-1].endswith("; 1 kind of failure")
    report = json.loads(validate(folder, *base, "--format", "json").stdout)
    errors = report["documents"][0]["errors"]
    assert [(e["error"], e["line"], e["column"]) for e in errors] == [
        ('unexpected property "x"', 3, 3),
        ('unexpected property "y"', 4, 5),
    ]
    [group] = report["summary"]["groups"]
    assert (group["message"], group["documents"]) == ("unexpected property <value>", 1)
    sarif = json.loads(validate(folder, *base, "--format", "sarif").stdout)
    regions = [
        (r["message"]["text"], r["locations"][0]["physicalLocation"]["region"])
        for r in sarif["runs"][0]["results"]
    ]
    assert [
        (text.split(" [")[0], region["startLine"], region["startColumn"])
        for text, region in regions
    ] == [
        ('/: unexpected property "x"', 3, 3),
        ('/: unexpected property "y"', 4, 5),
    ]
    junit = ET.fromstring(validate(folder, *base, "--format", "junit").stdout)
    failure = junit.find(".//failure")
    assert failure is not None and failure.text is not None
    assert failure.text.splitlines() == [
        '3:3 /: unexpected property "x" [/additionalProperties]',
        '4:5 /: unexpected property "y" [/additionalProperties]',
    ]
    markdown = validate(folder, *base, "--format", "markdown").stdout
    assert "| 3:3 | /&#58; unexpected property &#34;x&#34; |" in markdown
    assert "| 4:5 | /&#58; unexpected property &#34;y&#34; |" in markdown


def test_unevaluated_properties_too(folder: Path) -> None:
    (folder / "closed.json").write_text(
        json.dumps({"properties": {"a": {}}, "unevaluatedProperties": False})
    )
    result = validate(folder, "--schema", "closed.json", "doc.json")
    assert result.stdout.splitlines()[:2] == [
        'doc.json:3:3: /: unexpected property "x" [/unevaluatedProperties] (headline)',
        'doc.json:4:5: /: unexpected property "y" [/unevaluatedProperties]',
    ]


# --- a schema object that declares no properties -------------------------------------------------
# jsonschema_rs reports ``"additionalProperties": false`` without ``properties`` as one false
# schema at the object (its first value as the instance): told as the reference tells it.

NONE_DECLARED = {
    "closed": {"additionalProperties": False},
    "typed": {"type": "object", "additionalProperties": False},
    "patterns only": {"patternProperties": {"^q": {}}, "additionalProperties": False},
    "unevaluated": {"unevaluatedProperties": False},
}
ALL_THREE = [(2, 3, "a"), (3, 3, "x"), (4, 5, "y")]


@pytest.mark.parametrize("engine", ["fast", "reference"])
@pytest.mark.parametrize("schema", NONE_DECLARED.values(), ids=list(NONE_DECLARED))
def test_each_member_of_an_object_none_are_declared_for(
    folder: Path, schema: dict[str, object], engine: str
) -> None:
    (folder / "closed.json").write_text(json.dumps(schema))
    result = validate(folder, "--engine", engine, "--schema", "closed.json", "doc.json")
    assert (result.returncode, result.stderr) == (1, "")
    keyword = next(iter(k for k in schema if k.endswith("Properties") and "pattern" not in k))
    assert result.stdout.splitlines() == [
        f'doc.json:{line}:{column}: /: unexpected property "{name}" [/{keyword}]'
        + (" (headline)" if name == "a" else "")
        for line, column, name in ALL_THREE
    ] + ["1 document: 0 valid, 1 invalid, 0 unreadable"]


def test_every_format_the_same_from_both_engines(folder: Path) -> None:
    closed = {"items": NONE_DECLARED["closed"], **NONE_DECLARED["closed"]}  # objects or lists of
    (folder / "closed.json").write_text(json.dumps(closed))
    (folder / "list.json").write_text('[{"id": 1},\n {}, {"b": {"c": 2}, "a": 3}]')
    (folder / "lines.jsonl").write_text('{"id": 1}\n{}\n{"b": [2],   "a": 3}\n')
    base = ["--schema", "closed.json", "doc.json", "list.json", "lines.jsonl"]
    for form in ("json", "sarif", "github"):
        fast, reference = (
            validate(folder, *base, "--format", form, "--engine", engine).stdout
            for engine in ("fast", "reference")
        )
        assert _engine_blind(fast) == _engine_blind(reference), form
    github = validate(folder, *base, "--format", "github").stdout.splitlines()
    annotated = [line.split(",title=")[0] for line in github if line.startswith("::error")]
    assert sorted(annotated) == sorted(
        [
            *[f"::error file=doc.json,line={line},col={column}" for line, column, _ in ALL_THREE],
            "::error file=list.json,line=1,col=3",
            "::error file=list.json,line=2,col=22",
            "::error file=list.json,line=2,col=7",
            "::error file=lines.jsonl,line=1,col=2",
            "::error file=lines.jsonl,line=3,col=2",
            "::error file=lines.jsonl,line=3,col=14",
        ]
    )
    report = json.loads(validate(folder, *base, "--format", "json").stdout)
    listed = report["documents"][1]["errors"]
    assert [(e["instanceLocation"], e["error"], e["line"], e["column"]) for e in listed] == [
        ("/0", 'unexpected property "id"', 1, 3),
        ("/2", 'unexpected property "b"', 2, 7),
        ("/2", 'unexpected property "a"', 2, 22),
    ]


def _engine_blind(output: str) -> str:
    """A report without what only one engine tells (the absolute keyword location) and without
    the engine's name."""
    output = re.sub(r', "absoluteKeywordLocation": "[^"]*"', "", output)
    return output.replace('"engine": "reference"', '"engine": "fast"')


OPERATION = {
    "operationId": "getX",
    "responses": {
        "200": {
            "description": "ok",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/X"}}},
        }
    },
}


@pytest.mark.parametrize("version", ["3.0.3", "3.1.0"])
def test_openapi_entry_points(folder: Path, version: str) -> None:
    spec = {
        "openapi": version,
        "info": {"title": "t", "version": "1"},
        "paths": {"/x": {"get": OPERATION}},
        "components": {"schemas": {"X": {"type": "object", "additionalProperties": False}}},
    }
    (folder / "spec.json").write_text(json.dumps(spec))
    for entry, through in (
        (["--openapi", "spec.json", "--operation", "getX"], "/$ref/$ref"),
        (["--schema", "spec.json#/components/schemas/X"], "/$ref"),
    ):
        lines = []
        for engine in ("fast", "reference"):
            result = validate(folder, "--engine", engine, *entry, "doc.json")
            assert (result.returncode, result.stderr) == (1, ""), entry
            lines.append(result.stdout.splitlines())
        fast, reference = lines
        assert fast == [
            f'doc.json:{line}:{column}: /: unexpected property "{name}" '
            f"[{through}/additionalProperties]" + (" (headline)" if name == "a" else "")
            for line, column, name in ALL_THREE
        ] + ["1 document: 0 valid, 1 invalid, 0 unreadable"], entry
        assert fast == reference, entry  # keyword locations through $ref too
