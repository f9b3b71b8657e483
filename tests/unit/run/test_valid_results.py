"""A task's results of valid documents taken together (:mod:`validator.run.valid_results`, the
text report's ``documents``) give what taking each in turn gives: the same summary, the same
bytes, whatever the results hold."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from validator.problems import (
    MORE_UNDECLARED,
    RECORDING,
    UNDECLARED,
    DocumentResult,
    Problem,
    Recorded,
    Status,
    Summary,
    more_undeclared,
)
from validator.report.base import ReportOptions
from validator.report.text import TextReporter, warning_lines, warnings_text
from validator.run import runner, valid_results
from validator.run.runner import run
from validator.run.settings import Options
from validator.run.valid_results import all_valid, count_valid


def _warning(
    pointer: str = "/x", line: int | None = 3, message: str = "undeclared property"
) -> Problem:
    return Problem(pointer, "", message, UNDECLARED, None, line, 7, False, "undeclared property")


def _valid(
    source: str = "a.jsonl", line: int = 3, *warnings: Problem, schema: str = "S"
) -> DocumentResult:
    return DocumentResult(source, line, Status.VALID, (), schema, warnings)


NOTE = Problem("/y", "", more_undeclared(1234), UNDECLARED, None, 4, 2, False, MORE_UNDECLARED)
ODD = {
    "usual": _valid("a.jsonl", 3, _warning()),
    "two warnings": _valid("a.jsonl", 5, _warning(), _warning("/p/q", 5)),
    "none": _valid("a.jsonl", 6),
    "not placed": _valid("a.jsonl", 7, _warning(line=None)),
    "at the root": _valid("a.jsonl", 8, _warning("")),
    "a recording's": _valid("a.jsonl", 9, _warning()._replace(keyword=RECORDING)),
    "invisible": _valid("a\x1b[31m.jsonl", 10, _warning()),
    "workflow command": _valid("::error::x", 11, _warning()),
    "##[": _valid("a.jsonl", 12, _warning("/##[x")),
    "a note": _valid("a.jsonl", 13, *[_warning()] * 100, NOTE),
    "another schema": _valid("a.jsonl", 14, _warning(), schema="T"),
    "no schema": _valid("a.jsonl", 15, _warning(), schema=""),
}


def _added(results: list[DocumentResult]) -> tuple[object, ...]:
    summary = Summary()
    summary.schema("S", "reference")
    for result in results:
        summary.add(result)
    return summary.valid, summary.warnings, summary.schemas, summary.engines


def _counted(results: list[DocumentResult]) -> tuple[object, ...]:
    summary = Summary()
    summary.schema("S", "reference")
    count_valid(summary, results)
    return summary.valid, summary.warnings, summary.schemas, summary.engines


@pytest.mark.parametrize("odd", sorted(ODD))
def test_valid_results_together_are_each_in_turn(odd: str) -> None:
    usual = [_valid("a.jsonl", n, _warning(line=n)) for n in range(1, 6)]
    for results in ([*usual, ODD[odd]], [ODD[odd], *usual], [ODD[odd]], usual):
        assert warnings_text(results) == "".join(map(warning_lines, results))
        assert _counted(results) == _added(results)
        out = io.StringIO()
        TextReporter(out, ReportOptions(schemas=("S",))).documents(results)
        assert out.getvalue() == "".join(map(warning_lines, results))
    assert all_valid([*usual, ODD[odd]])
    assert warnings_text([]) == ""  # a task whose documents are all valid and quiet


def test_only_valid_results_of_no_recording_are_taken_together() -> None:
    usual = _valid("a.jsonl", 3, _warning())
    entry = Recorded(0, "GET", "https://x.invalid/", 200, 1, 1)
    assert not all_valid([usual, usual._replace(status=Status.INVALID)])
    assert not all_valid([usual, usual._replace(entry=entry)])
    assert all_valid([])


LINE = {
    "request_id": "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b",
    "status": "completed",
    "payload": {"casefile_id": "c", "session_id": "s", "session_type": "t", "total_sessions": 1},
}


@pytest.mark.parametrize("reports", [(), (("json", "out.json"),)])
def test_a_run_reports_the_same_taken_together_or_in_turn(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reports: tuple[tuple[str, str], ...]
) -> None:
    monkeypatch.chdir(tmp_path)
    lines = [{**LINE, "traceid": n} if n % 3 else LINE for n in range(300)]
    lines[7] = {**LINE, "a::b": 1, "c": 2}
    (tmp_path / "day.jsonl").write_text("\n".join(map(json.dumps, lines)) + "\n")
    lines[8] = {**LINE, "status": "x"}
    (tmp_path / "bad.jsonl").write_text("\n".join(map(json.dumps, lines)) + "\n")

    def report() -> tuple[int, str]:
        out = io.StringIO()
        options = Options(
            inputs=("day.jsonl", "bad.jsonl"), no_config=True, jobs=1, reports=reports
        )
        return run(options, out=out, err=io.StringIO()), out.getvalue()

    taken: list[int] = []
    with monkeypatch.context() as m:
        m.setattr(
            valid_results, "count_valid", lambda s, r: (taken.append(len(r)), count_valid(s, r))
        )
        together = report()
    with monkeypatch.context() as m:
        m.setattr(runner, "batch_reporter", lambda reporters: None)
        in_turn = report()
    assert together == in_turn
    assert bool(taken) is not bool(reports)  # taken together only with one report
    assert together[1].endswith("600 documents: 599 valid, 1 invalid, 0 unreadable; 401 warnings\n")
    assert together[0] == 1
    assert valid_results.batch_reporter([object()]) is None
