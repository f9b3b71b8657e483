"""The arguments the console script reads without click (validator.command.entry.parse_simple) give
exactly the options the click command gives, over arguments built from the options table: every
option in each of its spellings, valid and invalid values, inputs anywhere, and what only click
reads (help, version, ``--``, short flags run together).  Whatever the fast path leaves to click
is click's to answer, with click's message and exit code."""

from __future__ import annotations

import contextlib
import io
import sys
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import validator.run.runner
from validator.command import cli, entry
from validator.command.entry import parse_simple
from validator.command.options import OPTIONS, Option
from validator.run.settings import Options

SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])

TEXT = st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"), max_size=8)
INPUTS = st.one_of(
    st.just("-"), TEXT.filter(lambda s: not s.startswith("-")), st.sampled_from(["a.json", "d/"])
)


def _click(argv: list[str]) -> tuple[int, Options | None, str, str]:
    """Exit code, the options the run was given (None: no run), stdout and stderr of the click
    command on ``argv``."""
    seen: list[Options] = []

    def fake_run(options: Options, out: Any = None, err: Any = None) -> int:
        seen.append(options)
        return 0

    out, err = io.StringIO(), io.StringIO()
    with (
        mock.patch.object(validator.run.runner, "run", fake_run),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        code = cli.run_command(argv)
    return code, (seen[0] if seen else None), out.getvalue(), err.getvalue()


def _good_value(option: Option) -> st.SearchStrategy[str]:
    if option.kind == "count":
        return st.integers(1, 10**6).map(str)
    if option.kind == "choice":
        return st.sampled_from(option.choices)
    if option.kind == "percent":
        return st.one_of(
            st.integers(0, 100).map(str), st.sampled_from(["62.5", ".5", "7.", "0100"])
        )
    if option.kind == "report":
        return st.tuples(st.sampled_from(OPTIONS_BY_NAME["format"].choices), TEXT).map(
            lambda pair: f"{pair[0]}:{pair[1] or 'r'}"
        )
    return st.one_of(st.just("-"), TEXT.filter(lambda s: not s.startswith("-")))


def _any_value(option: Option) -> st.SearchStrategy[str]:
    odd = st.sampled_from(
        ["", "0", "-1", " 1", "+1", "1_0", "\u0663", "x", "TEXT", "--quiet", ".", "1e2", "100.5"]
    )
    return st.one_of(_good_value(option), odd, TEXT)


OPTIONS_BY_NAME = {option.name: option for option in OPTIONS}


@st.composite
def _spelled(draw: st.DrawFn, option: Option, values: Any) -> list[str]:
    """One option, in one of its spellings, with a value drawn from ``values`` if it takes one."""
    flags = [part for flag in option.flags for part in flag.split("/")]
    flag = draw(st.sampled_from(flags))
    if option.kind in ("flag", "toggle"):
        return [flag]
    value = draw(values(option))
    if flag.startswith("--") and draw(st.booleans()):
        return [f"{flag}={value}"]
    return [flag, value]


@st.composite
def _argv(draw: st.DrawFn, values: Any, extras: st.SearchStrategy[str]) -> list[str]:
    argv: list[str] = []
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.integers(0, 4))
        if kind == 0:
            argv.append(draw(INPUTS))
        elif kind == 1:
            argv.append(draw(extras))
        else:
            argv += draw(_spelled(draw(st.sampled_from(OPTIONS)), values))
    return argv


CLICK_ONLY = st.sampled_from(
    [
        "--help",
        "-h",
        "--version",
        "--",
        "-qv",
        "-j1",
        "--jobs",
        "--no-such",
        "-x",
        "--quiet=1",
        "--list-schemas",
        "--show-schema",
        "--colour",
        "-",
        "--color=yes",
    ]
)


@SETTINGS
@given(_argv(_good_value, INPUTS))
def test_simple_arguments_are_read_as_click_reads_them(argv: list[str]) -> None:
    once = [o.name for o in OPTIONS if o.kind == "once"]
    fast = parse_simple(argv)
    code, options, _, err = _click(argv)
    if any(sum(a.split("=")[0] in OPTIONS_BY_NAME[n].flags for a in argv) > 1 for n in once):
        assert fast is None  # given twice: click's usage error
        return
    assert fast is not None, argv
    assert (code, options, err) == (0, fast, "")


@SETTINGS
@given(_argv(_any_value, CLICK_ONLY))
def test_whatever_the_fast_path_reads_click_reads_the_same(argv: list[str]) -> None:
    fast = parse_simple(argv)
    if fast is not None:
        code, options, _, err = _click(argv)
        assert (code, options, err) == (0, fast, "")


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["a.json", "-", "d/"],
        ["--jobs", "1", "x.jsonl"],
        ["-j", "2", "--format=json", "-q", "--no-color", "a", "--color"],
        ["--schema", "S", "--schema-dir", "d1", "--schema-dir=d2", "--report", "junit:j.xml"],
        ["--output", "-", "--max-errors=3", "--engine", "reference", "--strict"],
    ],
)
def test_common_calls_skip_click(argv: list[str]) -> None:
    fast = parse_simple(argv)
    assert fast is not None
    assert _click(argv)[:2] == (0, fast)


@pytest.mark.parametrize(
    "argv",
    [
        ["--jobs", "0", "a.json"],
        ["--jobs"],
        ["--format", "yaml"],
        ["--schema", "a", "-s", "b"],
        ["--report", "nope"],
        ["--no-such-option"],
        ["-qv", "a.json"],
        ["--quiet=yes"],
        ["--help"],
        ["--version"],
        ["--list-schemas"],
    ],
)
def test_the_rest_is_clicks_with_its_message_and_exit_code(
    argv: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert parse_simple(argv) is None
    expected = _click(argv)
    monkeypatch.setattr(sys, "argv", ["casefile-validate", *argv])
    out, err = io.StringIO(), io.StringIO()
    with (
        mock.patch.object(validator.run.runner, "run", lambda *a, **k: 0),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        code = entry.command()
    assert (code, out.getvalue(), err.getvalue()) == (
        expected[0],
        expected[2],
        expected[3],
    )
