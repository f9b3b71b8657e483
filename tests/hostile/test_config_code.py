"""Code the repository holds is never run (issue 20, item 2; docs/security-boundary.md): a
config's ``py:`` schema is refused unless the command line says ``--allow-config-code``, and
``python -m validator`` imports no module of the working directory (the console script never
does)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.hostile.repository import build, tool

# --- item 2: the config runs no code; python -m validator imports nothing from the repository --

EVIL = """\
import pathlib
pathlib.Path({marker!r}).write_text("ran")
from pydantic import BaseModel
class M(BaseModel):
    x: int
"""


def test_a_py_schema_from_the_config_is_refused_unless_the_command_line_allows_it(
    tmp_path: Path,
) -> None:
    repo, _ = build(tmp_path)
    marker = tmp_path / "ran"
    (repo / "evil.py").write_text(EVIL.format(marker=str(marker)))
    (repo / ".casefile-validate.toml").write_text(
        '[[checks]]\nfiles = ["payloads/ok.json"]\nschema = "py:evil:M"\n'
    )
    refused = tool(cwd=repo)
    assert (refused.returncode, refused.stdout) == (2, b"")
    assert refused.stderr.decode() == (
        'casefile-validate: config error: .casefile-validate.toml:3:1: check 1: "schema" '
        "'py:evil:M' would import Python code from the repository (code execution): refused; "
        "give --allow-config-code on the command line to allow it (in a pre-commit hook: "
        "args: [--allow-config-code])\n"
    )
    assert not marker.exists()
    allowed = tool("--allow-config-code", cwd=repo)
    assert marker.read_text() == "ran"
    assert allowed.returncode == 1  # ok.json is not an M
    # --schema py:... on the command line is the job's own choice
    marker.unlink()
    assert tool("--schema", "py:evil:M", "payloads/ok.json", cwd=repo).returncode == 1
    assert marker.exists()


PLANTED = """\
import pathlib
pathlib.Path({marker!r}).write_text("imported")
raise ImportError("planted")
"""


@pytest.mark.parametrize("name", ["orjson", "typing", "enum", "re", "__future__"])
def test_python_m_validator_imports_no_module_of_the_working_directory(
    tmp_path: Path, name: str
) -> None:
    repo, _ = build(tmp_path)
    marker = tmp_path / "imported"
    (repo / f"{name}.py").write_text(PLANTED.format(marker=str(marker)))
    for program in ([sys.executable, "-m", "validator"], None):  # and the console script
        result = tool("payloads/ok.json", cwd=repo, program=program)
        assert (result.returncode, result.stderr) == (0, b"")
        assert result.stdout == b"1 document: 1 valid, 0 invalid, 0 unreadable\n"
        assert not marker.exists()
