"""Markdown and HTML label each document of JSON Lines ``FILE:LINE``, the first line too, as the
text (``-v``), junit and github reports do; a whole-file document is labelled by its file alone
(issue 21 audit, G2)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.hostile._limited import run, write


def _labels(tmp_path: Path, form: str, args: list[str]) -> list[str]:
    result = run(["--no-config", "--schema", "s.json", "--format", form, *args], tmp_path)
    assert result.returncode == 1, result.stderr
    if form == "markdown":
        return re.findall(r"<summary>(.*?): invalid", result.stdout)
    return re.findall(r'<span class="mono">(.*?)</span>', result.stdout)


@pytest.mark.parametrize("form", ["markdown", "html"])
@pytest.mark.parametrize(
    ("name", "flags"),
    [("d3.jsonl", []), ("d3.log", ["--jsonl"])],  # named as JSON Lines, or read as such
)
def test_every_line_of_json_lines_is_labelled_with_its_number(
    tmp_path: Path, form: str, name: str, flags: list[str]
) -> None:
    write(tmp_path / "s.json", {"type": "integer"})
    (tmp_path / name).write_text('"a"\n"b"\n"c"\n')
    colon = "&#58;" if form == "markdown" else ":"  # markdown escapes it
    assert _labels(tmp_path, form, [*flags, name]) == [f"{name}{colon}{line}" for line in (1, 2, 3)]


@pytest.mark.parametrize("form", ["markdown", "html"])
def test_the_first_line_alone_of_a_jsonl_file_is_labelled_too(tmp_path: Path, form: str) -> None:
    write(tmp_path / "s.json", {"type": "integer"})
    (tmp_path / "d.jsonl").write_text('"a"\n1\n')
    colon = "&#58;" if form == "markdown" else ":"
    assert _labels(tmp_path, form, ["d.jsonl"]) == [f"d.jsonl{colon}1"]


@pytest.mark.parametrize("form", ["markdown", "html"])
def test_a_whole_file_is_labelled_by_its_name(tmp_path: Path, form: str) -> None:
    write(tmp_path / "s.json", {"type": "integer"})
    (tmp_path / "one.json").write_text('"x"')
    assert _labels(tmp_path, form, ["one.json"]) == ["one.json"]
