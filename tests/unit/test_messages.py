"""Messages: JSON syntax, short, precise; suggestions for enum near-misses; cut long values."""

from __future__ import annotations

from typing import Any

import pytest

import validator
from validator.messages import MAX_SHOWN, Failure, describe, describe_with_shape, show, suggest


def _messages(schema: dict[str, Any], instance: Any) -> list[str]:
    return [e.message for e in validator.validate(instance, schema).errors]


@pytest.mark.parametrize(
    ("schema", "instance", "message"),
    [
        ({"type": "integer"}, "3", 'expected integer, got string "3"'),
        ({"type": "string"}, None, "expected string, got null null"),
        ({"type": ["string", "null"]}, 5, "expected null or string, got integer 5"),
        (
            {"anyOf": [{"type": "string"}, {"type": "null"}]},
            5.5,
            "expected string or null, got number 5.5",
        ),
        ({"oneOf": [{"const": "a"}, {"const": "b"}]}, "c", 'expected "a" or "b", got string "c"'),
        ({"const": True}, False, "expected true, got boolean false"),
        ({"enum": ["x", None, 1]}, "y", '"y" is not one of "x", null, 1'),
        ({"required": ["a"]}, {}, 'missing required property "a"'),
        ({"minimum": 3}, 1, "1 is less than the minimum of 3"),
        ({"exclusiveMaximum": 3}, 3, "3 is not less than the exclusive maximum of 3"),
        ({"maxLength": 2}, "abc", '"abc" is longer than 2 characters'),
        ({"minItems": 1}, [], "[] has fewer than 1 item"),
        ({"multipleOf": 3}, 7, "7 is not a multiple of 3"),
        ({"pattern": "^a"}, "b", '"b" does not match the pattern "^a"'),
        ({"format": "uuid"}, "x", '"x" is not a valid uuid'),
        ({"uniqueItems": True}, [1, 1], "[1,1] has duplicate items"),
        (
            {"properties": {"a": False}},
            {"a": 1},
            "no value is allowed here (the schema is false), got integer 1",
        ),
        (
            {"additionalProperties": False},
            {"q": 1},
            "no value is allowed here (the schema is false), got integer 1",
        ),
        ({"unevaluatedProperties": False}, {"z": 1}, 'unexpected property "z"'),
        ({"not": {"type": "string"}}, "s", '"s" must not match the schema under "not"'),
        (
            {"contains": {"type": "string"}},
            [1],
            '[1] has no item that matches the schema under "contains"',
        ),
    ],
)
def test_message(schema: dict[str, Any], instance: Any, message: str) -> None:
    assert _messages(schema, instance) == [message]


def test_no_python_reprs_anywhere() -> None:
    messages = _messages({"properties": {"a": {"enum": [None, True, "done"]}}}, {"a": False})
    assert messages == ['false is not one of null, true, "done"']


def test_enum_suggestions() -> None:
    options = ["pending", "processing", "completed", "failed"]
    assert suggest("COMPLETED", options) == "completed"
    assert suggest("complted", options) == "completed"
    assert suggest("procesing", options) == "processing"
    assert suggest("done", options) is None
    assert suggest(3, options) is None
    report = validator.validate({"status": "Pendng"})
    [status] = [e for e in report.errors if e.instance_location == "/status"]
    assert status.message == (
        '"Pendng" is not one of "pending", "processing", "completed", "failed"; '
        'did you mean "pending"?'
    )


def test_long_values_are_cut_with_their_length() -> None:
    text = show("x" * 1_000_000)
    assert len(text) < MAX_SHOWN + 40
    assert text.endswith("… (1000000 characters)")
    assert show(list(range(10_000))).endswith("… (10000 items)")


def test_huge_integers_do_not_break_messages() -> None:
    # Whether Python's int -> str guard allows 5001 digits or not, the message is short and
    # states the size.
    for text in (show(10**5000), *_messages({"type": "string"}, 10**5000)):
        assert len(text) < 130
        assert "5001" in text


def test_redaction_keeps_types_and_drops_values() -> None:
    assert show("secret", redact=True) == "<string, 6 characters>"
    assert show({"a": 1}, redact=True) == "<object, 1 properties>"
    assert show(None, redact=True) == "<null>"


def test_anyof_with_structured_alternatives_names_each_reason() -> None:
    schema = {"anyOf": [{"type": "object", "required": ["a"]}, {"type": "array", "minItems": 2}]}
    [message] = _messages(schema, {"b": 1})
    assert message == (
        'matches none of the 2 alternatives: (1) missing required property "a"; '
        '(2) expected array, got object {"b":1}'
    )


@pytest.mark.parametrize(
    "failure",
    [
        Failure("enum", {"options": ["pending", "completed"]}, "Pending"),
        Failure("enum", {"options": ["pending", [1, 2]]}, "pendng"),
        Failure("type", {"types": ["integer"]}, "x" * 200),
        Failure("required", {"property": "payload"}, {"a": 1}),
        Failure("format", {"format": "odd\x00name"}, "v"),  # the template's mark in the schema
        Failure("maxLength", {"limit": 1}, "\x00\x00"),  # ... and in the instance
        Failure("const", {"expected_value": "\x00"}, None),
        Failure("anyOf", {}, 5, "", ((Failure("type", {"types": ["string"]}, 5),),)),
        Failure("madeUp", {}, 1, "engine says no"),
    ],
)
@pytest.mark.parametrize("redact", [False, True])
def test_one_pass_wording_is_the_message_and_the_shape(failure: Failure, redact: bool) -> None:
    expected = (
        describe(failure, redact=redact),
        describe(failure, redact=redact, shape=True),
    )
    assert describe_with_shape(failure, redact=redact) == expected
