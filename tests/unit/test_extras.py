"""The tests of the scale-out extras (tests/integration/test_dask.py, test_spark.py) skip,
saying why, where an extra cannot be imported, and fail instead under CI (``CI`` set to a true
value), where every extra is installed: a missing extra never passes CI as a silent skip."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, import_extra, under_ci


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, False),
        ("", False),
        ("false", False),
        ("0", False),
        ("No", False),
        ("off", False),
        ("true", True),
        ("1", True),
        ("yes", True),
        ("TRUE", True),
    ],
)
def test_under_ci(monkeypatch: pytest.MonkeyPatch, value: str | None, expected: bool) -> None:
    if value is not None:
        monkeypatch.setenv("CI", value)
    assert under_ci() is expected


def test_an_extra_that_imports_is_its_module() -> None:
    assert import_extra("json", "none") is sys.modules["json"]


@pytest.mark.parametrize("ci", [None, "false", "true"])
def test_an_extra_that_does_not_import_skips_or_fails_under_ci(
    monkeypatch: pytest.MonkeyPatch, ci: str | None
) -> None:
    if ci is not None:
        monkeypatch.setenv("CI", ci)
    reason = (
        "casefile_no_such_module cannot be imported (No module named 'casefile_no_such_module'): "
        "the dask extra is part of the test extra (pip install -e '.[test]')"
    )
    outcome = pytest.fail.Exception if ci == "true" else pytest.skip.Exception
    with pytest.raises(outcome) as caught:
        import_extra("casefile_no_such_module", "dask")
    said = reason + ("; under CI that is a failure, not a skip" if ci == "true" else "")
    assert caught.value.msg == said


@pytest.mark.parametrize(
    ("module", "hidden"),
    [("tests/integration/test_dask.py", "dask"), ("tests/integration/test_spark.py", "pyspark")],
)
@pytest.mark.parametrize("ci", [False, True])
def test_the_scale_out_tests_skip_a_missing_extra_but_fail_under_ci(
    tmp_path: Path, module: str, hidden: str, ci: bool
) -> None:
    """The real modules, collected by pytest with the extra's package shadowed by one that
    cannot be imported."""
    shadow = tmp_path / "shadow" / hidden
    shadow.mkdir(parents=True)
    (shadow / "__init__.py").write_text(f'raise ImportError("no {hidden} here")\n')
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "PYTHONPATH")}
    env["PYTHONPATH"] = str(tmp_path / "shadow")
    if ci:
        env["CI"] = "true"
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist", module],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    said = f"{hidden} cannot be imported (no {hidden} here)"
    if ci:
        assert result.returncode == 2, result.stdout  # an error while collecting
        assert f"ERROR {module}" in result.stdout
        assert f"{said}: the " in result.stdout
        assert "under CI that is a failure, not a skip" in result.stdout
        assert " skipped" not in result.stdout
    else:  # the module skipped whole: no test collected (exit 5), one skip saying why
        assert result.returncode == 5, result.stdout
        assert f"{said}: the " in result.stdout
        assert result.stdout.splitlines()[-1].startswith("1 skipped in ")
