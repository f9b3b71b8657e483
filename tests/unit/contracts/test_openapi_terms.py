"""Issue 21: ``--show-schema FILE#/pointer`` prints the schema there (an OpenAPI 3.0 schema as
translated, as it is judged), and an OpenAPI 3.0 schema's failures are reported in the terms of
the user's document: keyword locations without the translation's own subschemas, and a
discriminator's enum listing the values it maps, not every component's name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.console import SCHEMAS, VALIDATE
from tests.console import run_script as run

PET = "api.json#/components/schemas/Pet"
API = {
    "openapi": "3.0.3",
    "info": {"title": "t", "version": "1"},
    "paths": {},
    "components": {
        "schemas": {
            "Pet": {
                "type": "object",
                "required": ["kind"],
                "properties": {
                    "kind": {"type": "string"},
                    "age": {"type": "integer", "format": "int32", "nullable": True},
                },
                "discriminator": {
                    "propertyName": "kind",
                    "mapping": {"dog": "#/components/schemas/Dog"},
                },
                "oneOf": [
                    {"$ref": "#/components/schemas/Dog"},
                    {"$ref": "#/components/schemas/Cat"},
                ],
            },
            "Dog": {"type": "object", "properties": {"bark": {"type": "boolean"}}},
            "Cat": {"type": "object", "properties": {"meow": {"type": "boolean"}}},
            "User": {"type": "object"},
            "Order": {"type": "object"},
        }
    },
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "api.json").write_text(json.dumps(API))
    (tmp_path / "defs.json").write_text(
        json.dumps(
            {
                "$defs": {
                    "Item": {"type": "object", "properties": {"id": {"$ref": "#/$defs/Id"}}},
                    "Id": {"type": "string"},
                }
            }
        )
    )
    (tmp_path / "cow.json").write_text('{"kind": "cow", "age": 5000000000}')
    (tmp_path / "dog.json").write_text('{"kind": "dog", "bark": 1}')
    return tmp_path


@pytest.mark.parametrize("script", [VALIDATE, SCHEMAS])
def test_show_schema_prints_the_subschema_an_entry_point_names(folder: Path, script: Path) -> None:
    args = (
        ("show", "defs.json#/$defs/Item")
        if script == SCHEMAS
        else ("--show-schema", "--schema", "defs.json#/$defs/Item")
    )
    result = run(folder, *args, script=script)
    assert (result.returncode, result.stderr) == (0, "")
    assert json.loads(result.stdout) == {
        "$schema": "https://json-schema.org/draft/2020-12/schema",  # the default dialect, said
        "type": "object",
        "properties": {"id": {"$ref": "#/$defs/Id"}},
        "$defs": {"Id": {"type": "string"}},  # what its $ref names, in the output
    }


@pytest.mark.parametrize("script", [VALIDATE, SCHEMAS])
def test_show_schema_says_the_dialect_that_judges_a_subschema(folder: Path, script: Path) -> None:
    """A subschema is printed with its document's ``$schema`` (one JSON value: ``jq`` and
    validators read it as it is); one that says its own keeps it."""
    draft7 = "http://json-schema.org/draft-07/schema#"
    definitions = {"Id": {"type": "string"}, "Own": {"$schema": draft7, "$id": "o.json"}}
    (folder / "old.json").write_text(
        json.dumps(
            {"$schema": draft7, "$id": "https://x.test/old.json", "definitions": definitions}
        )
    )
    for pointer, shown in [
        ("/definitions/Id", {"$schema": draft7, "type": "string"}),
        ("/definitions/Own", definitions["Own"]),
    ]:
        entry = f"old.json#{pointer}"
        args = ("show", entry) if script == SCHEMAS else ("--show-schema", "--schema", entry)
        result = run(folder, *args, script=script)
        assert (result.returncode, result.stderr) == (0, "")
        assert list(json.loads(result.stdout).items()) == list(shown.items())  # $schema first


def test_show_schema_prints_an_operations_response_schema(folder: Path) -> None:
    spec = {
        **API,
        "paths": {
            "/pets": {
                "get": {
                    "operationId": "getPet",
                    "responses": {
                        "200": {
                            "description": "a pet",
                            "content": {
                                "application/json": {
                                    "schema": {"type": "object", "required": ["kind"]}
                                }
                            },
                        }
                    },
                }
            }
        },
    }
    (folder / "api.json").write_text(json.dumps(spec))
    result = run(folder, "--show-schema", "--openapi", "api.json", "--operation", "getPet")
    assert (result.returncode, result.stderr) == (0, "")
    assert json.loads(result.stdout) == {
        "$schema": "https://json-schema.org/draft/2020-12/schema",  # the translation's
        "type": "object",
        "required": ["kind"],
    }
    result = run(folder, "--show-schema", "--openapi", "api.json", "--operation", "getPets")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "casefile-validate: schema error: api.json: no operation 'getPets'; did you mean "
        "'getPet'?\n"
    )
    result = run(folder, "--show-schema", "--operation", "getPet")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "casefile-validate: --operation needs --openapi SPEC (the document it is in)\n"
    )


def test_show_schema_prints_an_openapi_3_0_schema_as_translated(folder: Path) -> None:
    result = run(folder, "--show-schema", "--schema", PET)
    assert (result.returncode, result.stderr) == (0, "")
    shown = json.loads(result.stdout)
    assert shown["$schema"] == "https://json-schema.org/draft/2020-12/schema"  # as translated
    assert shown["properties"]["age"]["type"] == ["integer", "null"]  # nullable, as judged
    assert shown["properties"]["age"]["allOf"][0]["$comment"] == (
        "translated from OpenAPI 3.0: format"
    )
    assert shown["allOf"][0]["$comment"] == "translated from OpenAPI 3.0: discriminator"
    assert "$ref" not in shown or not shown["$ref"].endswith("/Pet")


@pytest.mark.parametrize(
    ("engine", "ref"), [(["--engine", "fast"], "/$ref"), (["--engine", "reference"], "/$ref")]
)
def test_locations_and_values_are_in_the_documents_terms(
    folder: Path, engine: list[str], ref: str
) -> None:
    result = run(folder, *engine, "--schema", PET, "cow.json", "dog.json")
    assert result.returncode == 1
    assert result.stdout.splitlines()[:3] == [
        f'cow.json:1:10: /kind: "cow" is not one of "Cat", "Dog", "dog" [{ref}/discriminator] '
        "(headline)",
        "cow.json:1:24: /age: 5000000000 is greater than the maximum of 2147483647 "
        f"[{ref}/properties/age/format]",
        "dog.json:1:25: /bark: expected boolean, got integer 1 "
        f"[{ref}/discriminator/mapping/dog{ref}/properties/bark/type]",
    ]


def test_absolute_locations_name_the_documents_keywords(folder: Path) -> None:
    result = run(folder, "--schema", PET, "cow.json", "dog.json", "--format", "json")
    errors = [e for d in json.loads(result.stdout)["documents"] for e in d["errors"]]
    uri = (folder / "api.json").resolve().as_uri()
    assert [e["absoluteKeywordLocation"] for e in errors] == [
        f"{uri}#/components/schemas/Pet/discriminator",
        f"{uri}#/components/schemas/Pet/properties/age/format",
        f"{uri}#/components/schemas/Dog/properties/bark/type",
    ]
