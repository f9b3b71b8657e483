"""Reading the JSON-Schema-Test-Suite (draft 2020-12) for the conformance tests.

The suite stays in ``../shared/conformance`` (see ``tests/conftest.py``); nothing is copied into
the repository.  Every test of the suite is named ``"<file>::<case description>::<test
description>"``, ``<file>`` relative to ``tests/draft2020-12`` (``format.json``,
``optional/bignum.json``, ``optional/format/uuid.json``): the same names as in
:data:`tests.conformance.known_gaps.KNOWN_GAPS`, and the pytest ids.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import conformance_dir, require_suite
from validator.checking.document import check_value
from validator.checking.engine import Engine, compile_schema
from validator.contracts.catalog import Schema

SUITE = "JSON-Schema-Test-Suite"
TESTS = f"{SUITE}/tests/draft2020-12"
REMOTES = f"{SUITE}/remotes"
REMOTE_BASE = "http://localhost:1234/"

# The remotes of the draft after 2020-12 ("$schema": "https://json-schema.org/v1"): no
# draft 2020-12 test refers to them, and neither engine knows that dialect (jsonschema_rs refuses
# to build a registry holding them, so every schema would fail to compile).
FOREIGN_REMOTES = ("v1/",)

KINDS = ("required", "optional", "format")

ANNOTATION_ONLY = "is only an annotation by default"


@dataclass(frozen=True)
class SuiteTest:
    """One test of the suite, with the case it belongs to."""

    kind: str  # required | optional | format
    file: str
    case_index: int
    case: str
    description: str
    schema: Any
    data: Any
    valid: bool

    @property
    def key(self) -> str:
        return f"{self.file}::{self.case}::{self.description}"

    @property
    def expected(self) -> bool:
        """The verdict the toolkit must give.

        The suite's required ``format.json`` holds tests named "invalid X string is only an
        annotation by default", which expect ``valid`` because, by default, ``format`` does not
        assert.  The toolkit asserts formats by design (the contracts use ``format: uuid`` to
        mean it): there the toolkit must say invalid, as the suite's own format-assertion tests
        (``optional/format/*.json``) expect for the same strings.  (It asserts the formats its
        reference has a checker for: ``iri`` and ``iri-reference`` are listed gaps.)
        """
        if self.file == "format.json" and self.description.endswith(ANNOTATION_ONLY):
            return False
        return self.valid


def _kind(relative: str) -> str:
    if relative.startswith("optional/format/"):
        return "format"
    return "optional" if relative.startswith("optional/") else "required"


def _files(root: Path) -> list[Path]:
    return [
        *sorted(root.glob("*.json")),
        *sorted((root / "optional").glob("*.json")),
        *sorted((root / "optional" / "format").glob("*.json")),
    ]


@dataclass(frozen=True)
class SuiteCase:
    """One case of the suite: a schema and its tests."""

    kind: str
    file: str
    index: int
    description: str
    tests: tuple[SuiteTest, ...]

    @property
    def key(self) -> str:
        return f"{self.file}::{self.description}"

    @property
    def id(self) -> str:
        """The pytest id: unique even where two cases of a file share a description."""
        return f"{self.kind}:{self.file}::{self.index}:{self.description}"


def load_cases() -> list[SuiteCase]:
    """Every case of the draft 2020-12 suite, in file order (empty when it is not there)."""
    cases: dict[tuple[str, int], list[SuiteTest]] = {}
    for test in load_tests():
        cases.setdefault((test.file, test.case_index), []).append(test)
    return [
        SuiteCase(tests[0].kind, file, index, tests[0].case, tuple(tests))
        for (file, index), tests in cases.items()
    ]


def load_tests() -> list[SuiteTest]:
    """Every test of the draft 2020-12 suite (empty when the suite is not there)."""
    root = conformance_dir() / TESTS
    if not root.is_dir():
        return []
    found = []
    for path in _files(root):
        relative = path.relative_to(root).as_posix()
        for index, case in enumerate(json.loads(path.read_text(encoding="utf-8"))):
            for test in case["tests"]:
                found.append(
                    SuiteTest(
                        _kind(relative),
                        relative,
                        index,
                        case["description"],
                        test["description"],
                        case["schema"],
                        test["data"],
                        test["valid"],
                    )
                )
    return found


def remote_files() -> Iterator[tuple[str, Path]]:
    """(URI, path) of every remote the draft 2020-12 tests may reach, under the URI they use."""
    root = conformance_dir() / REMOTES
    for path in sorted(root.rglob("*.json")):
        relative = path.relative_to(root).as_posix()
        if not relative.startswith(FOREIGN_REMOTES):
            yield REMOTE_BASE + relative, path


_REMOTES: dict[str, Any] = {}


def remotes() -> dict[str, Any]:
    """URI -> contents of the remotes, read from disk once (never fetched)."""
    if not _REMOTES:
        for uri, path in remote_files():
            _REMOTES[uri] = json.loads(path.read_text(encoding="utf-8"))
    return _REMOTES


def schema_of(test: SuiteTest) -> Schema:
    """The case's schema as the toolkit holds it, with every remote as a resource."""
    contents = test.schema
    declared = contents.get("$id") if isinstance(contents, dict) else None
    if isinstance(declared, str):
        uri = declared
    else:  # no base URI of its own: a unique one, resolvable against nothing else
        uri = f"urn:casefile-conformance:{test.file}:{test.case_index}"
    return Schema(test.file, uri, contents, remotes())


_ENGINES: dict[tuple[str, bool, str, int], Engine] = {}


def engine_for(
    test: SuiteTest | SuiteCase, engine: str = "fast", *, cross_check: bool = False
) -> Engine:
    """The case's compiled schema: compiled once per case and engine, shared by its tests."""
    if isinstance(test, SuiteCase):
        test = test.tests[0]
    key = (engine, cross_check, test.file, test.case_index)
    if key not in _ENGINES:
        _ENGINES[key] = compile_schema(schema_of(test), engine=engine, cross_check=cross_check)
    return _ENGINES[key]


Verdict = bool | str
"""What an engine says about a document: a verdict, or ``"error: ..."`` when it raised."""


def verdict(compiled: Engine, data: Any) -> Verdict:
    """``Engine.is_valid``, with an exception turned into a describable outcome."""
    try:
        return compiled.is_valid(data)
    except Exception as exc:  # a crash is an outcome to report, not a verdict
        return f"error: {type(exc).__name__}: {exc}"


def check_verdict(compiled: Engine, data: Any) -> tuple[Verdict, tuple[str, ...]]:
    """``check_value(...).valid`` and the keywords of its problems (or ``"error: ..."``)."""
    try:
        result = check_value(compiled, data)
    except Exception as exc:
        return f"error: {type(exc).__name__}: {exc}", ()
    if not result.valid and not result.problems:
        return "error: invalid without any problem", ()
    return result.valid, tuple(p.keyword for p in result.problems)


def require_tests() -> None:
    """Skip (or fail under ``CASEFILE_REQUIRE_CONFORMANCE=1``) when the suite is missing."""
    require_suite(TESTS)
    require_suite(REMOTES)


MISSING = pytest.param(None, id="suite-missing")
"""The one parameter of a suite test when the suite is not there: the test then skips."""
