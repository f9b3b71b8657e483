"""Inputs that no check of the config matches are named in every report: json and sarif list
them all, markdown (the job summary) and junit (suite properties: a skipped input is no test
case, so ``skipped`` stays the count of documents) the first 50; text with ``-v``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.console import run_script as validate


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / ".casefile-validate.toml").write_text(
        '[[checks]]\nfiles = ["a.json"]\nschema = "s.json"\n'
    )
    (tmp_path / "s.json").write_text('{"type": "object"}')
    for name in ("a.json", "b<x>.json", "c.json"):
        (tmp_path / name).write_text("{}")
    return tmp_path


def _run(repo: Path, *args: str) -> str:
    result = validate(repo, *args, "a.json", "b<x>.json", "c.json")
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_markdown_names_them(repo: Path) -> None:
    assert (
        "2 inputs skipped (no check of the config matches): <code>b&#60;x&#62;.json</code>, "
        "<code>c.json</code>\n"
    ) in _run(repo, "-f", "markdown")


def test_sarif_lists_them_as_json_does(repo: Path) -> None:
    sarif = json.loads(_run(repo, "-f", "sarif"))["runs"][0]["properties"]
    listed = json.loads(_run(repo, "-f", "json"))["summary"]
    assert (sarif["skipped"], sarif["skipped_inputs"]) == (2, ["b<x>.json", "c.json"])
    assert listed["skipped_inputs"] == sarif["skipped_inputs"]


def test_junit_gives_them_as_suite_properties_not_test_cases(repo: Path) -> None:
    out = _run(repo, "-f", "junit")
    assert 'tests="1" failures="0" errors="0" skipped="0"' in out
    assert '<property name="inputs.skipped" value="2" />' in out
    assert '<property name="inputs.skipped.names" value="b&lt;x&gt;.json, c.json" />' in out


def test_text_names_them_with_verbose(repo: Path) -> None:
    lines = _run(repo, "-v").splitlines()
    assert "b<x>.json: skipped (no check matches it)" in lines
    assert "c.json: skipped (no check matches it)" in lines


def test_html_names_them_escaped(repo: Path) -> None:
    page = _run(repo, "-f", "html")
    assert (
        '<p id="skipped">Skipped (no check of the config matches them): '
        '<span class="mono">b&lt;x&gt;.json</span>, <span class="mono">c.json</span></p>'
    ) in page
    assert "b<x>" not in page


def test_html_names_the_first_50_and_counts_the_rest(repo: Path) -> None:
    names = [f"n{index:02}.json" for index in range(52)]
    for name in names:
        (repo / name).write_text("{}")
    result = validate(repo, "-f", "html", "a.json", *names)
    assert result.returncode == 0, result.stderr
    [listed] = [line for line in result.stdout.splitlines() if 'id="skipped"' in line]
    assert listed.count('<span class="mono">n') == 50
    assert '<span class="mono">n49.json</span> and 2 more</p>' in listed
