"""A hostile repository gets no workflow command and no terminal escape out of the tool.

The repository is built by the test: document keys and values, file and folder names, a schema
(its name, its unknown keywords) and a config that hold forged workflow commands (``::error``
after a newline, ``##[add-mask]``, ``##[stop-commands]``), terminal escapes (clear screen, set the
clipboard) and bidirectional overrides.  The installed ``casefile-validate`` (and
``casefile-schemas``) runs on it in every format, to stdout and to report files, and everything
it writes, stdout and stderr alike, is read as the Actions runner reads it
(:mod:`tests.hostile.workflow_commands`): the only commands are the tool's own annotations, on
files that exist; and no ESC, BEL, other control character or bidi override is written raw.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile.workflow_commands import Command, read_commands
from validator.report.registry import REPORTERS

BIN = Path(sys.executable).parent
FORMATS = list(REPORTERS)
FORGED = "::error file=README.md::forged"
RAW = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]"
)
"""What must never be written raw: controls (tab and line ends aside), bidi and zero-width
characters."""

KEYS = {
    f"\n{FORGED}-key": 1,
    "\x1b[2J\x1b[H": 2,
    "##[stop-commands]pause-key": 3,
    "\u202eevil": 4,
}
VALUES = {
    "status": f"##[add-mask]secret-value\n{FORGED}-value",
    "note": "\x1b]52;c;Y2xpcA==\x07 www.evil-login.example/reset \u202eexe.txt",
}
NAMES = [
    f"name\n{FORGED}-name.json",
    "\x1b[31mred\u202eevil.json",
    "##[add-mask]masked.json",
    "  ::warning::lead.json",
]
SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "properties": {"status": {"enum": ["ok"]}, "note": {"type": "integer"}},
    "##[stop-commands]pause-lint": True,
    "\u202e::error": True,
}
CONFIG = """\
[tool.casefile-validate]
[[tool.casefile-validate.checks]]
files = ["payloads/**/*.json"]
schema = "schemas/api.json"
[[tool.casefile-validate.checks]]
files = ["other/*.json"]
schema = "::error file=README.md::forged-schema.json"
"""


def _write(path: Path, value: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value), encoding="utf-8")


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile") / "repo"
    root.mkdir()
    (root / "README.md").write_text("# the file forged annotations point at\n")
    (root / "pyproject.toml").write_text(CONFIG)
    _write(root / "schemas" / "api.json", SCHEMA)
    _write(root / "::error file=README.md::forged-schema.json", {"properties": {"n": {}}})
    _write(root / "payloads" / "hostile.json", {**VALUES, **KEYS})
    for name in NAMES:
        _write(root / "payloads" / name, {"status": f"{name}\n##[add-mask]x"})
    _write(root / "payloads" / f"dir\n{FORGED}-dir" / "a.json", {"status": "bad"})
    loop = root / "payloads" / f"loop\n{FORGED}-loop"
    loop.mkdir()
    os.symlink("..", loop / "self")  # a link back: the walk skips it, saying so on stderr
    _write(root / "other" / "x.json", {"n": f"\n{FORGED}-other"})
    return root


def run(
    cwd: Path, *args: str, program: str = "casefile-validate"
) -> subprocess.CompletedProcess[bytes]:
    env = {"PATH": os.environ["PATH"], "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "HOME": str(cwd)}
    return subprocess.run(
        [str(BIN / program), *args], cwd=cwd, env=env, capture_output=True, timeout=120
    )


def _clean(output: bytes, where: str) -> list[Command]:
    """The commands in one stream, once it is known to hold nothing raw it must not."""
    text = output.decode("utf-8", "replace")
    raw = sorted({f"U+{ord(c):04X}" for c in RAW.findall(text)})
    assert raw == [], f"{where}: raw {raw}"
    return read_commands(output)


def _annotated(repo: Path) -> set[str]:
    """The ``file=`` values the tool may give: the repository's files, exactly, or for a name
    holding characters a log must not get raw, the name with those shown as escapes."""
    files = set()
    for folder, _, names in os.walk(repo):
        for name in names:
            path = os.path.relpath(os.path.join(folder, name), repo)
            files.update((path, _escaped(path)))
    return files


def _escaped(path: str) -> str:
    """``path`` with the characters a log must not get raw as Python escapes them."""
    return RAW.sub(lambda m: m.group().encode("unicode_escape").decode(), path)


def _ours(commands: list[Command], repo: Path, where: str) -> None:
    """Only the github report's own annotations: error and warning on files that exist, and the
    closing notice."""
    assert commands, f"{where}: the github report's annotations are missing"
    for command in commands:
        assert command.name in ("error", "warning", "notice"), f"{where}: {command}"
        if command.name == "notice":
            assert command.get("file") is None and command.get("title") == "casefile-validate"
            continue
        assert command.get("file") in _annotated(repo), f"{where}: {command}"
    assert commands[-1].name == "notice", f"{where}: the closing notice is missing"


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    "inputs", [(), ("--schema", "schemas/api.json", "payloads")], ids=["config", "folder"]
)
def test_no_forged_command_in_any_format(repo: Path, fmt: str, inputs: tuple[str, ...]) -> None:
    done = run(repo, "--format", fmt, *inputs)
    assert done.returncode == 1, done.stderr
    stdout = _clean(done.stdout, f"{fmt} stdout")
    stderr = _clean(done.stderr, f"{fmt} stderr")
    assert stderr == []
    if fmt == "github":
        _ours(stdout, repo, "github stdout")
    else:
        assert stdout == []
    assert b"skipped" in done.stderr or not inputs  # the loop notice, with its folder's name


def test_the_annotations_are_the_problems_of_the_json_report(repo: Path) -> None:
    """The github report annotates exactly what the json report lists, each on its file."""
    github = read_commands(run(repo, "--format", "github").stdout)
    report = json.loads(run(repo, "--format", "json").stdout)
    expected = sorted(
        (level, _escaped(document["source"]))
        for document in report["documents"]
        for level, key in (("error", "errors"), ("warning", "warnings"))
        for _ in document.get(key) or ()
    )
    shown = sorted((c.name, c.get("file")) for c in github if c.name != "notice")
    assert shown == expected
    assert {source for _, source in expected} >= {f"payloads/{NAMES[0]}", "payloads/hostile.json"}


def test_no_forged_command_in_report_files(repo: Path, tmp_path: Path) -> None:
    reports = [f"--report={fmt}:{tmp_path / f'report.{fmt}'}" for fmt in FORMATS]
    done = run(repo, "--format", "github", *reports)
    assert done.returncode == 1, done.stderr
    _ours(_clean(done.stdout, "stdout"), repo, "stdout")
    assert _clean(done.stderr, "stderr") == []
    for fmt in FORMATS:
        commands = _clean((tmp_path / f"report.{fmt}").read_bytes(), f"{fmt} report file")
        if fmt == "github":
            _ours(commands, repo, "github report file")
        else:
            assert commands == [], fmt


def test_a_config_key_with_a_newline_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.casefile-validate]\n"\\n{FORGED}-config\\u001b[2J" = 1\n'
    )
    done = run(tmp_path)
    assert done.returncode == 2
    assert done.stdout == b""
    assert _clean(done.stderr, "stderr") == []
    (line,) = done.stderr.decode().splitlines()
    assert line.startswith("casefile-validate: config error: ")
    assert f'unknown key "\\n{FORGED}-config\\x1b[2J"' in line


def test_a_missing_schema_named_like_a_command_is_one_line(tmp_path: Path) -> None:
    _write(tmp_path / "a.json", {})
    done = run(tmp_path, "--schema", f"\n{FORGED}\x1b[2J.json", "a.json")
    assert done.returncode == 2
    assert _clean(done.stderr, "stderr") == []
    assert len(done.stderr.decode().splitlines()) == 1


def test_casefile_schemas_prints_names_as_text(repo: Path) -> None:
    done = run(repo, "list", "--dir", ".", program="casefile-schemas")
    assert done.returncode == 0
    assert _clean(done.stdout, "stdout") == [] and _clean(done.stderr, "stderr") == []
    assert ":\\:error file=README.md::forged-schema" in done.stdout.decode().splitlines()


def test_show_schema_keeps_the_schema_exact(repo: Path) -> None:
    done = run(repo, "--show-schema", "--schema", "schemas/api.json")
    assert done.returncode == 0
    assert _clean(done.stdout, "stdout") == []
    assert json.loads(done.stdout) == SCHEMA
