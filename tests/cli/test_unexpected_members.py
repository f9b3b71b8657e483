"""Issue 21: ``additionalProperties: false`` (and ``unevaluatedProperties: false``) with two
members not allowed gives one error per member, each at its own key's line:column, in every
report format; the grouped summary counts them as one kind of failure."""

from __future__ import annotations

import json
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
