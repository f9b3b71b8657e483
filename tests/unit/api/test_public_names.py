"""Every public name importable from its documented place, whatever the wings inside are called:
``from validator import ...`` (the Python API), ``validator.api``, ``validator.dask``,
``validator.spark``, ``python -m validator`` and the console scripts named in pyproject.toml."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[3]

DOCUMENTED = {
    "validator.dask": ("BAG_SOURCE", "run_on_dask", "summary", "validate_bag", "validate_files"),
    "validator.testing": ("assert_response", "response_parts"),
    "validator.spark": (
        "COLUMN_SOURCE",
        "ERRORS_DDL",
        "RECORDS_DDL",
        "validate_column",
        "validate_json_lines",
    ),
}
"""The names docs/ shows imported from the scale-out faces (the Python API's are
``validator.api.__all__``, below)."""


@pytest.mark.parametrize("module", sorted(DOCUMENTED))
def test_each_documented_name_imports_from_its_place(module: str) -> None:
    imported = importlib.import_module(module)
    missing = [name for name in DOCUMENTED[module] if not hasattr(imported, name)]
    assert missing == []
    assert set(DOCUMENTED[module]) <= set(imported.__all__)


def test_the_package_and_its_api_module_offer_the_same_names() -> None:
    import validator
    import validator.api

    assert sorted(validator.__all__) == sorted(validator.api.__all__)
    for name in validator.api.__all__:
        assert getattr(validator, name) is getattr(validator.api, name), name


def test_every_console_script_names_a_callable() -> None:
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert set(scripts) == {"casefile-validate", "casefile-schemas"}
    for name, target in scripts.items():
        module, _, attribute = target.partition(":")
        assert callable(getattr(importlib.import_module(module), attribute)), name


@pytest.mark.parametrize("script", ["casefile-validate", "casefile-schemas"])
def test_each_installed_console_script_runs(script: str) -> None:
    path = Path(sys.executable).parent / script
    done = subprocess.run(
        [str(path), "--help"], capture_output=True, text=True, timeout=60, env={"PATH": "/bin"}
    )
    assert done.returncode == 0, done.stderr
    assert f"Usage: {script}" in done.stdout


def test_python_dash_m_validator_is_the_command(tmp_path: Path) -> None:
    valid = ROOT / "examples" / "valid_completed.json"
    done = subprocess.run(
        [sys.executable, "-m", "validator", str(valid)],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1"},
        cwd=tmp_path,  # no config found above it
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.endswith("1 document: 1 valid, 0 invalid, 0 unreadable\n")
