"""bench/goal9_real_logs.py's warnings loop, the reference row beside the 50% rows: on the
workloads it runs on, it writes exactly the warning lines ``casefile-validate`` writes (the same
members found, at the same line:column), so that its time is what such a report costs at least."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CLI = Path(sys.executable).parent / "casefile-validate"


@pytest.mark.parametrize("spaced", [False, True], ids=["compact", "json.dumps"])
def test_the_warnings_loop_writes_what_the_tool_writes(tmp_path: Path, spaced: bool) -> None:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    goal9 = importlib.import_module("bench.goal9_real_logs")
    real_logs = importlib.import_module("bench.real_logs")
    schema = ROOT / "schemas" / "AddSessionToCasefileResponse.json"
    closed = real_logs.closed_copy(schema, tmp_path / "closed.json")
    logs = real_logs.make_lines(tmp_path / "logs.jsonl", 400, 50, spaced, 7)
    env = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path)}
    loop = subprocess.run(
        [sys.executable, "-c", goal9.TOY_WARNINGS, str(schema), str(closed), logs.name],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        check=True,
    )
    ours = subprocess.run(
        [str(CLI), "--no-config", "--schema", str(schema), logs.name],
        cwd=tmp_path,
        env=env,
        capture_output=True,
    )
    assert ours.returncode == 0, ours.stderr
    *warned, summary = loop.stdout.decode().splitlines()
    *reported, verdict = ours.stdout.decode().splitlines()
    assert summary == "400 400 0"
    assert verdict == f"400 documents: 400 valid, 0 invalid, 0 unreadable; {len(warned)} warnings"
    assert 150 < len(warned) < 250  # about half of them warn
    assert warned == reported
