"""JSON Lines blocks give exactly what checking each line on its own gives; so do worker
processes, in the same order."""

from __future__ import annotations

import io
import itertools
import json
from pathlib import Path
from typing import Any

import pytest

from validator.checking.document import check_raw
from validator.checking.engine import compile_schema
from validator.checking.json_lines import check_batch
from validator.contracts.catalog import load_schema
from validator.inputs.sources import Batch, iter_items
from validator.problems import Status
from validator.run import pool, tasks, workers
from validator.run.runner import run
from validator.run.settings import Options

ENGINE = compile_schema(load_schema())
GOOD = (
    '{"request_id":"6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b","status":"pending",'
    '"payload":{"casefile_id":"c","session_id":"s","session_type":"t","total_sessions":1}}'
)
LINES = [
    GOOD,
    "",
    GOOD.replace('"pending"', '"PENDING"'),
    "   ",
    GOOD[:-1] + ',"status":"failed"}',  # duplicate key
    GOOD.replace('"total_sessions":1', '"total_sessions":123456789012345678901234567890'),
    GOOD.replace('"total_sessions":1', '"total_sessions":1.5'),
    "{not json",
    GOOD[:-1] + ',"a\\u003a":1,"a:":2}',  # duplicate key spelled two ways
    GOOD[:-1] + ',"k\\u003a":1}\r',  # an escaped colon and a CRLF line end, valid
    GOOD.replace('"s"', '"\\u0073"'),
    # rejected by the native screen (builtin uuid check), valid for the reference's check
    GOOD.replace("3a4b", "3a4b-"),
    GOOD.replace("3a4b", "3a4b-").replace('"pending"', '"nope"'),
]


def _one_by_one(lines: list[str]) -> list[tuple[int, Status, tuple[object, ...]]]:
    out = []
    for number, line in enumerate(lines, 1):
        if line.strip():
            r = check_raw(ENGINE, line.encode(), source="x", line=number)
            out.append((r.line, r.status, r.problems))
    return out


@pytest.mark.parametrize("keep_valid", [True, False])
def test_a_block_equals_its_lines_checked_alone(keep_valid: bool) -> None:
    block = "\n".join(LINES).encode()
    valid, results = check_batch(ENGINE, Batch("x", 1, block), keep_valid=keep_valid)
    expected = _one_by_one(LINES)
    got = [(r.line, r.status, r.problems) for r in results]
    if keep_valid:
        assert valid == 0
        assert got == expected
    else:
        assert got == [e for e in expected if e[1] is not Status.VALID]
        assert valid == sum(e[1] is Status.VALID for e in expected)
    statuses = {line: status for line, status, _ in expected}
    assert statuses == {
        1: Status.VALID,
        3: Status.INVALID,
        5: Status.INVALID,
        6: Status.VALID,
        7: Status.INVALID,
        8: Status.UNREADABLE,
        9: Status.INVALID,
        10: Status.VALID,
        11: Status.VALID,
        12: Status.VALID,
        13: Status.INVALID,
    }


def test_blocks_cut_at_line_ends_keep_line_numbers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from validator.inputs import sources

    path = tmp_path / "many.jsonl"
    path.write_text("\n".join([GOOD] * 50 + [GOOD.replace("pending", "nope")]) + "\n")
    monkeypatch.setattr(sources, "BLOCK_SIZE", 1000)
    batches = list(iter_items([str(path)]))
    assert len(batches) > 5
    assert all(isinstance(b, Batch) for b in batches)
    numbered = [
        (b.first_line + i, line)
        for b in batches
        if isinstance(b, Batch)
        for i, line in enumerate(b.lines)
    ]
    assert [n for n, _ in numbered] == list(range(1, len(numbered) + 1))
    assert numbered[50] == (51, GOOD.replace("pending", "nope").encode())


def test_a_line_longer_than_a_block(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from validator.inputs import sources

    big = json.dumps({"request_id": "x" * 5000})
    path = tmp_path / "long.jsonl"
    path.write_text(GOOD + "\n" + big + "\n" + GOOD)
    monkeypatch.setattr(sources, "BLOCK_SIZE", 64)
    lines = [
        (b.first_line + i, line)
        for b in iter_items([str(path)])
        if isinstance(b, Batch)
        for i, line in enumerate(b.lines)
    ]
    assert lines == [(1, GOOD.encode()), (2, big.encode()), (3, GOOD.encode())]


@pytest.mark.parametrize("here", [1, 0])  # the main process checks tasks too, or never
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_worker_processes_give_the_same_report(
    fmt: str, here: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, examples_dir: Path
) -> None:
    for i in range(40):
        (tmp_path / f"doc{i:02}.json").write_text(GOOD if i % 3 else GOOD.replace("pending", "x"))
    (tmp_path / "log.jsonl").write_text("\n".join(LINES * 30))
    inputs = (str(tmp_path), str(examples_dir))

    def report(jobs: int) -> tuple[int, str]:
        out = io.StringIO()
        code = run(Options(inputs=inputs, format=fmt, jobs=jobs), out=out, err=io.StringIO())
        return code, out.getvalue()

    alone = report(1)
    monkeypatch.setattr(tasks, "PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr(tasks, "FILES_PER_TASK", 7)
    monkeypatch.setattr(workers, "HERE", here)
    assert report(2) == alone
    assert alone[0] == 3


@pytest.mark.usefixtures("forked_workers")
def test_jobs_2_is_this_process_and_one_worker_both_checking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # --jobs 2 starts one worker and checks tasks here too. Deterministic: the worker's first
    # task waits until this process has checked one of its own, so a main process that only
    # waited for its worker would fail the test (after 60 s), not pass it by luck.
    import os
    import time

    from validator.run import forks

    docs = tmp_path / "in"
    docs.mkdir()
    for i in range(30):
        (docs / f"doc{i:02}.json").write_text(GOOD if i % 4 else GOOD.replace("pending", "x"))

    def report(jobs: int) -> tuple[int, str]:
        out = io.StringIO()
        code = run(Options(inputs=(str(docs),), jobs=jobs), out=out, err=io.StringIO())
        return code, out.getvalue()

    alone = report(1)
    main, flag = os.getpid(), tmp_path / "checked-here"
    real = workers.check_counted
    here: list[tuple[str, ...]] = []

    def gated(task: tasks.Task, *args: Any) -> Any:
        assert isinstance(task, tasks.Files)
        if os.getpid() == main:
            here.append(task.paths)
            result = real(task, *args)
            flag.touch()
            return result
        deadline = time.monotonic() + 60
        while not flag.exists():  # in the worker: wait for the main process to check one
            assert time.monotonic() < deadline, "the main process never checked a task"
            time.sleep(0.001)
        return real(task, *args)

    started: list[int] = []
    real_start = forks.Forked.start

    def start(self: forks.Forked) -> None:
        real_start(self)
        started.append(self.pid or 0)

    monkeypatch.setattr(workers, "check_counted", gated)
    monkeypatch.setattr(forks.Forked, "start", start)
    monkeypatch.setattr(tasks, "PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr(tasks, "FILES_PER_TASK", 3)
    assert report(2) == alone
    assert alone[0] == 1
    assert len(started) == 1
    assert here  # some tasks were checked here, the first (the worker's) not
    assert not any(path.endswith("doc00.json") for paths in here for path in paths)


@pytest.mark.usefixtures("forked_workers")
def test_the_main_process_stops_checking_when_it_holds_enough_outcomes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Its memory is bounded: while its worker is stuck on the first task, the main process
    # checks tasks itself only until it holds AHEAD + OUTSTANDING outcomes, then waits. The
    # worker is let go at the last of those, so exactly that many come before its first outcome.
    import os
    import time

    docs = tmp_path / "in"
    docs.mkdir()
    for i in range(30):
        (docs / f"doc{i:02}.json").write_text(GOOD)
    held = workers.AHEAD + workers.OUTSTANDING
    main, flag = os.getpid(), tmp_path / "go"
    real, real_loads = workers.check_counted, workers._loads
    here: list[int] = []
    before_first: list[int] = []

    def gated(task: tasks.Task, *args: Any) -> Any:
        if os.getpid() == main:
            here.append(1)
            if len(here) == held:
                flag.touch()
            return real(task, *args)
        deadline = time.monotonic() + 60
        while not flag.exists():
            assert time.monotonic() < deadline, "the main process never let the worker go"
            time.sleep(0.001)
        return real(task, *args)

    def loads(data: bytes) -> Any:
        if not before_first:
            before_first.append(len(here))
        return real_loads(data)

    monkeypatch.setattr(workers, "check_counted", gated)
    monkeypatch.setattr(workers, "_loads", loads)
    monkeypatch.setattr(tasks, "PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr(tasks, "FILES_PER_TASK", 1)
    out = io.StringIO()
    assert run(Options(inputs=(str(docs),), jobs=2), out=out, err=io.StringIO()) == 0
    assert out.getvalue() == "30 documents: 30 valid, 0 invalid, 0 unreadable\n"
    assert before_first == [held]


def test_finer_end_cuts_the_last_tasks_and_keeps_every_input_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from validator.inputs.ranges import read_range

    log = tmp_path / "big.jsonl"
    log.write_text("\n".join([GOOD] * 300) + "\n")
    monkeypatch.setattr(tasks, "RANGE_SIZE", 9000)
    names = tuple(f"f{i:02}.json" for i in range(10))
    ranges = list(tasks.plan([(str(log), 0)], [False], ranges=True))
    assert len(ranges) > 4
    planned: list[tasks.Task] = [tasks.Files(names), tasks.Files(names[:7], check=1), *ranges]

    finer = tasks.finer_end(planned, last=4, pieces=4)
    assert finer[:2] == planned[:2]  # before the last four: as they were
    cut, kept = finer[2 : len(finer) - 16], finer[len(finer) - 16 :]
    assert cut == ranges[:-4]
    assert len(kept) == 16  # each of the last four ranges in four
    assert all(isinstance(t, tasks.Range) for t in kept)
    spans = [(t.start, t.stop) for t in kept if isinstance(t, tasks.Range)]
    assert isinstance(ranges[-4], tasks.Range)
    assert spans[0][0] == ranges[-4].start
    assert all(a[1] == b[0] for a, b in itertools.pairwise(spans))  # contiguous, no byte twice
    assert spans[-1][1] is None  # the last still runs to the end of the file
    assert not any(t.first for t in kept if isinstance(t, tasks.Range))

    def lines(some: list[tasks.Task]) -> list[bytes]:
        found = []
        for t in some:
            if isinstance(t, tasks.Range):
                for batch in read_range(t.path, t.start, t.stop):
                    if isinstance(batch, Batch):
                        found += batch.lines
        return [line.rstrip(b"\n") for line in found if line.strip()]

    assert lines(finer) == lines(planned) == [GOOD.encode()] * 300

    files = tasks.finer_end([tasks.Files(names, check=2)], pieces=4)
    assert files == [
        tasks.Files(names[0:3], 2),
        tasks.Files(names[3:6], 2),
        tasks.Files(names[6:9], 2),
        tasks.Files(names[9:], 2),
    ]
    first = tasks.finer_end([ranges[0]], pieces=2)
    assert [t.first for t in first if isinstance(t, tasks.Range)] == [True, False]


def test_jobs_with_one_task_start_no_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One task and --jobs 2: this process checks it; a worker would only cost its start.
    from validator.run import forks

    def refuse(self: forks.Forked) -> None:
        raise AssertionError("no worker should start")

    monkeypatch.setattr(forks.Forked, "start", refuse)
    for name, text in (("a.json", GOOD), ("b.json", GOOD.replace("pending", "x"))):
        (tmp_path / name).write_text(text)
    task = tasks.Files((str(tmp_path / "a.json"), str(tmp_path / "b.json")))
    expected = tasks.check_task(task, Options(), False, [ENGINE])
    assert expected[0] == 1 and len(expected[1]) == 1  # one valid, one listed
    assert list(workers.run_tasks([task], Options(), False, 2, [ENGINE])) == [expected]


def test_as_many_tasks_as_processes_are_shared_between_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two tasks and --jobs 2 (a large HAR's two parts): the worker gets one, this process checks
    the other (the worker once got both tasks ahead, and this process waited: no speed-up)."""
    here: list[int] = []
    original = workers.check_counted

    def counted(task: Any, *args: Any) -> Any:
        here.append(len(task.paths))  # this process's calls (a forked worker's stay its own)
        return original(task, *args)

    monkeypatch.setattr(workers, "check_counted", counted)
    many = [tmp_path / f"d{i}.json" for i in range(300)]  # the worker's: long enough to be busy
    for path in [*many, tmp_path / "last.json"]:
        path.write_text(GOOD)
    work = [tasks.Files(tuple(map(str, many))), tasks.Files((str(tmp_path / "last.json"),))]
    found = list(workers.run_tasks(work, Options(), False, 2, [ENGINE]))
    assert found == [(300, []), (1, [])]
    assert here == [1]  # the second task, here; the first in the worker


def _numbered_by_ranges(
    path: Path, cuts: list[int], limit: int = 1 << 20
) -> list[tuple[int, bytes | str]]:
    from validator.inputs.ranges import LineCounter, read_range

    numbered: list[tuple[int, bytes | str]] = []
    counter = LineCounter(str(path))
    for i, start in enumerate(cuts):
        stop = cuts[i + 1] if i + 1 < len(cuts) else None
        numbered += _numbered(read_range(str(path), start, stop, counter.first_line(start), limit))
    counter.close()
    return numbered


def _numbered(found: Any) -> list[tuple[int, bytes | str]]:
    """(line, text) of each line of batches, (line, problem) of each item."""
    numbered: list[tuple[int, bytes | str]] = []
    for part in found:
        if isinstance(part, Batch):
            numbered += [
                (part.first_line + n, line.removesuffix(b"\n")) for n, line in enumerate(part.lines)
            ]
        else:
            numbered.append((part.line, part.problem))
    return numbered


def test_byte_ranges_give_the_lines_of_a_whole_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Workers cut a large file by byte offsets alone; lines must come out exactly as one reader
    # streaming the file sees them: none lost, none twice, same numbers.
    import random

    from validator.inputs import sources

    rng = random.Random(7)
    path = tmp_path / "cut.jsonl"
    pieces = [b"", b"a", b"bb", b"\r", b'{"k": "v"}', b"x" * 40]
    for _ in range(400):
        lines = [rng.choice(pieces) for _ in range(rng.randint(0, 8))]
        path.write_bytes(b"\n".join(lines) + rng.choice([b"", b"\n", b"\n\n"]))
        monkeypatch.setattr(sources, "BLOCK_SIZE", rng.randint(1, 9))
        limit = rng.choice([1 << 20, rng.randint(0, 12)])  # lines past it: one item each
        whole = _numbered(iter_items([str(path)], limit=limit))
        size = path.stat().st_size
        cuts = list(range(0, size, rng.randint(1, 12))) or [0]
        assert _numbered_by_ranges(path, cuts, limit) == whole
        if limit < 40 and b"x" * 40 in path.read_bytes():
            assert any(isinstance(text, str) for _, text in whole)


def test_a_range_of_a_missing_file_says_so_once(tmp_path: Path) -> None:
    from validator.inputs.ranges import read_range
    from validator.inputs.sources import Item

    missing = str(tmp_path / "gone.jsonl")
    assert read_range(missing, 0, 10) == [Item(missing, 1, None, "no such file or directory")]
    assert read_range(missing, 10, None) == []


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_workers_cutting_json_lines_into_ranges_give_the_same_report(
    fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "big.jsonl"
    log.write_text("\n".join(LINES * 40) + "\n")
    other = tmp_path / "more.jsonl"
    other.write_text("\n".join(reversed(LINES * 5)))

    def report(jobs: int) -> tuple[int, str]:
        out = io.StringIO()
        options = Options(inputs=(str(log), str(other), str(log)), format=fmt, jobs=jobs)
        code = run(options, out=out, err=io.StringIO())
        return code, out.getvalue()

    alone = report(1)
    monkeypatch.setattr(tasks, "PARALLEL_MIN_BYTES", 1)
    monkeypatch.setattr(tasks, "RANGE_SIZE", 500)
    cut = list(tasks.plan([(str(log), 0)], [False], ranges=True))
    assert len(cut) > 10 and {type(t) for t in cut} == {tasks.Range}
    assert report(2) == alone
    assert report(3) == alone
    assert alone[0] == 3
    last = len(LINES) * 40  # the last line of big.jsonl is invalid: numbered across ranges
    if fmt == "text":
        assert f"{log}:{last}:" in alone[1]
    else:
        listed = json.loads(alone[1])["documents"]
        assert {"source": str(log), "line": last} in [
            {"source": d["source"], "line": d["line"]} for d in listed if not d["valid"]
        ]
        lines = [d["line"] for d in listed if d["source"] == str(log)]
        half = len(lines) // 2  # big.jsonl is given twice: each time in line order
        assert lines[:half] == lines[half:] == sorted(lines[:half])


@pytest.mark.usefixtures("forked_workers")
def test_a_worker_that_dies_stops_the_run_with_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from validator.run import workers

    for i in range(20):
        (tmp_path / f"doc{i:02}.json").write_text(GOOD)
    real = workers.check_counted

    def dying(task: tasks.Task, *args: Any) -> object:
        if isinstance(task, tasks.Files) and any("doc13" in p for p in task.paths):
            os._exit(9)
        return real(task, *args)

    monkeypatch.setattr(workers, "check_counted", dying)
    monkeypatch.setattr(workers, "HERE", 0)  # every task in a worker, doc13 included
    monkeypatch.setattr(tasks, "PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr(tasks, "FILES_PER_TASK", 3)
    out, err = io.StringIO(), io.StringIO()
    code = run(Options(inputs=(str(tmp_path),), jobs=2), out=out, err=err)
    assert code == 2
    message = err.getvalue()
    assert message.startswith("casefile-validate: cannot complete the run: a worker process (pid ")
    assert "stopped unexpectedly (exit code 9)" in message
    assert message.count("\n") == 1


def test_workers_started_without_fork_give_the_same_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # With another thread running, fork is unsafe: workers come from the forkserver instead,
    # get their tasks pickled and compile the schema themselves.
    import threading

    log = tmp_path / "big.jsonl"
    log.write_text("\n".join(LINES * 20))
    for i in range(6):
        (tmp_path / f"doc{i}.json").write_text(GOOD if i % 2 else "{")

    def report(jobs: int) -> tuple[int, str]:
        out = io.StringIO()
        code = run(Options(inputs=(str(tmp_path),), jobs=jobs), out=out, err=io.StringIO())
        return code, out.getvalue()

    alone = report(1)
    monkeypatch.setattr(tasks, "PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr(tasks, "RANGE_SIZE", 700)
    monkeypatch.setattr(tasks, "FILES_PER_TASK", 2)
    monkeypatch.setattr(threading, "active_count", lambda: 2)
    import multiprocessing

    methods: list[str] = []
    real_get_context = multiprocessing.get_context

    def get_context(method: str | None = None) -> object:
        methods.append(str(method))
        return real_get_context(method)

    monkeypatch.setattr(multiprocessing, "get_context", get_context)
    assert report(2) == alone
    assert methods == ["forkserver"]
    assert alone[0] == 3


@pytest.mark.usefixtures("forked_workers")
def test_feeding_a_worker_that_died_is_exit_2_not_a_broken_pipe(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The main process hands a task to a worker that is already gone: writing to its pipe fails
    # with EPIPE. That is "the run cannot complete" (exit 2, one line), never "the reader of our
    # standard output went away" (141, silent). Deterministic: the workers die at once, and the
    # main process waits until they have exited (every pipe end they held closed: EOF on their
    # outcome pipe is not enough, the end of the command pipe may close a moment later) before
    # it hands out the first task.
    import os

    from validator.command.process import guarded
    from validator.run import forks

    for i in range(8):
        (tmp_path / f"doc{i}.json").write_text(GOOD)

    def die(*args: object) -> None:
        os._exit(7)

    started: list[int] = []
    real_start = forks.Forked.start

    def start(self: forks.Forked) -> None:
        real_start(self)  # the child never returns from it
        assert self.pid is not None
        started.append(self.pid)

    real_grow = pool._grow

    def grow_once_dead(connection: object) -> None:
        (pid,) = started
        _until_exited(pid)
        real_grow(connection)

    refused: list[bool] = []
    real_send = forks.Pipe.send_bytes

    def send(self: forks.Pipe, data: bytes) -> None:
        try:
            real_send(self, data)
        except OSError:
            refused.append(True)
            raise

    monkeypatch.setattr(forks.Forked, "start", start)
    monkeypatch.setattr(forks.Pipe, "send_bytes", send)
    monkeypatch.setattr(workers, "_serve", die)
    monkeypatch.setattr(pool, "_grow", grow_once_dead)
    monkeypatch.setattr(tasks, "PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr(tasks, "FILES_PER_TASK", 1)
    out, err = io.StringIO(), io.StringIO()
    code = guarded(lambda: run(Options(inputs=(str(tmp_path),), jobs=2), out=out, err=err))
    assert code == 2
    message = err.getvalue()
    assert message.startswith("casefile-validate: cannot complete the run: a worker process (pid ")
    assert "stopped unexpectedly (exit code 7)" in message
    assert message.count("\n") == 1
    assert out.getvalue() == ""
    assert refused[:1] == [True]  # the first task handed out found the worker gone


@pytest.mark.parametrize("seed", range(6))
def test_long_blocks_equal_their_lines_checked_alone_across_runs(seed: int) -> None:
    # A block is judged in runs of RUN lines: a bad line anywhere in any run (first, last,
    # across a boundary) must give what checking each line alone gives, and the rest stay valid.
    import random

    from validator.checking.json_lines import RUN

    rng = random.Random(seed)
    lines = [rng.choice(LINES) if rng.random() < 0.05 else GOOD for _ in range(3 * RUN + 7)]
    for place in (0, RUN - 1, RUN, 2 * RUN + 3, len(lines) - 1):
        lines[place] = rng.choice(LINES)
    block = "\n".join(lines).encode()
    for keep_valid in (True, False):
        valid, results = check_batch(ENGINE, Batch("x", 1, block), keep_valid=keep_valid)
        expected = _one_by_one(lines)
        got = [(r.line, r.status, r.problems) for r in results]
        if keep_valid:
            assert (valid, got) == (0, expected)
        else:
            assert got == [e for e in expected if e[1] is not Status.VALID]
            assert valid == sum(e[1] is Status.VALID for e in expected)


@pytest.mark.parametrize(
    "block", [b"", b"\n", b"a", b"a\n", b"a\n\n", b"\na\r\nb", b"a\nb\n\n\nc", b"\n\n"]
)
def test_lines_are_the_lines_of_split_with_their_line_feeds(block: bytes) -> None:
    from validator.inputs.sources import split_lines

    lines = split_lines(block)
    assert b"".join(lines) == block
    assert [line.removesuffix(b"\n") for line in lines] == block.split(b"\n")
    assert all(line.endswith(b"\n") for line in lines[:-1])
    assert Batch("x", 1, block).lines == lines


@pytest.mark.parametrize("here", [1, 0])  # the main process checks ranges too, or never
@pytest.mark.parametrize(
    "bad_at",
    [[], [400], [0], [150, 151, 399], [1, 200, 320], list(range(0, 400, 37))],
)
def test_ranges_numbered_by_their_workers_give_the_lines_a_whole_read_gives(
    bad_at: list[int], here: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A worker numbers a range from 1 when its first line is not known yet; the main process
    # moves its results down (and numbers the ranges it hands out later itself): wherever the
    # invalid lines are, in one file or in the next, or in a file given twice, every line
    # number equals the one-process run's.
    bad = GOOD.replace('"pending"', '"PENDING"')
    lines = [bad if i in bad_at else GOOD for i in range(401)]
    first = tmp_path / "a.jsonl"
    first.write_text("\n".join(lines) + "\n")
    second = tmp_path / "b.jsonl"
    second.write_text("\n".join(reversed(lines)))
    inputs = (str(first), str(second), str(first))

    def report(jobs: int) -> tuple[int, list[tuple[str, int, list[int | None]]]]:
        out = io.StringIO()
        code = run(Options(inputs=inputs, format="json", jobs=jobs), out=out, err=io.StringIO())
        listed = json.loads(out.getvalue())["documents"]
        return code, [
            (d["source"], d["line"], [e.get("line") for e in d["errors"]])
            for d in listed
            if not d["valid"]
        ]

    alone = report(1)
    expected_lines = sorted(i + 1 for i in bad_at if i < 401)
    assert [line for source, line, _ in alone[1] if source == str(first)] == expected_lines * 2
    assert all(errors == [line] for _, line, errors in alone[1])
    monkeypatch.setattr(tasks, "PARALLEL_MIN_BYTES", 1)
    monkeypatch.setattr(tasks, "RANGE_SIZE", 3000)
    monkeypatch.setattr(workers, "HERE", here)
    assert len(list(tasks.plan([(str(first), 0)], [False], ranges=True))) > 20
    assert report(2) == alone
    assert report(3) == alone


@pytest.mark.usefixtures("forked_workers")
def test_a_worker_that_raises_stops_the_run_saying_what_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from validator.run import workers

    for i in range(20):
        (tmp_path / f"doc{i:02}.json").write_text(GOOD)
    real = workers.check_counted

    def failing(task: tasks.Task, *args: Any) -> object:
        if isinstance(task, tasks.Files) and any("doc13" in p for p in task.paths):
            raise ValueError("a bug in the checking")
        return real(task, *args)

    monkeypatch.setattr(workers, "check_counted", failing)
    monkeypatch.setattr(workers, "HERE", 0)  # every task in a worker, doc13 included
    monkeypatch.setattr(tasks, "PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr(tasks, "FILES_PER_TASK", 3)
    out, err = io.StringIO(), io.StringIO()
    code = run(Options(inputs=(str(tmp_path),), jobs=2), out=out, err=err)
    assert code == 2
    message = err.getvalue()
    assert message.startswith(
        "casefile-validate: cannot complete the run: a worker process failed:"
    )
    assert message.rstrip().endswith("ValueError: a bug in the checking")


def _until_exited(pid: int) -> None:
    """Wait until the child ``pid`` has exited, without reaping it (its exit code stays for
    the code under test to collect): once it is a zombie, every descriptor it held is closed."""
    import os
    import time

    deadline = time.monotonic() + 60
    while os.waitid(os.P_PID, pid, os.WEXITED | os.WNOWAIT | os.WNOHANG) is None:
        assert time.monotonic() < deadline, f"worker {pid} never exited"
        time.sleep(0.005)


@pytest.mark.usefixtures("forked_workers")
@pytest.mark.parametrize(
    ("failing", "refused"),
    [
        # its first task fails: the failure is read, and no task is handed to it after that
        ("doc00", 0),
        # its third: the failure waits behind an unread outcome when the next task finds the
        # worker gone (EPIPE); the failure is still what is reported
        ("doc02", 1),
    ],
)
def test_a_worker_that_failed_and_exited_before_its_next_task_says_its_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str, refused: int
) -> None:
    # Deterministic: the worker fails only once its first three tasks are all handed to it,
    # and every task handed to it after those waits until it has exited, so the order of "the
    # failure is read" and "the worker is gone" is fixed, not left to the scheduler.
    import os
    import time

    from validator.run import forks

    inputs = tmp_path / "inputs"
    inputs.mkdir()
    for i in range(20):
        (inputs / f"doc{i:02}.json").write_text(GOOD)
    handed = tmp_path / "three-handed"  # made by the main process after its third task sent
    main = os.getpid()
    real = workers.check_counted

    def failing_in_the_worker(task: tasks.Task, *args: Any) -> object:
        in_worker = os.getpid() != main
        if in_worker and isinstance(task, tasks.Files) and any(failing in p for p in task.paths):
            deadline = time.monotonic() + 60
            while not handed.exists() and time.monotonic() < deadline:
                time.sleep(0.005)
            raise ValueError("a bug in the checking")
        return real(task, *args)

    started: list[int] = []
    real_start = forks.Forked.start

    def start(self: forks.Forked) -> None:
        real_start(self)  # the child never returns from it
        assert self.pid is not None
        started.append(self.pid)

    sends: list[bool] = []  # whether each task handed to the worker reached its pipe
    real_send = forks.Pipe.send_bytes

    def send(self: forks.Pipe, data: bytes) -> None:
        if os.getpid() != main or not data:  # a worker's outcome, or "stop": as they are
            real_send(self, data)
            return
        if len(sends) >= workers.OUTSTANDING:  # after the first three: once it has exited
            (pid,) = started
            _until_exited(pid)
        try:
            real_send(self, data)
        except OSError:
            sends.append(False)
            raise
        sends.append(True)
        if len(sends) == workers.OUTSTANDING:
            handed.touch()

    monkeypatch.setattr(workers, "check_counted", failing_in_the_worker)
    monkeypatch.setattr(forks.Forked, "start", start)
    monkeypatch.setattr(forks.Pipe, "send_bytes", send)
    monkeypatch.setattr(tasks, "PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr(tasks, "FILES_PER_TASK", 1)
    out, err = io.StringIO(), io.StringIO()
    code = run(Options(inputs=(str(inputs),), jobs=2), out=out, err=err)  # one worker
    message = err.getvalue()
    assert (code, out.getvalue()) == (2, "")
    assert message.startswith(
        "casefile-validate: cannot complete the run: a worker process failed:\nTraceback"
    )
    assert message.rstrip().endswith("ValueError: a bug in the checking")
    assert "stopped unexpectedly" not in message
    assert sends[: workers.OUTSTANDING] == [True] * workers.OUTSTANDING
    assert sends.count(False) == refused


def _exited(pid: int) -> bool:
    """Whether the process ``pid``, not a child of this one, has exited (a zombie, or gone)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] in ("Z", "X")
    except FileNotFoundError:
        return True


@pytest.mark.usefixtures("forked_workers")
def test_a_worker_ending_once_it_has_nothing_of_ours_does_not_stop_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The run watches each worker's sentinel besides its pipe. A worker that ends with tasks
    # outstanding and nothing left to say stops the run; one that ends once every outcome it
    # owed is sent (here: killed right after its last one) costs nothing, and the run goes on
    # with the others. Deterministic: the other worker checks its first task only once the
    # first one has exited, so the run is still waiting when that worker's sentinel is ready.
    import os
    import signal
    import time

    from validator.run import forks

    for i in range(6):
        (tmp_path / f"doc{i}.json").write_text(GOOD)
    main = os.getpid()
    started: list[int] = []
    real_start = forks.Forked.start

    def start(self: forks.Forked) -> None:
        real_start(self)  # the child never returns from it
        assert self.pid is not None
        started.append(self.pid)  # the second worker inherits the first one's pid

    sent: list[int] = []  # outcomes sent, in the worker that sends them
    real_send = forks.Pipe.send_bytes

    def send(self: forks.Pipe, data: bytes) -> None:
        real_send(self, data)
        if os.getpid() != main and not started:  # the first worker
            sent.append(1)
            if len(sent) == workers.OUTSTANDING:  # its last outcome is sent: killed
                os.kill(os.getpid(), signal.SIGKILL)

    real = workers.check_counted

    def after_the_first_worker(task: tasks.Task, *args: Any) -> object:
        if os.getpid() != main and started:  # the second worker
            deadline = time.monotonic() + 60
            while not _exited(started[0]):
                assert time.monotonic() < deadline
                time.sleep(0.005)
        return real(task, *args)

    monkeypatch.setattr(forks.Forked, "start", start)
    monkeypatch.setattr(forks.Pipe, "send_bytes", send)
    monkeypatch.setattr(workers, "check_counted", after_the_first_worker)
    monkeypatch.setattr(workers, "HERE", 0)  # every task in a worker: three each, at once
    monkeypatch.setattr(tasks, "PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr(tasks, "FILES_PER_TASK", 1)
    out, err = io.StringIO(), io.StringIO()
    code = run(Options(inputs=(str(tmp_path),), jobs=2), out=out, err=err)
    assert (code, out.getvalue(), err.getvalue()) == (
        0,
        "6 documents: 6 valid, 0 invalid, 0 unreadable\n",
        "",
    )
    assert len(started) == 2


def test_a_worker_gone_while_another_process_holds_its_pipe_stops_the_run_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Why the run watches each worker's sentinel besides its pipe: the pipe says that a worker
    # is gone only once every copy of its end is closed, and a process the worker started
    # (without exec) holds a copy. multiprocessing's sentinel (here the forkserver's) says
    # that the worker itself has exited: the run stops then, with the worker's exit code,
    # while the process holding the pipe lives on.
    import os
    import signal
    import threading

    from tests.fixtures.lingering import Lingering

    pidfile = tmp_path / "lingering.pid"
    monkeypatch.setattr(threading, "active_count", lambda: 2)  # no fork: the forkserver
    monkeypatch.setattr(workers, "HERE", 0)  # the task goes to a worker
    lingering = [Lingering(str(pidfile))]
    try:
        with pytest.raises(workers.WorkerError) as caught:
            list(workers.run_tasks(lingering, Options(), False, 2, [ENGINE]))  # type: ignore[list-item]
        still = not _exited(int(pidfile.read_text()))
    finally:
        if pidfile.exists():
            os.kill(int(pidfile.read_text()), signal.SIGKILL)
    message = str(caught.value)
    assert message.startswith("a worker process (pid ")
    assert message.endswith(
        " stopped unexpectedly (exit code 9); the run is abandoned rather than reported incomplete"
    )
    assert still, "the run waited for the process holding the worker's pipe to end"


def test_a_line_over_many_ranges_is_not_read_by_each_of_them(tmp_path: Path) -> None:
    """Each range looks for the end of the line begun before it within its own bytes only: a
    line that spans many ranges costs each of them a range's bytes, not the rest of the line."""
    from validator.inputs import ranges
    from validator.run.tasks import RANGE_SIZE

    path = tmp_path / "long.jsonl"
    path.write_bytes(b'{"a": 1}\n{"x": "' + b"y" * (40 * RANGE_SIZE) + b'"}\n{"b": 2}\n')
    read: list[int] = []
    real = ranges._skip_line

    def counting(stream: Any, *most: int | None) -> tuple[bool, int]:
        found = real(stream, *most)
        read.append(found[1])
        return found

    ranges._skip_line = counting  # type: ignore[assignment]
    try:
        size = path.stat().st_size
        starts = range(RANGE_SIZE, size, RANGE_SIZE)
        got = [
            ranges.read_range(str(path), start, min(start + RANGE_SIZE, size), 3, 1 << 30)
            for start in starts
        ]
    finally:
        ranges._skip_line = real  # type: ignore[assignment]
    assert max(read) <= RANGE_SIZE
    assert next(g for g in got if g)[0].lines == [b'{"b": 2}']


def test_each_input_name_is_read_as_its_kind_and_each_failure_says_why(tmp_path: Path) -> None:
    """Whole files, JSON Lines, a folder named like JSON Lines (its files read by their own
    names), a file too large, a broken link and a missing file: every one listed, in order."""
    (tmp_path / "a.json").write_bytes(b'{"a": 1}')
    (tmp_path / "b.jsonl").write_bytes(b'{"b": 1}\n{"b": 2}\n')
    folder = tmp_path / "logs.jsonl"
    folder.mkdir()
    (folder / "c.json").write_bytes(b'{"c": 1}\n')
    (folder / "d.ndjson").write_bytes(b'{"d": 1}\n')
    (tmp_path / "big.json").write_bytes(b'{"e": "' + b"x" * 100 + b'"}')
    gone = tmp_path / "gone.json"
    (tmp_path / "link.json").symlink_to(gone)
    names = ["a.json", "b.jsonl", "logs.jsonl", "big.json", "link.json", "missing.json"]
    found = list(iter_items([str(tmp_path / n) for n in names], limit=50))
    shown = [
        (Path(f.source).name, f.lines if isinstance(f, Batch) else (f.raw, f.problem))
        for f in found
    ]
    assert shown == [
        ("a.json", (b'{"a": 1}', None)),
        ("b.jsonl", [b'{"b": 1}\n', b'{"b": 2}']),
        ("c.json", (b'{"c": 1}\n', None)),
        ("d.ndjson", [b'{"d": 1}']),
        ("big.json", (None, "not read (--max-document-bytes): larger than 50 bytes")),
        ("link.json", (None, f"broken symbolic link: its target {gone} does not exist")),
        ("missing.json", (None, "no such file or directory")),
    ]
