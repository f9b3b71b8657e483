"""The suite's output-format cases (draft 2020-12, "basic" format) against the toolkit's output.

For each test of ``output-tests/draft2020-12/content/*.json`` the case's schema is compiled by
the toolkit, the data checked with ``check_value``, and the result rendered by
:func:`validator.report.json.basic_output`.  That unit must satisfy the test's ``basic`` output
schema (which ``$ref``\\ s the suite's ``output-schema.json``, held in a local registry: nothing is
fetched), and also, strictly, the output schema's ``#/$defs/basic`` (every unit has ``valid``,
``keywordLocation`` and ``instanceLocation``) -- the suite's root schema alone would let any
object with a boolean ``valid`` pass through its ``flag`` branch.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from tests.conftest import EXAMPLES, conformance_dir, require_suite
from validator.checking.document import check_raw, check_value
from validator.checking.engine import compile_schema
from validator.contracts.catalog import Schema, load_schema
from validator.report.json import basic_output

OUTPUT = "JSON-Schema-Test-Suite/output-tests/draft2020-12"
FORMAT = "basic"
STRICT_BASIC = {"$ref": "https://json-schema.org/draft/2020-12/output/schema#/$defs/basic"}

OUTPUT_GAPS: dict[str, str] = {
    "readOnly.json::readOnly generates its value as an annotation::readOnly is true": (
        "the toolkit collects no annotations: a valid document's unit has no 'annotations'"
    ),
}
"""Output tests the toolkit is known to fail (strict: one that passes fails the test)."""

_POINTER = re.compile(r"(/([^~/]|~[01])*)*")


def _cases() -> list[Any]:
    folder = conformance_dir() / OUTPUT / "content"
    params = []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        for case in json.loads(path.read_text(encoding="utf-8")):
            for test in case["tests"]:
                if FORMAT in test["output"]:
                    name = f"{path.name}::{case['description']}::{test['description']}"
                    params.append(pytest.param(name, case["schema"], test, id=name))
    return params or [pytest.param(None, None, None, id="suite-missing")]


def _registry() -> Registry[Any]:
    folder = require_suite(OUTPUT)
    contents = json.loads((folder / "output-schema.json").read_text(encoding="utf-8"))
    return Registry().with_resource(contents["$id"], Resource.from_contents(contents))


def _problems(schema: Any, unit: Any) -> list[str]:
    validator = Draft202012Validator(
        schema, registry=_registry(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    return [
        f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}"
        for e in validator.iter_errors(unit)
    ]


def _well_formed(unit: dict[str, Any]) -> list[str]:
    """The formats the output schema names (json-pointer, uri), which jsonschema does not check
    without optional packages."""
    wrong = []
    for each in [unit, *unit.get("errors", [])]:
        for field in ("keywordLocation", "instanceLocation"):
            if not _POINTER.fullmatch(each[field]):
                wrong.append(f"{field} {each[field]!r} is not a JSON Pointer")
        absolute = each.get("absoluteKeywordLocation")
        if absolute is not None and not urlsplit(absolute).scheme:
            wrong.append(f"absoluteKeywordLocation {absolute!r} is not an absolute URI")
    return wrong


@pytest.mark.parametrize(("name", "schema", "test"), _cases())
def test_basic_output(name: str | None, schema: Any, test: dict[str, Any] | None) -> None:
    require_suite(OUTPUT)
    assert name is not None and test is not None
    engine = compile_schema(Schema(name, schema["$id"], schema, {}))
    unit = basic_output(check_value(engine, test["data"]))
    wrong = _problems(test["output"][FORMAT], unit) + _problems(STRICT_BASIC, unit)
    wrong += _well_formed(unit)
    if name in OUTPUT_GAPS:
        assert wrong, f"{name} now passes: remove it from OUTPUT_GAPS"
        return
    assert not wrong, f"{json.dumps(unit)}\n" + "\n".join(wrong)


def test_output_cases_are_all_there() -> None:
    require_suite(OUTPUT)
    names = [p.values[0] for p in _cases()]
    assert len(names) == 4
    assert set(OUTPUT_GAPS) <= set(names)


@pytest.mark.parametrize("engine", ["fast", "reference"])
@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.glob("*.json")))
def test_bundled_contract_output_is_strict_basic(engine: str, example: str) -> None:
    """The real contract's output through ``$ref``: units whose keywordLocation passes a
    ``$ref`` must carry absoluteKeywordLocation."""
    require_suite(OUTPUT)
    compiled = compile_schema(load_schema(), engine=engine)
    raw = Path(EXAMPLES / example).read_bytes()
    unit = basic_output(check_raw(compiled, raw, source=example))
    wrong = _problems(STRICT_BASIC, unit) + _well_formed(unit)
    assert not wrong, f"{json.dumps(unit)}\n" + "\n".join(wrong)
    assert ("errors" in unit) is (not unit["valid"])


def test_reference_keyword_locations_follow_ref() -> None:
    # jsonschema leaves '$ref' out of an error's schema path: validator.checking.ref_paths puts
    # it back, so both engines say /properties/status/$ref/enum
    raw = (EXAMPLES / "invalid_status_and_types.json").read_bytes()
    locations = {
        engine: [
            p.keyword_location
            for p in check_raw(
                compile_schema(load_schema(), engine=engine), raw, source="x"
            ).problems
        ]
        for engine in ("fast", "reference")
    }
    assert "/properties/status/$ref/enum" in locations["fast"]
    assert locations["reference"] == locations["fast"]


def test_one_pass_wording_equals_message_and_shape_on_the_suite() -> None:
    # describe_with_shape words a problem once for its message and its shape: on every failure
    # of every invalid instance of the suite, both engines, that it words in one pass, it must
    # equal the two wordings.  (The others it words by calling describe() twice: comparing them
    # would compare describe() with itself; tests/unit/checking/test_messages.py holds their exact
    # text.)
    from tests.conformance import _suite
    from validator.checking.messages import describe, describe_with_shape, one_pass

    _suite.require_tests()
    compared: set[str] = set()
    for case in _suite.load_cases():
        for engine in ("fast", "reference"):
            try:
                compiled = _suite.engine_for(case, engine)
            except Exception:  # a schema an engine refuses: nothing to word
                continue
            for test in case.tests:
                try:
                    findings = compiled.findings(test.data)
                except Exception:
                    continue
                for finding in findings:
                    if not one_pass(finding.failure):
                        continue
                    for redact in (False, True):
                        expected = (
                            describe(finding.failure, redact=redact),
                            describe(finding.failure, redact=redact, shape=True),
                        )
                        assert describe_with_shape(finding.failure, redact=redact) == expected
                        compared.add(expected[0])
    # distinct messages (fewer since issue 21: a member not allowed is worded twice, its name
    # in the message only, and a null is "got null" whatever the keyword)
    assert len(compared) > 950, len(compared)
