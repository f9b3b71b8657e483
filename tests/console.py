"""The installed console scripts, run as a user runs them: in a folder, with an environment
given in full (nothing of the test runner's, such as ``NO_COLOR``, ``CI`` or ``GITHUB_*``,
leaks in)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

BIN = Path(sys.executable).parent
VALIDATE = BIN / "casefile-validate"
SCHEMAS = BIN / "casefile-schemas"


def run_script(
    cwd: Path, *args: str, script: Path = VALIDATE, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """``script args`` in ``cwd``, its output captured as text."""
    return subprocess.run(
        [str(script), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={"PATH": os.defpath, "HOME": str(cwd), "LANG": "C.UTF-8"},
        timeout=timeout,
    )
