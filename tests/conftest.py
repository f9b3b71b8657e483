"""Shared test fixtures: where the public conformance suites are, and the bundled schema."""

from __future__ import annotations

import importlib
import os
import warnings
from pathlib import Path
from types import ModuleType

import pytest

with warnings.catch_warnings():
    # Importing hypothesis runs its entry points, and trio's registers a Random that hypothesis
    # warns about: imported here, before filterwarnings = error applies, so that a run of tests
    # none of which imports hypothesis does not fail at its end (hypothesis's pytest plugin
    # imports it for the summary).
    warnings.simplefilter("ignore")
    import hypothesis  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def conformance_dir() -> Path:
    """``$CASEFILE_CONFORMANCE_DIR``, else ``../shared/conformance`` beside the checkout."""
    configured = os.environ.get("CASEFILE_CONFORMANCE_DIR")
    return Path(configured) if configured else ROOT.parent / "shared" / "conformance"


def require_suite(relative: str) -> Path:
    """The path of a suite folder, or skip with the reason (fail instead when
    ``CASEFILE_REQUIRE_CONFORMANCE=1``, as in ``.ci/run``)."""
    path = conformance_dir() / relative
    if not path.is_dir():
        reason = (
            f"conformance suite not found at {path}; set CASEFILE_CONFORMANCE_DIR to the folder "
            "holding JSONTestSuite/ and JSON-Schema-Test-Suite/"
        )
        if os.environ.get("CASEFILE_REQUIRE_CONFORMANCE") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return path


def under_ci() -> bool:
    """Whether the run is CI's: ``CI`` set to a true value (``true``, ``1``, ...; not empty, not
    ``false``/``0``/``no``/``off``).  Read where tests are collected, before the fixture below
    clears it for each test."""
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no", "off")


def import_extra(name: str, extra: str) -> ModuleType:
    """The module ``name`` of an optional extra (``dask``, ``spark``: both part of the test
    extra), imported; else skip the module that needs it, saying why, or fail it under CI,
    where every extra is installed (as a missing browser fails the browser tests)."""
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        reason = (
            f"{name} cannot be imported ({exc}): the {extra} extra is part of the test extra "
            "(pip install -e '.[test]')"
        )
        if under_ci():
            pytest.fail(f"{reason}; under CI that is a failure, not a skip", pytrace=False)
        pytest.skip(reason, allow_module_level=True)


def seed_file() -> Path:
    """The documentation seed of the first contract (kept in ../shared, never copied)."""
    configured = os.environ.get("CASEFILE_SEED_FILE")
    return (
        Path(configured)
        if configured
        else ROOT.parent / "shared" / "seeds" / "000_a78bf01bd43d9e94.txt"
    )


ENVIRONMENT = (
    "NO_COLOR",
    "FORCE_COLOR",
    "CLICOLOR",
    "CLICOLOR_FORCE",
    "CI",
    "GITHUB_ACTIONS",
    "GITHUB_STEP_SUMMARY",
    "GITHUB_WORKSPACE",
    "GITLAB_CI",
    "TERM",
    "COLUMNS",
    "LINES",
)
"""What the tool (or click, for help and colour) reads from the environment: cleared for every
test, so that the user's shell or the CI runner never changes a result.  A test that needs one
sets it itself (``monkeypatch.setenv``, or the ``env`` of a subprocess)."""


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


@pytest.fixture
def forked_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    """``--jobs`` workers started by fork, whatever threads earlier tests in this process left
    running (a Dask client's, Spark's gateway): a test that patches what workers run (a worker
    that dies) needs the workers to inherit the patch, which only fork gives them."""
    import threading

    monkeypatch.setattr(threading, "active_count", lambda: 1)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """List the examples of the docs that are marked not to be run (tests/unit/test_readme.py),
    at the end of any run that included their tests: never skipped in silence."""
    ran = [
        report
        for reports in terminalreporter.stats.values()
        for report in reports
        if "test_readme.py::test_marked_not_run" in getattr(report, "nodeid", "")
        and getattr(report, "when", "call") == "call"
    ]
    if not ran:
        return
    from tests.unit.doc_examples import all_blocks

    marked = [block for block in all_blocks() if block.not_run is not None]
    terminalreporter.section(f"examples of the docs not run here ({len(marked)})")
    for block in marked:
        terminalreporter.write_line(f"{block.where} ({block.language}): {block.not_run}")
