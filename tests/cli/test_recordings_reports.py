"""The reports of a run of recordings: every recording problem has its place in the body in the
json report (``null`` for a problem of the entry itself), and a run that fails only because of
``--min-coverage`` says why in every format."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.cli.test_recordings import API, GOOD, SPEC, _entry, _har, _place
from tests.console import run_script


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "api.json").write_text(json.dumps(SPEC))
    return tmp_path


def _placed(units: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [(u["line"], u["column"], u["bodyLine"], u["bodyColumn"]) for u in units]


def every_problem() -> str:
    """A recording with one entry of each problem of a recording's own, in this order."""
    return _har(
        _entry("GET", f"{API}/orders/1", 200, "{}"),  # no operation
        _entry("GET", f"{API}/users/u1", 500, "{}"),  # an undocumented status
        _entry("GET", f"{API}/users/u1", 200, "<p>", "text/html"),  # an undocumented type
        _entry("GET", f"{API}/users/u1", 200, "%%%"),  # not JSON
        _entry("GET", f"{API}/users/u1", 200, ""),  # empty
        _entry("DELETE", f"{API}/users/u1", 204, "{}"),  # a body where none is documented
    )


@pytest.mark.parametrize("undocumented", ["error", "warning"])
def test_every_recording_problem_has_body_places(folder: Path, undocumented: str) -> None:
    text = every_problem()
    (folder / "rec.har").write_text(text)
    args = ("--openapi", "api.json", "--format", "json", "--undocumented", undocumented)
    done = run_script(folder, *args, "rec.har")
    assert (done.returncode, done.stderr) == (1, "")
    documents = json.loads(done.stdout)["documents"]
    assert [d["entry"]["index"] for d in documents] == [0, 1, 2, 3, 4, 5]
    first, second = _place(text, "{}"), _place(text, "{}", 1)
    key = "warnings" if undocumented == "warning" else "errors"
    assert _placed(documents[0][key]) == [(*first, None, None)]
    assert _placed(documents[1][key]) == [(*second, None, None)]
    assert _placed(documents[2]["errors"]) == [(*_place(text, "<p>"), None, None)]
    assert _placed(documents[3]["errors"]) == [(*_place(text, "%%%"), 1, 1)]
    assert _placed(documents[4]["errors"]) == [(*_place(text, ""), None, None)]
    assert _placed(documents[5]["errors"]) == [(*_place(text, "{}", 2), None, None)]
    for document in documents:
        for unit in (*document.get("errors", ()), *document.get("warnings", ())):
            assert {"bodyLine", "bodyColumn"} <= set(unit)
    valid = _har(_entry("GET", f"{API}/users/u1", 200, GOOD))
    (folder / "ok.har").write_text(valid)
    done = run_script(folder, "--openapi", "api.json", "--format", "json", "-v", "ok.har")
    [document] = json.loads(done.stdout)["documents"]
    assert "errors" not in document and "warnings" not in document


def _short(folder: Path, fmt: str, *more: str) -> Any:
    """A run of one valid response of three documented, with --min-coverage 50, in ``fmt``."""
    (folder / "rec.har").write_text(_har(_entry("GET", f"{API}/users/u1", 200, GOOD)))
    args = ("--openapi", "api.json", "--min-coverage", "50", "--format", fmt, *more)
    return run_script(folder, *args, "rec.har")


WHY = "coverage 25.0% of documented responses is below --min-coverage 50"


def test_below_min_coverage_github_says_why_as_an_error(folder: Path) -> None:
    done = _short(folder, "github")
    assert (done.returncode, done.stderr) == (1, "")
    errors = [line for line in done.stdout.splitlines() if line.startswith("::error")]
    assert errors == [f"::error title=casefile-validate::{WHY.replace('%', '%25')}"]
    done = _short(folder, "github", "--quiet")  # the run's verdict: said all the same
    assert errors[0] in done.stdout.splitlines()


def test_below_min_coverage_sarif_has_a_result(folder: Path) -> None:
    done = _short(folder, "sarif")
    assert (done.returncode, done.stderr) == (1, "")
    [run] = json.loads(done.stdout)["runs"]
    assert run["results"] == [
        {
            "ruleId": "min-coverage",
            "ruleIndex": 0,
            "level": "error",
            "message": {"text": WHY},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": "api.json"}}}],
        }
    ]
    assert [rule["id"] for rule in run["tool"]["driver"]["rules"]] == ["min-coverage"]
    assert run["invocations"] == [{"executionSuccessful": True}]  # it ran to its end: exit 1
    assert run["properties"]["coverage"]["below"] is True


def test_below_min_coverage_junit_has_a_failing_testcase(folder: Path) -> None:
    import xml.etree.ElementTree as ET

    done = _short(folder, "junit")
    assert (done.returncode, done.stderr) == (1, "")
    suite = ET.fromstring(done.stdout).find("testsuite")
    assert suite is not None
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("2", "1", "0")
    failing = [case for case in suite.iter("testcase") if case.find("failure") is not None]
    assert [(c.get("classname"), c.get("name")) for c in failing] == [
        ("api.json", "api.json:coverage")
    ]
    failure = failing[0].find("failure")
    assert failure is not None
    assert (failure.get("type"), failure.get("message"), failure.text) == ("min-coverage", WHY, WHY)


@pytest.mark.parametrize("fmt", ["github", "sarif", "junit"])
def test_above_min_coverage_says_nothing_more(folder: Path, fmt: str) -> None:
    (folder / "rec.har").write_text(_har(_entry("GET", f"{API}/users/u1", 200, GOOD)))
    args = ("--openapi", "api.json", "--min-coverage", "25", "--format", fmt, "rec.har")
    done = run_script(folder, *args)
    assert (done.returncode, done.stderr) == (0, "")
    assert "min-coverage" not in done.stdout.replace("--min-coverage", "")
    assert "::error" not in done.stdout


def test_no_warnings_and_strict_apply_to_undocumented_made_warnings(folder: Path) -> None:
    from tests.cli.test_recordings import undocumented

    (folder / "rec.har").write_text(undocumented())
    args = ("--openapi", "api.json", "--undocumented", "warning", "rec.har")
    done = run_script(folder, *args, "--no-warnings")
    assert (done.returncode, done.stderr) == (0, "")
    assert "no path of" not in done.stdout and "documents no 500" not in done.stdout
    assert done.stdout.splitlines()[-1] == "3 documents: 3 valid, 0 invalid, 0 unreadable"
    done = run_script(folder, *args, "--strict")
    assert (done.returncode, done.stderr) == (1, "")
    assert done.stdout.splitlines()[-1] == "3 documents: 1 valid, 2 invalid, 0 unreadable"
    helped = " ".join(run_script(folder, "--help").stdout.split())
    assert "warnings (undeclared properties, and the undocumented endpoints and statuses " in helped
    assert helped.count("--undocumented warning makes warnings") == 2  # --strict, --no-warnings
