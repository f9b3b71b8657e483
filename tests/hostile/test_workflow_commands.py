"""The reader of workflow commands the hostile tests judge output with: it reads what the Actions
runner reads (the cases of the runner's own tests, ActionCommandL0.cs, and its line reading),
so that "no command but ours" here means the same on GitHub."""

from __future__ import annotations

import pytest

from tests.hostile.workflow_commands import read_commands, read_line, split_lines

DO = {"do-something"}


@pytest.mark.parametrize(
    ("line", "properties", "data"),
    [
        ("::do-something k1=v1,::msg", {"k1": "v1"}, "msg"),
        ("::do-something::", {}, ""),
        (
            "::do-something k1=;=%2C=%0D=%0A=]=%3A,::;-%0D-%0A-]-:-,",
            {"k1": ";=,=\r=\n=]=:"},
            ";-\r-\n-]-:-,",
        ),
        (
            "::do-something k1=;=%252C=%250D=%250A=]=%253A,::;-%250D-%250A-]-:-,",
            {"k1": ";=%2C=%0D=%0A=]=%3A"},
            ";-%0D-%0A-]-:-,",
        ),
        ("::do-something k1=,k2=,::", {}, ""),
        ("::do-something k1=v1::", {"k1": "v1"}, ""),
        ("   ::do-something k1=v1,::msg", {"k1": "v1"}, "msg"),
        ("\t\u00a0\u3000::do-something k1=v1::msg", {"k1": "v1"}, "msg"),  # .NET white space
        ("::DO-SOMETHING k1==v1,K1=v2::a::b", {"k1": "v2"}, "a::b"),
    ],
)
def test_the_new_form_reads_as_the_runner_reads_it(
    line: str, properties: dict[str, str], data: str
) -> None:
    command = read_line(line, DO)
    assert command is not None
    assert command.name.lower() == "do-something"
    assert command.properties == properties
    assert command.data == data


@pytest.mark.parametrize(
    ("line", "properties", "data"),
    [
        ("##[do-something k1=v1;]msg", {"k1": "v1"}, "msg"),
        ("##[do-something]", {}, ""),
        ("##[do-something k1=%3B=%0D=%0A=%5D;]%3B-%0D-%0A-%5D", {"k1": ";=\r=\n=]"}, ";-\r-\n-]"),
        (
            "##[do-something k1=%253B=%250D=%250A=%255D;]%253B-%250D-%250A-%255D",
            {"k1": "%3B=%0D=%0A=%5D"},
            "%3B-%0D-%0A-%5D",
        ),
        ("##[do-something k1=;k2=;]", {}, ""),
        (">>>   ##[do-something k1=v1;]msg", {"k1": "v1"}, "msg"),
        ("text before ##[do-something]after", {}, "after"),
    ],
)
def test_the_old_form_reads_anywhere_in_a_line(
    line: str, properties: dict[str, str], data: str
) -> None:
    command = read_line(line, DO)
    assert command is not None
    assert command.properties == properties
    assert command.data == data


@pytest.mark.parametrize(
    "line",
    [
        "   >>>   ::do-something k1=v1,::msg",  # :: only at the start
        "::do-something k1=v1",  # no second ::
        "::something-else::x",  # not a command the runner knows
        "##[do-something",  # no ]
        ":\\:do-something::x",  # the stand-in of a leading ::
        "##\\[do-something]x",  # the stand-in of ##[
        "##&#91;do-something]x",
        ":&#58;do-something::x",
    ],
)
def test_what_is_not_a_command(line: str) -> None:
    assert read_line(line, DO) is None


def test_characters_collation_skips_count_as_absent_when_strict() -> None:
    assert read_line("\x1b::do-something::x", DO) is not None
    assert read_line("#\u200b#[do-something]x", DO) is not None
    assert read_line("\x1b::do-something::x", DO, strict=False) is None


def test_lines_end_at_lf_cr_and_crlf() -> None:
    assert split_lines("a\nb\rc\r\nd\n\ne") == ["a", "b", "c", "d", "", "e"]
    assert split_lines("a\u2028b\x85c") == ["a\u2028b\x85c"]  # not line ends for the runner
    found = read_commands("x\r::error file=a.json::one\r\n  ##[warning]two")
    assert [(c.name, c.get("FILE"), c.data) for c in found] == [
        ("error", "a.json", "one"),
        ("warning", None, "two"),
    ]


def test_stop_commands_silences_everything_until_its_token() -> None:
    output = "\n".join(
        [
            "::stop-commands::pause-123",
            "::error::hidden",
            "##[add-mask]hidden",
            "::pause-123::",
            "::error::seen",
        ]
    )
    assert [(c.name, c.data) for c in read_commands(output)] == [
        ("stop-commands", "pause-123"),
        ("pause-123", ""),
        ("error", "seen"),
    ]


def test_the_new_form_wins_over_the_old_in_one_line() -> None:
    (command,) = read_commands(b"::error file=a##[add-mask]b.json::x ##[warning]y")
    assert command.name == "error"
    assert command.get("file") == "a##[add-mask]b.json"
