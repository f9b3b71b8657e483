"""The installed console script and ``python -m validator``, as real processes."""

from __future__ import annotations

import contextlib
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
    import validator.runner

    seen: list[Any] = []

    def fake_run(options: Any, out: Any = None, err: Any = None) -> int:
        seen.append(options)
        return 0

    monkeypatch.setattr(validator.runner, "run", fake_run)
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
    from validator import cli, entry

    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    else:
        monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr(sys, "argv", ["casefile-validate", *argv])
    by_entry = _options_seen(monkeypatch, entry.main)
    by_click = _options_seen(monkeypatch, lambda: cli.run_command(argv))
    assert by_entry == by_click
    assert entry.parse_simple(argv) == by_click


@pytest.mark.parametrize("options", [[], ["--jobs", "1"], ["-j", "1", "--format=json", "-q"]])
def test_a_run_with_simple_options_imports_no_click(options: list[str], examples_dir: Path) -> None:
    code = (
        "import sys; sys.argv = ['casefile-validate', *sys.argv[1:]]\n"
        "from validator.entry import main\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    code = exc.code\n"
        "print(code, 'click' in sys.modules, 'jsonschema' in sys.modules)\n"
    )
    argv = [*options, str(examples_dir / "valid_completed.json")]
    plain = _run([sys.executable, "-c", code, *argv])
    assert plain.stdout.decode().splitlines()[-1] == "0 False False"
