"""The official JSON-Schema-Test-Suite (draft 2020-12) through the toolkit's own library path.

Each case's schema becomes a :class:`validator.contracts.catalog.Schema` whose resources are the
suite's remotes (read from disk under ``http://localhost:1234/...``, never fetched), compiled once
per case and engine with :func:`validator.checking.engine.compile_schema`; each of the case's tests
checks the verdict of ``Engine.is_valid`` and of ``check_value(...).valid``.  One pytest test per
case and engine (ids ``engine:kind:file::index:case description``); a failure lists the suite tests
that failed, by name.

Every test passes or is listed in ``known_gaps.KNOWN_GAPS``; a listed test must still fail
(strict), so the list stays honest.  The fast engine's only gaps are the format gaps it shares
with the reference by design.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.conformance import _suite
from tests.conformance.known_gaps import KNOWN_GAPS, inherited
from tests.conftest import conformance_dir
from validator.checking.engine import ENGINES

CASES = _suite.load_cases()
TESTS = [test for case in CASES for test in case.tests]
BY_KEY = {test.key: test for test in TESTS}


def _params() -> list[Any]:
    if not CASES:
        return [pytest.param("fast", None, id="suite-missing")]
    return [
        pytest.param(engine, case, id=f"{engine}:{case.id}") for engine in ENGINES for case in CASES
    ]


def outcomes(engine: str, case: _suite.SuiteCase) -> dict[str, tuple[bool, str]]:
    """Suite test name -> (the toolkit got it right, what it said)."""
    compiled = _suite.engine_for(case, engine)
    found = {}
    for test in case.tests:
        fast_verdict = _suite.verdict(compiled, test.data)
        checked, _ = _suite.check_verdict(compiled, test.data)
        right = fast_verdict is test.expected and checked is test.expected
        said = f"expected {test.expected}, is_valid -> {fast_verdict}, check_value -> {checked}"
        found[test.key] = (right, said)
    return found


@pytest.mark.parametrize(("engine", "case"), _params())
def test_case(engine: str, case: _suite.SuiteCase | None) -> None:
    _suite.require_tests()
    assert case is not None
    wrong, stale = [], []
    for key, (right, said) in outcomes(engine, case).items():
        gap = KNOWN_GAPS.get(key, {}).get(engine)
        if gap is None and not right:
            wrong.append(f"{key}: {said}")
        elif gap is not None and right:
            stale.append(f"{key}: now passes; remove it from KNOWN_GAPS")
    assert not wrong + stale, "\n".join(wrong + stale)


def _in_the_files() -> tuple[dict[str, int], int]:
    """The tests of each kind and the cases that the suite's files hold, every JSON file below
    ``tests/draft2020-12`` counted, read here on their own (not through ``_suite``)."""
    root = conformance_dir() / _suite.TESTS
    tests = dict.fromkeys(_suite.KINDS, 0)
    cases = 0
    for path in sorted(root.rglob("*.json")):
        relative = path.relative_to(root).as_posix()
        kind = (
            "format"
            if relative.startswith("optional/format/")
            else "optional"
            if relative.startswith("optional/")
            else "required"
        )
        held = json.loads(path.read_text(encoding="utf-8"))
        cases += len(held)
        tests[kind] += sum(len(case["tests"]) for case in held)
    return tests, cases


def test_suite_is_complete() -> None:
    """Every test of the suite's files is run, in its kind, once per case it belongs to (none
    dropped, whatever the suite's version holds); every known gap names a test that exists; the
    fast engine has no gap of its own, only the format and annotation gaps it shares with the
    reference by design."""
    _suite.require_tests()
    counts = {kind: sum(t.kind == kind for t in TESTS) for kind in _suite.KINDS}
    held, cases = _in_the_files()
    assert counts == held
    assert all(counts.values()), counts
    assert len(CASES) == cases
    assert len(BY_KEY) == len(TESTS), "test names must be unique"
    stale = sorted(set(KNOWN_GAPS) - set(BY_KEY))
    assert not stale, f"KNOWN_GAPS lists tests the suite does not have: {stale}"
    for key, gaps in KNOWN_GAPS.items():
        assert gaps and set(gaps) <= set(ENGINES), key
        if "fast" in gaps:
            assert gaps == inherited(gaps["reference"]), f"a fast gap must be inherited: {key}"
            schema = BY_KEY[key].schema
            shared = ("format", "dependencies")  # asserted alike (annotations.py, formats.py)
            assert isinstance(schema, dict) and any(k in schema for k in shared), (
                f"not a format or annotation test: {key}"
            )


def test_format_assertion_policy_flips_only_the_annotation_tests() -> None:
    """The toolkit asserts formats: of the required tests, exactly the "only an annotation"
    ones, one per format of format.json (an invalid string the suite calls valid), expect the
    opposite of what the suite says, and nothing else does."""
    _suite.require_tests()
    flipped = [t for t in TESTS if t.expected is not t.valid]
    formats = [case for case in CASES if case.file == "format.json"]
    assert formats
    assert [(t.file, t.case_index) for t in flipped] == [
        (case.file, case.index) for case in formats
    ]
    assert all(t.valid and t.description.endswith(_suite.ANNOTATION_ONLY) for t in flipped)
    assert all(isinstance(t.data, str) for t in flipped)


def test_remotes_come_from_disk() -> None:
    _suite.require_tests()
    remotes = _suite.remotes()
    assert len(remotes) >= 60
    assert all(uri.startswith(_suite.REMOTE_BASE) for uri in remotes)
    assert "http://localhost:1234/draft2020-12/subSchemas.json" in remotes
    assert not any(uri.startswith(_suite.REMOTE_BASE + "v1/") for uri in remotes)
