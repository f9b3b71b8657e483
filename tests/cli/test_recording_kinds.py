"""Each problem of a recording's own has its kind in every format (issue 23: "problems of their
own, each with its kind in every format"): an undocumented endpoint, status code and content
type, a body that is not JSON where JSON is documented, an empty body where a schema is, and a
body where none is documented, each with a keyword of its own: the label of its group in text
and markdown, ``keyword`` in json, the SARIF rule, the JUnit failure's type."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.cli.test_recordings import SPEC
from tests.cli.test_recordings_reports import every_problem
from tests.console import run_script

KINDS = [
    "undocumented-endpoint",
    "undocumented-status",
    "undocumented-media-type",
    "body-not-json",
    "empty-body",
    "unexpected-body",
]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "api.json").write_text(json.dumps(SPEC))
    (tmp_path / "rec.har").write_text(every_problem())
    return tmp_path


def _report(folder: Path, fmt: str) -> str:
    done = run_script(folder, "--openapi", "api.json", "--format", fmt, "rec.har")
    assert (done.returncode, done.stderr) == (1, "")
    return done.stdout


def test_json_keywords(folder: Path) -> None:
    documents = json.loads(_report(folder, "json"))["documents"]
    assert [[e["keyword"] for e in d["errors"]] for d in documents] == [[k] for k in KINDS]


def test_sarif_rules(folder: Path) -> None:
    [run] = json.loads(_report(folder, "sarif"))["runs"]
    assert [r["ruleId"] for r in run["results"]] == KINDS
    rules = {r["id"]: r["shortDescription"]["text"] for r in run["tool"]["driver"]["rules"]}
    assert rules["undocumented-status"] == "The OpenAPI document documents no such status code."
    assert all("JSON Schema keyword" not in rules[kind] for kind in KINDS)


def test_junit_failure_types(folder: Path) -> None:
    root = ET.fromstring(_report(folder, "junit"))
    assert [f.get("type") for f in root.iter("failure")] == KINDS


LABELS = [("text", r"^  \[([a-z-]+)\] "), ("markdown", r"^\| <code>([a-z-]+)</code> \|")]


@pytest.mark.parametrize(("fmt", "label"), LABELS)
def test_group_labels(folder: Path, fmt: str, label: str) -> None:
    assert sorted(re.findall(label, _report(folder, fmt), re.M)) == sorted(KINDS)
