"""Running the installed console scripts in a subprocess under limits, for the resource cases of
the hostile suite: address space (``RLIMIT_AS``, set in the child before it execs), a timeout,
and an environment given in full (nothing of the test runner's leaks in)."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

BIN = Path(sys.executable).parent
VALIDATE = BIN / "casefile-validate"
SCHEMAS = BIN / "casefile-schemas"
MEMORY = 1 << 30
"""Address space a run may use (1 GiB: a normal run needs under 300 MB)."""
TIMEOUT = 60.0


def _limits(memory: int) -> Any:
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    return apply


def run(
    args: Sequence[str | Path],
    cwd: Path,
    *,
    script: Path = VALIDATE,
    memory: int = MEMORY,
    timeout: float = TIMEOUT,
) -> subprocess.CompletedProcess[str]:
    """``script args`` in ``cwd`` under the limits; never a traceback on stderr."""
    result = subprocess.run(
        [str(script), *map(str, args)],
        cwd=cwd,
        env={"PATH": os.defpath, "HOME": str(cwd), "LANG": "C.UTF-8"},
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=_limits(memory),
    )
    assert "Traceback" not in result.stderr, result.stderr
    assert "panicked" not in result.stderr, result.stderr
    return result


def write(path: Path, value: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(value if isinstance(value, str) else json.dumps(value))
    return path
