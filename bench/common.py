"""What every part of the benchmark shares: where things are, progress lines, quiet subprocesses,
and the environment of every measured command."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "schemas" / "AddSessionToCasefileResponse.json"
DEFAULT_WORK = ROOT / "bench" / ".work"

MB = 1024 * 1024

ENV = {**os.environ, "NO_COLOR": "1"}
"""The environment of every measured command (bytecode caches are allowed, as for any user)."""
ENV.pop("PYTHONPROFILEIMPORTTIME", None)
ENV.pop("PYTHONDONTWRITEBYTECODE", None)  # a stale cache would be compiled again on every run


def log(message: str) -> None:
    """Progress goes to stderr as plain lines: no bars, no carriage returns, fine in CI logs."""
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def run_quiet(argv: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, capture_output=True, text=True, check=False, **kwargs)


def last_lines(text: str, count: int = 4) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return " / ".join(lines[-count:]) if lines else "(no output)"
