"""The README and docs/ stay true: the Quick start is what .ci/run runs, and every example that
shows output is run and gives that output (the convention: tests/unit/doc_examples.py and
docs/development.md).

Console examples run as real subprocesses of the installed console scripts (the ones beside
``sys.executable``), through bash with the virtual environment's ``bin`` first on ``PATH``, from
the top of the checkout, with ``NO_COLOR=1``, ``COLUMNS=100`` and no ``CI`` or GitHub Actions
variables; the checkout's absolute path is taken out of the output.  Python sessions run as
doctests.  A block marked ``<!-- not-run: REASON -->`` is listed by a test of its own (and at
the end of the run), never skipped in silence.
"""

from __future__ import annotations

import doctest
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ENVIRONMENT, ROOT
from tests.unit.doc_examples import RUN, SCRIPT, Block, all_blocks, commands

BIN = Path(sys.executable).parent
BASH = shutil.which("bash")
BLOCKS = all_blocks()


def _quick_start() -> list[str]:
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block is not None
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_quick_start_has_exactly_two_commands() -> None:
    commands = _quick_start()
    assert len(commands) == 2
    assert "casefile-validate examples/" in commands[0]
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    ci = (ROOT / ".ci" / "run").read_text("utf-8").splitlines()
    assert _quick_start()[1] in ci


def test_the_readme_fits_a_few_screens() -> None:
    assert len((ROOT / "README.md").read_text("utf-8").splitlines()) < 250


def _anchors(path: Path) -> set[str]:
    """The anchors GitHub gives the headings of a Markdown file."""
    headings = re.findall(r"^#{1,6} (.+)$", path.read_text("utf-8"), re.M)
    return {re.sub(r"[^\w\- ]", "", h.strip().lower()).replace(" ", "-") for h in headings}


def test_the_readme_links_lead_somewhere() -> None:
    """The README's links into the checkout name files that exist, and headings they have (the
    site's own links are checked by its strict build)."""
    readme = ROOT / "README.md"
    broken = []
    for target in re.findall(r"\]\(([^)\s]+)\)", readme.read_text("utf-8")):
        if re.match(r"[a-z]+://", target):
            continue
        name, _, anchor = target.partition("#")
        path = ROOT / name if name else readme
        if not path.exists() or (anchor and anchor not in _anchors(path)):
            broken.append(target)
    assert broken == []


# --- the examples -----------------------------------------------------------------------------


def _ids(blocks: list[Block]) -> list[str]:
    return [
        f"{b.where} {b.language}" + (f" not-run: {b.not_run}" if b.not_run else "") for b in blocks
    ]


RUNNABLE = [b for b in BLOCKS if b.language in RUN and b.not_run is None]
CONSOLE = [b for b in RUNNABLE if b.language == "console"]
PYCON = [b for b in RUNNABLE if b.language == "pycon"]
NOT_RUN = [b for b in BLOCKS if b.not_run is not None]


def test_the_examples_are_found() -> None:
    """The parser sees the examples (an edit that hides them all would pass every test below)."""
    readme = [b for b in CONSOLE + PYCON if b.path.name == "README.md"]
    assert len(readme) >= 5
    assert len(CONSOLE) >= 15
    assert PYCON


def _environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ENVIRONMENT}
    env.update(NO_COLOR="1", COLUMNS="100", PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}")
    return env


def _run(command: str) -> tuple[str, int]:
    assert BASH is not None, "bash is needed to run the console examples"
    done = subprocess.run(
        [BASH, "-c", f"set -o pipefail\n{command}"],
        cwd=ROOT,
        env=_environment(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=120,
    )
    return done.stdout.replace(f"{ROOT}{os.sep}", "").replace(str(ROOT), "."), done.returncode


def test_the_console_scripts_are_the_installed_ones() -> None:
    for name in ("casefile-validate", "casefile-schemas"):
        assert (BIN / name).is_file(), f"{name} is not installed beside {sys.executable}"
        assert shutil.which(name, path=_environment()["PATH"]) == str(BIN / name)


@pytest.mark.parametrize("block", CONSOLE, ids=_ids(CONSOLE))
def test_console_example(block: Block) -> None:
    found = commands(block)
    assert found, f"{block.where}: a console block without a $ command"
    for command in found:
        assert SCRIPT.search(command.command), (
            f"{block.where}: `{command.command}` runs none of the console scripts; mark the "
            "block <!-- not-run: REASON --> if it needs the network or a cluster"
        )
        output, code = _run(command.command)
        assert (output, code) == (command.output, command.exit), (
            f"{block.where}: $ {command.command}"
        )


SESSIONS = sorted({b.path for b in PYCON})


@pytest.mark.parametrize("path", SESSIONS, ids=[str(p.relative_to(ROOT)) for p in SESSIONS])
def test_python_examples(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page's pycon blocks, in order, as one session (names defined above stay defined)."""
    monkeypatch.chdir(ROOT)
    session: dict[str, object] = {"__name__": "__main__"}
    for block in (b for b in PYCON if b.path == path):
        test = doctest.DocTestParser().get_doctest(
            block.text, session, block.where, str(block.path), block.line
        )
        assert test.examples, f"{block.where}: a pycon block without a >>> example"
        runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
        failures: list[str] = []
        runner.run(test, out=failures.append, clear_globs=False)
        assert runner.failures == 0, "".join(failures)
        session = test.globs  # a DocTest works on a copy of the names it is given


@pytest.mark.parametrize("block", NOT_RUN, ids=_ids(NOT_RUN))
def test_marked_not_run(block: Block) -> None:
    """A block that is not run says why, and is one that would be run (or a Python script)."""
    assert block.not_run and len(block.not_run.split()) >= 2, f"{block.where}: give the reason"
    assert block.language in (*RUN, "python", "sh"), block.where
    if block.language == "console":
        assert commands(block), block.where


SHOWN = [b for b in BLOCKS if b.file is not None]


@pytest.mark.parametrize("block", SHOWN, ids=_ids(SHOWN))
def test_a_file_shown_is_the_file(block: Block) -> None:
    assert block.file is not None
    assert block.text == (ROOT / block.file).read_text("utf-8"), block.where


def test_every_output_shown_is_run_or_marked() -> None:
    """A block showing a prompt is a console or pycon example (run), or marked not-run."""
    hidden = [
        b.where
        for b in BLOCKS
        if b.language not in RUN and b.not_run is None and re.search(r"^(\$ |>>> )", b.text, re.M)
    ]
    assert hidden == []
