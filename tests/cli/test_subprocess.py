"""The installed console script and ``python -m validator``, as real processes."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

SCRIPT = shutil.which("casefile-validate", path=str(Path(sys.executable).parent))


def _run(
    args: list[str], stdin: bytes = b"", cwd: Path | None = None
) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(args, input=stdin, capture_output=True, timeout=60, cwd=cwd, env=env)


@pytest.mark.skipif(SCRIPT is None, reason="console script not installed next to this Python")
def test_console_script_from_outside_the_checkout(tmp_path: Path, examples_dir: Path) -> None:
    assert SCRIPT is not None
    ok = _run([SCRIPT, str(examples_dir / "valid_completed.json")], cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout == b"1 document: 1 valid, 0 invalid, 0 unreadable\n"
    bad = _run([SCRIPT, str(examples_dir / "invalid_missing_payload.json")], cwd=tmp_path)
    assert bad.returncode == 1
    assert b'missing required property "payload"' in bad.stdout
    assert bad.stderr == b""


def test_python_m_validator_matches_the_console_script(examples_dir: Path) -> None:
    args = ["--format", "json", str(examples_dir)]
    module = _run([sys.executable, "-m", "validator", *args])
    assert module.returncode == 1
    if SCRIPT is not None:
        script = _run([SCRIPT, *args])
        assert (script.returncode, script.stdout, script.stderr) == (
            module.returncode,
            module.stdout,
            module.stderr,
        )


def test_usage_error_is_one_message_and_exit_2() -> None:
    result = _run([sys.executable, "-m", "validator", "--no-such-flag"])
    assert result.returncode == 2
    assert b"No such option" in result.stderr
    assert b"Traceback" not in result.stderr


def test_closed_stdin_reads_as_empty() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "validator"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=60,
    )
    assert result.returncode == 3
    assert result.stdout.splitlines()[0] == b"<stdin>:1:1: not valid JSON: empty document"


def _options_seen(monkeypatch: pytest.MonkeyPatch, call: Callable[[], object]) -> Any:
    import validator.run.runner

    seen: list[Any] = []

    def fake_run(options: Any, out: Any = None, err: Any = None) -> int:
        seen.append(options)
        return 0

    monkeypatch.setattr(validator.run.runner, "run", fake_run)
    with contextlib.suppress(SystemExit):
        call()
    assert len(seen) == 1
    return seen[0]


@pytest.mark.parametrize("argv", [["a.json"], ["dir", "b.jsonl", ""], ["x y.json", "-"], []])
@pytest.mark.parametrize("no_color", [True, False])
def test_only_inputs_skip_click_with_the_same_options(
    argv: list[str], no_color: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `casefile-validate FILE...` starts without importing click: the options it builds must be
    # exactly those the click command builds from the same arguments.
    from validator.command import cli, entry

    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    else:
        monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr(sys, "argv", ["casefile-validate", *argv])
    by_entry = _options_seen(monkeypatch, entry.command)
    by_click = _options_seen(monkeypatch, lambda: cli.run_command(argv))
    assert by_entry == by_click
    assert entry.parse_simple(argv) == by_click


@pytest.mark.parametrize("options", [[], ["--jobs", "1"], ["-j", "1", "--format=json", "-q"]])
def test_a_run_with_simple_options_imports_no_click(options: list[str], examples_dir: Path) -> None:
    code = (
        "import sys; sys.argv = ['casefile-validate', *sys.argv[1:]]\n"
        "from validator.command.entry import command\n"
        "code = command()\n"
        "print(code, 'click' in sys.modules, 'jsonschema' in sys.modules,"
        " 'validator.contracts.shared_walk' in sys.modules)\n"  # an OpenAPI document's walk
    )
    argv = [*options, str(examples_dir / "valid_completed.json")]
    plain = _run([sys.executable, "-c", code, *argv])
    assert plain.stdout.decode().splitlines()[-1] == "0 False False False"


def test_a_run_with_workers_imports_neither_click_nor_the_python_api(
    tmp_path: Path, examples_dir: Path
) -> None:
    # ``from validator import forks`` once made the package's lazy API loader import
    # validator.api (and pathlib with it) before the submodule: start-up time of every --jobs run.
    good = (examples_dir / "valid_completed.json").read_bytes()
    for i in range(300):  # enough files for --jobs to start a worker
        (tmp_path / f"d{i:03}.json").write_bytes(good)
    code = (
        "import sys; sys.argv = ['casefile-validate', *sys.argv[1:]]\n"
        "from validator.command.entry import command\n"
        "code = command()\n"
        "print(code, 'validator.run.forks' in sys.modules, 'click' in sys.modules,"
        " 'validator.api' in sys.modules)\n"
    )
    plain = _run([sys.executable, "-c", code, "--jobs", "2", str(tmp_path)])
    assert plain.stdout.decode().splitlines()[-1] == "0 True False False"


def test_the_process_ends_after_its_exit_functions_and_with_all_its_output(
    examples_dir: Path,
) -> None:
    # main() leaves without the interpreter's teardown: what atexit holds still runs, and the
    # whole report (larger than a pipe's buffer) is out before the process ends.
    many = [str(examples_dir / "invalid_status_and_types.json")] * 400
    code = (
        "import atexit, sys\n"
        "atexit.register(print, 'exit functions ran')\n"
        "sys.argv = ['casefile-validate', *sys.argv[1:]]\n"
        "from validator.command.entry import main\n"
        "main()\n"
        "print('not reached')\n"
    )
    result = _run([sys.executable, "-c", code, "--format", "json", *many])
    assert (result.returncode, result.stderr) == (1, b"")
    report, _, tail = result.stdout.rpartition(b"}\n")
    assert tail == b"exit functions ran\n"
    assert len(json.loads(report + b"}")["documents"]) == 400
    assert len(result.stdout) > 1 << 16


def test_a_reader_gone_before_the_last_output_is_exit_141_and_quiet(examples_dir: Path) -> None:
    # The report is still in the buffer when the run ends: the reader, gone, is found at the last
    # flush (exit 141 and nothing said, as when it goes away mid-run; not exit 1).
    read, write = os.pipe()
    os.close(read)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "validator", str(examples_dir / "invalid_missing_payload.json")],
            stdout=write,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            timeout=60,
            env={**os.environ, "NO_COLOR": "1"},
        )
    finally:
        os.close(write)
    assert (result.returncode, result.stderr) == (141, b"")
