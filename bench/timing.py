"""Wall time of whole processes: a :class:`Command` is run once untimed and its output checked
(exit code, no traceback, the counts of valid and invalid documents the generator wrote), then
timed ``runs`` times, interleaved with the other commands of its goal."""

from __future__ import annotations

import re
import statistics
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import ENV, last_lines, log

Verify = Callable[[str], "str | None"]
"""Reads a tool's output (stdout and stderr together) from the warm-up run: None when it shows
that every document was seen and judged as expected, else what is wrong."""


@dataclass
class Command:
    label: str
    argv: list[str]
    cwd: Path
    ok_codes: tuple[int, ...]
    verify: Verify | None = None
    no_redraw: bool = False
    """Fail the check if its stderr (a pipe) holds a carriage return: no progress bars there."""

    def shown(self) -> str:
        argv = ["<script>" if "\n" in a else a for a in self.argv]
        if len(argv) > 12:
            argv = [*argv[:10], f"... ({len(argv) - 10} more)"]
        return f"(cd {self.cwd} && {' '.join(argv)})"


def _number(text: str) -> int:
    return int(text.replace(",", ""))


def expect_counts(pattern: str, valid: int, invalid: int) -> Verify:
    """A check of a summary line whose groups ``valid`` and ``invalid`` are the counts."""

    def verify(output: str) -> str | None:
        match = re.search(pattern, output)
        if match is None:
            return f"no summary line matching {pattern!r}"
        got = (_number(match["valid"]), _number(match["invalid"]))
        if got != (valid, invalid):
            return f"counted {got[0]} valid, {got[1]} invalid; expected {valid}, {invalid}"
        return None

    return verify


OURS_SUMMARY = r"(?P<valid>[\d,]+) valid, (?P<invalid>[\d,]+) invalid, 0 unreadable"
FLOOR_SUMMARY = r"(?P<total>\d+) (?P<valid>\d+) (?P<invalid>\d+)"
SOURCEMETA_SUMMARY = r"\d+ validated, (?P<valid>\d+) passed, (?P<invalid>\d+) failed"


def expect_lines(valid_re: str | None, invalid_re: str, valid: int, invalid: int) -> Verify:
    """A check that counts the distinct names (or lines) a tool prints per document; with no
    ``valid_re`` (a tool silent about valid documents) only the invalid ones are counted."""

    def verify(output: str) -> str | None:
        found = re.findall(valid_re, output, re.MULTILINE) if valid_re else []
        got_valid = len(set(found)) if valid_re else valid
        got_invalid = len(set(re.findall(invalid_re, output, re.MULTILINE)))
        if (got_valid, got_invalid) != (valid, invalid):
            return (
                f"output names {got_valid} valid, {got_invalid} invalid documents; "
                f"expected {valid}, {invalid}"
            )
        return None

    return verify


@dataclass
class Timing:
    label: str
    samples: list[float] = field(default_factory=list)
    failure: str | None = None

    @property
    def median(self) -> float | None:
        return statistics.median(self.samples) if self.samples and not self.failure else None


def _check(command: Command) -> str | None:
    """One warm-up run with output captured: the reason it failed, or None."""
    try:
        done = subprocess.run(
            command.argv,
            cwd=command.cwd,
            env=ENV,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            check=False,
        )
    except OSError as exc:
        return f"cannot run: {exc}"
    errors = done.stderr.decode("utf-8", "replace")
    output = done.stdout.decode("utf-8", "replace") + "\n" + errors
    if done.returncode not in command.ok_codes or "Traceback (most recent call last)" in errors:
        shown = last_lines(errors or output)
        return f"exit {done.returncode} (expected {command.ok_codes}): {shown}"
    if command.no_redraw and "\r" in errors:
        return "it redraws lines (a progress bar?) on stderr, which is a pipe here"
    if command.verify is not None:
        wrong = command.verify(output)
        if wrong:
            return f"wrong result: {wrong}"
    return None


def _once(command: Command) -> float:
    start = time.perf_counter()
    subprocess.run(
        command.argv,
        cwd=command.cwd,
        env=ENV,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    return time.perf_counter() - start


def measure(commands: list[Command], runs: int) -> dict[str, Timing]:
    """Wall time of whole processes; one warm-up each, then ``runs`` rounds, interleaved so that
    drift in the machine's speed hits every command alike.  Output goes to /dev/null."""
    timings = {c.label: Timing(c.label) for c in commands}
    live = []
    for command in commands:
        failure = _check(command)
        if failure:
            log(f"{command.label}: {failure}")
            timings[command.label].failure = failure
        else:
            live.append(command)
    for round_ in range(runs):
        for command in live:
            timings[command.label].samples.append(_once(command))
        done = ", ".join(f"{c.label} {timings[c.label].samples[-1]:.3f}s" for c in live)
        log(f"  round {round_ + 1}/{runs}: {done}")
    return timings


def import_times(argv: list[str], cwd: Path) -> dict[str, int]:
    """Self import time (µs) per top-level package, from ``python -X importtime``."""
    env = {**ENV, "PYTHONPROFILEIMPORTTIME": "1"}
    done = subprocess.run(
        argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL, capture_output=True, check=False
    )
    totals: dict[str, int] = {}
    pattern = re.compile(r"^import time:\s+(\d+)\s+\|\s+\d+\s+\|\s+(\S.*)$")
    for line in done.stderr.decode("utf-8", "replace").splitlines():
        match = pattern.match(line)
        if match:
            package = match.group(2).strip().split(".")[0]
            totals[package] = totals.get(package, 0) + int(match.group(1))
    return totals
