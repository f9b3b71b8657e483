"""``-v`` names every document by its place, the first line of JSON Lines too (``day.log:1``,
also when the file is JSON Lines by ``--jsonl`` or a config's ``jsonl``, not by its name), and
lists the inputs no check matched, as the json report does (``skipped_inputs``)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from validator.run.runner import run
from validator.run.settings import Options

GOOD = json.dumps({"id": 1})
SCHEMA = '{"$schema": "https://json-schema.org/draft/2020-12/schema", "required": ["id"]}'


def _run(**fields: object) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(Options(jobs=1, no_warnings=True, **fields), out=out, err=err)  # type: ignore[arg-type]
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "schema.json").write_text(SCHEMA)
    (tmp_path / "day.log").write_text(f"{GOOD}\n{GOOD}\n")
    (tmp_path / "day.jsonl").write_text(f"{GOOD}\n")
    (tmp_path / "one.json").write_text(GOOD)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_verbose_gives_the_first_line_of_json_lines(folder: Path) -> None:
    code, out, _ = _run(
        verbose=True, no_config=True, schema="schema.json", inputs=("day.jsonl", "one.json")
    )
    assert (code, out.splitlines()[:2]) == (
        0,
        ["day.jsonl:1: valid (schema schema)", "one.json: valid (schema schema)"],
    )
    code, out, _ = _run(
        verbose=True, no_config=True, schema="schema.json", jsonl=True, inputs=("day.log",)
    )
    assert (code, out.splitlines()[:2]) == (
        0,
        ["day.log:1: valid (schema schema)", "day.log:2: valid (schema schema)"],
    )


def test_skipped_inputs_are_listed_in_verbose_and_json(folder: Path) -> None:
    (folder / ".casefile-validate.toml").write_text(
        '[[checks]]\nfiles = ["*.log"]\nschema = "schema.json"\njsonl = true\n'
    )
    inputs = ("day.log", "one.json", "day.jsonl")
    code, out, _ = _run(verbose=True, inputs=inputs)
    assert code == 0
    assert out == (
        "day.log:1: valid (schema schema)\n"
        "day.log:2: valid (schema schema)\n"
        "one.json: skipped (no check matches it)\n"
        "day.jsonl: skipped (no check matches it)\n"
        "2 inputs skipped (no check matches them)\n"
        "2 documents: 2 valid, 0 invalid, 0 unreadable\n"
    )
    code, out, _ = _run(format="json", inputs=inputs)
    summary = json.loads(out)["summary"]
    assert (summary["skipped"], summary["skipped_inputs"]) == (2, ["one.json", "day.jsonl"])
