"""Property tests: documents generated from the schema pass; one mutation fails at its pointer."""

from __future__ import annotations

import copy
import json
from typing import Any

import orjson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

import validator
from validator.contracts.catalog import load_schema
from validator.inputs.locate import (
    _serialised_offsets,
    locate,
    locate_all,
    locate_keys,
    pointer_segments,
)

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


# --- keys: where an undeclared property is reported ---------------------------------------------

KEY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=8)
KEYS = st.sampled_from(["a", "b", "a/b", "~0", "", " ", "é", "😀", '"', "\\", "\t"]) | KEY_TEXT
values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**63), 2**64 - 1) | st.floats(allow_nan=False),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(KEYS, children, max_size=4),
    max_leaves=20,
)


def _members(value: Any, prefix: str = "") -> list[str]:
    """The pointer of every member of every object in ``value``."""
    found = []
    if isinstance(value, dict):
        for key, child in value.items():
            pointer = f"{prefix}/{key.replace('~', '~0').replace('/', '~1')}"
            found += [pointer, *_members(child, pointer)]
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _members(child, f"{prefix}/{index}")
    return found


def _key_at(text: str, position: tuple[int, int]) -> Any:
    line, column = position
    start = sum(len(each) + 1 for each in text.split("\n")[: line - 1]) + column - 1
    return json.JSONDecoder().raw_decode(text, start)[0]


@SETTINGS
@given(values, st.sampled_from([0, orjson.OPT_INDENT_2]), st.sampled_from(["", "\n"]))
def test_keys_are_located_alike_by_arithmetic_and_by_scanning(
    value: Any, option: int, end: str
) -> None:
    text = orjson.dumps(value, option=option).decode("utf-8") + end
    document = orjson.loads(text)
    members = _members(document)
    pointers = [*members, "", "/no/such/key", "/0"]
    # orjson's own text: the arithmetic path is the one taken, and it agrees with the scanner
    offsets = _serialised_offsets(text, document, [], keys=map(pointer_segments, pointers))
    assert offsets is not None
    fast = locate_keys(text, pointers, document)
    assert fast == locate_keys(text, pointers)
    assert set(fast) == set(members)
    for pointer, position in fast.items():
        assert _key_at(text, position) == pointer_segments(pointer)[-1]
    # values and keys in one pass: the same answers as apart
    assert locate_all(text, pointers, pointers, document) == (
        locate(text, pointers),
        fast,
    )


@SETTINGS
@given(values, st.sampled_from([None, 0, 1, "\t"]), st.booleans(), st.sampled_from([",", " ,"]))
def test_keys_are_located_in_any_layout(
    value: Any, indent: int | str | None, ascii_only: bool, comma: str
) -> None:
    text = json.dumps(value, indent=indent, ensure_ascii=ascii_only, separators=(comma, " : "))
    members = _members(value)
    found = locate_keys(text, members)
    assert set(found) == set(members)
    for pointer, position in found.items():
        assert _key_at(text, position) == pointer_segments(pointer)[-1]


CLOSED = copy.deepcopy(SCHEMA)
CLOSED["$defs"]["SessionAddedPayload"]["additionalProperties"] = False
closed_documents = from_schema(copy.deepcopy(CLOSED), custom_formats={"uuid": UUIDS})


@SETTINGS
@given(
    closed_documents,
    st.lists(st.sampled_from(["sessionId", "total", "é", "a/b"]), min_size=1, unique=True),
    st.integers(0, 4),
    st.sampled_from([None, 0, 2, "\t"]),
)
def test_an_undeclared_property_is_reported_at_its_key(
    doc: Any, extra: list[str], at: int, indent: int | str | None
) -> None:
    members = list(doc["payload"].items())
    members[at:at] = [(name, 1) for name in extra]
    doc["payload"] = dict(members)
    text = json.dumps(doc, indent=indent, ensure_ascii=False)
    errors = validator.validate_bytes(text.encode(), CLOSED).errors
    assert len(errors) == len(extra)  # one each (issue 21), in the order of the text
    for error, name in zip(errors, [n for n in doc["payload"] if n in extra], strict=True):
        assert error.instance_location == "/payload"
        assert error.keyword_location.endswith("/additionalProperties")
        assert error.line is not None and error.column is not None
        assert _key_at(text, (error.line, error.column)) == name
