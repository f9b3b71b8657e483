"""Named pipes, Ctrl-C and interrupted report files, with real processes of the console script.

Nothing here sleeps for a guess: each test waits (with a bound) for the state it needs, read from
``/proc`` (a process blocked opening a named pipe waits in the kernel's ``wait_for_partner``) or
from the file system (the temporary report file exists), then acts."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/wchan").exists(), reason="needs Linux /proc to see a blocked open"
)

COMMAND = [
    sys.executable,
    "-c",
    # A test run started in the background of a shell without job control inherits SIGINT
    # ignored, and Python then leaves it ignored: give the command the default disposition (as a
    # terminal would) and become it (exec keeps the pid and the default).
    "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); "
    "os.execv(sys.executable, [sys.executable, '-m', 'validator', *sys.argv[1:]])",
]


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "NO_COLOR", "TERM")}
    return env


def _until(condition: Callable[[], bool], what: str, limit: float = 60.0) -> None:
    deadline = time.monotonic() + limit
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.005)


def _family(pid: int) -> list[int]:
    """The process and its descendants."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    todo.extend(int(c) for c in children.read().split())
        except OSError:
            continue
    return found


def _blocked_on_a_pipe(pid: int) -> bool:
    for member in _family(pid):
        try:
            with open(f"/proc/{member}/wchan") as wchan:
                if wchan.read() == "wait_for_partner":
                    return True
        except OSError:
            continue
    return False


def _start(args: list[str], **kwargs: object) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [*COMMAND, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=_env(),
        **kwargs,  # type: ignore[arg-type]
    )


def _finish(process: subprocess.Popen[bytes]) -> tuple[int, bytes, bytes]:
    try:
        out, err = process.communicate(timeout=60)
    finally:
        process.kill()
    return process.returncode, out, err


def test_a_named_pipe_waits_for_its_writer_like_cat(tmp_path: Path, examples_dir: Path) -> None:
    fifo = tmp_path / "later.json"
    os.mkfifo(fifo)
    process = _start([str(fifo)])
    _until(lambda: _blocked_on_a_pipe(process.pid), "the reader to wait for a writer")
    with open(fifo, "wb") as writer:  # the producer comes later, as with process substitution
        writer.write((examples_dir / "valid_completed.json").read_bytes())
    assert _finish(process) == (0, b"1 document: 1 valid, 0 invalid, 0 unreadable\n", b"")


def test_ctrl_c_ends_the_wait_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "never.jsonl"
    os.mkfifo(fifo)
    process = _start([str(fifo)])
    _until(lambda: _blocked_on_a_pipe(process.pid), "the reader to wait for a writer")
    process.send_signal(signal.SIGINT)
    assert _finish(process) == (130, b"", b"casefile-validate: interrupted\n")


def test_ctrl_c_stops_worker_processes_waiting_on_a_pipe(
    tmp_path: Path, examples_dir: Path
) -> None:
    files = []
    for i in range(300):  # enough files for --jobs to start workers
        path = tmp_path / f"d{i:03}.json"
        path.write_bytes((examples_dir / "valid_completed.json").read_bytes())
        files.append(str(path))
    fifo = tmp_path / "zz.json"
    os.mkfifo(fifo)
    process = _start(["-j", "2", *files, str(fifo)])
    _until(lambda: _blocked_on_a_pipe(process.pid), "a worker to wait for a writer")
    process.send_signal(signal.SIGINT)
    assert _finish(process) == (130, b"", b"casefile-validate: interrupted\n")


def test_a_pipe_found_in_a_directory_never_blocks(tmp_path: Path, examples_dir: Path) -> None:
    (tmp_path / "ok.json").write_bytes((examples_dir / "valid_completed.json").read_bytes())
    os.mkfifo(tmp_path / "pipe.json")
    code, out, err = _finish(_start([str(tmp_path)]))
    assert code == 3
    assert out.decode().splitlines() == [
        f"{tmp_path / 'pipe.json'}: not a regular file (a named pipe, socket or device): read "
        "only when named, not when found in a directory",
        "2 documents: 1 valid, 0 invalid, 1 unreadable",
    ]
    assert err == b""


@pytest.mark.parametrize(
    ("sent", "code", "said"),
    [
        (signal.SIGINT, 130, b"casefile-validate: interrupted\n"),
        # a CI job cancelled or timed out: the temporary report file was left behind
        (signal.SIGTERM, 143, b"casefile-validate: terminated\n"),
    ],
)
@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("previous", [b'{"previous": "report"}\n', None])
def test_ctrl_c_or_sigterm_leaves_the_previous_report_file_whole(
    tmp_path: Path,
    examples_dir: Path,
    previous: bytes | None,
    jobs: str,
    sent: signal.Signals,
    code: int,
    said: bytes,
) -> None:
    report = tmp_path / "r.sarif"
    if previous is not None:
        report.write_bytes(previous)
    line = (examples_dir / "valid_completed.json").read_text().replace("\n", "") + "\n"
    process = _start(
        ["--jsonl", "--jobs", jobs, "--format", "sarif", "--output", str(report), "-"],
        stdin=subprocess.PIPE,
    )
    assert process.stdin is not None
    process.stdin.write(line.encode() * 1000)
    process.stdin.flush()  # standard input stays open: the run is still going when interrupted
    _until(lambda: any(p.name.endswith(".tmp") for p in tmp_path.iterdir()), "the report to start")
    process.send_signal(sent)
    assert _finish(process) == (code, b"", said)
    assert sorted(p.name for p in tmp_path.iterdir()) == ([] if previous is None else ["r.sarif"])
    if previous is not None:
        assert report.read_bytes() == previous
