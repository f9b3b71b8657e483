"""Paths in the text output are relative to the working directory, as documents' are: a
misnamed table of a config above it, a schema error in a file reached by ``$ref``, a config
error naming a schema file."""

from __future__ import annotations

import json
from pathlib import Path

from tests.console import run_script as validate

BOUNDED = (
    "is ECMA-262, but beyond the bounded regex engine both engines match with (jsonschema_rs's): "
    "write it another way (e.g. a numbered back-reference for \\k<name>)"
)


def test_a_misnamed_table_above_the_working_directory_is_shown_relative(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.casefile-validator]\n')
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.json").write_text("{}")
    (tmp_path / "sub" / "s.json").write_text('{"type": "object"}')
    result = validate(tmp_path / "sub", "--schema", "s.json", "d.json")
    assert result.returncode == 0
    assert result.stderr.splitlines()[0] == (
        "casefile-validate: warning: ../pyproject.toml:4:1: table [tool.casefile-validator] is "
        "not read by casefile-validate; did you mean [tool.casefile-validate]?"
    )


def test_a_schema_error_in_a_file_reached_by_ref_is_shown_relative(tmp_path: Path) -> None:
    (tmp_path / "use.json").write_text(json.dumps({"properties": {"a": {"$ref": "pl.json"}}}))
    (tmp_path / "pl.json").write_text(json.dumps({"pattern": "\\p{L"}))
    (tmp_path / "d.json").write_text("{}")
    result = validate(tmp_path, "--no-config", "-s", "use.json", "d.json")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        'casefile-validate: schema error: pl.json:1:13: pattern "\\\\p{L" at /pattern is not an '
        "ECMA-262 regular expression (Invalid property name)\n"
    )


def test_a_config_error_naming_a_schema_file_shows_it_relative(tmp_path: Path) -> None:
    (tmp_path / ".casefile-validate.toml").write_text(
        '[[checks]]\nfiles = ["d.json"]\nschema = "s.json"\n'
    )
    (tmp_path / "s.json").write_text(json.dumps({"pattern": "(?<n>x)\\k<n>"}))
    (tmp_path / "d.json").write_text("{}")
    for cwd, prefix in ((tmp_path, ""), (tmp_path / "sub", "../")):
        cwd.mkdir(exist_ok=True)
        result = validate(cwd)
        assert (result.returncode, result.stdout) == (2, "")
        assert result.stderr == (
            f"casefile-validate: config error: {prefix}.casefile-validate.toml:3:1: check 1: "
            f'{prefix}s.json:1:13: pattern "(?<n>x)\\\\k<n>" at /pattern {BOUNDED}\n'
        )
