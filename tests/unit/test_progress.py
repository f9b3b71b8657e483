"""The progress line: silent for short runs and when disabled, erased when done."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from validator import progress
from validator.progress import Progress
from validator.runner import Options, run


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


def test_the_cli_enables_it_only_on_a_terminal_outside_ci(examples_dir: Path) -> None:
    from click.testing import CliRunner

    from validator.cli import command

    result = CliRunner().invoke(command, [str(examples_dir)], env={"CI": "true"})
    assert "documents checked" not in result.output
