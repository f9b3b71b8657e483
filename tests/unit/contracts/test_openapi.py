"""OpenAPI documents through entry points (issue 10): 3.1 components are JSON Schema 2020-12; 3.0
components are translated (validator/contracts/openapi.py) and judged as openapi-schema-validator's
OAS30Validator judges them (format assertion on, as everywhere in this toolkit), which a property
test over generated schemas and documents checks with both engines; a document given without a
fragment is refused, naming its schemas."""

from __future__ import annotations

import base64
import binascii
import itertools
import json
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker
from openapi_schema_validator import OAS30Validator

from validator.checking.engine import compile_schema
from validator.contracts.catalog import load_schema
from validator.contracts.openapi_formats import _BASE64
from validator.contracts.patterns import bounded
from validator.problems import NotASchema, OpenAPIDocument

ENGINES = ["fast", "reference"]
UUID = "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b"


def _write(folder: Path, name: str, document: Any) -> Path:
    path = folder / name
    path.write_text(json.dumps(document))
    return path


def _doc(version: str, schemas: dict[str, Any], **more: Any) -> dict[str, Any]:
    return {
        "openapi": version,
        "info": {"title": "casefiles", "version": "1"},
        "paths": {"/casefiles": {"post": {"responses": {"201": {"$ref": "#/components/x"}}}}},
        "components": {"schemas": schemas},
        **more,
    }


# --- OpenAPI 3.1 -------------------------------------------------------------------------------

SCHEMAS_31 = {
    "CreateCasefileResponse": {
        "type": "object",
        "required": ["id", "status"],
        "properties": {
            "id": {"$ref": "#/components/schemas/Id"},
            "status": {"enum": ["open", "closed"]},
            "note": {"type": ["string", "null"]},
        },
        "unevaluatedProperties": False,
    },
    "Id": {"type": "string", "format": "uuid"},
}


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("dialect", [None, "https://spec.openapis.org/oas/3.1/dialect/base"])
def test_an_openapi_31_component_judged_as_2020_12(
    tmp_path: Path, engine: str, dialect: str | None
) -> None:
    more = {"jsonSchemaDialect": dialect} if dialect else {}
    path = _write(tmp_path, "openapi.json", _doc("3.1.0", SCHEMAS_31, **more))
    schema = load_schema(f"{path}#/components/schemas/CreateCasefileResponse")
    assert schema.name == "CreateCasefileResponse"
    compiled = compile_schema(schema, engine=engine)
    assert compiled.judge == engine  # the fast engine compiles it: no fallback
    assert compiled.is_valid({"id": UUID, "status": "open", "note": None})
    assert not compiled.is_valid({"id": "not-a-uuid", "status": "open"})  # format asserted
    assert not compiled.is_valid({"id": UUID, "status": "open", "extra": 1})  # 2020-12 keyword
    [finding] = compiled.findings({"id": UUID, "status": "done"})
    assert finding.instance_location == "/status"
    assert compile_schema(load_schema(f"{path}#/components/schemas/Id")).is_valid(UUID)


@pytest.mark.parametrize("engine", ENGINES)
def test_json_schema_dialect_is_honoured(tmp_path: Path, engine: str) -> None:
    """Draft 7 ignores the siblings of ``$ref``; 2020-12 (the default) applies them."""
    schemas = {
        "Capped": {"$ref": "#/components/schemas/Int", "maximum": 3},
        "Int": {"type": "integer"},
    }
    seven = _doc("3.1.0", schemas, jsonSchemaDialect="http://json-schema.org/draft-07/schema#")
    for document, expected in ((seven, [True, False]), (_doc("3.1.0", schemas), [False, False])):
        path = _write(tmp_path, "openapi.json", document)
        compiled = compile_schema(load_schema(f"{path}#/components/schemas/Capped"), engine=engine)
        assert [compiled.is_valid(v) for v in (9, "x")] == expected


def test_an_openapi_31_schema_not_valid_against_2020_12_is_exit_2(tmp_path: Path) -> None:
    path = _write(tmp_path, "openapi.json", _doc("3.1.0", {"A": {"type": "text"}}))
    with pytest.raises(NotASchema) as caught:
        load_schema(f"{path}#/components/schemas/A")
    assert str(caught.value).startswith(
        f'{path}:1:198: not a valid schema at #/components/schemas/A/type: "text" is not valid '
        "under"
    )


def test_a_schema_under_paths_is_an_entry_point_too(tmp_path: Path) -> None:
    doc = _doc("3.1.0", SCHEMAS_31)
    doc["paths"]["/casefiles"]["post"]["requestBody"] = {
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Id"}}}
    }
    path = _write(tmp_path, "openapi.json", doc)
    pointer = "/paths/~1casefiles/post/requestBody/content/application~1json/schema"
    compiled = compile_schema(load_schema(f"{path}#{pointer}"))
    assert compiled.schema.name == "schema"
    assert compiled.is_valid(UUID)
    assert not compiled.is_valid("x")


@pytest.mark.parametrize("engine", ENGINES)
def test_refs_into_another_openapi_document_beside(tmp_path: Path, engine: str) -> None:
    """The other document is prepared as well (3.0: translated), and only its schemas join."""
    shared = {"Id": {"type": "string", "nullable": True, "format": "uuid"}}
    _write(tmp_path, "shared.json", _doc("3.0.3", shared))
    main = {"S": {"properties": {"id": {"$ref": "shared.json#/components/schemas/Id"}}}}
    path = _write(tmp_path, "main.json", _doc("3.0.3", main))
    compiled = compile_schema(load_schema(f"{path}#/components/schemas/S"), engine=engine)
    assert [compiled.is_valid({"id": v}) for v in (UUID, None, "x", 1)] == [
        True,
        True,
        False,
        False,
    ]


def test_a_ref_to_a_whole_openapi_document_is_exit_2(tmp_path: Path) -> None:
    _write(tmp_path, "api.json", _doc("3.1.0", SCHEMAS_31))
    path = _write(tmp_path, "schema.json", {"properties": {"a": {"$ref": "api.json"}}})
    with pytest.raises(NotASchema) as caught:
        load_schema(path)
    assert str(caught.value) == (
        'schema: $ref "api.json" names a whole OpenAPI document, not a schema: add the pointer '
        "of one of its schemas (#/components/schemas/NAME)"
    )


# --- without a fragment ------------------------------------------------------------------------


@pytest.mark.parametrize("version", ["3.1.0", "3.0.3"])
def test_an_openapi_document_without_a_fragment_names_its_schemas(
    tmp_path: Path, version: str
) -> None:
    path = _write(tmp_path, "openapi.json", _doc(version, {"A": {}, "B": {}, "C": {}}))
    for spec in (str(path), f"{path}#"):
        with pytest.raises(OpenAPIDocument) as caught:
            load_schema(spec)
        given = str(path)
        assert str(caught.value) == (
            f"{given} is an OpenAPI {version} document, not a schema: give one of its schemas, "
            f"e.g. {given}#/components/schemas/A (it has A, B, C)"
        )
        assert caught.value.names == ("A", "B", "C")
        assert caught.value.exit_code == 2


@pytest.mark.parametrize("pointer", ["/components/schemas", "/components", "/info", "/paths"])
def test_a_pointer_to_no_schema_of_the_document_is_exit_2(tmp_path: Path, pointer: str) -> None:
    path = _write(tmp_path, "openapi.json", _doc("3.1.0", {"A": {}, "B": {}}))
    with pytest.raises(OpenAPIDocument) as caught:
        load_schema(f"{path}#{pointer}")
    assert str(caught.value) == (
        f"{path}#{pointer} is no schema of an OpenAPI 3.1.0 document: give one of its schemas, "
        f"e.g. {path}#/components/schemas/A (it has A, B)"
    )


def test_many_schemas_are_counted_and_none_said_so(tmp_path: Path) -> None:
    many = {f"S{i}": {} for i in range(15)}
    path = _write(tmp_path, "openapi.json", _doc("3.1.0", many))
    with pytest.raises(OpenAPIDocument) as caught:
        load_schema(path)
    assert str(caught.value).endswith(
        "(it has S0, S1, S2, S3, S4, S5, S6, S7, S8, S9, S10, S11 and 3 more)"
    )
    empty = _write(tmp_path, "empty.json", {"openapi": "3.1.0", "info": {}, "paths": {}})
    with pytest.raises(OpenAPIDocument) as caught:
        load_schema(empty)
    assert str(caught.value) == (
        f"{empty} is an OpenAPI 3.1.0 document, not a schema: it has no components/schemas: "
        f"name a schema in it by its JSON Pointer ({empty}#/...)"
    )


def test_the_cli_refuses_an_openapi_document_without_a_fragment(tmp_path: Path) -> None:
    import io

    from validator.run.runner import Options, run

    path = _write(tmp_path, "openapi.json", _doc("3.0.3", {"Casefile": {}}))
    document = _write(tmp_path, "doc.json", {})
    out, err = io.StringIO(), io.StringIO()
    assert run(Options(inputs=(str(document),), schema=str(path)), out, err) == 2
    assert out.getvalue() == ""
    assert err.getvalue() == (
        f"casefile-validate: schema error: {path} is an OpenAPI 3.0.3 document, not a schema: "
        f"give one of its schemas, e.g. {path}#/components/schemas/Casefile (it has Casefile)\n"
    )


@pytest.mark.parametrize(
    ("document", "what"),
    [
        ({"swagger": "2.0", "definitions": {}}, "a Swagger 2.0 (OpenAPI 2.0)"),
        ({"openapi": "4.0"}, "an OpenAPI 4.0"),
    ],
)
def test_other_openapi_versions_are_refused_not_taken_for_schemas(
    tmp_path: Path, document: dict[str, Any], what: str
) -> None:
    path = _write(tmp_path, "api.json", document)
    for spec in (str(path), f"{path}#/definitions"):
        with pytest.raises(NotASchema) as caught:
            load_schema(spec)
        assert str(caught.value) == (
            f"{path} is {what} document: only OpenAPI 3.0 and 3.1 documents are supported"
        )


@pytest.mark.parametrize("version", ["3.0.3", "3.1.0"])
def test_schemas_nested_as_deep_as_the_parser_allows_load(tmp_path: Path, version: str) -> None:
    depth = 1015
    nested = '{"not": ' * depth + "{}" + "}" * depth
    path = tmp_path / "deep.json"
    path.write_text(f'{{"openapi": "{version}", "components": {{"schemas": {{"S": {nested}}}}}}}')
    schema = load_schema(f"{path}#/components/schemas/S")
    assert {compile_schema(schema, engine=e).is_valid(1) for e in ENGINES} == {False}


# --- OpenAPI 3.0: the reference and the translation --------------------------------------------


def _checker() -> FormatChecker:
    """Format assertion as this toolkit does it (draft 2020-12's checks), with OpenAPI 3.0's own
    formats as openapi-schema-validator checks them."""
    from openapi_schema_validator._format import oas30_format_checker

    checker = FormatChecker(formats=())
    checker.checkers.update(Draft202012Validator.FORMAT_CHECKER.checkers)
    checker.checkers.update(oas30_format_checker.checkers)
    return checker


CHECKER = _checker()


def reference_verdict(schemas: dict[str, Any], name: str, document: Any) -> bool:
    """OAS30Validator's verdict.  It fails with TypeError where a discriminating property holds
    an array or an object (unhashable, looked up in ``mapping``): such a value names no schema,
    so the document is invalid (as it is here)."""
    root = {"$ref": f"#/components/schemas/{name}", "components": {"schemas": schemas}}
    try:
        return bool(OAS30Validator(root, format_checker=CHECKER).is_valid(document))
    except TypeError as exc:
        assert "unhashable" in str(exc)
        return False


class Ours:
    """3.0 documents written to a folder, loaded through their entry point."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.count = itertools.count()

    def verdicts(self, schemas: dict[str, Any], name: str, document: Any) -> set[bool]:
        path = _write(self.folder, f"oa{next(self.count)}.json", _doc("3.0.3", schemas))
        schema = load_schema(f"{path}#/components/schemas/{name}")
        engines = [compile_schema(schema, engine=e) for e in ENGINES]
        assert [e.judge for e in engines] == ENGINES  # the translation compiles on both
        return {e.is_valid(document) for e in engines}


@pytest.fixture
def ours(tmp_path: Path) -> Ours:
    return Ours(tmp_path)


CASES: list[tuple[str, dict[str, Any], list[Any]]] = [
    ("nullable", {"type": "string", "nullable": True}, [None, "a", 1]),
    ("not nullable", {"type": "string"}, [None, "a"]),
    ("nullable false", {"type": "string", "nullable": False}, [None, "a", 1]),
    ("nullable without type", {"nullable": True, "minLength": 2}, [None, "a", "ab"]),
    ("nullable enum", {"type": "string", "nullable": True, "enum": ["a"]}, [None, "a", "b"]),
    ("exclusive minimum", {"type": "integer", "minimum": 0, "exclusiveMinimum": True}, [0, 1]),
    ("inclusive minimum", {"type": "integer", "minimum": 0, "exclusiveMinimum": False}, [0, -1]),
    ("exclusive maximum", {"maximum": 1.5, "exclusiveMaximum": True}, [1.5, 1.25, 2]),
    ("exclusive alone", {"exclusiveMinimum": True}, [-(10**9)]),
    ("int32", {"type": "integer", "format": "int32"}, [2**31 - 1, 2**31, -(2**31), -(2**31) - 1]),
    ("int64", {"format": "int64"}, [2**63 - 1, 2**63, -(2**63), -(2**63) - 1, 2.5, "x"]),
    (  # not a float out of the range: see docs/openapi.md, "Compared with ..."
        "int64 numbers",
        {"type": "number", "format": "int64"},
        [9.2e18, -9.2e18, 4503599627370495.5, -0.5, 2**63, -(2**63) - 1],
    ),
    ("byte", {"format": "byte"}, ["", "YQ==", "YQ=", "YWJj", "YWJj=", "YW Jj", "YWJj\n", 7]),
    ("float", {"format": "float"}, [1, 1.5, "x"]),
    ("date-time", {"format": "date-time"}, ["2024-01-01T00:00:00Z", "yesterday", None]),
    ("uuid", {"format": "uuid"}, [UUID, "nope"]),
    ("integer", {"type": "integer"}, [1, 1.5, True, "1", 1.0, 1e2, -0.0]),
    ("number", {"type": "number"}, [1, 1.5, True, None]),
    ("object", {"type": "object", "additionalProperties": False}, [{}, {"a": 1}, []]),
    (
        "read-only required",
        {"required": ["id", "name"], "properties": {"id": {"readOnly": True}, "name": {}}},
        [{}, {"name": 1}, {"id": 1}],
    ),
    (
        "write-only required",
        {"required": ["pw"], "properties": {"pw": {"type": "string", "writeOnly": True}}},
        [{}, {"pw": 1}, {"pw": "x"}],
    ),
    ("ref siblings apply", {"$ref": "#/components/schemas/Int", "maximum": 3}, [2, 5, "a"]),
    ("ignored keywords", {"const": 1, "if": False, "contains": False, "x-a": 1}, [2, [1]]),
    (
        "pattern properties excuse additional",
        {"patternProperties": {"^x": {"type": "string"}}, "additionalProperties": False},
        [{"xa": 1}, {"b": 1}],
    ),
    ("annotations", {"example": 1, "xml": {}, "deprecated": True, "title": "t"}, [1]),
    (
        "discriminator",
        {
            "oneOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}],
            "discriminator": {"propertyName": "kind"},
        },
        [{"kind": "Cat", "lives": 9}, {"kind": "Cat"}, {"kind": "Dog"}, {"kind": "Cow"}, {}, 3],
    ),
    (
        "discriminator mapping",
        {
            "anyOf": [{"$ref": "#/components/schemas/Cat"}],
            "discriminator": {
                "propertyName": "kind",
                "mapping": {"cat": "#/components/schemas/Cat", "dog": "Dog"},
            },
        },
        [{"kind": "cat", "lives": 1}, {"kind": "cat"}, {"kind": "Dog"}, {"kind": ""}, {"kind": 0}],
    ),
    (  # without the property: one failure; a component named by no mapping nor branch
        "discriminator without its property",
        {
            "oneOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}],
            "discriminator": {
                "propertyName": "kind",
                "mapping": {"cat": "#/components/schemas/Cat"},
            },
        },
        [
            *({}, {"lives": 1}, {"Kind": "Cat"}, {"kind": None}),
            *({"kind": "Needy"}, {"kind": "Needy", "foo": 1}, {"kind": "Int"}),
            *({"kind": "cat", "lives": 1}, {"kind": "Cat"}, "x"),
        ],
    ),
]
OTHERS = {
    "Int": {"type": "integer"},
    "Needy": {"type": "object", "required": ["foo"]},
    "Cat": {"type": "object", "required": ["lives"], "properties": {"lives": {"type": "integer"}}},
    "Dog": {"type": "object"},
}


@pytest.mark.parametrize(("name", "schema", "documents"), CASES, ids=[c[0] for c in CASES])
def test_openapi_30_hand_written_cases_agree_with_oas30validator(
    ours: Ours, name: str, schema: dict[str, Any], documents: list[Any]
) -> None:
    schemas = {"S": schema, **OTHERS}
    for document in documents:
        expected = reference_verdict(schemas, "S", document)
        assert ours.verdicts(schemas, "S", document) == {expected}, document


IGNORED = {"annotations", "exclusive alone", "float", "ignored keywords"}
"""The cases that show a keyword ignored: every document passes."""


def test_both_verdicts_occur_in_the_hand_written_cases(ours: Ours) -> None:
    """Each case's documents include one the reference accepts and one it rejects (so no case
    passes by accepting everything), bar the annotations-only one."""
    for name, schema, documents in CASES:
        verdicts = {reference_verdict({"S": schema, **OTHERS}, "S", d) for d in documents}
        assert verdicts == ({True} if name in IGNORED else {True, False}), name


def test_a_mapping_value_may_name_a_component(ours: Ours) -> None:
    """As OpenAPI 3.0 says (OAS30Validator takes ``Dog`` for a relative URI it cannot resolve,
    and rejects every document that names it)."""
    [(_, schema, _)] = [case for case in CASES if case[0] == "discriminator mapping"]
    schemas = {"S": schema, **OTHERS}
    assert reference_verdict(schemas, "S", {"kind": "dog"}) is False
    assert ours.verdicts(schemas, "S", {"kind": "dog"}) == {True}
    assert ours.verdicts(schemas, "S", {"kind": "dog", "x": 1}) == {True}
    assert ours.verdicts(schemas, "S", []) == {False}


@pytest.mark.parametrize(
    ("schema", "message"),
    [
        ({"type": "null"}, "OpenAPI 3.0 type must be one of"),
        ({"type": ["string", "null"]}, "OpenAPI 3.0 type must be one of"),
        ({"items": [{}]}, "a schema must be a JSON object"),
        ({"allOf": {}}, "must be an array"),
        ({"anyOf": [{}], "discriminator": {}}, "discriminator: propertyName is missing"),
    ],
)
def test_openapi_30_schemas_outside_its_dialect_are_exit_2(
    tmp_path: Path, schema: dict[str, Any], message: str
) -> None:
    path = _write(tmp_path, "openapi.json", _doc("3.0.3", {"S": schema}))
    with pytest.raises(NotASchema) as caught:
        load_schema(f"{path}#/components/schemas/S")
    assert message in str(caught.value)
    placed = rf"{re.escape(str(path))}:1:\d+: #/components/schemas/S"  # placed in the file
    assert re.match(placed, str(caught.value)), str(caught.value)


# --- the property test ---------------------------------------------------------------------------

NAMES = ["a", "b", "c"]
TYPES = ["string", "number", "integer", "boolean", "array", "object"]
STRINGS = st.one_of(
    st.text(alphabet="ab01=+/-", max_size=6),
    st.sampled_from(["YQ==", "YWJj", "2024-01-01", "2024-13-01", UUID, "a@b.example", "x\n", "T"]),
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 5),
    st.sampled_from([2**31 - 1, 2**31, -(2**31) - 1, 2**63, -(2**63)]),
    st.floats(-10, 10, allow_nan=False).filter(lambda f: not f.is_integer()),
    STRINGS,
)
DOCUMENTS = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.sampled_from([*NAMES, "z"]), inner)
    ),
    max_leaves=6,
)
LEAF = st.fixed_dictionaries(
    {},
    optional={
        "type": st.sampled_from(TYPES),
        "nullable": st.booleans(),
        "enum": st.lists(SCALARS, min_size=1, max_size=3),
        "minimum": st.integers(-3, 3),
        "maximum": st.integers(-3, 3),
        "exclusiveMinimum": st.booleans(),
        "exclusiveMaximum": st.booleans(),
        "multipleOf": st.sampled_from([1, 2, 3]),
        "minLength": st.integers(0, 3),
        "maxLength": st.integers(0, 3),
        "pattern": st.sampled_from(["^a", "b$", "[0-9]"]),
        "format": st.sampled_from(["int32", "int64", "byte", "date", "float", "uuid", "email"]),
        "minItems": st.integers(0, 2),
        "maxItems": st.integers(0, 2),
        "uniqueItems": st.booleans(),
        "minProperties": st.integers(0, 2),
        "maxProperties": st.integers(0, 2),
        "required": st.lists(st.sampled_from(NAMES), max_size=2, unique=True),
        "readOnly": st.booleans(),
        "writeOnly": st.booleans(),
        "example": SCALARS,
        "$ref": st.just("#/components/schemas/T"),
    },
)


def _nest(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    applicators = st.fixed_dictionaries(
        {},
        optional={
            "allOf": st.lists(children, min_size=1, max_size=2),
            "anyOf": st.lists(children, min_size=1, max_size=2),
            "oneOf": st.lists(children, min_size=1, max_size=2),
            "not": children,
            "items": children,
            "properties": st.dictionaries(st.sampled_from(NAMES), children, max_size=2),
            "additionalProperties": st.one_of(st.booleans(), children),
            "discriminator": st.fixed_dictionaries({"propertyName": st.sampled_from(NAMES)}),
        },
    )
    return st.tuples(LEAF, applicators).map(lambda pair: {**pair[0], **pair[1]})


SCHEMAS = st.recursive(LEAF, _nest, max_leaves=5)
TARGET = {"type": "integer", "nullable": True, "maximum": 2, "format": "int32"}


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(schema=SCHEMAS, documents=st.lists(DOCUMENTS, min_size=1, max_size=4))
def test_generated_openapi_30_schemas_agree_with_oas30validator(
    folder: Path, schema: dict[str, Any], documents: list[Any]
) -> None:
    schemas = {"S": schema, "T": TARGET}
    path = _write(folder, "generated.json", _doc("3.0.3", schemas))
    loaded = load_schema(f"{path}#/components/schemas/S")
    engines = [compile_schema(loaded, engine=e) for e in ENGINES]
    for document in documents:
        expected = reference_verdict(schemas, "S", document)
        assert [e.is_valid(document) for e in engines] == [expected] * 2, document


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="AQz09+/=\n é-_", max_size=10))
def test_the_byte_pattern_is_what_b64decode_accepts(text: str) -> None:
    try:
        base64.b64decode(text.encode("ascii"), validate=True)
        expected = True
    except (binascii.Error, ValueError):
        expected = False
    matches = bounded(_BASE64)  # the engine both engines match patterns with: $ is the end
    assert matches is not None and matches(text) is expected


def test_the_byte_pattern_on_every_short_text() -> None:
    for n in range(6):
        for letters in itertools.product("A=\n", repeat=n):
            test_the_byte_pattern_is_what_b64decode_accepts.hypothesis.inner_test(  # type: ignore[attr-defined]
                "".join(letters)
            )
