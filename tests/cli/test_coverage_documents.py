"""A run whose recordings checks name several OpenAPI documents (config checks of different
``openapi``): one coverage table per document, each counting the responses of its own checks
only (two documents may name a response alike: ``get 200 application/json``), in every
format; ``min-coverage`` holds for each document.  Through the installed console script."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.cli.test_recordings import _entry, _har
from tests.console import run_script


def _spec(host: str, path: str) -> dict[str, Any]:
    media = {"application/json": {"schema": {"type": "object"}}}
    responses = {"200": {"description": "one", "content": media}, "404": {"description": "no"}}
    return {
        "openapi": "3.1.0",
        "info": {"title": host, "version": "1"},
        "servers": [{"url": f"https://{host}"}],
        "paths": {path: {"get": {"operationId": "get", "responses": responses}}},
    }


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """a.json's recordings show its 200, b.json's its 404: each document 1 of 2 seen."""
    (tmp_path / "a.json").write_text(json.dumps(_spec("a.example.com", "/users/{id}")))
    (tmp_path / "b.json").write_text(json.dumps(_spec("b.example.com", "/orders/{id}")))
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a_entry = _entry("GET", "https://a.example.com/users/1", 200, "{}")
    (tmp_path / "a" / "rec.har").write_text(_har(a_entry))
    b_entry = _entry("GET", "https://b.example.com/orders/1", 404, "")
    (tmp_path / "b" / "rec.har").write_text(_har(b_entry))
    (tmp_path / ".casefile-validate.toml").write_text(
        'min-coverage = 40\n[[checks]]\nfiles = ["a/*.har"]\nopenapi = "a.json"\n'
        '[[checks]]\nfiles = ["b/*.har"]\nopenapi = "b.json"\n'
    )
    return tmp_path


def test_the_text_summary_has_a_table_per_document(folder: Path) -> None:
    done = run_script(folder, "a", "b")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines()[-7:] == [
        "Coverage of a.json: 1 of 2 documented responses seen (50.0%)",
        "  Never seen (1), biggest gaps first:",
        "    get 404",
        "Coverage of b.json: 1 of 2 documented responses seen (50.0%)",
        "  Never seen (1), biggest gaps first:",
        "    get 200 application/json",
        "2 documents: 2 valid, 0 invalid, 0 unreadable",
    ]


def test_a_document_below_the_minimum_fails_the_run_and_is_named(folder: Path) -> None:
    (folder / "b" / "rec.har").write_text(_har())  # b.json: nothing seen
    done = run_script(folder, "a", "b", "--min-coverage", "40")
    assert (done.returncode, done.stderr) == (1, "")
    assert done.stdout.splitlines()[-6:] == [
        "Coverage of b.json: 0 of 2 documented responses seen (0.0%)",
        "  Never seen (2), biggest gaps first:",
        "    get 200 application/json (no response of the operation seen)",
        "    get 404 (no response of the operation seen)",
        "coverage 0.0% of documented responses is below --min-coverage 40",
        "1 document: 1 valid, 0 invalid, 0 unreadable",
    ]
    done = run_script(folder, "a", "b", "--format", "markdown")
    assert done.stdout.splitlines()[0] == (
        "## &#10060; casefile-validate: failed (coverage of b.json 0.0% of documented responses "
        "is below --min-coverage 40)"
    )


def _responses(unit: dict[str, Any]) -> dict[str, int]:
    return {
        response["name"]: response["matched"]
        for operation in unit["operations"]
        for response in operation["responses"]
    }


def test_the_json_report_has_every_document(folder: Path) -> None:
    done = run_script(folder, "a", "b", "--format", "json")
    assert (done.returncode, done.stderr) == (0, "")
    coverage = json.loads(done.stdout)["coverage"]
    documents = coverage.pop("specs")
    assert [(d["spec"], d["seen"], d["documented"], d["below"]) for d in documents] == [
        ("a.json", 1, 2, False),
        ("b.json", 1, 2, False),
    ]
    assert [_responses(d) for d in documents] == [
        {"get 200 application/json": 1, "get 404": 0},
        {"get 200 application/json": 0, "get 404": 1},
    ]
    assert coverage == {**documents[0], "min_coverage": 40.0}  # the first's, as before


def test_markdown_and_html_have_a_table_per_document(folder: Path) -> None:
    done = run_script(folder, "a", "b", "--format", "markdown")
    assert (done.returncode, done.stderr) == (0, "")
    heads = [line for line in done.stdout.splitlines() if line.startswith("### Coverage")]
    assert heads == [
        "### Coverage of a.json: 1 of 2 documented responses seen (50.0%)",
        "### Coverage of b.json: 1 of 2 documented responses seen (50.0%)",
    ]
    assert "| get | 200 | application/json | &#10060; never | 0 | 0 | 0 |" in done.stdout
    done = run_script(folder, "a", "b", "--format", "html")
    assert (done.returncode, done.stderr) == (0, "")
    sections = re.findall(r'<section id="(coverage[-0-9]*)"><h2>([^<]*)</h2>', done.stdout)
    assert sections == [
        ("coverage", "Coverage of a.json: 1 of 2 documented responses seen (50.0%)"),
        ("coverage-2", "Coverage of b.json: 1 of 2 documented responses seen (50.0%)"),
    ]


def test_junit_has_the_properties_of_each_document(folder: Path) -> None:
    """The first document's as ``coverage.*``, the second's as ``coverage.2.*``."""
    import xml.etree.ElementTree as ET

    done = run_script(folder, "a", "b", "--format", "junit")
    assert (done.returncode, done.stderr) == (0, "")
    suite = ET.fromstring(done.stdout).find("testsuite")
    assert suite is not None
    properties = suite.find("properties")  # the suite's own (a testcase has its schema's)
    assert properties is not None
    said = {p.get("name"): p.get("value") for p in properties.iter("property")}
    assert said == {
        "coverage.spec": "a.json",
        "coverage.documented": "2",
        "coverage.seen": "1",
        "coverage.percent": "50.0",
        "coverage.never_seen": "get 404",
        "coverage.min_coverage": "40",
        "coverage.below": "false",
        "coverage.2.spec": "b.json",
        "coverage.2.documented": "2",
        "coverage.2.seen": "1",
        "coverage.2.percent": "50.0",
        "coverage.2.never_seen": "get 200 application/json",
        "coverage.2.min_coverage": "40",
        "coverage.2.below": "false",
    }


def test_responses_named_alike_in_two_documents_are_counted_apart(folder: Path) -> None:
    """Both documents have ``get 200 application/json``: the counts per schema name each
    response with its document once the run has several (one document: the name alone)."""
    b_entry = _entry("GET", "https://b.example.com/orders/1", 200, '"not an object"')
    (folder / "b" / "rec.har").write_text(_har(b_entry))
    done = run_script(folder, "a", "b", "--format", "json")
    assert done.returncode == 1
    units = {
        u["schema"]: u for u in json.loads(done.stdout)["summary"]["schemas"] if u["documents"]
    }
    assert {name: (u["valid"], u["invalid"]) for name, u in units.items()} == {
        "get 200 application/json in a.json": (1, 0),
        "get 200 application/json in b.json": (0, 1),
    }
    done = run_script(folder, "a")
    assert "  get 200 application/json: 1 document: 1 valid, 0 invalid, 0 unreadable" in (
        done.stdout.splitlines()
    )
