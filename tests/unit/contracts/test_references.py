"""$ref resolution and cycles: every draft's shapes load, references resolve exactly as the
reference (jsonschema + referencing) resolves them, the fast engine hands over what it cannot
compile, and only a cycle every document enters is refused."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, validators
from referencing import Registry

from validator.checking.engine import ENGINES, compile_schema
from validator.contracts.catalog import from_contents
from validator.problems import CANNOT_CHECK, NotASchema, RefCycle, UnresolvableRef

DRAFT4 = "http://json-schema.org/draft-04/schema#"
DRAFT7 = "http://json-schema.org/draft-07/schema#"


def reference_verdict(schema: Any, document: Any) -> bool | None:
    """jsonschema's own verdict (no registry: these schemas refer only to themselves); None when
    it recurses without end."""
    cls = validators.validator_for(schema, default=Draft202012Validator)
    try:
        return bool(
            cls(schema, registry=Registry(), format_checker=cls.FORMAT_CHECKER).is_valid(document)
        )
    except RecursionError:
        return None
    except BaseException as exc:  # rpds (Rust, under referencing) panics on a RecursionError
        if type(exc).__name__ != "PanicException":
            raise
        return None


# --- older drafts' shapes ----------------------------------------------------------------------

TUPLES = {
    "$schema": DRAFT7,
    "definitions": {
        "pair": {
            "type": "array",
            "items": [{"type": "integer"}, {"$ref": "#/definitions/pair"}],
            "dependencies": {"a": {"required": ["b"]}, "c": ["d"]},
        }
    },
    "anyOf": [{"type": "null"}, {"$ref": "#/definitions/pair"}],
}


@pytest.mark.parametrize("seed", ["0", "1", "2", "3"])
def test_a_draft7_tuple_items_schema_loads_whatever_the_hash_order(
    tmp_path: Path, seed: str
) -> None:
    """It used to end in ``AttributeError: 'list' object has no attribute 'get'`` inside
    referencing, on some runs: the subschema a $ref reached was read as draft 2020-12."""
    schema = tmp_path / "tuples.json"
    schema.write_text(json.dumps(TUPLES))
    good, bad = tmp_path / "good.json", tmp_path / "bad.json"
    good.write_text("[1, [2]]")
    bad.write_text('[1, "x"]')
    result = subprocess.run(
        [sys.executable, "-m", "validator", "--schema", str(schema), str(good), str(bad)],
        capture_output=True,
        env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"},
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr == b""
    assert result.stdout.decode().splitlines()[-1] == (
        "2 documents: 1 valid, 1 invalid, 0 unreadable"
    )


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("document", [[1, [2, None]], [1, "x"], None, [1, [2, [3, "y"]]], "s"])
def test_tuple_items_verdicts_are_the_references(engine: str, document: Any) -> None:
    checked = compile_schema(from_contents(TUPLES), engine=engine)
    assert checked.judge == engine
    assert checked.is_valid(document) is reference_verdict(TUPLES, document)


# --- references resolved as the reference resolves them -----------------------------------------

EMBEDDED = {
    "$defs": {
        "s": {
            "$id": "http://casefile.test/s",
            "type": "object",
            "required": ["k"],
            "properties": {"a": {"$ref": "#"}},
        }
    },
    "properties": {"p": {"$ref": "http://casefile.test/s"}},
}
"""``$ref: "#"`` inside a subschema with its own ``$id``: that subschema, not the root."""


def _local(dialect: str | None, beside: bool, key: str = "$id") -> dict[str, Any]:
    """``#/definitions/X`` under a subschema with its own id: with the ``$ref`` beside the id
    (draft 7 ignores the id there) or inside ``allOf`` (the id counts)."""
    inner: dict[str, Any] = {
        key: "http://casefile.test/p.json",
        "definitions": {"X": {"type": "string"}},
    }
    ref = {"$ref": "#/definitions/X"}
    inner.update(ref if beside else {"allOf": [ref]})
    schema: dict[str, Any] = {"definitions": {"X": {"type": "integer"}}, "properties": {"p": inner}}
    return schema if dialect is None else {"$schema": dialect, **schema}


SAME_AS_REFERENCE = [
    (EMBEDDED, [{"p": {"k": 1, "a": {}}}, {"p": {"k": 1, "a": {"k": 2}}}, {"p": {"a": 1}}, {}]),
    ({"type": ["object", "integer"], "properties": {"n": {"$ref": "#"}}},
     [{"n": {"n": 1}}, {"n": "x"}]),
    (_local(DRAFT7, beside=True), [{"p": 1}, {"p": "s"}]),
    (_local(DRAFT7, beside=False), [{"p": 1}, {"p": "s"}]),
    (_local(None, beside=True), [{"p": 1}, {"p": "s"}]),
    (_local(None, beside=False), [{"p": 1}, {"p": "s"}]),
    (_local(DRAFT4, beside=False, key="id"), [{"p": 1}, {"p": "s"}]),
]  # fmt: skip


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(("schema", "documents"), SAME_AS_REFERENCE)
def test_local_references_resolve_as_the_reference_resolves_them(
    engine: str, schema: dict[str, Any], documents: list[Any]
) -> None:
    checked = compile_schema(from_contents(schema), engine=engine)
    verdicts = [checked.is_valid(d) for d in documents]
    assert verdicts == [reference_verdict(schema, d) for d in documents]
    assert True in verdicts and False in verdicts  # both ways, or the case proves nothing


def test_draft7_ignores_an_id_beside_a_ref_and_2020_12_does_not() -> None:
    assert compile_schema(from_contents(_local(DRAFT7, beside=True))).is_valid({"p": 1})
    assert compile_schema(from_contents(_local(None, beside=True))).is_valid({"p": "s"})


# --- what the fast engine cannot compile ----------------------------------------------------------


@pytest.mark.parametrize("name", ["a<b", "a>b", "a b", "a|b", "é"])
def test_a_pointer_the_fast_engine_refuses_is_judged_by_the_reference(name: str) -> None:
    schema = {"$defs": {name: {"type": "string"}}, "$ref": f"#/$defs/{name}"}
    checked = compile_schema(from_contents(schema))
    assert checked.judge == "reference"
    assert checked.is_valid("x") is True
    assert checked.is_valid(1) is False
    [finding] = checked.findings(1)
    assert finding.failure.keyword == "type"


def test_a_pointer_the_fast_engine_compiles_stays_with_it() -> None:
    schema = {"$defs": {"x:y": {"type": "string"}}, "$ref": "#/$defs/x:y"}
    checked = compile_schema(from_contents(schema))
    assert checked.judge == "fast"
    assert (checked.is_valid("x"), checked.is_valid(1)) == (True, False)


# --- references that cannot be followed ----------------------------------------------------------

BROKEN = [
    ({"x-foo": [1], "$ref": "#/x-foo"}, UnresolvableRef,
     'schema: cannot resolve $ref "#/x-foo": it points to an array (a schema is an object or a '
     "boolean)"),
    ({"x-foo": 3, "$ref": "#/x-foo"}, UnresolvableRef,
     'schema: cannot resolve $ref "#/x-foo": it points to no schema (a schema is an object or a '
     "boolean)"),
    ({"allOf": [{}], "$ref": "#/allOf/x"}, UnresolvableRef,
     'schema: cannot resolve $ref "#/allOf/x": no such location in the schema'),
    ({"type": "string", "$ref": "#/type/x"}, UnresolvableRef,
     'schema: cannot resolve $ref "#/type/x": no such location in the schema'),
    ({"x-foo": {"type": 5}, "$ref": "#/x-foo"}, NotASchema,
     'schema: the target of $ref "#/x-foo": not a valid schema at /type: 5 is not valid under '
     "any of the given schemas"),
    ({"x-foo": {"$schema": 5}, "$ref": "#/x-foo"}, NotASchema,
     'schema: the target of $ref "#/x-foo": $schema 5 is not a string'),
    ({"x-foo": {"$ref": 5}, "$ref": "#/x-foo"}, NotASchema,
     'schema: the target of $ref "#/x-foo": not a valid schema at /$ref: 5 is not of type '
     '"string"'),
]  # fmt: skip


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(("schema", "kind", "message"), BROKEN)
def test_a_reference_to_no_schema_is_a_one_line_schema_error(
    engine: str, schema: dict[str, Any], kind: type[Exception], message: str
) -> None:
    with pytest.raises(kind) as caught:
        compile_schema(from_contents(schema), engine=engine)
    assert str(caught.value) == message


# --- cycles ----------------------------------------------------------------------------------

REFUSED = [
    ({"$ref": "#"}, ['$ref "#"']),
    ({"$ref": "#", "type": "object"}, ['$ref "#"']),
    ({"$schema": DRAFT7, "type": "object", "$ref": "#"}, ['$ref "#"']),  # siblings ignored
    ({"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"},
     ['$ref "#/$defs/b"', '$ref "#/$defs/a"']),
    ({"$defs": {"a": {"title": "t", "allOf": [{"$ref": "#/$defs/a"}]}},
      "allOf": [{"$ref": "#/$defs/a"}]},
     ["allOf", '$ref "#/$defs/a"']),
    ({"anyOf": [{"$ref": "#"}, {"type": "string"}]}, ["anyOf", '$ref "#"']),
    ({"oneOf": [{"type": "string"}, {"$ref": "#"}]}, ["oneOf", '$ref "#"']),
    ({"not": {"$ref": "#"}}, ["not", '$ref "#"']),
    ({"if": {"$ref": "#"}}, ["if", '$ref "#"']),
]  # fmt: skip

LOADED = [
    ({"anyOf": [{"type": "string"}, {"$ref": "#"}]}, ["s", 1]),
    ({"type": "object", "$ref": "#"}, [1, {}]),
    ({"if": {"type": "string"}, "then": {"$ref": "#"}}, [1, "s"]),
    ({"allOf": [{"type": "string"}, {"$ref": "#"}]}, [1, "s"]),
    ({"dependentSchemas": {"a": {"$ref": "#"}}}, [{}, {"a": 1}]),
    ({"$defs": {"a": {"$ref": "#/$defs/a"}}, "type": "integer"}, [1, "s"]),  # never used
]
"""Cycles some documents never enter (the first of each list): the reference evaluates them."""


@pytest.mark.parametrize(("schema", "steps"), REFUSED)
def test_a_cycle_every_document_enters_is_refused(schema: Any, steps: list[str]) -> None:
    for document in [None, 1, "s", [], {}, {"a": 1}]:
        assert reference_verdict(schema, document) is None  # the reference never ends
    with pytest.raises(RefCycle) as caught:
        compile_schema(from_contents(schema))
    assert caught.value.cycle == tuple(steps)
    assert str(caught.value) == (
        f"schema: endless $ref cycle: {' -> '.join(steps)} -> (again), never reaching into the "
        "document: no instance could ever be checked against it"
    )


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(("schema", "documents"), LOADED)
def test_a_cycle_some_documents_never_enter_loads(
    engine: str, schema: Any, documents: list[Any]
) -> None:
    outside, *rest = documents
    expected = reference_verdict(schema, outside)
    assert expected is not None
    checked = compile_schema(from_contents(schema), engine=engine)
    assert checked.is_valid(outside) is expected
    for document in rest:
        verdict = reference_verdict(schema, document)
        if verdict is None:  # the reference gives up: never a silent pass
            assert checked.judge == "reference"
            assert checked.is_valid(document) is False
            assert checked.findings(document)[-1].failure.keyword == CANNOT_CHECK
        else:
            assert checked.is_valid(document) is verdict


@pytest.mark.parametrize(
    "schema",
    [
        {"properties": {"a": {"$ref": "#"}}, "type": "object"},  # a new instance each turn
        {"$defs": {"a": {"$ref": "#/$defs/a"}}, "type": "integer"},  # never used
        {"$defs": {"a": {"anyOf": [{"type": "string"}, {"$ref": "#/$defs/a"}]}}},
    ],
)
def test_a_cycle_no_document_enters_leaves_the_fast_engine_judging(schema: Any) -> None:
    checked = compile_schema(from_contents(schema))
    assert (checked.judge, checked.loops) == ("fast", False)


def test_a_used_cycle_some_documents_enter_is_left_to_the_reference() -> None:
    schema = {"$defs": {"a": {"anyOf": [{"type": "string"}, {"$ref": "#/$defs/a"}]}},
              "properties": {"p": {"$ref": "#/$defs/a"}}}  # fmt: skip
    checked = compile_schema(from_contents(schema))
    assert (checked.judge, checked.loops) == ("reference", True)
    assert checked.is_valid({"p": "s"}) is True
    assert checked.is_valid({"p": 1}) is False
    assert [f.failure.keyword for f in checked.findings({"p": 1})] == [CANNOT_CHECK]


def test_the_failures_of_an_endless_recursion_are_reported_once() -> None:
    checked = compile_schema(from_contents({"type": "object", "$ref": "#"}))
    assert checked.judge == "reference"
    found = checked.findings(1)
    assert [(f.instance_location, f.keyword_location, f.failure.keyword) for f in found] == [
        ("", "/type", "type"),
        ("", "", CANNOT_CHECK),
    ]


@pytest.mark.parametrize("seed", ["0", "1", "2", "3"])
def test_every_broken_reference_is_listed_at_its_place_in_one_run(
    tmp_path: Path, seed: str
) -> None:
    """Issue 21: all of a schema's broken references in one run (not one per run), a line
    each at its line:column in the schema file, in the file's order whatever the hash seed."""
    schema = tmp_path / "two.json"
    schema.write_text(
        json.dumps(
            {
                "properties": {"a": {"$ref": "#/$defs/nope1"}},
                "not": {"$ref": "#/$defs/nope2"},
                "items": {"$ref": "#/$defs/nope3"},
                "additionalProperties": {"$ref": "#/$defs/Nope4"},
                "$defs": {"nope4": {}},
            },
            indent=2,
        )
    )
    (tmp_path / "d.json").write_text("1")
    result = subprocess.run(
        [sys.executable, "-m", "validator", "--schema", "two.json", "d.json"],
        capture_output=True,
        env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"},
        cwd=tmp_path,
        timeout=60,
    )
    assert (result.returncode, result.stdout) == (2, b"")
    assert result.stderr.decode() == (
        "casefile-validate: schema error: two: 4 references cannot be resolved:\n"
        "  two.json:4:15: $ref \"#/$defs/nope1\": no such location in the schema: no 'nope1' "
        "in #/$defs; did you mean 'nope4'?\n"
        "  two.json:8:13: $ref \"#/$defs/nope2\": no such location in the schema: no 'nope2' "
        "in #/$defs; did you mean 'nope4'?\n"
        "  two.json:11:13: $ref \"#/$defs/nope3\": no such location in the schema: no 'nope3' "
        "in #/$defs; did you mean 'nope4'?\n"
        "  two.json:14:13: $ref \"#/$defs/Nope4\": no such location in the schema: no 'Nope4' "
        "in #/$defs; did you mean 'nope4'?\n"
    )


METASCHEMAS = [
    "http://json-schema.org/draft-04/schema",
    "http://json-schema.org/draft-06/schema",
    "http://json-schema.org/draft-07/schema",
    "https://json-schema.org/draft/2019-09/schema",
    "https://json-schema.org/draft/2020-12/schema",
]
SCHEMA_DOCUMENTS: list[Any] = [
    {},
    {"type": "string"},
    {"type": 5},
    {"properties": {"a": {"minimum": "x"}}},
    {"items": [{}]},
    True,
    3,
]


@pytest.mark.parametrize("uri", METASCHEMAS)
def test_every_drafts_metaschema_loads_and_judges_as_the_reference(uri: str) -> None:
    """Real schemas of every draft (self references, $recursiveRef and $dynamicRef, references
    to vocabulary metaschemas): the fast engine judges, as the reference does."""
    from jsonschema_specifications import REGISTRY  # type: ignore[import-untyped]

    contents = REGISTRY.contents(uri)
    checked = compile_schema(from_contents(contents))
    assert checked.judge == "fast"
    registry = REGISTRY.combine(Registry())
    cls = validators.validator_for(contents)
    reference = cls(contents, registry=registry, format_checker=cls.FORMAT_CHECKER)
    verdicts = [checked.is_valid(d) for d in SCHEMA_DOCUMENTS]
    assert verdicts == [reference.is_valid(d) for d in SCHEMA_DOCUMENTS]
    assert True in verdicts and False in verdicts


def test_each_reference_is_looked_up_once_per_base(monkeypatch: pytest.MonkeyPatch) -> None:
    from referencing._core import Resolver

    from validator.contracts.references import _Walk

    schema = from_contents(
        {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "properties": {f"p{n}": {"anyOf": [{"$ref": "#/$defs/id"}]} for n in range(9)},
            "$defs": {"id": {"type": "string"}, "a": {"$ref": "#/$defs/id"}},
        }
    )
    looked: list[str] = []
    real = Resolver.lookup

    def counted(self: Any, ref: str) -> Any:
        looked.append(ref)
        return real(self, ref)

    monkeypatch.setattr(Resolver, "lookup", counted)
    walk = _Walk(schema)
    walk.run()
    assert looked == ["#/$defs/id"]  # ten objects name it
    targets = {walk.steps[n][0] for n, s in enumerate(walk.states) if "$ref" in s[0]}
    assert len(targets) == 1  # one state, as before
