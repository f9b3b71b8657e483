"""Messages: JSON syntax, short, precise; suggestions for enum near-misses; cut long values."""

from __future__ import annotations

import json
from typing import Any

import pytest

import validator
from validator.checking.document import check_raw
from validator.checking.engine import compile_schema
from validator.checking.messages import (
    MAX_SHOWN,
    Failure,
    describe,
    describe_with_shape,
    show,
    suggest,
)
from validator.contracts.catalog import from_contents
from validator.near_miss import look_alike


def _messages(schema: dict[str, Any], instance: Any) -> list[str]:
    return [e.message for e in validator.validate(instance, schema).errors]


def _problems(schema: dict[str, Any], instance: Any, engine: str) -> list[Any]:
    """The problems of ``instance`` as the run reports them, with the engine named."""
    compiled = compile_schema(from_contents(schema, uri="https://x.invalid/s.json"), engine=engine)
    return list(check_raw(compiled, json.dumps(instance).encode(), source="d.json").problems)


@pytest.mark.parametrize(
    ("schema", "instance", "message"),
    [
        ({"type": "integer"}, "3", 'expected integer, got string "3"'),
        ({"type": "string"}, None, "expected string, got null"),  # issue 21: not "null null"
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
        ({"additionalProperties": False}, {"q": 1}, 'unexpected property "q"'),  # as the reference
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


@pytest.mark.parametrize(
    "options",
    [["completed", "complete"], ["complete", "completed"]],
    ids=["far-first", "near-first"],
)
def test_the_nearest_of_two_candidates_in_reach_wins(options: list[str]) -> None:
    # "complet" is 2 edits from "completed" and 1 from "complete": both within reach (2)
    assert suggest("complet", options) == "complete"
    # equal ignoring case beats any edit distance, wherever it stands
    assert suggest("COMPLETED", options) == "completed"
    [error] = validator.validate("complet", {"enum": options}).errors
    assert error.message.endswith('; did you mean "complete"?')


def test_ties_go_to_the_first_option_in_schema_order() -> None:
    # "stat" is 1 edit from both "state" and "stats"
    assert suggest("stat", ["state", "stats"]) == "state"
    assert suggest("stat", ["stats", "state"]) == "stats"
    assert suggest("Stat", ["STATS", "state"]) == "STATS"


def test_suggestions_stay_within_reach() -> None:
    # no edits allowed up to 2 characters, a letter left out for 3, 1 up to 6, 2 beyond
    assert suggest("fale", ["failed"]) is None  # 2 edits, 4 characters
    assert suggest("faild", ["failed"]) == "failed"
    assert suggest("ok", ["oks"]) is None
    assert suggest("procesed", ["processing"]) is None  # 3 edits
    assert suggest("cxmpletxd", ["completed"]) == "completed"  # 2 edits, 9 characters
    assert suggest("cxmpxetxd", ["completed"]) is None  # 3 edits
    assert suggest("x" * 201, ["x" * 201]) is None  # long values are not compared


def test_three_letters_get_the_word_with_the_letter_left_out_and_only_that() -> None:
    """Issue 21: undeclared keys of 3 characters got no suggestion (``cty`` -> ``city``); a
    changed or added letter of so short a word makes another word (``cat``, ``car``)."""
    assert look_alike("cty", {"city": 1, "zip": 2}) == "city"
    assert look_alike("nme", {"id": 1, "name": 2}) == "name"
    assert suggest("don", ["done"]) == "done"
    assert look_alike("cat", {"car": 1}) is None  # a letter changed
    assert look_alike("url", {"uri": 1, "curl": 2}) == "curl"  # one left out only
    assert look_alike("uri", {"uris": 1}) == "uris"
    assert look_alike("ids", {"id": 1}) is None  # one more: not left out
    assert look_alike("abc", {"xyzw": 1}) is None
    assert look_alike("zp", {"zip": 1}) is None  # 2 characters: never
    assert look_alike("ID", {"id": 1}) == "id"  # the same ignoring case: always
    schema = {"type": "object", "properties": {"city": {}, "zip": {}}}
    warnings = validator.validate({"cty": "x", "cat": 1}, schema).warnings
    assert [w.message for w in warnings] == [
        'undeclared property; did you mean "city"?',
        "undeclared property",
    ]


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


@pytest.mark.parametrize("engine", ["fast", "reference"])
def test_a_oneof_that_several_alternatives_match_says_so(engine: str) -> None:
    # jsonschema_rs names this error "oneOf", as it names the one that none matches: it was
    # worded "matches none of the 2 alternatives: (1) fails; (2) fails" (and "of the 0
    # alternatives" by the reference engine)
    schema = {
        "oneOf": [{"type": "object"}, {"type": "string"}, {"type": "object", "required": ["a"]}]
    }
    found = _problems(schema, {"a": 1}, engine)
    assert [(e.message, e.keyword_location) for e in found] == [
        (
            '{"a":1} matches more than one alternative under "oneOf" (exactly one must match)',
            "/oneOf",
        )
    ]
    assert [e.message for e in _problems(schema, 5, engine)] == [  # none of them
        "expected object or string, got integer 5"
    ]
    assert _problems(schema, "x", engine) == []  # exactly one


@pytest.mark.parametrize("engine", ["fast", "reference"])
def test_alternatives_that_fail_below_their_instance_name_where(engine: str) -> None:
    # every alternative fails at /x/a, not at /x: it was worded "expected string or boolean,
    # got object", as if /x had the wrong type
    branches = [{"properties": {"a": {"type": t}}} for t in ("string", "boolean")]
    schema = {"properties": {"x": {"anyOf": branches}}}
    [found] = _problems(schema, {"x": {"a": 1}}, engine)
    assert (found.instance_location, found.message) == (
        "/x",
        "matches none of the 2 alternatives: (1) /x/a: expected string, got integer 1; "
        "(2) /x/a: expected boolean, got integer 1",
    )
    at_root = {"anyOf": branches}  # the alternatives of the document itself (depth 0)
    [found] = _problems(at_root, {"a": 1}, engine)
    assert found.message.startswith("matches none of the 2 alternatives: (1) /a: expected string")


_CUT_200 = '"' + "x" * 78 + "… (200 characters)"
_ANY_OF = Failure("anyOf", {}, 5, "", ((Failure("type", {"types": ["string"]}, 5),),))


@pytest.mark.parametrize(
    ("failure", "redact", "message", "shape"),
    [
        (
            Failure("enum", {"options": ["pending", "completed"]}, "Pending"),
            False,
            '"Pending" is not one of "pending", "completed"; did you mean "pending"?',
            '<value> is not one of "pending", "completed"',
        ),
        (
            Failure("enum", {"options": ["pending", "completed"]}, "Pending"),
            True,
            '<string, 7 characters> is not one of "pending", "completed"',
            '<value> is not one of "pending", "completed"',
        ),
        (
            Failure("enum", {"options": ["pending", [1, 2]]}, "pendng"),
            False,
            '"pendng" is not one of "pending", [1,2]; did you mean "pending"?',
            '<value> is not one of "pending", [1,2]',
        ),
        (
            Failure("type", {"types": ["integer"]}, "x" * 200),
            False,
            f"expected integer, got string {_CUT_200}",
            "expected integer, got string <value>",
        ),
        (
            Failure("type", {"types": ["integer"]}, "x" * 200),
            True,
            "expected integer, got string",
            "expected integer, got string",
        ),
        (
            Failure("required", {"property": "payload"}, {"a": 1}),
            False,
            'missing required property "payload"',
            'missing required property "payload"',
        ),
        # the template's mark in the schema: worded twice, the same way
        (
            Failure("format", {"format": "odd\x00name"}, "v"),
            False,
            '"v" is not a valid odd\x00name',
            "<value> is not a valid odd\x00name",
        ),
        (
            Failure("format", {"format": "odd\x00name"}, "v"),
            True,
            "<string, 1 characters> is not a valid odd\x00name",
            "<value> is not a valid odd\x00name",
        ),
        # ... and in the instance
        (
            Failure("maxLength", {"limit": 1}, "\x00\x00"),
            False,
            '"\\u0000\\u0000" is longer than 1 character',
            "<value> is longer than 1 character",
        ),
        (
            Failure("const", {"expected_value": "\x00"}, None),
            False,
            'expected "\\u0000", got null',  # null is its own value (issue 21)
            'expected "\\u0000", got null',
        ),
        (
            Failure("const", {"expected_value": "\x00"}, None),
            True,
            'expected "\\u0000", got null',
            'expected "\\u0000", got null',
        ),
        (
            _ANY_OF,
            False,
            "expected string, got integer 5",
            "expected string, got integer <value>",
        ),
        (_ANY_OF, True, "expected string, got integer", "expected string, got integer"),
        (
            Failure("madeUp", {}, 1, "engine says no"),
            False,
            "engine says no",
            'value fails "madeUp" (integer)',
        ),
        (
            Failure("madeUp", {}, 1, "engine says no"),
            True,
            'value fails "madeUp" (integer)',
            'value fails "madeUp" (integer)',
        ),
    ],
)
def test_one_pass_wording_is_the_message_and_the_shape(
    failure: Failure, redact: bool, message: str, shape: str
) -> None:
    assert describe_with_shape(failure, redact=redact) == (message, shape)
    assert describe(failure, redact=redact) == message
    assert describe(failure, redact=redact, shape=True) == shape


def test_redacted_alternatives_quote_no_value_in_their_reasons() -> None:
    branches = ((Failure("minimum", {"limit": 10}, 5),), (Failure("enum", {"options": ["a"]}, 5),))
    failure = Failure("anyOf", {}, 5, branches=branches)
    assert describe_with_shape(failure, redact=True) == (
        "matches none of the 2 alternatives: (1) <integer> is less than the minimum of 10; (2) "
        '<integer> is not one of "a"',
        "matches none of the 2 alternatives: (1) <value> is less than the minimum of 10; (2) "
        '<value> is not one of "a"',
    )


@pytest.mark.parametrize("redact", [False, True])
def test_cannot_check_is_worded_and_shaped_in_the_tools_own_words(redact: bool) -> None:
    """It quotes no instance value, so its group in a summary reads as the message (it read
    'value fails "cannot-check" (null)')."""
    own = "cannot check: the schema would apply 12,000 schema objects here; reported invalid"
    failure = Failure("cannot-check", {}, None, own)
    assert describe_with_shape(failure, redact=redact) == (own, own)
    assert describe(failure, redact=redact, shape=True) == own
