"""Warnings (undeclared properties) through the command: every format carries them, they never
change the verdict or the exit code, except in the strict profile (--strict, or strict = true in
a config check); --no-warnings hides them."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tests.unit.report.test_report_sarif import assert_valid_sarif
from validator.command.cli import command

TYPO = (
    '{"request_id": "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b", "status": "completed",\n'
    ' "payload": {"casefile_id": "c", "session_id": "s", "session_type": "t",\n'
    '  "total_sessions": 1, "sesion_type": "y"}, "timestmap": "t"}\n'
)
CLEAN = (
    '{"request_id": "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b", "status": "completed", '
    '"payload": {"casefile_id": "c", "session_id": "s", "session_type": "t", '
    '"total_sessions": 1}}\n'
)
WARNED = [
    "typo.json:3:24: warning: /payload/sesion_type: undeclared property; "
    'did you mean "session_type"?',
    'typo.json:3:45: warning: /timestmap: undeclared property; did you mean "timestamp"?',
]


@pytest.fixture(autouse=True)
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "typo.json").write_text(TYPO)
    (tmp_path / "clean.json").write_text(CLEAN)
    lines = [CLEAN.strip(), json.dumps({**json.loads(CLEAN), "eror": None}), CLEAN.strip()]
    (tmp_path / "day.jsonl").write_text("\n".join(lines) + "\n")
    return tmp_path


def invoke(*args: str) -> tuple[int, Result]:
    result = CliRunner().invoke(command, ["--no-config", *args], standalone_mode=False)
    if result.exception is not None:
        raise result.exception
    assert isinstance(result.return_value, int)
    return result.return_value, result


def test_text_warns_and_passes() -> None:
    code, result = invoke("typo.json", "clean.json")
    assert code == 0
    assert result.output.splitlines() == [
        *WARNED,
        "2 documents: 2 valid, 0 invalid, 0 unreadable; 2 warnings",
    ]


def test_json_lines_warn_at_their_line() -> None:
    code, result = invoke("day.jsonl")
    assert code == 0
    assert result.output.splitlines() == [
        'day.jsonl:2:173: warning: /eror: undeclared property; did you mean "error"?',
        "3 documents: 3 valid, 0 invalid, 0 unreadable; 1 warning",
    ]


def test_no_warnings_hides_them() -> None:
    code, result = invoke("typo.json", "--no-warnings")
    assert (code, result.output) == (0, "1 document: 1 valid, 0 invalid, 0 unreadable\n")


def test_strict_makes_them_errors() -> None:
    code, result = invoke("typo.json", "clean.json", "--strict")
    assert code == 1
    assert result.output.splitlines() == [
        "typo.json:3:24: /payload/sesion_type: undeclared property; "
        'did you mean "session_type"? (headline)',
        'typo.json:3:45: /timestmap: undeclared property; did you mean "timestamp"?',
        "2 documents: 1 valid, 1 invalid, 0 unreadable",
    ]
    # --strict wins over --no-warnings
    assert invoke("typo.json", "--strict", "--no-warnings")[0] == 1
    assert invoke("clean.json", "--strict")[0] == 0


def test_max_errors_counts_the_warnings_strict_makes_errors(files: Path) -> None:
    # At most N errors per document, the headline among them, whether they came from the
    # schema or from the strict profile.
    bad = TYPO.replace('"completed"', '"done"').replace(
        '"total_sessions": 1', '"total_sessions": "1"'
    )
    (files / "bad.json").write_text(bad)
    code, result = invoke("typo.json", "bad.json", "--strict", "--max-errors", "2", "-q")
    assert code == 1
    code, result = invoke(
        "typo.json", "bad.json", "--strict", "--max-errors", "2", "--format", "json"
    )
    listed = {d["source"]: d["errors"] for d in json.loads(result.output)["documents"]}
    assert {
        name: [(e["line"], e["column"]) for e in errors] for name, errors in listed.items()
    } == {
        "typo.json": [(3, 24), (3, 45)],  # its two warnings, the first the headline
        "bad.json": [(1, 66), (3, 21)],  # the first by position, and the headline
    }
    headlines = {n: [e.get("headline", False) for e in errors] for n, errors in listed.items()}
    assert headlines == {"typo.json": [True, False], "bad.json": [False, True]}
    code, result = invoke("typo.json", "bad.json", "--strict", "--max-errors", "1")
    assert code == 1
    assert result.output.splitlines()[:2] == [
        'typo.json:3:24: /payload/sesion_type: undeclared property; did you mean "session_type"?',
        'bad.json:3:21: /payload/total_sessions: expected integer, got string "1" '
        "[/properties/payload/$ref/properties/total_sessions/type]",
    ]


def test_a_config_check_can_be_strict(files: Path) -> None:
    (files / "loose").mkdir()
    (files / "strict").mkdir()
    (files / "loose" / "a.json").write_text(TYPO)
    (files / "strict" / "b.json").write_text(TYPO)
    (files / ".casefile-validate.toml").write_text(
        '[[checks]]\nfiles = "loose/*.json"\nschema = "AddSessionToCasefileResponse"\n\n'
        '[[checks]]\nfiles = "strict/*.json"\nschema = "AddSessionToCasefileResponse"\n'
        "strict = true\n"
    )
    result = CliRunner().invoke(command, ["--no-warnings"], standalone_mode=False)
    assert result.exception is None
    assert result.return_value == 1
    assert result.output.splitlines() == [
        "strict/b.json:3:24: /payload/sesion_type: undeclared property; "
        'did you mean "session_type"? (headline)',
        'strict/b.json:3:45: /timestmap: undeclared property; did you mean "timestamp"?',
        "2 documents: 1 valid, 1 invalid, 0 unreadable",
    ]
    (files / ".casefile-validate.toml").write_text(
        '[[checks]]\nfiles = "*/*.json"\nschema = "AddSessionToCasefileResponse"\nstrict = "yes"\n'
    )
    result = CliRunner().invoke(command, [], standalone_mode=False)
    assert result.return_value == 2
    assert '.casefile-validate.toml:4:1: check 1: "strict" must be true or false' in result.output


def test_json_lists_warnings_outside_the_output_unit() -> None:
    code, result = invoke("typo.json", "--format", "json")
    assert code == 0
    report = json.loads(result.output)
    (document,) = report["documents"]
    assert document["valid"] is True and "errors" not in document
    assert document["warnings"] == [
        {
            "instanceLocation": "/payload/sesion_type",
            "warning": 'undeclared property; did you mean "session_type"?',
            "keyword": "undeclared-property",
            "line": 3,
            "column": 24,
        },
        {
            "instanceLocation": "/timestmap",
            "warning": 'undeclared property; did you mean "timestamp"?',
            "keyword": "undeclared-property",
            "line": 3,
            "column": 45,
        },
    ]
    assert report["summary"]["warnings"] == 2
    assert report["summary"]["exit_code"] == 0


def test_github_warning_commands() -> None:
    code, result = invoke("typo.json", "--format", "github")
    assert code == 0
    lines = result.output.splitlines()
    assert lines[:2] == [
        "::warning file=typo.json,line=3,col=24,title=casefile-validate%3A undeclared-property "
        'at /payload/sesion_type::undeclared property; did you mean "session_type"?',
        "::warning file=typo.json,line=3,col=45,title=casefile-validate%3A undeclared-property "
        'at /timestmap::undeclared property; did you mean "timestamp"?',
    ]
    assert "::error" not in result.output


def test_sarif_warning_results_are_valid_sarif() -> None:
    code, result = invoke("typo.json", "--format", "sarif")
    assert code == 0
    log = json.loads(result.output)
    assert_valid_sarif(log)
    run = log["runs"][0]
    assert [(r["level"], r["ruleId"], r["message"]["text"]) for r in run["results"]] == [
        (
            "warning",
            "undeclared-property",
            '/payload/sesion_type: undeclared property; did you mean "session_type"?',
        ),
        (
            "warning",
            "undeclared-property",
            '/timestmap: undeclared property; did you mean "timestamp"?',
        ),
    ]
    assert run["results"][0]["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 3,
        "startColumn": 24,
    }
    (rule,) = run["tool"]["driver"]["rules"]
    assert rule["defaultConfiguration"] == {"level": "warning"}
    assert run["properties"]["warnings"] == 2


def test_junit_testcase_passes_with_its_warnings_in_system_out() -> None:
    code, result = invoke("typo.json", "--format", "junit")
    assert code == 0
    root = ET.fromstring(result.output.split("\n", 1)[1])
    assert root.get("failures") == "0"
    (case,) = root.iter("testcase")
    assert case.find("failure") is None and case.find("error") is None
    out = case.find("system-out")
    assert out is not None
    assert out.text == "\n".join(
        [
            '3:24 warning: /payload/sesion_type: undeclared property; did you mean "session_type"?',
            '3:45 warning: /timestmap: undeclared property; did you mean "timestamp"?',
        ]
    )


@pytest.mark.parametrize("strict", [False, True])
def test_worker_processes_give_the_same_warnings(
    files: Path, monkeypatch: pytest.MonkeyPatch, strict: bool
) -> None:
    import io

    from validator.run import tasks
    from validator.run.runner import run
    from validator.run.settings import Options

    clean, typo = json.loads(CLEAN), json.loads(CLEAN)
    typo["payload"]["sesion_type"] = "x"
    lines = [json.dumps(typo if i % 7 == 3 else clean) for i in range(400)]
    (files / "big.jsonl").write_text("\n".join(lines) + "\n")
    (files / "many").mkdir()
    for i in range(20):
        (files / "many" / f"{i:02}.json").write_text(TYPO if i % 3 == 0 else CLEAN)

    def report(jobs: int) -> tuple[int, str]:
        out = io.StringIO()
        options = Options(inputs=("big.jsonl", "many"), no_config=True, jobs=jobs, strict=strict)
        return run(options, out=out, err=io.StringIO()), out.getvalue()

    alone = report(1)
    monkeypatch.setattr(tasks, "PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr(tasks, "PARALLEL_MIN_BYTES", 1)
    monkeypatch.setattr(tasks, "RANGE_SIZE", 4096)
    monkeypatch.setattr(tasks, "FILES_PER_TASK", 3)
    assert report(2) == alone
    last = alone[1].splitlines()[-1]
    if strict:
        assert alone[0] == 1
        assert last == "420 documents: 356 valid, 64 invalid, 0 unreadable"
    else:
        assert alone[0] == 0
        assert last == "420 documents: 420 valid, 0 invalid, 0 unreadable; 71 warnings"


def test_text_lists_an_invalid_documents_errors_before_its_warnings(files: Path) -> None:
    (files / "both.json").write_text(TYPO.replace('"status": "completed"', '"status": "done"'))
    code, result = invoke("both.json")
    assert code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith('both.json:1:66: /status: "done" is not one of ')
    assert lines[1:3] == [w.replace("typo.json", "both.json") for w in WARNED]


DEPENDENT = {
    "type": "object",
    "properties": {"a": {"type": "integer"}},
    "dependentRequired": {"x": ["y"]},
}


@pytest.mark.parametrize("engine", ["fast", "reference"])
@pytest.mark.parametrize("strict", [False, True])
@pytest.mark.parametrize("branches", [False, True])
def test_dependent_required_declares_its_keys_and_the_names_they_require(
    files: Path, engine: str, strict: bool, branches: bool
) -> None:
    """``dependentRequired: {"x": ["y"]}`` declares both ``x`` and ``y`` (whole documents and
    JSON Lines, both engines, with and without --strict; without dependentSchemas, JSON Lines
    take the closed screen, see validator.checking.closed_schema).  A dependentSchemas key is
    declared, as docs/verdicts.md says, and its branch declares ``e``."""
    schema = {**DEPENDENT, "dependentSchemas": {"d": {"properties": {"e": {}}}}}
    (files / "dependent.json").write_text(json.dumps(schema if branches else DEPENDENT))
    (files / "xy.json").write_text('{"a": 1, "x": 2, "y": 3}\n')
    (files / "de.json").write_text('{"a": 1, "d": 2, "e": 3}\n')
    lines = ['{"x": 1, "y": 2}', '{"a": 1, "y": 2, "z": 3}', '{"a": 1, "x": 1, "y": 2}']
    (files / "dependent.jsonl").write_text("\n".join(lines) + "\n")
    args = ["--schema", "dependent.json", "--engine", engine, *(["--strict"] if strict else [])]
    code, result = invoke("xy.json", "de.json", "dependent.jsonl", *args)
    lines = result.output.splitlines()
    if not strict:
        assert code == 0
        assert lines == [
            *([] if branches else ["de.json:1:10: warning: /d: undeclared property"]),
            *([] if branches else ["de.json:1:18: warning: /e: undeclared property"]),
            "dependent.jsonl:2:18: warning: /z: undeclared property",
            "5 documents: 5 valid, 0 invalid, 0 unreadable; "
            + ("1 warning" if branches else "3 warnings"),
        ]
    elif branches:
        assert code == 1
        assert lines == [
            "dependent.jsonl:2:18: /z: undeclared property",
            "5 documents: 4 valid, 1 invalid, 0 unreadable",
        ]
    else:
        assert code == 1
        assert lines == [
            "de.json:1:10: /d: undeclared property (headline)",
            "de.json:1:18: /e: undeclared property",
            "dependent.jsonl:2:18: /z: undeclared property",
            "",
            "Failures by kind, most frequent first (3 kinds in 2 failed documents):",
            '  [undeclared-property] undeclared property "d"',
            "    1 document: de.json:1",
            '  [undeclared-property] undeclared property "e"',
            "    1 document: de.json:1",
            '  [undeclared-property] undeclared property "z"',
            "    1 document: dependent.jsonl:2",
            "5 documents: 3 valid, 2 invalid, 0 unreadable",
        ]


def test_the_summary_counts_warnings_not_the_note_that_counts_the_rest(tmp_path: Path) -> None:
    """A document's warnings past the first MAX_WARNINGS end in one note (``... and 50 more
    undeclared properties``): the summary counts the 150 warnings, not 101 lines."""
    from tests.hostile._limited import run, write
    from validator.checking.property_warnings import MAX_WARNINGS

    write(tmp_path / "s.json", {"type": "object", "properties": {"a": {}}})
    write(tmp_path / "many.json", {f"k{i}": i for i in range(MAX_WARNINGS + 50)})
    write(tmp_path / "one.json", {"a": 1, "b": 2})
    result = run(["--schema", "s.json", "many.json", "one.json"], tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    assert lines[MAX_WARNINGS].endswith(": ... and 50 more undeclared properties")
    assert lines[-1] == "2 documents: 2 valid, 0 invalid, 0 unreadable; 151 warnings"
    argv = ["--format", "json", "--schema", "s.json", "many.json", "one.json"]
    assert json.loads(run(argv, tmp_path).stdout)["summary"]["warnings"] == 151
    argv[1] = "markdown"
    page = run(argv, tmp_path).stdout
    assert "| 2 | 2 | 0 | 0 | 151 |" in page
    assert "<summary>many.json: 150 warnings</summary>" in page
    argv[1] = "html"
    html = run(argv, tmp_path).stdout
    assert '<span class="note">150 warnings</span>' in html  # the note is no warning of its own
    assert '<p class="note">&#8230; and 100 more warnings</p>' in html  # 50 listed of 150
    assert "more problem" not in html


def test_the_api_report_counts_warnings_not_the_note(tmp_path: Path) -> None:
    """The Python API's Report text says 150 warnings where the note counts 50 of them."""
    from validator import validate_file
    from validator.checking.property_warnings import MAX_WARNINGS

    (tmp_path / "s.json").write_text('{"type": "object", "properties": {"a": {}}}')
    (tmp_path / "many.json").write_text(json.dumps({f"k{i}": i for i in range(MAX_WARNINGS + 50)}))
    report = validate_file(tmp_path / "many.json", tmp_path / "s.json")
    assert len(report.warnings) == MAX_WARNINGS + 1
    assert str(report).splitlines()[0] == f"{tmp_path / 'many.json'}: valid (150 warnings)"
