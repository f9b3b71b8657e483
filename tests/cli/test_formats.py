"""Every report format through the command line: --format, --output, --report FORMAT:FILE,
--redact and very long values."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from importlib import metadata
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result
from junitparser import JUnitXml

from validator.command.cli import command
from validator.report.registry import REPORTERS

ROOT = Path(__file__).resolve().parent.parent.parent
FORMATS = ["text", "json", "github", "junit", "sarif"]
"""The formats every test here runs through (markdown and html have their own tests)."""
ALL_FORMATS = [*FORMATS, "markdown", "html"]
SECRET = "s3cr3t-token-XYZ"
PAYLOAD = '{"casefile_id": "c", "session_id": "s", "session_type": "t", "total_sessions": 1}'
UUID = "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b"


def invoke(*args: str, stdin: str | None = None) -> tuple[int, Result]:
    result = CliRunner().invoke(command, list(args), input=stdin, standalone_mode=False)
    if result.exception is not None:
        raise result.exception
    assert isinstance(result.return_value, int)
    return result.return_value, result


@pytest.fixture
def in_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from the checkout, so that sources are the relative paths CI would pass."""
    monkeypatch.chdir(ROOT)


def test_every_format_is_a_choice() -> None:
    assert list(REPORTERS) == ALL_FORMATS
    option = next(p for p in command.params if p.name == "format")
    assert isinstance(option.type, click.Choice)
    assert list(option.type.choices) == ALL_FORMATS


@pytest.mark.usefixtures("in_root")
def test_text(tmp_path: Path) -> None:
    code, result = invoke("examples/")
    assert code == 1
    lines = result.output.splitlines()
    assert lines[-1] == "8 documents: 4 valid, 4 invalid, 0 unreadable"
    at = lines.index("Failures by kind, most frequent first (8 kinds in 4 failed documents):")
    assert lines[at + 1 : at + 3] == [
        '  [/properties/status/$ref/enum] <value> is not one of "pending", "processing", '
        '"completed", "failed"',
        "    2 documents: examples/invalid_status_and_types.json:3, examples/responses.jsonl:2",
    ]
    assert lines[at - 1] == ""


@pytest.mark.usefixtures("in_root")
def test_github() -> None:
    code, result = invoke("--format", "github", "examples/")
    assert code == 1
    lines = result.output.splitlines()
    assert len(lines) == 11
    assert lines[2] == (
        "::error file=examples/invalid_status_and_types.json,line=3,col=13,"
        "title=casefile-validate%3A enum at /status::"
        '"COMPLETED" is not one of "pending", "processing", "completed", "failed"; '
        'did you mean "completed"? [/properties/status/$ref/enum]'
    )
    # one annotation of each kind first (GitHub shows the first 10), then the rest: the second
    # enum failure (responses.jsonl:2) comes after the duplicate key of responses.jsonl:5
    assert lines[7] == (
        "::error file=examples/responses.jsonl,line=5,col=75,"
        "title=casefile-validate%3A duplicate-key at /::"
        'duplicate key "status": which value counts depends on the reader'
    )
    assert lines[8] == (
        "::error file=examples/responses.jsonl,line=2,col=63,"
        "title=casefile-validate%3A enum at /status::"
        '"done" is not one of "pending", "processing", "completed", "failed" '
        "[/properties/status/$ref/enum]"
    )
    assert all(line.startswith("::error file=examples/") for line in lines[:-2])
    assert lines[-2] == "8 documents: 4 valid, 4 invalid, 0 unreadable"
    assert lines[-1] == (
        "::notice title=casefile-validate::8 documents: 4 valid, 4 invalid, 0 unreadable; "
        "8 kinds of failure"
    )


@pytest.mark.usefixtures("in_root")
def test_junit() -> None:
    code, result = invoke("--format", "junit", "examples/")
    assert code == 1
    [suite] = list(JUnitXml.fromstring(result.output.encode("utf-8")))
    assert (suite.name, suite.tests, suite.failures, suite.errors) == ("casefile-validate", 8, 4, 0)
    cases = {case.name: case for case in suite}
    assert sorted(cases) == [
        "examples/invalid_missing_payload.json:1",
        "examples/invalid_status_and_types.json:1",
        "examples/responses.jsonl:1",
        "examples/responses.jsonl:2",
        "examples/responses.jsonl:4",
        "examples/responses.jsonl:5",
        "examples/valid_completed.json:1",
        "examples/valid_failed_minimal.json:1",
    ]
    [failure] = cases["examples/responses.jsonl:2"].result
    assert failure.type == "type"
    assert failure.message == (
        "/payload/total_sessions: expected integer, got number 2.5 "
        "[/properties/payload/$ref/properties/total_sessions/type]"
    )
    assert failure.text.splitlines() == [
        '2:63 /status: "done" is not one of "pending", "processing", "completed", "failed" '
        "[/properties/status/$ref/enum]",
        "2:161 /payload/total_sessions: expected integer, got number 2.5 "
        "[/properties/payload/$ref/properties/total_sessions/type]",
    ]


@pytest.mark.usefixtures("in_root")
def test_sarif() -> None:
    from tests.unit.report.test_report_sarif import assert_valid_sarif

    code, result = invoke("--format", "sarif", "examples/", "examples/nope.json")
    assert code == 3
    log = json.loads(result.output)
    assert_valid_sarif(log)
    [run] = log["runs"]
    rules = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert rules == ["required", "format", "enum", "type", "anyOf", "duplicate-key", "input"]
    places = [
        (
            r["ruleId"],
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"].get("region"),
        )
        for r in run["results"]
    ]
    assert places[2] == (
        "enum",
        "examples/invalid_status_and_types.json",
        {"startLine": 3, "startColumn": 13},
    )
    assert places[7] == ("type", "examples/responses.jsonl", {"startLine": 2, "startColumn": 161})
    assert places[-1] == ("input", "examples/nope.json", None)
    assert len(places) == 10


def test_stdin_parse_error_in_every_format() -> None:
    outputs = {}
    for name in FORMATS:
        code, result = invoke("--format", name, "-", stdin='{"status": "pending",\n  "x": }')
        assert code == 3, name
        outputs[name] = result.output
    assert outputs["text"].splitlines()[0] == (
        '<stdin>:2:8: not valid JSON: expected a JSON value, found "}"'
    )
    assert outputs["github"].splitlines()[0] == (
        "::error title=casefile-validate%3A parse::"
        '<stdin>:2:8: not valid JSON: expected a JSON value, found "}"'
    )
    sarif = json.loads(outputs["sarif"])["runs"][0]["results"][0]
    assert sarif["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "stdin"},
        "region": {"startLine": 2, "startColumn": 8},
    }
    [suite] = list(JUnitXml.fromstring(outputs["junit"].encode("utf-8")))
    assert (suite.tests, suite.failures, suite.errors) == (1, 0, 1)
    [case] = list(suite)
    [error] = case.result
    assert error.text == '2:8 not valid JSON: expected a JSON value, found "}"'


@pytest.mark.parametrize("name", FORMATS)
@pytest.mark.usefixtures("in_root")
def test_output_file_and_report_file_match_stdout(name: str, tmp_path: Path) -> None:
    inputs = ["examples/invalid_missing_payload.json", "examples/valid_completed.json"]
    code, shown = invoke("--format", name, *inputs)
    assert code == 1
    out = tmp_path / f"out.{name}"
    code, quiet = invoke("--format", name, "--output", str(out), *inputs)
    assert code == 1
    assert quiet.output == ""
    also = tmp_path / f"also.{name}"
    code, text = invoke("--report", f"{name}:{also}", *inputs)
    assert code == 1
    assert text.output.splitlines()[-1] == "2 documents: 1 valid, 1 invalid, 0 unreadable"
    assert out.read_text(encoding="utf-8") == shown.output
    assert also.read_text(encoding="utf-8") == shown.output


@pytest.mark.usefixtures("in_root")
def test_all_reports_at_once(tmp_path: Path) -> None:
    args = []
    for name in FORMATS:
        args += ["--report", f"{name}:{tmp_path / ('r.' + name)}"]
    code, result = invoke("--quiet", *args, "examples/")
    assert code == 1
    assert result.output == "8 documents: 4 valid, 4 invalid, 0 unreadable\n"
    assert (tmp_path / "r.text").read_text() == "8 documents: 4 valid, 4 invalid, 0 unreadable\n"
    assert "\x1b[" not in (tmp_path / "r.text").read_text()
    # --quiet shortens text, json and github; junit and sarif, files for machines, stay whole
    assert len(json.loads((tmp_path / "r.sarif").read_text())["runs"][0]["results"]) == 9
    assert len(ET.parse(tmp_path / "r.junit").getroot().findall(".//testcase")) == 8
    assert json.loads((tmp_path / "r.json").read_text())["documents"] == []


def test_report_option_rejects_unknown_formats() -> None:
    result = CliRunner().invoke(command, ["--report", "yaml:x.yaml"])
    assert result.exit_code == 2
    assert "expected FORMAT:FILE with FORMAT one of text, json, github, junit, sarif" in (
        result.output
    )


VALID_JSON = (
    '{"documents": [\n'
    '  {"source": "ok.json", "line": 1, "status": "valid", '
    '"schema": "AddSessionToCasefileResponse", "valid": true, '
    '"keywordLocation": "", "instanceLocation": ""}\n'
    '], "summary": {"documents": 1, "valid": 1, "invalid": 0, "unreadable": 0, "exit_code": 0, '
    '"schemas": [{"schema": "AddSessionToCasefileResponse", "engine": "fast", "documents": 1, '
    '"valid": 1, "invalid": 0, "unreadable": 0}], "groups": []}}\n'
)
VALID_JUNIT = (
    "<?xml version='1.0' encoding='utf-8'?>\n"
    '<testsuites name="casefile-validate" tests="1" failures="0" errors="0" skipped="0">\n'
    '  <testsuite name="casefile-validate" tests="1" failures="0" errors="0" skipped="0">\n'
    '    <testcase classname="ok.json" name="ok.json:1">\n'
    "      <properties>\n"
    '        <property name="schema" value="AddSessionToCasefileResponse" />\n'
    "      </properties>\n"
    "    </testcase>\n"
    "  </testsuite>\n"
    "</testsuites>\n"
)


def _valid_sarif() -> dict[str, object]:
    from validator.report.sarif import SCHEMA_URI

    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "columnKind": "unicodeCodePoints",
                "results": [],
                "tool": {
                    "driver": {
                        "name": "casefile-validate",
                        "version": metadata.version("casefile-validator"),
                        "rules": [],
                    }
                },
                "invocations": [{"executionSuccessful": True}],
                "properties": {
                    "documents": 1,
                    "valid": 1,
                    "invalid": 0,
                    "unreadable": 0,
                    "schemas": [
                        {
                            "schema": "AddSessionToCasefileResponse",
                            "engine": "fast",
                            "documents": 1,
                            "valid": 1,
                            "invalid": 0,
                            "unreadable": 0,
                        }
                    ],
                },
            }
        ],
    }


@pytest.mark.parametrize("name", FORMATS)
def test_valid_documents(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A valid document, in each format, exactly."""
    from tests.unit.report.test_report_sarif import assert_valid_sarif

    monkeypatch.chdir(tmp_path)
    Path("ok.json").write_text(
        f'{{"request_id": "{UUID}", "status": "pending", "payload": {PAYLOAD}}}'
    )
    code, result = invoke("--format", name, "ok.json")
    assert code == 0
    if name == "text":  # valid documents are only counted
        assert result.output == "1 document: 1 valid, 0 invalid, 0 unreadable\n"
    elif name == "github":
        assert result.output == (
            "1 document: 1 valid, 0 invalid, 0 unreadable\n"
            "::notice title=casefile-validate::1 document: 1 valid, 0 invalid, 0 unreadable\n"
        )
    elif name == "json":
        assert result.output == VALID_JSON
        [document] = json.loads(result.output)["documents"]
        assert document == {
            "source": "ok.json",
            "line": 1,
            "status": "valid",
            "schema": "AddSessionToCasefileResponse",
            "valid": True,
            "keywordLocation": "",
            "instanceLocation": "",
        }
    elif name == "junit":
        assert result.output == VALID_JUNIT
        [suite] = list(JUnitXml.fromstring(result.output.encode("utf-8")))
        [case] = list(suite)
        assert (case.classname, case.name, case.result) == ("ok.json", "ok.json:1", [])
    else:
        log = json.loads(result.output)
        assert log == _valid_sarif()
        assert_valid_sarif(log)


# --redact: a secret in a failing field, an enum mismatch, a duplicated key's value, a type error.
SECRET_DOCUMENTS = "\n".join(
    [
        f'{{"request_id": "{SECRET}", "status": "{SECRET}", "payload": {PAYLOAD}}}',
        f'{{"request_id": "{UUID}", "status": "{SECRET}", "status": "pending", '
        f'"payload": {PAYLOAD}}}',
        f'{{"request_id": "{UUID}", "status": "pending", "status": "{SECRET}", '
        f'"payload": {PAYLOAD}}}',
        f'{{"request_id": "{UUID}", "status": "pending", "payload": {{"casefile_id": "c", '
        f'"session_id": "s", "session_type": "t", "total_sessions": "{SECRET}"}}, '
        f'"error": {{"detail": "{SECRET}"}}}}',
        f'{{"request_id": "{UUID}", "status": "{SECRET.upper()}", "payload": {PAYLOAD}}}',
    ]
)


@pytest.mark.parametrize("name", FORMATS)
def test_redact_never_shows_the_secret(name: str, tmp_path: Path) -> None:
    docs = tmp_path / "secret.jsonl"
    docs.write_text(SECRET_DOCUMENTS + "\n")
    code, plain = invoke("--format", name, str(docs))
    assert code == 1
    assert SECRET in plain.output  # without --redact the values are shown
    code, redacted = invoke("--format", name, "--redact", str(docs))
    assert code == 1
    for secret in (SECRET, SECRET.upper(), SECRET.lower(), "s3cr3t"):
        assert secret not in redacted.output
    # still a full report: every document and its places
    if name == "text":
        lines = redacted.output.splitlines()
        assert lines[0] == (
            f"{docs}:1:16: /request_id: <string, 16 characters> is not a valid uuid "
            "[/properties/request_id/format] (headline)"
        )
        assert lines[-1] == "5 documents: 0 valid, 5 invalid, 0 unreadable"


def test_redact_covers_every_report_file(tmp_path: Path) -> None:
    docs = tmp_path / "secret.jsonl"
    docs.write_text(SECRET_DOCUMENTS + "\n")
    args = ["--redact"]
    for name in FORMATS:
        args += ["--report", f"{name}:{tmp_path / ('r.' + name)}"]
    code, result = invoke(*args, str(docs))
    assert code == 1
    assert SECRET not in result.output
    for name in FORMATS:
        assert "s3cr3t" not in (tmp_path / f"r.{name}").read_text(encoding="utf-8"), name


@pytest.mark.parametrize("name", [*FORMATS, "markdown"])
def test_a_megabyte_value_gives_a_short_report(name: str, tmp_path: Path) -> None:
    huge = "x" * 1_000_000
    doc = tmp_path / "huge.json"
    doc.write_text(
        f'{{"request_id": "{huge}", "status": "{huge}", "payload": {{"casefile_id": "c", '
        f'"session_id": "s", "session_type": "t", "total_sessions": "{huge}"}}, '
        f'"error": ["{huge}"]}}'
    )
    code, result = invoke("--format", name, str(doc), str(doc))
    assert code == 1
    assert len(result.output.encode("utf-8")) < 10_000
    assert "(1000000 characters)" in result.output
