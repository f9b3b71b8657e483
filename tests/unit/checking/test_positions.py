"""Where problems point: an undeclared property at its key; a missing one names its look-alike."""

from __future__ import annotations

import io
import json
from typing import Any

import orjson
import pytest

import validator
from validator.checking.document import check_raw
from validator.checking.engine import compile_schema
from validator.contracts.catalog import from_contents
from validator.inputs.locate import locate, locate_all, locate_keys
from validator.near_miss import look_alike
from validator.problems import Summary
from validator.report.base import ReportOptions
from validator.report.json import JsonReporter, basic_output

CLOSED = {
    "type": "object",
    "properties": {"request_id": {"type": "string"}, "payload": {"$ref": "#/$defs/payload"}},
    "additionalProperties": False,
    "$defs": {
        "payload": {
            "type": "object",
            "properties": {"total": {"type": "integer"}},
            "unevaluatedProperties": False,
        }
    },
}


def _errors(text: str, schema: Any = CLOSED) -> list[tuple[int | None, int | None, str, str]]:
    report = validator.validate_bytes(text.encode(), schema)
    return [(e.line, e.column, e.instance_location, e.message) for e in report.errors]


PRETTY = '{\n  "a": {\n    "b": [10, 20, {"c~d/e": null}]\n  },\n  "é": "x"\n}\n'
MINIFIED = '{"a":{"b":[10,20,{"c~d/e":null}]},"é":"x"}'
CRLF_TABS = '{\r\n\t"a":\t{\r\n\t\t"b": [10,\t20, {"c~d/e" : null}]},\r\n"é":\t"x"}'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (PRETTY, {"/a": (2, 3), "/a/b": (3, 5), "/a/b/2/c~0d~1e": (3, 20), "/é": (5, 3)}),
        (MINIFIED, {"/a": (1, 2), "/a/b": (1, 7), "/a/b/2/c~0d~1e": (1, 19), "/é": (1, 35)}),
        (CRLF_TABS, {"/a": (2, 2), "/a/b": (3, 3), "/a/b/2/c~0d~1e": (3, 18), "/é": (4, 1)}),
    ],
    ids=["pretty", "minified", "crlf-tabs"],
)
def test_keys_are_located_at_their_opening_quote(
    text: str, expected: dict[str, tuple[int, int]]
) -> None:
    missing = ["", "/a/b/1", "/b", "/a/c"]  # the root and array items have no key
    assert locate_keys(text, [*expected, *missing]) == expected
    document = json.loads(text)
    assert locate_keys(text, [*expected, *missing], document) == expected
    assert locate_all(text, ["/a/b/1"], ["/é"], document) == (
        locate(text, ["/a/b/1"]),
        {"/é": expected["/é"]},
    )


def test_a_repeated_key_is_located_where_it_first_stands() -> None:
    assert locate_keys('{"a": 1,\n "a": 2}', ["/a"]) == {"/a": (1, 2)}
    text = '{"a": 1,\n "a": 2, "b": 3}'  # found on the way to another key
    assert locate_keys(text, ["/b", "/a"]) == {"/a": (1, 2), "/b": (2, 10)}


def test_an_undeclared_property_points_at_its_key() -> None:
    text = '{\n  "request_id": "r",\n  "requestId": "r"\n}'
    assert _errors(text) == [(3, 3, "", 'unexpected property "requestId"')]


def test_several_properties_not_allowed_are_an_error_each_at_its_own_key() -> None:
    """Issue 21: one error per member not allowed, each at its key (as the warnings are), in
    the order of the text, with either engine."""
    text = '{\n  "zz": 1,\n  "request_id": "r",\n  "aa": 2,\n  "b\\u0062": 3\n}'
    assert _errors(text) == [
        (2, 3, "", 'unexpected property "zz"'),
        (4, 3, "", 'unexpected property "aa"'),
        (5, 3, "", 'unexpected property "bb"'),
    ]
    for engine in ("reference", "fast"):
        checked = compile_schema(from_contents(CLOSED), engine=engine, cross_check=True)
        result = check_raw(checked, text.encode(), source="x")
        found = [(p.line, p.column, p.instance_location, p.message) for p in result.problems]
        assert found == _errors(text), engine
    unevaluated = '{"payload": {"zz": 1,\n "total": 1, "aa": 2}}'
    assert _errors(unevaluated) == [
        (1, 14, "/payload", 'unexpected property "zz"'),
        (2, 14, "/payload", 'unexpected property "aa"'),
    ]


def _records(engine: str, schema: Any, text: str, redact: bool = False) -> list[tuple[Any, ...]]:
    """A document's problems by one engine: everything but the absolute keyword location (which
    only the fast engine knows)."""
    checked = compile_schema(from_contents(schema), engine=engine)
    result = check_raw(checked, text.encode(), source="x", redact=redact)
    return [p._replace(absolute_keyword_location=None) for p in result.problems]


NO_PROPERTIES = {"additionalProperties": False}
CLOSED_CASES = {
    "alone": (NO_PROPERTIES, '{"id": "x",\n "z": 1}'),
    "typed": ({"type": "object", **NO_PROPERTIES}, '{"id": "x", "z": {"q": 1}}'),
    "one member": (NO_PROPERTIES, '{"id": {}}'),
    "draft-04": (
        {"$schema": "http://json-schema.org/draft-04/schema#", **NO_PROPERTIES},
        '{"b": 1, "a": [2]}',
    ),
    "pattern properties only": (
        {"patternProperties": {"^q": {}}, **NO_PROPERTIES},
        '{"id": "x", "q1": 0, "z": 1}',
    ),
    "unevaluated": ({"unevaluatedProperties": False}, '{"id": "x", "z": 1}'),
    "nested": ({"properties": {"o": NO_PROPERTIES}}, '{"o": {"id": "x",\n  "z": 1}}'),
    "array items": ({"items": NO_PROPERTIES}, '[{"id": "x"}, {}, {"z": 1, "y": 2}]'),
    "a branch": ({"anyOf": [NO_PROPERTIES, {"type": "string"}]}, '{"b": 1, "a": 2}'),
    "a branch, declared": (
        {"oneOf": [{"properties": {"c": {}}, **NO_PROPERTIES}, {"type": "string"}]},
        '{"b": 1, "a": 2}',
    ),
    "a property named additionalProperties": (
        {"properties": {"additionalProperties": NO_PROPERTIES}},
        '{"additionalProperties": {"a": 1}}',
    ),
}


@pytest.mark.parametrize("redact", [False, True], ids=["shown", "redacted"])
@pytest.mark.parametrize(("schema", "text"), CLOSED_CASES.values(), ids=list(CLOSED_CASES))
def test_both_engines_tell_members_not_allowed_alike(schema: Any, text: str, redact: bool) -> None:
    """``"additionalProperties": false`` without ``properties`` (jsonschema_rs reports a false
    schema there, at the object, with its first value and no names): the same problems from
    both engines, one per member at its key, the same messages, keyword locations and headline."""
    fast = _records("fast", schema, text, redact)
    assert fast == _records("reference", schema, text, redact)
    assert fast and all(p.message.startswith(("unexpected propert", "matches none")) for p in fast)


FALSE_CASES = {
    "a property": ({"properties": {"a": False}}, '{"a": 1, "b": 2}'),
    "a pattern": ({"patternProperties": {"^a": False}}, '{"ab": [1],\n "ac": 2}'),
    "items after prefixItems": ({"prefixItems": [{}], "items": False}, "[1, 2,\n {}]"),
    "items, draft-07": (
        {"$schema": "http://json-schema.org/draft-07/schema#", "items": False},
        '[1, ["x"]]',
    ),
    "an item, draft-07": (
        {"$schema": "http://json-schema.org/draft-07/schema#", "items": [{}, False]},
        "[1, 2]",
    ),
    "a dependent schema": ({"dependentSchemas": {"a": False}}, '{"a": 1}'),
    "then": ({"if": True, "then": False}, "1"),
    "else": ({"if": False, "else": False}, '"s"'),
    "allOf": ({"allOf": [{}, False]}, "null"),
    "a branch": ({"anyOf": [False, {"type": "string"}]}, "1"),
    "not": ({"not": {}}, "1"),
    "the root": (False, '{"a": 1}'),
    "property names": ({"propertyNames": False}, '{"ab": 1, "cd": 2}'),
    "nested property names": ({"items": {"propertyNames": False}}, '[{}, {"ab": 1}]'),
    "property names, a schema": ({"propertyNames": {"not": {"const": "ab"}}}, '{"ab": 1}'),
    "property names, branches": (
        {"propertyNames": {"anyOf": [{"maxLength": 1}, {"const": "xy"}]}},
        '{"ab": 1, "c": 2}',
    ),
    "beside unevaluated": (
        {"properties": {"a": False}, "unevaluatedProperties": False},
        '{"a": 1, "b": 2}',
    ),
}


@pytest.mark.parametrize(("schema", "text"), FALSE_CASES.values(), ids=list(FALSE_CASES))
def test_both_engines_place_false_schemas_alike(schema: Any, text: str) -> None:
    """A ``false`` subschema fails the value it applies to, at that value's place, worded in
    JSON (jsonschema's own error has no place below the keyword and shows a Python repr)."""
    fast = _records("fast", schema, text)
    assert fast == _records("reference", schema, text)
    assert fast and "False schema" not in str(fast)


def test_false_schemas_fail_the_values_they_apply_to() -> None:
    found = _records("reference", {"properties": {"a": False}}, '{"b": 0,\n "a": "x"}')
    assert [
        (p.line, p.column, p.instance_location, p.keyword_location, p.message) for p in found
    ] == [
        (
            2,
            7,
            "/a",
            "/properties/a",
            'no value is allowed here (the schema is false), got string "x"',
        )
    ]
    items = _records("reference", {"prefixItems": [{}], "items": False}, "[1, 2,\n {}]")
    assert [(p.line, p.column, p.instance_location, p.keyword_location) for p in items] == [
        (1, 5, "/1", "/items"),
        (2, 2, "/2", "/items"),
    ]


def test_a_member_not_allowed_by_an_empty_closed_schema_is_at_its_key() -> None:
    text = '{"id": "x",\n "z": 1}'
    assert [
        (p.line, p.column, p.message, p.keyword_location, p.headline)
        for p in _records("fast", NO_PROPERTIES, text)
    ] == [
        (1, 2, 'unexpected property "id"', "/additionalProperties", True),
        (2, 2, 'unexpected property "z"', "/additionalProperties", False),
    ]
    branch = _records("fast", {"anyOf": [NO_PROPERTIES, {"type": "string"}]}, '{"b": 1, "a": 2}')
    assert [p.message for p in branch] == [
        'matches none of the 2 alternatives: (1) unexpected properties "a", "b"; (2) expected '
        'string, got object {"b":1,"a":2}'
    ]


def test_a_closed_schema_through_ref_tells_each_member_at_its_key() -> None:
    # the keyword location runs through $ref (the reference's leaves $ref out: not compared)
    schema = {"$ref": "#/$defs/closed", "$defs": {"closed": NO_PROPERTIES}}
    text = '{"a/b": 1,\n "~c": 2}'
    fast = _records("fast", schema, text)
    assert [(p.instance_location, p.line, p.column, p.message) for p in fast] == [
        ("", 1, 2, 'unexpected property "a/b"'),
        ("", 2, 2, 'unexpected property "~c"'),
    ]
    assert {p.keyword_location for p in fast} == {"/$ref/additionalProperties"}
    reference = _records("reference", schema, text)
    assert [p._replace(keyword_location="") for p in fast] == [
        p._replace(keyword_location="") for p in reference
    ]


@pytest.mark.parametrize(
    ("schema", "text", "place"),
    [
        (
            {"properties": {"additionalProperties": False}},
            '{"additionalProperties": {"a": 1}}',
            ("/additionalProperties", "/properties/additionalProperties", 26),
        ),
        (
            {"patternProperties": {"^add": False}},
            '{"additionalProperties": {"a": 1}}',
            ("/additionalProperties", "/patternProperties/^add", 26),
        ),
        (
            {"dependentSchemas": {"additionalProperties": False}},
            '{"additionalProperties": {"a": 1}}',
            ("", "/dependentSchemas/additionalProperties", 1),
        ),
    ],
    ids=["a property", "a pattern", "a dependent schema"],
)
def test_a_false_schema_named_additional_properties_is_about_its_own_value(
    schema: Any, text: str, place: tuple[str, str, int]
) -> None:
    """A ``false`` subschema is about the value it applies to, even when it is named like the
    keyword (only the keyword itself is about the object's members)."""
    [problem] = _records("fast", schema, text)
    assert (problem.instance_location, problem.keyword_location, problem.column) == place
    assert problem.message.startswith("no value is allowed here (the schema is false), got object")


def test_unevaluated_properties_point_at_the_key_in_a_nested_object() -> None:
    text = '{"payload": {"total": 1,\n\t"totl": 2}}'
    assert _errors(text) == [(2, 2, "/payload", 'unexpected property "totl"')]


@pytest.mark.parametrize("key", ["a/b", "~x", "é", 'q"', ""])
def test_keys_that_pointers_escape(key: str) -> None:
    text = json.dumps({"request_id": "r", key: 1}, ensure_ascii=False)
    [(line, column, _, _)] = _errors(text)
    assert (line, column) == (1, text.index(json.dumps(key, ensure_ascii=False), 5) + 1)


@pytest.mark.parametrize("option", [None, orjson.OPT_INDENT_2])
def test_serialiser_written_text_gives_the_same_positions(option: int | None) -> None:
    # orjson's own layouts are located by arithmetic, others by scanning: the same answers
    document = {"request_id": "r", "payload": {"total": 1, "extra": [1]}, "more": {}}
    fast = orjson.dumps(document, option=option).decode()
    assert _errors(fast) == _errors(fast + " ")  # trailing space: still the arithmetic
    scanned = json.dumps(document, indent=2 if option else None)
    if option:
        assert fast == scanned  # the same text: both paths must agree
    else:
        assert fast != scanned  # json.dumps puts spaces after the separators: scanned
    lines = fast.split("\n")
    for line, column, _, message in _errors(fast):
        key = json.loads(message.split(" ")[2])
        assert lines[line - 1][column - 1 :].startswith(json.dumps(key))


def test_the_json_report_keeps_the_basic_shape() -> None:
    engine = compile_schema(from_contents(CLOSED))
    result = check_raw(engine, b'{"request_id": "r",\n "extra": 1}', source="x.json")
    [error] = basic_output(result)["errors"]
    assert error["instanceLocation"] == "" and error["keywordLocation"] == "/additionalProperties"
    assert (error["line"], error["column"]) == (2, 2)
    out = io.StringIO()
    reporter = JsonReporter(out, ReportOptions())
    reporter.document(result)
    reporter.finish(Summary(invalid=1))
    [unit] = json.loads(out.getvalue())["documents"]
    assert unit["errors"] == [{"valid": False, **error}]


REQUIRED = {"required": ["request_id"]}


@pytest.mark.parametrize(
    ("keys", "named"),
    [
        (["requestId"], "requestId"),
        (["request-id"], "request-id"),
        (["requestid"], "requestid"),
        (["REQUEST_ID"], "REQUEST_ID"),
        (["Request.Id"], "Request.Id"),
        (["reqest_id"], "reqest_id"),  # one edit
        (["rqest_di"], None),  # three edits
        (["status", "payload"], None),
        # the nearest wins: equal but for case and separators beats one edit away
        (["reqest_id", "RequestID"], "RequestID"),
        # ties go to the first key of the object
        (["requst_id", "request_ic"], "requst_id"),
        (["request_ic", "requst_id"], "request_ic"),
    ],
)
def test_a_missing_property_names_its_look_alike(keys: list[str], named: str | None) -> None:
    document = dict.fromkeys(keys, 1)
    [error] = validator.validate(document, REQUIRED).errors
    expected = 'missing required property "request_id"'
    if named is not None:
        expected += f'; the object has "{named}"'
    assert error.message == expected
    # a look-alike is a property name, not a value: it stays when values are redacted
    engine = compile_schema(from_contents(REQUIRED))
    redacted = check_raw(engine, json.dumps(document).encode(), source="x", redact=True)
    assert [p.message for p in redacted.problems] == [expected]


def test_short_names_need_the_same_letters() -> None:
    [error] = validator.validate({"ab": 1}, {"required": ["id"]}).errors
    assert error.message == 'missing required property "id"'
    [error] = validator.validate({"I-D": 1}, {"required": ["id"]}).errors
    assert error.message == 'missing required property "id"; the object has "I-D"'


def test_the_look_alike_is_not_part_of_the_shape() -> None:
    engine = compile_schema(from_contents(REQUIRED))
    hinted = check_raw(engine, b'{"requestId": 1}', source="a").problems[0]
    plain = check_raw(engine, b"{}", source="b").problems[0]
    assert hinted.message != plain.message
    assert hinted.shape == plain.shape == 'missing required property "request_id"'


def test_the_missing_name_itself_is_no_look_alike() -> None:
    assert look_alike("request_id", {"request_id": 1, "requestId": 2}) == "requestId"
    assert look_alike("request_id", {"request_id": 1}) is None
    assert look_alike("RequestID", {"request-id": 1}) == "request-id"  # both sides folded
    assert look_alike("request_id", ["requestId"]) is None  # not an object
    assert look_alike(7, {"7": 1}) is None


def test_the_headline_is_the_deepest_problem_not_about_alternatives() -> None:
    schema = {
        "properties": {
            "status": {"anyOf": [{"type": "string"}, {"type": "null"}]},
            "request_id": {"format": "uuid"},
            "error": {"anyOf": [{"type": "string"}, {"type": "null"}]},
        }
    }
    text = b'{"status": 5, "request_id": "x", "error": 1, "more": {"request_id": "y"}}'
    report = validator.validate_bytes(text, schema)
    assert [(e.instance_location, e.headline) for e in report.errors] == [
        ("/status", False),
        ("/request_id", True),  # as deep as the others, and not about alternatives
        ("/error", False),
    ]
    deeper = {
        "properties": {
            **schema["properties"],
            "more": {"properties": {"request_id": {"type": "integer"}}},
        }
    }
    report = validator.validate_bytes(text, deeper)
    assert [e.instance_location for e in report.errors if e.headline] == ["/more/request_id"]
