"""Formats are asserted exactly as the reference asserts them, quick path included."""

from __future__ import annotations

import copy
import uuid

import jsonschema_rs
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

import validator
from validator.checking.engine import compile_schema
from validator.checking.formats import fast_formats, formats_used, is_uuid
from validator.contracts.catalog import from_contents, load_schema

REFERENCE = Draft202012Validator.FORMAT_CHECKER
BUILTIN = jsonschema_rs.validator_for({"format": "uuid"}, validate_formats=True)

ODD_BUT_ACCEPTED = [
    "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b-",  # uuid.UUID drops every hyphen
    "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a_b",  # int(..., 16) takes underscores
    "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4\u09e6",  # and non-ASCII digits
]


def _mutations() -> st.SearchStrategy[str]:
    def mutate(u: uuid.UUID, how: int, at: int) -> str:
        s = str(u)
        at %= len(s)
        return [
            s,
            s.upper(),
            s.replace("-", ""),
            "{" + s + "}",
            "urn:uuid:" + s,
            s + "-",
            s[:at] + "_" + s[at + 1 :],
            s[:at] + "-" + s[at:],
            s[:at] + s[at + 1 :],
            s[:at] + "\u0661" + s[at + 1 :],
        ][how]

    return st.builds(mutate, st.uuids(), st.integers(0, 9), st.integers(0, 40))


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=45), _mutations()))
def test_is_uuid_is_the_reference_check(value: str) -> None:
    assert is_uuid(value) is REFERENCE.conforms(value, "uuid")


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=45), _mutations()))
def test_the_builtin_uuid_check_accepts_nothing_the_reference_rejects(value: str) -> None:
    # The quick validator relies on this: builtin accepts => reference accepts.
    if BUILTIN.is_valid(value):
        assert REFERENCE.conforms(value, "uuid")


def test_odd_uuids_the_reference_accepts_are_valid_on_every_path() -> None:
    schema = load_schema()
    doc = {
        "status": "pending",
        "payload": {
            "casefile_id": "c",
            "session_id": "s",
            "session_type": "t",
            "total_sessions": 1,
        },
    }
    for odd in ODD_BUT_ACCEPTED:
        assert REFERENCE.conforms(odd, "uuid")
        assert not BUILTIN.is_valid(odd)
        case = {**copy.deepcopy(doc), "request_id": odd}
        assert validator.is_valid(case)
        assert validator.validate_bytes(validator_bytes(case)).valid
        assert compile_schema(schema, cross_check=True).is_valid(case)


def validator_bytes(doc: object) -> bytes:
    import json

    return json.dumps(doc, ensure_ascii=False).encode()


def test_negation_turns_the_quick_path_off() -> None:
    schema = from_contents({"not": {"format": "uuid"}})
    engine = compile_schema(schema)
    odd = ODD_BUT_ACCEPTED[0]
    assert engine.is_valid(odd) is False  # the reference calls it a uuid, so "not" fails
    assert engine.is_valid("nope") is True
    assert engine._quick is None


def test_formats_used_and_their_checks() -> None:
    assert formats_used(
        [{"properties": {"a": {"format": "date-time"}}, "items": [{"format": "uuid"}]}]
    ) == {
        "date-time",
        "uuid",
    }
    checks = fast_formats({"date-time", "no-such-format"})
    assert checks["date-time"]("2026-11-24T10:00:00Z") is True
    assert checks["date-time"]("yesterday") is False
    assert checks["no-such-format"]("anything") is True  # the reference does not assert it
    engine = compile_schema(from_contents({"format": "date-time"}))
    assert engine.is_valid("2026-11-24T10:00:00Z") and not engine.is_valid("2026-13-01")


def test_formats_no_dialect_checks_cost_no_import_of_the_reference() -> None:
    """OpenAPI's ``int64``, ``double``, ``password``: the reference asserts none of them, so the
    fast engine's checks of a specification using only these need nothing from jsonschema (an
    import of about 50 ms, its format libraries included)."""
    import subprocess
    import sys

    program = (
        "import sys\n"
        "from validator.checking.formats import fast_formats\n"
        "checks = fast_formats({'int64', 'double', 'password'})\n"
        "assert all(check('anything') for check in checks.values()), checks\n"
        "print(sorted(checks), 'jsonschema' in sys.modules)\n"
        "fast_formats({'int64', 'email'})\n"
        "print('jsonschema' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True, env={}
    )
    assert done.stdout == "['double', 'int64', 'password'] False\nTrue\n"
