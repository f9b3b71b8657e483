"""A worker's outcome sent as columns (:mod:`validator.run.packing`) arrives as the same records:
the same values, the same classes, in the same order, whatever mix of results it holds."""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any

import pytest

from tests.unit.run.test_batch import GOOD
from validator.inputs import ranges
from validator.problems import UNDECLARED, DocumentResult, Problem, Recorded, Status
from validator.run.packing import packed, unpacked


def _warning(pointer: str, line: int, column: int) -> Problem:
    return Problem(pointer, "", "undeclared property", UNDECLARED, None, line, column, False, "s")


def _error(pointer: str, line: int | None, headline: bool) -> Problem:
    return Problem(pointer, "/type", "1 is not a string", "type", "x#/type", line, 3, headline, "")


WARNED = DocumentResult("a.jsonl", 4, Status.VALID, (), "S", (_warning("/x", 4, 9),))
TWICE = DocumentResult(
    "a.jsonl", 5, Status.VALID, (), "S", (_warning("/x", 5, 2), _warning("/p/y", 5, 30))
)
INVALID = DocumentResult(
    "a.jsonl",
    6,
    Status.INVALID,
    (_error("/a", 6, True), _error("/b", None, False)),
    "S",
    (_warning("/z", 6, 40),),
)
UNREADABLE = DocumentResult("b.json", 1, Status.UNREADABLE, (_error("", 1, True),))
PLAIN = DocumentResult("c.json", 1, Status.VALID)
MIXES = {
    "each warns once": [WARNED, WARNED._replace(line=9)],
    "warnings and errors": [WARNED, TWICE, INVALID, UNREADABLE, PLAIN],
    "one warns twice": [TWICE],
    "errors only": [INVALID._replace(warnings=()), UNREADABLE],
    "valid only": [PLAIN, PLAIN._replace(source="d.json")],
    "none": [],
}


def _sent(reply: Any) -> Any:
    return unpacked(pickle.loads(pickle.dumps(packed(reply), -1)))


def _classes(results: list[DocumentResult]) -> list[Any]:
    return [
        (type(r), [type(p) for p in r.problems], [type(w) for w in r.warnings]) for r in results
    ]


@pytest.mark.parametrize("mix", sorted(MIXES))
def test_an_outcome_arrives_as_it_was_sent(mix: str) -> None:
    reply = ((3, list(MIXES[mix])), 12)
    arrived = _sent(reply)
    assert arrived == reply
    assert _classes(arrived[0][1]) == _classes(reply[0][1])
    if MIXES[mix]:  # sent as columns
        assert len(packed(reply)) > 2


def test_a_recordings_results_are_sent_as_they_are() -> None:
    entry = Recorded(0, "GET", "https://x.invalid/a", 200, 3, 7)
    reply = ((0, [WARNED, WARNED._replace(entry=entry)]), 0)
    assert packed(reply) is reply
    assert _sent(reply) == reply
    assert type(_sent(reply)[0][1][1].entry) is Recorded


@pytest.mark.parametrize("mix", sorted(MIXES))
def test_an_outcome_moved_down_is_renumbered(mix: str) -> None:
    from validator.run.tasks import renumbered

    reply = ((3, [*MIXES[mix], UNREADABLE._replace(problems=(_error("", None, True),))]), 12)
    moved = unpacked(packed(reply), 40)
    assert moved == (renumbered(reply[0], 40), 12)
    assert _classes(moved[0][1]) == _classes(reply[0][1])


@pytest.mark.parametrize("dense", [0.0, 0.25, 1000.0])
def test_ranges_numbered_late_or_counted_give_the_same_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dense: float
) -> None:
    import io

    from validator.run import tasks, workers
    from validator.run.runner import run
    from validator.run.settings import Options

    good = json.loads(GOOD)
    lines = []
    for n in range(900):  # warnings, an invalid document now and then, a blank line
        doc = {**good, "extra": n} if n % 3 == 0 else good
        lines.append("" if n == 500 else json.dumps(doc if n % 97 else {**doc, "status": 1}))
    (tmp_path / "day.jsonl").write_text("\n".join(lines) + "\n")

    def report(jobs: int) -> tuple[int, str]:
        out = io.StringIO()
        options = Options(inputs=(str(tmp_path / "day.jsonl"),), no_config=True, jobs=jobs)
        return run(options, out=out, err=io.StringIO()), out.getvalue()

    alone = report(1)
    monkeypatch.setattr(tasks, "PARALLEL_MIN_BYTES", 1)
    monkeypatch.setattr(tasks, "RANGE_SIZE", 4096)
    monkeypatch.setattr(workers, "DENSE", dense)
    counted: list[int] = []

    class Counting(ranges.LineCounter):
        def first_line(self, start: int) -> int:
            counted.append(start)
            return super().first_line(start)

    monkeypatch.setattr(ranges, "LineCounter", Counting)
    assert report(2) == alone
    assert bool(counted) is (dense < 0.3)  # 0.33 results a line: counted below that
    assert alone[0] == 1 and "; 300 warnings" in alone[1]
