"""A folder given to a config run reaches every file a check's globs match, whatever its name
(the README's ``logs/*.log`` check with ``jsonl = true``), and ``--pre-commit`` (what the hook
runs: pre-commit passes every changed file) takes the files named in the same way: those a check
matches, and the ones named as documents; other files are left alone, never "skipped"."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from validator.run.runner import run
from validator.run.settings import Options

CONFIG = """\
[[checks]]
files = ["payloads/*.json"]
schema = "AddSessionToCasefileResponse"

[[checks]]
files = ["logs/*.log"]
schema = "contracts/line.json"
jsonl = true
"""
LINE = '{"$schema": "https://json-schema.org/draft/2020-12/schema", "required": ["id"]}'
BAD_LOG = 'logs/app.log:2:1: /: missing required property "id" [/required]\n'
TOTALS = (
    "By schema:\n"  # the bundled schema judged nothing: not listed
    "  line: 2 documents: 1 valid, 1 invalid, 0 unreadable\n"
    "2 documents: 1 valid, 1 invalid, 0 unreadable\n"
)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for folder in (".git", "payloads", "logs/old", "contracts", "empty"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / ".casefile-validate.toml").write_text(CONFIG)
    (tmp_path / "contracts" / "line.json").write_text(LINE)
    (tmp_path / "logs" / "app.log").write_text('{"id": 1}\n{"x": 2}\n')
    (tmp_path / "logs" / "notes.txt").write_text("not a log\n")
    (tmp_path / "logs" / "old" / "a.log").write_text('{"id": 1}\n')  # logs/*.log: not below
    (tmp_path / "README.md").write_text("# demo\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _run(**fields: object) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(Options(jobs=1, no_warnings=True, **fields), out=out, err=err)  # type: ignore[arg-type]
    return code, out.getvalue(), err.getvalue()


def test_a_folder_reaches_the_files_a_check_matches(repo: Path) -> None:
    (repo / "payloads" / "a.json").write_text("{")
    code, out, err = _run()
    assert (code, err) == (3, "")
    assert BAD_LOG in out
    (repo / "payloads" / "a.json").unlink()
    for folder, shown, skipped in [
        ("logs", "logs/app.log", ""),
        ("logs/", "logs/app.log", ""),
        (".", "./logs/app.log", "1 input skipped (no check matches it)\n"),  # contracts/line.json
    ]:
        code, out, err = _run(inputs=(folder,))
        assert (code, err) == (1, "")
        by_schema, total = TOTALS.rsplit("\n", 2)[0] + "\n", TOTALS.splitlines()[-1] + "\n"
        assert out == BAD_LOG.replace("logs/app.log", shown) + by_schema + skipped + total
        assert "notes.txt" not in out and "README" not in out
    (repo / "logs" / "stray.json").write_text("{}")  # a document file that no check matches
    code, out, _ = _run(inputs=("logs",), quiet=True)
    assert out.endswith(
        "1 input skipped (no check matches it)\n2 documents: 1 valid, 1 invalid, 0 unreadable\n"
    )
    assert out.startswith("By schema:\n  line: 2 documents")


def test_a_folder_with_nothing_a_check_matches_is_a_warning(repo: Path) -> None:
    code, out, err = _run(inputs=("empty",))
    assert (code, out) == (0, "0 documents: 0 valid, 0 invalid, 0 unreadable\n")
    assert err == "casefile-validate: warning: empty: no file in it matches a check of the config\n"


def test_pre_commit_takes_the_files_named_as_a_folder_takes_them(repo: Path) -> None:
    named = ("logs/app.log", "logs/notes.txt", "README.md", ".casefile-validate.toml")
    code, out, err = _run(inputs=named, pre_commit=True)
    assert (code, out, err) == (1, BAD_LOG + TOTALS, "")
    # without a config's checks: the files named as documents, the others left alone
    code, out, err = _run(inputs=(*named, "logs/old/a.log"), pre_commit=True, no_config=True)
    assert (code, out, err) == (0, "0 documents: 0 valid, 0 invalid, 0 unreadable\n", "")
    (repo / "x.json").write_text("{")
    code, out, _ = _run(inputs=("x.json", "README.md"), pre_commit=True, no_config=True)
    assert (code, out.splitlines()[-1]) == (3, "1 document: 0 valid, 0 invalid, 1 unreadable")
    # named without --pre-commit: judged whatever their name, as always
    code, out, _ = _run(inputs=("README.md",), no_config=True, quiet=True)
    assert (code, out) == (3, "1 document: 0 valid, 0 invalid, 1 unreadable\n")
