"""A ``.casefile-validate.toml`` holding pyproject's table (``[[tool.casefile-validate.checks]]``
pasted in) is exit 2 at the key's ``line:column``, saying the file takes its keys at its top
level (issue 21 audit, G8)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.console import run_script as validate

HINT = (
    "; this file takes [[checks]] and its other keys at its top level, not under "
    "[tool.casefile-validate] (that table is pyproject.toml's): write [[checks]] for "
    "[[tool.casefile-validate.checks]]"
)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ('[[tool.casefile-validate.checks]]\nfiles = ["a.json"]\nschema = "s.json"\n', "1:1"),
        ('exclude = ["x"]\n\n[tool.casefile-validate]\nschema-dirs = ["s"]\n', "3:1"),
    ],
)
def test_the_pasted_table_gets_the_hint(tmp_path: Path, text: str, place: str) -> None:
    (tmp_path / ".casefile-validate.toml").write_text(text)
    (tmp_path / "a.json").write_text("{}")
    result = validate(tmp_path, "a.json")
    assert result.returncode == 2
    assert result.stderr == (
        f"casefile-validate: config error: .casefile-validate.toml:{place}: unknown key "
        f'"tool" in .casefile-validate.toml{HINT}\n'
    )
    assert result.stdout == ""


def test_a_config_named_otherwise_gets_it_too(tmp_path: Path) -> None:
    (tmp_path / "ci.toml").write_text('[tool.casefile-validate]\nschema-dirs = ["s"]\n')
    result = validate(tmp_path, "--config", "ci.toml", "a.json")
    assert result.returncode == 2
    assert result.stderr.endswith(f'ci.toml:1:1: unknown key "tool" in ci.toml{HINT}\n')


def test_another_unknown_key_keeps_its_did_you_mean(tmp_path: Path) -> None:
    (tmp_path / ".casefile-validate.toml").write_text('exclud = ["x"]\n')
    result = validate(tmp_path, "a.json")
    assert result.returncode == 2
    assert result.stderr.endswith(
        'unknown key "exclud" in .casefile-validate.toml; did you mean "exclude"?\n'
    )
