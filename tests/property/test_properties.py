"""Property tests: documents generated from the schema pass; one mutation fails at its pointer."""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

import validator
from validator.catalog import load_schema

SCHEMA = load_schema().contents
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# hypothesis-jsonschema does not know the "uuid" format; teach it (both letter cases are valid).
UUIDS = st.uuids().map(str) | st.uuids().map(lambda u: str(u).upper())
# from_schema() inlines $refs into the schema it is given: hand it a copy of its own.
valid_documents = from_schema(copy.deepcopy(SCHEMA), custom_formats={"uuid": UUIDS})

# (pointer, a value the schema rejects there)
MUTATIONS: list[tuple[str, Any]] = [
    ("/request_id", "not-a-uuid"),
    ("/request_id", 7),
    ("/status", "COMPLETED"),
    ("/status", None),
    ("/payload/total_sessions", "3"),
    ("/payload/total_sessions", 1.5),
    ("/payload/total_sessions", True),
    ("/payload/casefile_id", 42),
    ("/payload/session_id", ["s"]),
    ("/payload/session_type", {}),
    ("/payload", "payload"),
    ("/timestamp", 1700000000),
    ("/error", 5),
    ("/metadata", []),
]


def _set(doc: dict[str, Any], pointer: str, value: Any) -> None:
    *parents, last = pointer[1:].split("/")
    target = doc
    for p in parents:
        target = target[p]
    target[last] = value


@SETTINGS
@given(valid_documents)
def test_generated_documents_are_valid(doc: Any) -> None:
    report = validator.validate(doc)
    assert report.valid, str(report)
    raw = json.dumps(doc, indent=2).encode()
    assert validator.validate_bytes(raw).valid


@SETTINGS
@given(valid_documents, st.sampled_from(MUTATIONS), st.sampled_from([None, 0, 2, "\t"]))
def test_one_mutation_fails_at_its_pointer(
    doc: Any, mutation: tuple[str, Any], indent: int | str | None
) -> None:
    pointer, value = mutation
    bad = copy.deepcopy(doc)
    _set(bad, pointer, value)
    report = validator.validate(bad)
    assert not report.valid
    assert pointer in {e.instance_location for e in report.errors}, str(report)
    # Through the text, the error sits exactly where the mutated value starts.
    text = json.dumps(bad, indent=indent, ensure_ascii=False)
    located = validator.validate_bytes(text.encode())
    [error] = [e for e in located.errors if e.instance_location == pointer][:1]
    assert error.line is not None and error.column is not None
    line = text.split("\n")[error.line - 1]
    assert line[error.column - 1 :].startswith(json.dumps(value, ensure_ascii=False)[:1])


@SETTINGS
@given(valid_documents, st.sampled_from(["request_id", "status", "payload"]))
def test_removing_a_required_property_fails_at_the_object(doc: Any, name: str) -> None:
    bad = copy.deepcopy(doc)
    del bad[name]
    report = validator.validate(bad)
    assert [(e.instance_location, e.keyword) for e in report.errors] == [("", "required")]
    assert report.errors[0].message == f'missing required property "{name}"'
