"""A worker process sends a task whose documents are all valid as the text the run's one plain
report writes of them (:class:`validator.run.valid_results.Rendered`): the report is the one a
single process writes, byte for byte, and the same counts; where the report is not plain text,
or the run changes the warnings (strict, ``--no-warnings``), records are sent as before."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from tests.unit.run.test_batch import GOOD
from validator.problems import MORE_UNDECLARED, UNDECLARED, DocumentResult, Problem, Status
from validator.run import tasks, valid_results, workers
from validator.run.runner import run
from validator.run.settings import Options
from validator.run.valid_results import Rendered, rendered

WARNS = GOOD[:-1] + ',"trace_id":"t"}'
OTHER = GOOD.replace('"session_id":"s"', '"session_id":"s","sesion":1')
BAD = GOOD.replace('"pending"', '"PENDING"')


def _log(path: Path, bad_every: int) -> int:
    """400 lines, every second one warning (two kinds), an invalid one every ``bad_every``:
    how many warn."""
    lines = []
    for i in range(400):
        line = (WARNS if i % 4 else OTHER) if i % 2 else GOOD
        lines.append(BAD if bad_every and i % bad_every == 7 else line)
    path.write_text("\n".join(lines) + "\n")
    return sum(line in (WARNS, OTHER) for line in lines)


def _report(inputs: tuple[str, ...], jobs: int, **settings: Any) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    settings = {"color": False, "progress": False, **settings}
    options = Options(inputs=inputs, jobs=jobs, **settings)
    code = run(options, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch) -> list[Rendered]:
    """The texts the run wrote as workers made them (counted in this process, where the run's
    loop takes them); every task in a worker, JSON Lines cut into ranges of about 20 lines."""
    seen: list[Rendered] = []
    real = valid_results.count_rendered

    def counted(summary: Any, done: Rendered) -> None:
        seen.append(done)
        real(summary, done)

    monkeypatch.setattr(valid_results, "count_rendered", counted)
    monkeypatch.setattr(tasks, "PARALLEL_MIN_BYTES", 1)
    monkeypatch.setattr(tasks, "RANGE_SIZE", 4000)
    monkeypatch.setattr(workers, "HERE", 0)
    return seen


@pytest.mark.parametrize("bad_every", [0, 50, 9])
def test_text_made_by_workers_is_the_report_one_process_writes(
    bad_every: int, tmp_path: Path, made: list[Rendered]
) -> None:
    log, other = tmp_path / "log.jsonl", tmp_path / "other.jsonl"
    warned = 2 * _log(log, bad_every) + _log(other, 0)
    inputs = (str(log), str(other), str(log))
    alone = _report(inputs, 1)
    assert not made
    assert alone[0] == (1 if bad_every else 0)
    assert alone[1].count(": warning: ") == warned
    assert alone[1].endswith(f", 0 unreadable; {warned} warnings\n")
    for jobs in (2, 3):
        made.clear()
        assert _report(inputs, jobs) == alone
        # the first range of a file is numbered from 1, the others by the main process once
        # results are many; before that, a worker numbers its range from 1: records, moved here
        rendered_documents = sum(done.documents for done in made)
        assert 0 < rendered_documents < 1200
        assert all(done.warnings == done.documents for done in made)
        assert sum(done.text.count("\n") for done in made) == sum(d.warnings for d in made)


@pytest.mark.parametrize(
    "settings",
    [
        {"format": "json"},
        {"verbose": True},
        {"quiet": True},
        {"color": True},
        {"strict": True},
        {"no_warnings": True},
        {"reports": (("json", "{dir}/r.json"),)},
    ],
    ids=["json", "verbose", "quiet", "color", "strict", "no-warnings", "two-reports"],
)
def test_no_text_is_made_where_the_report_is_not_plain_text(
    settings: dict[str, Any], tmp_path: Path, made: list[Rendered]
) -> None:
    log = str(tmp_path / "log.jsonl")
    _log(Path(log), 0)
    if "reports" in settings:
        settings = {"reports": (("json", str(tmp_path / "r.json")),)}
    alone = _report((log,), 1, **settings)
    assert _report((log,), 2, **settings) == alone
    assert made == []
    assert alone[0] == (1 if "strict" in settings else 0)


def test_rendered_is_none_unless_every_result_is_a_valid_document_counted_alike() -> None:
    def warned(line: int, schema: str = "S", shape: str = "s") -> DocumentResult:
        problem = Problem("/x", "", "undeclared property", UNDECLARED, None, line, 9, False, shape)
        return DocumentResult("a.jsonl", line, Status.VALID, (), schema, (problem,))

    done = rendered([warned(3), warned(8)])
    assert done == Rendered(
        2,
        2,
        "S",
        "a.jsonl:3:9: warning: /x: undeclared property\n"
        "a.jsonl:8:9: warning: /x: undeclared property\n",
    )
    assert rendered([]) is None
    assert rendered([warned(3), warned(4, schema="T")]) is None  # two schemas: counted each
    assert rendered([warned(3), warned(4)._replace(status=Status.INVALID)]) is None
    assert rendered([warned(3, shape=MORE_UNDECLARED)]) is None
