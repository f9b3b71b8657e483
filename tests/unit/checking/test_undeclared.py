"""Warnings for undeclared properties: where the schema declares properties without forbidding
others, a key it declares nowhere is a warning at that key, with the nearest declared name."""

from __future__ import annotations

from typing import Any

import orjson
import pytest

from validator.checking.document import check_raw
from validator.checking.engine import compile_schema
from validator.checking.json_lines import check_batch
from validator.checking.property_warnings import for_engine, harden, suggestion
from validator.checking.undeclared import Undeclared
from validator.contracts.catalog import from_contents, load_schema
from validator.inputs.sources import Batch
from validator.problems import UNDECLARED, DocumentResult, Problem, Status, Summary

BUNDLED = load_schema("AddSessionToCasefileResponse")
GOOD_PAYLOAD = {"casefile_id": "c", "session_id": "s", "session_type": "t", "total_sessions": 1}


def good(**extra: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "request_id": "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b",
        "status": "completed",
        "payload": dict(GOOD_PAYLOAD),
    }
    doc.update(extra)
    return doc


def finder(schema: Any) -> Undeclared:
    return Undeclared("https://x.invalid/s.json", schema)


def found(schema: Any, document: Any) -> list[tuple[str, str]]:
    f = finder(schema)
    result = sorted(f.find(document))
    assert f.quiet(document) is (not result)  # the hot path agrees with the full walk
    return result


def test_the_bundled_contract_typos() -> None:
    f = for_engine(compile_schema(BUNDLED))
    doc = good(timestmap="t", eror=None, metdata={})
    doc["payload"]["sesion_type"] = "x"
    assert sorted(f.find(doc)) == [
        ("", "eror"),
        ("", "metdata"),
        ("", "timestmap"),
        ("/payload", "sesion_type"),
    ]
    assert suggestion("sesion_type", f.names_at("/payload", doc)) == "session_type"
    assert suggestion("timestmap", f.names_at("", doc)) == "timestamp"
    assert suggestion("eror", f.names_at("", doc)) == "error"
    assert suggestion("metdata", f.names_at("", doc)) == "metadata"
    assert suggestion("zebra_crossing", f.names_at("", doc)) is None
    # metadata allows anything and declares nothing: its keys are never warned about
    assert f.find(good(metadata={"anything": 1, "nested": {"x": [1]}})) == []
    assert f.quiet(good()) is True


def test_the_engine_finder_is_made_once_per_engine() -> None:
    engine = compile_schema(BUNDLED)
    assert for_engine(engine) is for_engine(engine)
    assert for_engine(compile_schema(BUNDLED)) is not for_engine(engine)


@pytest.mark.parametrize(
    ("schema", "document", "expected"),
    [
        # forbidding others: the schema's own errors say it, no warning
        ({"properties": {"a": {}}, "additionalProperties": False}, {"b": 1}, []),
        ({"properties": {"a": {}}, "unevaluatedProperties": False}, {"b": 1}, []),
        ({"properties": {"a": {}}, "additionalProperties": {"type": "integer"}}, {"b": 1}, []),
        ({"properties": {"a": {}}, "propertyNames": {"maxLength": 3}}, {"b": 1}, []),
        # allowing others explicitly is no forbidding
        ({"properties": {"a": {}}, "additionalProperties": True}, {"b": 1}, [("", "b")]),
        ({"properties": {"a": {}}, "additionalProperties": {}}, {"b": 1}, [("", "b")]),
        # declared nowhere vs declared by a pattern, required or an applicator in place
        (
            {"properties": {"a": {}}, "patternProperties": {"^x-": {}}},
            {"x-b": 1, "y": 2},
            [("", "y")],
        ),
        ({"properties": {"a": {}}, "required": ["b"]}, {"b": 1}, []),
        # dependentRequired declares its keys and the names they require
        (
            {"properties": {"a": {}}, "dependentRequired": {"x": ["y"]}},
            {"a": 1, "x": 1, "y": 2, "z": 3},
            [("", "z")],
        ),
        # dependentSchemas: its branches declare, and so do its keys
        (
            {"properties": {"a": {}}, "dependentSchemas": {"x": {"properties": {"w": {}}}}},
            {"a": 1, "x": 1, "w": 2, "v": 3},
            [("", "v")],
        ),
        (
            {"allOf": [{"properties": {"a": {}}}, {"properties": {"b": {}}}]},
            {"a": 1, "b": 2, "c": 3},
            [("", "c")],
        ),
        (
            {"anyOf": [{"properties": {"a": {}}}, {"properties": {"b": {}}}]},
            {"b": 2, "c": 3},
            [("", "c")],
        ),
        ({"oneOf": [{"properties": {"a": {}}}, {"type": "string"}]}, {"a": 1, "c": 3}, [("", "c")]),
        (
            {
                "properties": {"k": {}},
                "if": {"properties": {"a": {}}},
                "then": {"properties": {"b": {}}},
                "else": {"properties": {"c": {}}},
            },
            {"a": 1, "b": 1, "c": 1, "d": 1},
            [("", "d")],
        ),
        (
            {"properties": {"a": {}}, "dependentSchemas": {"a": {"properties": {"b": {}}}}},
            {"a": 1, "b": 1, "z": 1},
            [("", "z")],
        ),
        (
            {"$ref": "#/$defs/o", "$defs": {"o": {"properties": {"a": {}}}}},
            {"a": 1, "zz": 1},
            [("", "zz")],
        ),
        # nothing declared: a free-form object
        ({"type": "object"}, {"anything": 1}, []),
        (
            {"additionalProperties": {"properties": {"a": {}}}},
            {"m": {"a": 1, "b": 2}},
            [("/m", "b")],
        ),
        # below: properties, arrays (items, prefixItems, draft 4-2019 items arrays), patterns
        ({"properties": {"p": {"properties": {"a": {}}}}}, {"p": {"a": 1, "b": 2}}, [("/p", "b")]),
        (
            {"items": {"properties": {"a": {}}}},
            [{"a": 1}, {"a~/": 2, "b": 1}],
            [("/1", "a~/"), ("/1", "b")],
        ),
        (
            {"prefixItems": [{"properties": {"a": {}}}], "items": {"properties": {"b": {}}}},
            [{"b": 1}, {"a": 1}],
            [("/0", "b"), ("/1", "a")],
        ),
        (
            {"items": [{"properties": {"a": {}}}], "additionalItems": {"properties": {"b": {}}}},
            [{"b": 1}, {"a": 1}],
            [("/0", "b"), ("/1", "a")],
        ),
        (
            {"patternProperties": {"^p": {"properties": {"a": {}}}}},
            {"px": {"c": 1}},
            [("/px", "c")],
        ),
        (
            {"properties": {"o~/k": {"properties": {"a": {}}}}},
            {"o~/k": {"c": 1}},
            [("/o~0~1k", "c")],
        ),
        # what cannot be read statically gives no warning
        ({"properties": {"a": {}}, "$ref": "https://elsewhere.invalid/x.json"}, {"b": 1}, []),
        ({"properties": {"a": {}}, "$dynamicRef": "#meta"}, {"b": 1}, []),
        ({"properties": {"a": {}}, "patternProperties": {"(": {}}}, {"b": 1}, []),
        ({"properties": {"a": {}}, "$ref": "http://[::1"}, {"b": 1}, []),
        # values that are not objects
        ({"properties": {"a": {}}}, [1, "x", None], []),
        (True, {"a": 1}, []),
    ],
)
def test_where_a_warning_is(schema: Any, document: Any, expected: list[tuple[str, str]]) -> None:
    assert found(schema, document) == expected


def test_recursive_schemas_and_deep_documents() -> None:
    schema = {"properties": {"next": {"$ref": "#"}, "v": {}}}
    doc: dict[str, Any] = {"v": 1}
    for _ in range(5000):  # deeper than Python's recursion: the hot path falls back to a loop
        doc = {"next": doc}
    doc["extra"] = 1
    assert found(schema, doc) == [("", "extra")]
    inner = doc
    while "next" in inner:
        inner = inner["next"]
    inner["typo"] = 2
    f = finder(schema)
    assert f.quiet(doc) is False
    assert len(f.find(doc)) == 2


def test_a_schema_with_resources_and_ids() -> None:
    schema = {
        "$id": "https://x.invalid/root.json",
        "properties": {"a": {"$ref": "other.json#/$defs/o"}, "b": {"$ref": "#anchored"}},
        "$defs": {"x": {"$anchor": "anchored", "properties": {"y": {}}}},
    }
    other = {"$defs": {"o": {"properties": {"in_other": {}}}}}
    f = Undeclared("https://x.invalid/root.json", schema, {"https://x.invalid/other.json": other})
    doc = {"a": {"in_other": 1, "nope": 1}, "b": {"y": 1, "z": 1}}
    assert sorted(f.find(doc)) == [("/a", "nope"), ("/b", "z")]


def test_check_raw_places_each_warning_at_its_key() -> None:
    engine = compile_schema(BUNDLED)
    text = (
        b'{"request_id": "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b", "status": "completed",\n'
        b' "payload": {"casefile_id": "c", "session_id": "s", "session_type": "t",\n'
        b'  "total_sessions": 1, "sesion_type": "y"}, "timestmap": "t"}'
    )
    warnings = for_engine(engine)
    result = check_raw(engine, text, source="d.json", line=10, warnings=warnings)
    assert result.status is Status.VALID and result.problems == ()
    assert result.warnings == (
        Problem(
            "/payload/sesion_type",
            "",
            'undeclared property; did you mean "session_type"?',
            UNDECLARED,
            line=12,
            column=24,
            shape='undeclared property "sesion_type"; did you mean "session_type"?',
        ),
        Problem(
            "/timestmap",
            "",
            'undeclared property; did you mean "timestamp"?',
            UNDECLARED,
            line=12,
            column=45,
            shape='undeclared property "timestmap"; did you mean "timestamp"?',
        ),
    )
    assert check_raw(engine, text, source="d.json").warnings == ()  # not asked for
    # an invalid document keeps its verdict and gets its warnings too
    bad = text.replace(b'"status": "completed"', b'"status": "done"')
    result = check_raw(engine, bad, source="d.json", warnings=warnings)
    assert result.status is Status.INVALID
    assert [p.keyword for p in result.problems] == ["enum"]
    assert [w.instance_location for w in result.warnings] == ["/payload/sesion_type", "/timestmap"]


def test_json_lines_list_valid_documents_with_warnings_and_count_the_others() -> None:
    engine = compile_schema(BUNDLED)
    lines = [good(), good(timestmap="x"), good(status="done"), good(), good(status="done", eror=1)]
    block = b"\n".join(orjson.dumps(d) for d in lines)
    for keep_valid in (False, True):
        valid, results = check_batch(
            engine, Batch("l.jsonl", 1, block), warnings=for_engine(engine), keep_valid=keep_valid
        )
        listed = [
            (r.line, r.status.value, [w.instance_location for w in r.warnings]) for r in results
        ]
        if keep_valid:
            assert valid == 0
            assert [line for line, _, _ in listed] == [1, 2, 3, 4, 5]
        else:
            assert valid == 2
            assert listed == [
                (2, "valid", ["/timestmap"]),
                (3, "invalid", []),
                (5, "invalid", ["/eror"]),
            ]
    valid, results = check_batch(engine, Batch("l.jsonl", 1, block))
    assert valid == 3 and [r.line for r in results] == [3, 5]
    assert all(r.warnings == () for r in results)


WARNING = Problem("/a", "", "undeclared property", UNDECLARED, line=3, column=2)


def test_strict_makes_warnings_errors() -> None:
    valid = DocumentResult("d.json", 1, Status.VALID, (), "S", (WARNING,))
    hard = harden(valid)
    assert hard.status is Status.INVALID
    assert hard.problems == (WARNING._replace(headline=True),)
    assert hard.warnings == ()
    enum = Problem("/s", "/properties/s/enum", "x", "enum", line=1, column=5, headline=True)
    both = harden(DocumentResult("d.json", 1, Status.INVALID, (enum,), "S", (WARNING,)))
    assert both.problems == (enum, WARNING)
    plain = DocumentResult("d.json", 1, Status.VALID)
    assert harden(plain) is plain


def test_the_summary_counts_warnings_apart_from_verdicts() -> None:
    summary = Summary()
    summary.add(DocumentResult("d.json", 1, Status.VALID, (), "S", (WARNING, WARNING)))
    summary.add(DocumentResult("e.json", 1, Status.VALID))
    assert (summary.valid, summary.invalid, summary.warnings, summary.exit_code) == (2, 0, 2, 0)
    # an old constructor still works: warnings default to none
    assert DocumentResult("x", 1, Status.VALID).warnings == ()


def test_a_schema_from_contents() -> None:
    schema = from_contents({"properties": {"name": {"type": "string"}}}, name="inline")
    engine = compile_schema(schema)
    result = check_raw(engine, b'{"nmae": "x"}', source="d.json", warnings=for_engine(engine))
    assert [(w.message, w.line, w.column) for w in result.warnings] == [
        ('undeclared property; did you mean "name"?', 1, 2)
    ]


def test_a_members_node_is_made_only_when_a_document_has_that_member() -> None:
    # An OpenAPI component declares many expandable members; a node is the in-place closure of
    # its schemas, so making one for every declared name ahead walked most of the document.
    schema = {
        "properties": {
            "a": {"properties": {"x": {}}},
            "b": {"properties": {"y": {}}},
            "c": {"properties": {"z": {}}},
        }
    }
    f = finder(schema)
    assert f.quiet({"a": {"x": 1}, "c": 3}) is True
    assert sorted(f.root._children) == ["a"]  # nothing made for "b", nor for "c"'s number
    assert f.quiet({"b": {"y": 1, "typo": 2}}) is False
    assert sorted(f.root._children) == ["a", "b"]
    deep: dict[str, Any] = {"v": {"x": 1}}
    for _ in range(5000):  # the loop that a document deeper than the stack takes agrees
        deep = {"a": {"x": 1}, "next": deep}
    g = finder({"properties": {"next": {"$ref": "#"}, "a": schema["properties"]["a"], "v": {}}})
    assert g.quiet(deep) is True
    assert sorted(g.root._children) == ["a", "next"]


def test_the_schemas_a_member_gets_are_expanded_once_whichever_node_reaches_them() -> None:
    # An OpenAPI component is reached from many nodes (every expandable field naming it): the
    # in-place closure of its members' schemas is walked once, not once per node.
    looked: list[str] = []

    class Seen(dict[str, Any]):
        def get(self, key: str, default: Any = None) -> Any:
            looked.append(key)
            return super().get(key, default)

    member = Seen(properties={"z": {}})
    schema = {
        "properties": {
            "a": {"$ref": "#/$defs/x"},
            "b": {"allOf": [{"$ref": "#/$defs/x"}, {"properties": {"q": {}}}]},
        },
        "$defs": {"x": {"properties": {"n": member}}},
    }
    f = finder(schema)
    document = {"a": {"n": {"z": 1}}, "b": {"q": 1, "n": {"z": 2, "typo": 3}}}
    assert f.find(document) == [("/b/n", "typo")]
    assert f.quiet(document) is False
    a, b = f.root.child("a"), f.root.child("b")
    assert a is not b and a.child("n") is b.child("n")
    assert looked.count("$id") == 2  # the index, and the one closure (before: one per node)
