"""Without the ``dask`` extra: ``--dask-scheduler`` is a usage error (exit 2) in one line naming the
extra and how to install it, and :mod:`validator.dask`'s functions raise a one-line ImportError.

The extra is hidden by shadow packages put first on ``PYTHONPATH`` whose import fails, as a
Python without it fails (the test extra installs it: a second venv is not needed)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).parent / "casefile-validate"
INSTALL = "pip install 'casefile-validator[dask]' (from a checkout: pip install '.[dask]')"


def _hidden(tmp_path: Path, *packages: str) -> dict[str, str]:
    """An environment whose Python cannot import ``packages``."""
    shadow = tmp_path / "shadow"
    for name in packages:
        (shadow / name).mkdir(parents=True)
        (shadow / name / "__init__.py").write_text(
            f"raise ModuleNotFoundError(\"No module named '{name}'\", name={name!r})\n"
        )
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": str(shadow)}


@pytest.mark.parametrize("packages", [("dask", "distributed"), ("distributed",)])
def test_dask_scheduler_without_the_extra_is_one_line_and_exit_2(
    tmp_path: Path, packages: tuple[str, ...]
) -> None:
    (tmp_path / "a.json").write_text("{}")
    done = subprocess.run(
        [str(SCRIPT), "--dask-scheduler", "tcp://127.0.0.1:9", "a.json"],
        cwd=tmp_path,
        env=_hidden(tmp_path, *packages),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "casefile-validate: --dask-scheduler needs the dask extra, which cannot be imported here "
        f"(No module named '{packages[0]}'): {INSTALL}\n"
    )


def test_the_dask_face_without_the_extra_raises_one_line(tmp_path: Path) -> None:
    script = (
        "import validator.dask as v\n"
        "for call in (lambda: v.validate_files('x.jsonl'), lambda: v.validate_bag([])):\n"
        "    try:\n"
        "        call()\n"
        "    except ImportError as exc:\n"
        "        print(type(exc).__name__, exc)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=tmp_path,
        env=_hidden(tmp_path, "dask"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    said = (
        "MissingExtra validator.dask needs the dask extra, which cannot be imported here "
        f"(No module named 'dask'): {INSTALL}\n"
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == said * 2
