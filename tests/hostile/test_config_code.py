"""Code the repository holds is never run (issue 20, item 2; docs/security-boundary.md):
``python -m validator`` imports no module of the working directory (the console script never
does)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.hostile.repository import build, tool

# --- item 2: the config runs no code; python -m validator imports nothing from the repository --

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
