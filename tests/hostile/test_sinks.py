"""validator.sinks: each sink's escaping, judged by what reads that sink (the Actions runner's
rules, a real GFM renderer, JSON and XML parsers)."""

from __future__ import annotations

import io
import json
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options as CmarkOptions
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.hostile.workflow_commands import read_commands
from validator.sinks import MarkupStream, json_text, markdown, terminal, workflow_command

HIDDEN_CATEGORIES = ("Cc", "Cf", "Cs", "Zl", "Zp")
RAW_DANGER = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069]"
)
"""What must never reach a terminal raw (tab and line ends are the writer's own)."""
HIDDEN_BUT_LINE_ENDS = (
    "\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u180e"
    "\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ud800-\udfff\U000e0000-\U000e007f"
)


def _hostile() -> st.SearchStrategy[str]:
    pieces = st.sampled_from(
        [
            ":",
            "#",
            "[",
            "]",
            "%",
            ",",
            ";",
            "=",
            " ",
            "\t",
            "\n",
            "\r",
            "\x1b",
            "\x07",
            "\x00",
            "\x7f",
            "\x85",
            "\x9b",
            "\u00a0",
            "\u202e",
            "\u2066",
            "\u200b",
            "\u2028",
            "\ufeff",
            "\udcff",
            "error",
            "add-mask",
            "stop-commands",
            "file=README.md",
            "::",
            "##[",
            "www.",
            "@",
            "http://",
        ]
    )
    return st.lists(pieces, max_size=30).map("".join)


# --- terminal ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("plain text, é ∑ 😀", "plain text, é ∑ 😀"),
        ("a\nb\r\tc", "a\\nb\\r\\tc"),
        ("\x1b[2J\x1b]52;c;ZXZpbA==\x07", "\\x1b[2J\\x1b]52;c;ZXZpbA==\\x07"),
        ("abc\u202edef\u2066\u2069", "abc\\u202edef\\u2066\\u2069"),
        ("\x7f\x85\x9b", "\\x7f\\x85\\x9b"),
        ("\u200b\u200e\u2028\ufeff\U000e0041", "\\u200b\\u200e\\u2028\\ufeff\\U000e0041"),
        ("bad\udcff.json", "bad\\udcff.json"),
        ("x ##[add-mask]secret", "x ##\\[add-mask]secret"),
        ("::error file=README.md::forged", ":\\:error file=README.md::forged"),
        ("  ::warning::x", "  :\\:warning::x"),
        ("a::b", "a::b"),  # not at the start: the runner never reads it
        ("\n::error::x", "\\n::error::x"),
    ],
)
def test_terminal_shows(raw: str, shown: str) -> None:
    assert terminal(raw) == shown


def test_terminal_escapes_every_invisible_character_this_python_knows() -> None:
    missed = [
        f"U+{code:04X}"
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) in HIDDEN_CATEGORIES and terminal(chr(code)) == chr(code)
    ]
    assert missed == [], f"add these to validator.sinks._HIDDEN_CLASS: {missed}"


@settings(max_examples=400, deadline=None)
@given(_hostile(), _hostile())
def test_terminal_text_is_never_a_command(first: str, second: str) -> None:
    for line in (terminal(first), f"{terminal(first)}: {terminal(second)}", "  " + terminal(first)):
        assert "\n" not in line and "\r" not in line
        assert RAW_DANGER.search(line) is None
        assert read_commands(line) == []


# --- workflow commands -------------------------------------------------------------------------


@settings(max_examples=400, deadline=None)
@given(_hostile(), _hostile(), _hostile())
def test_a_workflow_command_is_one_command_with_its_values(
    message: str, title: str, name: str
) -> None:
    path, title = f"dir/{name}.json", f"casefile-validate: {title}."  # as the report has them
    line = workflow_command("error", message, file=path, line=3, col=7, title=title)
    assert RAW_DANGER.search(line) is None
    (command,) = read_commands(line + "\n")
    assert command.name == "error"
    assert command.data == terminal(message)
    assert command.get("title") == terminal(title)
    assert command.get("line") == "3" and command.get("col") == "7"
    if not re.search(f"[{HIDDEN_BUT_LINE_ENDS}]", path):
        assert command.get("file") == path  # the exact path: GitHub links it
    else:  # shown as escapes: nothing raw reaches the log (line breaks it gets exactly)
        assert RAW_DANGER.search(command.get("file") or "") is None


def test_the_file_keeps_line_breaks_exactly() -> None:
    (command,) = read_commands(workflow_command("warning", "m", file="dir\n::x/a,b:%.json"))
    assert command.get("file") == "dir\n::x/a,b:%.json"


# --- markdown ----------------------------------------------------------------------------------


def render(text: str) -> str:
    return cmarkgfm.github_flavored_markdown_to_html(text, options=CmarkOptions.CMARK_OPT_UNSAFE)


@pytest.mark.parametrize(
    "value",
    [
        "www.evil-login.example/reset",
        "see WWW.evil-login.example/reset now",
        "http://evil.example/x",
        "https://evil.example/x?a=b",
        "ftp://evil.example",
        "<https://evil.example>",
        "someone@evil.example",
        "mailto:someone@evil.example",
        "xmpp:someone@evil.example/r",
        "[click](https://evil.example)",
        "![x](https://evil.example/p.png)",
        '<a href="https://evil.example">x</a>',
    ],
)
def test_markdown_makes_no_link(value: str) -> None:
    for page in (f"{markdown(value)}\n", f"| a |\n|---|\n| {markdown(value)} |\n"):
        html = render(page)
        assert "<a" not in html and "<img" not in html, html
        assert "evil" in html  # shown, as text


@settings(max_examples=300, deadline=None)
@given(_hostile())
def test_markdown_is_ascii_inert_and_one_line(value: str) -> None:
    escaped = markdown(value).encode("ascii", "xmlcharrefreplace").decode()  # as written
    assert "\n" not in escaped and "\r" not in escaped and RAW_DANGER.search(escaped) is None
    assert "<a" not in render(escaped)
    assert read_commands(escaped) == []


def test_markdown_shows_invisible_characters() -> None:
    html = render(markdown("key\x1b[2J\u202eexe.txt"))
    assert "key\\x1b[2J\\u202eexe.txt" in html


# --- JSON --------------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.recursive(_hostile(), lambda inner: st.dictionaries(_hostile(), inner, max_size=3)))
def test_json_text_keeps_values_exact_and_the_log_clean(value: object) -> None:
    for ensure_ascii, indent in ((True, None), (False, 2)):
        text = json_text(json.dumps(value, ensure_ascii=ensure_ascii, indent=indent))
        assert json.loads(text) == value
        assert RAW_DANGER.search(text) is None and "\udcff" not in text
        assert read_commands(text) == []


def test_json_text_writes_the_bracket_of_a_command_as_an_escape() -> None:
    assert json_text(json.dumps("##[add-mask]x")) == '"##\\u005badd-mask]x"'


# --- XML and HTML ------------------------------------------------------------------------------


def _through(chunks: list[str]) -> str:
    out = io.StringIO()
    stream = MarkupStream(out)
    for chunk in chunks:
        stream.write(chunk)
    return out.getvalue()


@settings(max_examples=300, deadline=None)
@given(_hostile(), st.lists(st.integers(min_value=0, max_value=200), max_size=8))
def test_markup_keeps_values_exact_whatever_the_writes(value: str, cuts: list[int]) -> None:
    value = re.sub(
        "[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]", "?", value
    )  # XML 1.0 holds them not
    element = ET.Element("case", message=value)
    element.text = value
    document = ET.tostring(element, encoding="unicode")
    points = sorted({min(c, len(document)) for c in cuts})
    chunks = [document[a:b] for a, b in zip([0, *points], [*points, len(document)], strict=True)]
    written = _through(chunks)
    assert written == _through([document])  # the same, however it is cut into writes
    parsed = ET.fromstring(written)
    assert parsed.get("message") == value
    assert (parsed.text or "") == value.replace("\r\n", "\n").replace("\r", "\n")
    assert read_commands(written) == []
    assert RAW_DANGER.search(written) is None


def test_markup_across_writes() -> None:
    assert _through(["<a>#", "#", "[add-mask]x</a>\n", "  :", ":error::x\n"]) == (
        "<a>##&#91;add-mask]x</a>\n  :&#58;error::x\n"
    )


def test_markup_leaves_the_html_reports_style_and_script_alone() -> None:
    """References mean nothing inside ``<style>`` and ``<script>`` (and the page's CSP pins their
    hashes): they must hold nothing MarkupStream rewrites (no ``##[``, no line-leading ``::``
    such as a CSS ``::before`` at the start of a line, no C1 or format character)."""
    from validator.report.html_parts import SCRIPT, STYLE

    for text in (STYLE, SCRIPT):
        assert _through([text]) == text
