"""The options, defined once: the click command is built from them, the start-up path that skips
click takes their defaults, and what depends on where a run happens is decided by resolve()."""

from __future__ import annotations

import io

import click
import pytest

from validator.command.cli import command
from validator.command.options import OPTIONS, parse_report
from validator.report.registry import REPORTERS
from validator.run.settings import Options, resolve


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _resolved(environ: dict[str, str], **fields: object) -> Options:
    return resolve(Options(**fields), _Terminal(), _Terminal(), environ)  # type: ignore[arg-type]


def test_every_field_but_inputs_progress_and_the_plans_is_an_option_of_the_command() -> None:
    names = [o.name for o in OPTIONS]
    planned = {"inputs", "progress", "strict_checks", "yaml_checks", "yaml_root"}
    assert sorted(names) == sorted(set(Options._fields) - planned)
    params = {p.name: p for p in command.params}
    for option in OPTIONS:
        param = params[option.name]
        assert isinstance(param, click.Option)
        assert set(option.flags[0].split("/")) <= set(param.opts + param.secondary_opts)
        assert param.multiple is (option.kind in ("report", "once", "many"))
        assert param.is_flag is (option.kind in ("flag", "toggle"))
        if option.kind in ("value", "choice", "count"):  # the default is the record's
            assert param.default == Options._field_defaults[option.name]
    assert set(params) == {*names, "inputs", "list_schemas", "show_schema", "version"}


def test_the_format_choices_are_the_reporters() -> None:
    param = next(p for p in command.params if p.name == "format")
    assert isinstance(param.type, click.Choice)
    assert list(param.type.choices) == list(REPORTERS)


@pytest.mark.parametrize(
    ("environ", "flag", "expected"),
    [
        ({}, None, True),
        ({"NO_COLOR": "1"}, None, False),
        ({"NO_COLOR": "anything"}, None, False),
        ({"NO_COLOR": ""}, None, True),  # no-color.org: only a non-empty value disables colour
        ({"NO_COLOR": "1"}, True, True),  # an explicit --color wins over the environment
        ({}, False, False),
        ({"NO_COLOR": ""}, False, False),
    ],
)
def test_colour_follows_no_color_org(
    environ: dict[str, str], flag: bool | None, expected: bool
) -> None:
    assert _resolved(environ, color=flag).color is expected


def test_no_colour_off_a_terminal_or_into_a_file() -> None:
    plain = resolve(Options(), io.StringIO(), io.StringIO(), {})
    assert plain.color is False and plain.progress is False
    assert _resolved({}, output="r.txt").color is False


@pytest.mark.parametrize(
    ("environ", "quiet", "expected"),
    [
        ({}, False, True),
        ({"CI": "true"}, False, False),
        ({"CI": ""}, False, True),
        ({}, True, False),
    ],
)
def test_progress_only_on_a_terminal_outside_ci(
    environ: dict[str, str], quiet: bool, expected: bool
) -> None:
    assert _resolved(environ, quiet=quiet).progress is expected


def test_jobs_default_to_the_cores_and_stay_when_given() -> None:
    import os

    assert _resolved({}).jobs == len(os.sched_getaffinity(0))
    assert _resolved({}, jobs=3).jobs == 3


def test_report_pairs() -> None:
    assert parse_report("json:out/r.json") == ("json", "out/r.json")
    assert parse_report("sarif:C:/x.sarif") == ("sarif", "C:/x.sarif")
    for bad in ("json", "json:", "xml:r.xml", ":r.json"):
        with pytest.raises(ValueError, match="expected FORMAT:FILE with FORMAT one of text, json"):
            parse_report(bad)
