"""The progress line: silent for short runs and when disabled, erased when done; through the
installed command, shown on a real terminal only, never in a pipe or under CI.

The command tests run ``casefile-validate --jsonl -`` as a subprocess with its standard error on
a pseudo-terminal (or a pipe) and feed it JSON Lines slowly through standard input.  They do not
depend on the machine's speed: the run is kept going until the command has *shown* that it has
been checking documents for longer than the progress line's delay.  It reports an invalid line
on standard output (unbuffered) as soon as it has checked it, so the test feeds one invalid line
first and waits for its report (the progress clock has started by then: it starts before the
first line is read), feeds valid lines for longer than the delay, then one more invalid line, and
waits for its report: the command checked that last line, and updated its progress, at least
the delay after the clock started.
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
import threading
import time
import tty
from collections.abc import Callable
from pathlib import Path

import pytest

from validator.run import progress
from validator.run.progress import Progress
from validator.run.runner import run
from validator.run.settings import Options, resolve

COMMAND = Path(sys.executable).with_name("casefile-validate")
UUID = "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b"
VALID = (
    f'{{"request_id": "{UUID}", "status": "pending", "payload": {{"casefile_id": "c", '
    '"session_id": "s", "session_type": "t", "total_sessions": 1}}\n'
)
INVALID = '{"status": "nope"}\n'
HOLD = 2.5
"""How long, at least, the command checks documents between the first and the last report:
docs/usage.md promises the line for runs "longer than about 2 s" (not read from the module, so
that a longer delay there fails here)."""
TIMEOUT = 60.0
"""The most any single step may take (a slow machine only makes the run longer)."""
CHECKED = "casefile-validate: "


def test_nothing_before_the_delay() -> None:
    stream = io.StringIO()
    p = Progress(stream)
    p.update(10)
    p.close()
    assert stream.getvalue() == ""


def test_drawn_after_the_delay_and_erased(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "DELAY", 0.0)
    monkeypatch.setattr(progress, "EVERY", 0.0)
    stream = io.StringIO()
    p = Progress(stream)
    p.update(1234)
    p.close()
    text = stream.getvalue()
    assert text.startswith("\rcasefile-validate: 1,234 documents checked (")
    assert text.endswith("\r" + " " * (len(text.split("\r")[1])) + "\r")


@pytest.mark.parametrize("enabled", [True, False])
def test_the_run_draws_only_when_enabled(
    enabled: bool, monkeypatch: pytest.MonkeyPatch, examples_dir: Path
) -> None:
    monkeypatch.setattr(progress, "DELAY", 0.0)
    monkeypatch.setattr(progress, "EVERY", 0.0)
    err = io.StringIO()
    options = Options(inputs=(str(examples_dir),), quiet=True, progress=enabled)
    assert run(options, out=io.StringIO(), err=err) == 1
    assert ("documents checked" in err.getvalue()) is enabled


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("terminal", "environ", "quiet", "shown"),
    [
        (True, {}, False, True),
        (True, {"CI": "true"}, False, False),
        (True, {"CI": "1"}, False, False),
        (True, {"CI": ""}, False, True),  # set but empty: not CI
        (True, {"NO_COLOR": "1", "TERM": "dumb"}, False, True),  # colour is another matter
        (True, {}, True, False),
        (False, {}, False, False),
    ],
)
def test_resolve_decides_the_progress_line(
    terminal: bool, environ: dict[str, str], quiet: bool, shown: bool
) -> None:
    err = _Terminal() if terminal else io.StringIO()
    resolved = resolve(Options(quiet=quiet), io.StringIO(), err, environ)
    assert resolved.progress is shown
    for asked in (True, False):  # given explicitly, it is not decided
        options = Options(quiet=quiet, progress=asked)
        assert resolve(options, io.StringIO(), err, environ).progress is asked


# --- the installed command on a terminal -------------------------------------------------------


def _environment(**settings: str) -> dict[str, str]:
    """The test's environment without anything that changes the output, plus ``settings``."""
    env = dict(os.environ)
    for name in (
        "CI",
        "NO_COLOR",
        "FORCE_COLOR",
        "CLICOLOR",
        "CLICOLOR_FORCE",
        "GITHUB_ACTIONS",
        "TERM",
        "COLUMNS",
        "PYTHONUNBUFFERED",
    ):
        env.pop(name, None)
    # standard output unbuffered: each report reaches the test as soon as it is written
    env.update(PYTHONUNBUFFERED="1", **settings)
    return env


class _Collector(threading.Thread):
    """Reads a file descriptor to its end (a pty's master end: until EIO) in the background."""

    def __init__(self, fd: int) -> None:
        super().__init__(daemon=True)
        self.fd = fd
        self.data = bytearray()
        self.done = False
        self.changed = threading.Condition()

    def run(self) -> None:
        while True:
            try:
                chunk = os.read(self.fd, 4096)
            except OSError:  # EIO: the terminal's other end is closed everywhere
                chunk = b""
            with self.changed:
                if not chunk:
                    self.done = True
                    self.changed.notify_all()
                    return
                self.data += chunk
                self.changed.notify_all()

    def wait_for(self, predicate: Callable[[bytes], bool]) -> bool:
        """Whether the data came to satisfy ``predicate`` (False: timed out, or the end came)."""
        with self.changed:
            self.changed.wait_for(lambda: predicate(bytes(self.data)) or self.done, TIMEOUT)
            return predicate(bytes(self.data))

    def text(self) -> str:
        self.join(TIMEOUT)
        assert not self.is_alive(), "the output never ended"
        return self.data.decode("utf-8")


def _run_slowly(stderr_on_terminal: bool, env: dict[str, str]) -> tuple[str, str, int]:
    """Run the command on a slow JSON Lines stream (see the module's docstring); its standard
    output, its standard error (the terminal's screen, or the pipe's content) and exit code."""
    assert COMMAND.is_file(), f"the console script is not installed at {COMMAND}"
    if stderr_on_terminal:
        master, slave = os.openpty()
        tty.setraw(slave)  # the bytes as written: no newline translation
        err_read, err_write = master, slave
    else:
        err_read, err_write = os.pipe()
    out_read, out_write = os.pipe()
    out, err = _Collector(out_read), _Collector(err_read)
    try:
        try:
            process = subprocess.Popen(
                [str(COMMAND), "--jsonl", "-"],
                stdin=subprocess.PIPE,
                stdout=out_write,
                stderr=err_write,
                env=env,
                close_fds=True,
            )
        finally:  # only the command holds the writing ends: the readers see their end
            os.close(out_write)
            os.close(err_write)
        out.start()
        err.start()
        try:
            _feed(process, out, err)
        finally:
            if process.stdin is not None:
                with contextlib.suppress(OSError):  # the command may have ended already
                    process.stdin.close()
            try:
                code = process.wait(TIMEOUT)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
                raise
        return out.text(), err.text(), code
    finally:
        for collector in (out, err):
            if collector.is_alive():
                collector.join(TIMEOUT)
        os.close(out_read)
        os.close(err_read)


def _feed(process: subprocess.Popen[bytes], out: _Collector, err: _Collector) -> None:
    """One invalid line, valid lines for :data:`HOLD` seconds after its report, one more invalid
    line; returns once that one is reported."""
    stdin = process.stdin
    assert stdin is not None

    def failed(what: str) -> AssertionError:
        err.join(1.0 if out.done else 0.0)  # the command ended: let its last words arrive
        return AssertionError(
            f"{what} (exit code {process.poll()}); "
            f"stdout: {bytes(out.data)!r}; stderr: {bytes(err.data)!r}"
        )

    def send(text: str) -> None:
        try:
            stdin.write(text.encode())
            stdin.flush()
        except BrokenPipeError:
            raise failed("the command stopped reading") from None

    def reported(line: int) -> None:
        place = f"<stdin>:{line}:".encode()
        if not out.wait_for(lambda data: place in data):
            raise failed(f"the report of line {line} never came (waited up to {TIMEOUT} s)")

    send(INVALID)
    reported(1)
    started = time.monotonic()
    line = 1
    while time.monotonic() - started < HOLD:
        send(VALID)
        line += 1
        time.sleep(0.05)
    send(INVALID)
    line += 1
    reported(line)
    assert time.monotonic() - started >= HOLD


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="no pseudo-terminals on this system")
def test_a_long_run_on_a_terminal_shows_the_line_and_erases_it() -> None:
    out, err, code = _run_slowly(True, _environment())
    assert code == 1, (out, err)
    checked = int(out.splitlines()[-1].split()[0])
    assert out.splitlines()[-1] == (
        f"{checked} documents: {checked - 2} valid, 2 invalid, 0 unreadable"
    )
    assert CHECKED not in out
    # drawn at least once: "\r" + the line (padded to the widest so far), then erased
    assert err.startswith("\r" + CHECKED), repr(err)
    drawn = err.split("\r")[1:-2]
    assert drawn, repr(err)
    width = max(len(text) for text in drawn)
    for text in drawn:
        words = text.rstrip(" ").split(" ")
        assert words[:1] == ["casefile-validate:"] and words[2:4] == ["documents", "checked"]
        assert 1 <= int(words[1].replace(",", "")) <= checked, text
        assert words[4].startswith("(") and words[4].endswith("/s)"), text
        assert len(text) <= width
    assert err.endswith("\r" + " " * width + "\r"), repr(err[-200:])


@pytest.mark.parametrize(
    ("on_terminal", "env"),
    [
        pytest.param(False, {}, id="stderr-is-a-pipe"),
        pytest.param(True, {"CI": "true"}, id="CI-on-a-terminal"),
    ],
)
def test_no_line_in_a_pipe_or_under_ci(on_terminal: bool, env: dict[str, str]) -> None:
    if on_terminal and not hasattr(os, "openpty"):
        pytest.skip("no pseudo-terminals on this system")
    out, err, code = _run_slowly(on_terminal, _environment(**env))
    assert code == 1, (out, err)
    assert out.splitlines()[-1].endswith(" valid, 2 invalid, 0 unreadable")
    assert err == ""
