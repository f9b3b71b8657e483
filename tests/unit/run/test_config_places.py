"""A ``disable-formats`` error of a config is placed at the element that is wrong, not at the
key (top level and a check's)."""

from __future__ import annotations

from pathlib import Path

import pytest

from validator.run.config import ConfigError, load_config
from validator.run.config_places import element_position

CHECK = '[[checks]]\nfiles = ["*.json"]\nschema = "s.json"\n'


def _error(tmp_path: Path, text: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".casefile-validate.toml").write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path / ".casefile-validate.toml")
    return str(caught.value)


def test_an_empty_name_is_placed_at_its_element(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = 'disable-formats = ["date",\n  "",\n]\n' + CHECK
    assert _error(tmp_path, text, monkeypatch) == (
        ".casefile-validate.toml:2:3: \"disable-formats\" needs a format name or 'all'"
    )


def test_an_unknown_name_of_a_check_is_placed_at_its_element(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = CHECK + CHECK + 'disable-formats = ["date", # the dates\n  "emial"]\n'
    assert _error(tmp_path, text, monkeypatch) == (
        '.casefile-validate.toml:8:3: "disable-formats": unknown format "emial"; did you mean '
        '"email"?'
    )


def test_one_string_is_placed_at_the_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = CHECK + "disable-formats = 'emial'\n"
    assert _error(tmp_path, text, monkeypatch).startswith(".casefile-validate.toml:4:1: ")


def test_element_positions() -> None:
    text = 'x = 1\ndisable-formats = ["date",\n  \'\',  # c\n  "u,v"]\n'
    assert [element_position(text, 2, 1, i) for i in range(4)] == [(2, 20), (3, 3), (4, 3), None]
    assert element_position('disable-formats = "date"\n', 1, 1, 0) is None
    assert element_position("a = [[1], 2]\n", 1, 1, 1) is None  # nested: not shown
