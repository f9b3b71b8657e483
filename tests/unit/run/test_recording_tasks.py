"""How the tasks of a check of recordings are cut: every input is a recording (standard input
and a ``.jsonl`` name too), and standard input is never sent to workers that read their own
inputs (Dask's)."""

from __future__ import annotations

from typing import Any

from validator.inputs.sources import STDIN, Item
from validator.problems import Status
from validator.run.recording_tasks import STDIN_ELSEWHERE, check_recordings
from validator.run.tasks import Files, Known, plan


def test_every_input_of_a_check_of_recordings_is_a_recording() -> None:
    entries = [("a.har", 0), ("x.jsonl", 0), ("-", 0), ("y.jsonl", 1)]
    tasks = list(plan(entries, [False, False], recordings=frozenset({0})))
    assert tasks[0] == Files(("a.har", "x.jsonl", "-"), 0, False)
    assert [type(t).__name__ for t in tasks[1:]] == ["Known"]  # a payload check's, read here


def test_standard_input_is_not_sent_to_workers_elsewhere() -> None:
    entries = [("a.har", 0), ("-", 0)]
    tasks = list(plan(entries, [False], ranges=True, recordings=frozenset({0})))
    assert tasks == [Files(("a.har",), 0, False), Known(Item(STDIN, 1, None, STDIN_ELSEWHERE), 0)]
    options: Any = None  # an input known to be unreadable needs none
    valid, results = check_recordings(tasks[1], options, None)
    assert valid == 0
    assert [(r.source, r.status, r.problems[0].message) for r in results] == [
        (STDIN, Status.UNREADABLE, STDIN_ELSEWHERE)
    ]
