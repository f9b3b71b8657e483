""".ci/run: it runs the README's test command verbatim, and any step's failure stops it.

The script itself is run, in a sandbox where every program it calls (``python3``, the virtual
environment's ``pip``, ``python``, ``ruff``, ``mypy``, ``sphinx-build`` and the wheel's
``casefile-validate``) is a small stub that records its call and fails when told to.  So the run
takes milliseconds, needs no network, and shows which steps ran after a failure.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
SCRIPT = ROOT / ".ci" / "run"
BASH = shutil.which("bash")


def readme_test_command() -> str:
    """The Quick start's test command: the line of its ``sh`` block that runs pytest."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Quick start\n", 1)[1].split("\n## ", 1)[0]
    [block] = re.findall(r"```sh\n(.*?)```", section, flags=re.DOTALL)
    [command] = [line for line in block.splitlines() if "pytest" in line]
    return command


def test_the_readme_test_command_is_what_ci_runs() -> None:
    command = readme_test_command()
    assert command.startswith("python3 -m venv .venv && ")
    assert command.endswith("/python -m pytest -n 2")
    script = SCRIPT.read_text(encoding="utf-8")
    # verbatim, on a line of its own (run, not echoed or commented)
    assert command in script.splitlines(), command


# --- the script in a sandbox -------------------------------------------------------------------

STUB = """#!/bin/sh
# records its call; fails with $STUB_FAIL_<name> when that is set
echo "{name} $*" >> "$STUB_LOG"
{body}
exit "${{STUB_FAIL_{var}:-0}}"
"""

VENV_BODY = """if [ "$1" = "-m" ] && [ "$2" = "venv" ] && [ "$3" != ".venv" ]; then
  mkdir -p "$3/bin"
  for tool in pip casefile-validate; do
    cp "$STUB_DIR/wheel-$tool" "$3/bin/$tool"
  done
fi"""

WHEEL_BODY = """if [ "$1" = "wheel" ]; then
  mkdir -p "$5" && touch "$5/casefile_validator-0.1.0-py3-none-any.whl"
fi
if [ "$4" = ".[docs]" ] && [ -n "${STUB_FAIL_DOCS_EXTRA:-}" ]; then
  exit 1
fi"""

PYTHON_BODY = (
    'echo "CASEFILE_REQUIRE_CONFORMANCE=${CASEFILE_REQUIRE_CONFORMANCE:-}" >> "$STUB_LOG.env"'
)

CASEFILE_BODY = """case "$1" in
  invalid_missing_payload.json) exit "${STUB_INVALID_EXIT:-1}" ;;
esac"""


def _stub(path: Path, name: str, body: str = "") -> None:
    var = re.sub(r"[^A-Za-z0-9]", "_", name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(STUB.format(name=name, body=body, var=var), encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)


@pytest.fixture
def sandbox(tmp_path: Path) -> Path:
    """A checkout with the real .ci/run, stub programs, and what the script checks for."""
    root = tmp_path / "checkout"
    (root / ".ci").mkdir(parents=True)
    shutil.copy2(SCRIPT, root / ".ci" / "run")
    (root / "examples").mkdir()
    for name in ("valid_completed.json", "invalid_missing_payload.json"):
        (root / "examples" / name).write_text("{}", encoding="utf-8")
    stubs = tmp_path / "stubs"
    _stub(stubs / "python3", "python3", VENV_BODY)
    _stub(stubs / "wheel-pip", "wheel-pip")
    _stub(stubs / "wheel-casefile-validate", "casefile-validate", CASEFILE_BODY)
    venv = root / ".venv" / "bin"
    _stub(venv / "pip", "pip", WHEEL_BODY)
    _stub(venv / "python", "python", PYTHON_BODY)
    _stub(venv / "ruff", "ruff")
    _stub(venv / "mypy", "mypy")
    _stub(venv / "sphinx-build", "sphinx-build")
    for suite in ("JSONTestSuite", "JSON-Schema-Test-Suite"):
        (tmp_path / "conformance" / suite).mkdir(parents=True)
    (tmp_path / "seed.txt").write_text("seed\n", encoding="utf-8")
    return tmp_path


def _run(sandbox: Path, **settings: str) -> tuple[int, list[str], str]:
    """Run the sandbox's .ci/run; its exit code, the calls the stubs saw, and its output."""
    assert BASH is not None
    log = sandbox / "calls.log"
    log.write_text("", encoding="utf-8")
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("CASEFILE_", "STUB_"))
    }
    env.update(
        PATH=f"{sandbox / 'stubs'}{os.pathsep}{env.get('PATH', '')}",
        STUB_LOG=str(log),
        STUB_DIR=str(sandbox / "stubs"),
        CASEFILE_CONFORMANCE_DIR=str(sandbox / "conformance"),
        CASEFILE_SEED_FILE=str(sandbox / "seed.txt"),
        CI="true",
    )
    env.update(settings)
    done = subprocess.run(
        [BASH, str(sandbox / "checkout" / ".ci" / "run")],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    calls = log.read_text(encoding="utf-8").splitlines()
    return done.returncode, calls, done.stdout + done.stderr


TEST_STEP = [
    "python3 -m venv .venv",
    "pip install -q -e .[test,lint]",
    "python -m pytest -n 2",
]
LINT_STEP = ["ruff check .", "ruff format --check .", "mypy --strict validator"]
DOCS_STEP = [
    "pip install -q -e .[docs]",
    "sphinx-build -q -W --keep-going -n -b html docs WORK/site",
]


def _wheel_step(calls: list[str]) -> list[str]:
    """The wheel step's calls, with the temporary directory's name taken out."""
    return [re.sub(r"/\S*/(dist|venv|site)\b", r"WORK/\1", call) for call in calls]


@pytest.mark.skipif(BASH is None, reason="bash is not installed")
def test_every_step_runs_when_all_pass(sandbox: Path) -> None:
    code, calls, output = _run(sandbox)
    assert code == 0, output
    assert calls[:6] == TEST_STEP + LINT_STEP
    assert _wheel_step(calls[6:8]) == DOCS_STEP
    assert _wheel_step(calls[8:]) == [
        "pip wheel -q --no-deps -w WORK/dist .",
        "python3 -m venv WORK/venv",
        "wheel-pip install -q WORK/dist/casefile_validator-0.1.0-py3-none-any.whl",
        "casefile-validate valid_completed.json",
        "casefile-validate invalid_missing_payload.json",
        "casefile-validate --list-schemas",
    ]
    assert "== ci passed in" in output
    # the tests run where a missing suite or seed is a failure, not a skip
    env = (sandbox / "calls.log.env").read_text(encoding="utf-8")
    assert env == "CASEFILE_REQUIRE_CONFORMANCE=1\n"


@pytest.mark.skipif(BASH is None, reason="bash is not installed")
@pytest.mark.parametrize(
    ("failing", "status", "ran"),
    [
        # inside the README's && list: set -e alone would carry on to the lint step
        ("python3", "1", TEST_STEP[:1]),
        ("pip", "1", TEST_STEP[:2]),
        ("python", "1", TEST_STEP),
        ("python", "2", TEST_STEP),
        ("python", "5", TEST_STEP),  # no tests collected is a failure too
        ("ruff", "1", [*TEST_STEP, *LINT_STEP[:1]]),
        ("mypy", "1", TEST_STEP + LINT_STEP),
        # the docs: the extra that cannot be installed, and a warning of the strict build
        ("DOCS_EXTRA", "1", [*TEST_STEP, *LINT_STEP, *DOCS_STEP[:1]]),
        ("sphinx_build", "1", [*TEST_STEP, *LINT_STEP, *DOCS_STEP]),
    ],
)
def test_a_failing_step_stops_the_script(
    sandbox: Path, failing: str, status: str, ran: list[str]
) -> None:
    code, calls, output = _run(sandbox, **{f"STUB_FAIL_{failing}": status})
    assert code != 0, output
    assert _wheel_step(calls) == ran, output
    assert "== ci passed" not in output
    if failing == "python" and status == "5":
        assert "collected no tests" in output


@pytest.mark.skipif(BASH is None, reason="bash is not installed")
@pytest.mark.parametrize(
    "settings",
    [
        {"STUB_FAIL_wheel_pip": "1"},  # installing the wheel
        {"STUB_FAIL_casefile_validate": "2"},  # the installed command fails
        {"STUB_INVALID_EXIT": "0"},  # it calls an invalid document valid
    ],
)
def test_a_failing_wheel_check_stops_the_script(sandbox: Path, settings: dict[str, str]) -> None:
    code, calls, output = _run(sandbox, **settings)
    assert code != 0, output
    assert _wheel_step(calls[:8]) == TEST_STEP + LINT_STEP + DOCS_STEP
    assert "== ci passed" not in output


@pytest.mark.skipif(BASH is None, reason="bash is not installed")
@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("seed.txt", "the seed documentation is missing"),
        ("conformance/JSONTestSuite", "the conformance suites are missing"),
        ("conformance/JSON-Schema-Test-Suite", "the conformance suites are missing"),
    ],
)
def test_what_the_tests_need_is_checked_first(sandbox: Path, missing: str, message: str) -> None:
    target = sandbox / missing
    if target.is_dir():
        target.rmdir()
    else:
        target.unlink()
    code, calls, output = _run(sandbox)
    assert code == 1, output
    assert calls == []
    assert message in output
