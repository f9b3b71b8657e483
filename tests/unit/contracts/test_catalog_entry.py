"""Entry points (issue 10): ``FILE#/json/pointer`` checks documents against that subschema, its
``$ref``\\ s resolved against the whole file; a pointer that leads nowhere is exit 2 naming it."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

import validator
from validator.checking.engine import compile_schema
from validator.contracts.catalog import load_schema
from validator.problems import NoSuchPointer, NotASchema
from validator.run.runner import Options, run

ENGINES = ["fast", "reference"]
SCHEMA = {
    "type": "object",
    "required": ["session"],
    "properties": {"session": {"$ref": "#/$defs/Session"}},
    "$defs": {
        "Session": {
            "type": "object",
            "required": ["id"],
            "properties": {"id": {"$ref": "#/$defs/Id"}},
        },
        "Id": {"type": "integer", "minimum": 1},
        "a/b": {"const": "slash"},
        "my thing": {"const": "space"},
        "Tilde~": {"const": "tilde"},
    },
    "allOf": [{"maxProperties": 3}],
}


@pytest.fixture
def path(tmp_path: Path) -> Path:
    file = tmp_path / "schema.json"
    file.write_text(json.dumps(SCHEMA))
    return file


def verdicts(spec: str, *documents: Any) -> list[set[bool]]:
    schema = load_schema(spec)
    engines = [compile_schema(schema, engine=e) for e in ENGINES]
    return [{e.is_valid(d) for e in engines} for d in documents]


def test_an_entry_point_into_defs_resolves_refs_against_the_whole_file(path: Path) -> None:
    spec = f"{path}#/$defs/Session"
    schema = load_schema(spec)
    assert schema.name == "Session"
    assert schema.contents == {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$ref": f"{path.resolve().as_uri()}#/$defs/Session",
    }
    assert schema.resources[path.resolve().as_uri()] == SCHEMA
    # the file's root (required "session") does not apply; its $defs do
    assert verdicts(spec, {"id": 1}, {"id": 0}, {}, []) == [{True}, {False}, {False}, {False}]


@pytest.mark.parametrize(
    ("fragment", "value"),
    [
        ("/$defs/a~1b", "slash"),
        ("/%24defs/my%20thing", "space"),
        ("/$defs/Tilde~0", "tilde"),
        ("/allOf/0", None),
    ],
)
def test_pointers_are_rfc_6901_and_percent_decoded(path: Path, fragment: str, value: Any) -> None:
    spec = f"{path}#{fragment}"
    if value is None:
        assert verdicts(spec, {}, {"a": 1, "b": 2, "c": 3, "d": 4}) == [{True}, {False}]
    else:
        assert verdicts(spec, value, "other") == [{True}, {False}]


def test_the_whole_file_by_an_empty_fragment(path: Path) -> None:
    assert load_schema(f"{path}#").name == "schema"
    assert verdicts(f"{path}#", {"session": {"id": 2}}, {}) == [{True}, {False}]


@pytest.mark.parametrize(
    ("fragment", "message"),
    [
        ("/$defs/Sesion", "the file has no 'Sesion' in #/$defs; did you mean 'Session'?"),
        (
            "/$defs/Zebra",
            "the file has no 'Zebra' in #/$defs (it has Session, Id, a/b, my thing, Tilde~)",
        ),
        ("/defs/Session", "the file has no 'defs' in #; did you mean '$defs'?"),
        ("/allOf/1", "the file has no '1' in #/allOf"),
        ("/allOf/01", "the file has no '01' in #/allOf"),
        ("/$defs/Id/type/x", "the file has no 'x' in #/$defs/Id/type"),
    ],
)
def test_a_pointer_to_nowhere_is_exit_2_naming_it(path: Path, fragment: str, message: str) -> None:
    spec = f"{path}#{fragment}"
    with pytest.raises(NoSuchPointer) as caught:
        load_schema(spec)
    assert str(caught.value) == f"{spec}: {message}"
    assert (caught.value.pointer, caught.value.exit_code) == (fragment, 2)


def test_a_fragment_that_is_no_pointer_and_a_pointer_to_no_schema(path: Path) -> None:
    with pytest.raises(NoSuchPointer) as caught:
        load_schema(f"{path}#Session")
    assert str(caught.value) == (
        f"{path}#Session: #Session is not a JSON Pointer (give FILE#/path/to/schema, e.g. "
        "FILE#/$defs/Name)"
    )
    with pytest.raises(NotASchema) as not_schema:
        load_schema(f"{path}#/required")
    assert str(not_schema.value) == f"{path}#/required: not a schema (a JSON array)"


def test_the_dialect_of_the_file_applies(tmp_path: Path) -> None:
    """A draft-07 file: ``$ref`` siblings are ignored there (they apply in 2020-12)."""
    file = tmp_path / "old.json"
    file.write_text(
        json.dumps(
            {
                "$schema": "http://json-schema.org/draft-07/schema#",
                "definitions": {
                    "Id": {"type": "integer"},
                    "Capped": {"$ref": "#/definitions/Id", "maximum": 3},
                },
            }
        )
    )
    assert verdicts(f"{file}#/definitions/Capped", 9, "x") == [{True}, {False}]


def test_a_bundled_schema_has_entry_points_too() -> None:
    spec = "AddSessionToCasefileResponse#/properties/request_id"
    assert load_schema(spec).name == "request_id"
    assert verdicts(spec, "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b", "x") == [{True}, {False}]


def test_a_file_whose_name_holds_a_hash_is_that_file(tmp_path: Path) -> None:
    file = tmp_path / "odd#name.json"
    file.write_text('{"type": "string"}')
    assert load_schema(str(file)).name == "odd#name"


def test_the_command_and_the_python_api_take_entry_points(tmp_path: Path, path: Path) -> None:
    good, bad = tmp_path / "good.json", tmp_path / "bad.json"
    good.write_text('{"id": 5}')
    bad.write_text('{"id": "5"}')
    spec = f"{path}#/$defs/Session"
    out, err = io.StringIO(), io.StringIO()
    assert run(Options(inputs=(str(good),), schema=spec), out, err) == 0
    assert run(Options(inputs=(str(bad),), schema=spec), out, err) == 1
    assert err.getvalue() == ""
    out, err = io.StringIO(), io.StringIO()
    assert run(Options(inputs=(str(good),), schema=f"{path}#/$defs/Nope"), out, err) == 2
    assert (out.getvalue(), err.getvalue()) == (
        "",
        f"casefile-validate: schema error: {path}#/$defs/Nope: the file has no 'Nope' in "
        "#/$defs (it has Session, Id, a/b, my thing, Tilde~)\n",
    )
    assert validator.is_valid({"id": 5}, spec)
    report = validator.validate({"id": "5"}, spec)
    assert [(e.instance_location, e.keyword) for e in report.errors] == [("/id", "type")]
    assert validator.validate_file(good, spec).valid
    validator.assert_valid(good, spec)
