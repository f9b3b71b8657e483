"""The counts per schema (issue 21 audit, G6): json and sarif list every schema of the run, one
that judged no document too (``documents: 0``); text, markdown and html only those that judged
some (docs/config.md, docs/reports.md say so)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.console import run_script as validate


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / ".casefile-validate.toml").write_text(
        '[[checks]]\nfiles = ["a.json"]\nschema = "s.json"\n'
        '[[checks]]\nfiles = ["b.json"]\nschema = "t.json"\n'
    )
    (tmp_path / "s.json").write_text('{"type": "object"}')
    (tmp_path / "t.json").write_text('{"type": "string"}')
    (tmp_path / "a.json").write_text("{}")
    return tmp_path


def _out(repo: Path, *args: str) -> str:
    result = validate(repo, *args, "a.json")  # t judges nothing: b.json is not given
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_json_and_sarif_list_a_schema_that_judged_nothing(repo: Path) -> None:
    counted = {"engine": "fast", "valid": 0, "invalid": 0, "unreadable": 0}
    expected = [
        {"schema": "s", **counted, "documents": 1, "valid": 1},
        {"schema": "t", **counted, "documents": 0},
    ]
    assert json.loads(_out(repo, "-f", "json"))["summary"]["schemas"] == expected
    sarif = json.loads(_out(repo, "-f", "sarif"))["runs"][0]["properties"]
    assert sarif["schemas"] == expected


def test_text_markdown_and_html_list_only_the_schemas_that_judged_some(repo: Path) -> None:
    assert _out(repo).splitlines()[:3] == [
        "By schema:",
        "  s: 1 document: 1 valid, 0 invalid, 0 unreadable",
        "1 document: 1 valid, 0 invalid, 0 unreadable",
    ]
    markdown = _out(repo, "-f", "markdown")
    assert "| s | fast | 1 | 1 | 0 | 0 |" in markdown and "| t |" not in markdown
    html = _out(repo, "-f", "html")
    assert '<td class="mono">s</td>' in html and '<td class="mono">t</td>' not in html
