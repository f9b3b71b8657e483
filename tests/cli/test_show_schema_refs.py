"""``--show-schema`` prints the schema that is judged: an operation's response schema that is
only a ``$ref`` (``--openapi SPEC --operation OP``, or ``-s SPEC#/paths/...``) is followed to
the component it names, so the output is what ``-s SPEC#/components/schemas/Pet --show-schema``
prints (an OpenAPI 3.0 component as translated), never a ``$ref`` that resolves nowhere in it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.console import SCHEMAS
from tests.console import run_script as run

RESPONSE = "#/paths/~1pets/get/responses/200/content/application~1json/schema"


def _spec(version: str) -> dict[str, object]:
    ok = {"schema": {"$ref": "#/components/schemas/Pet"}}
    return {
        "openapi": version,
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/pets": {
                "get": {
                    "operationId": "getPet",
                    "responses": {
                        "200": {"description": "ok", "content": {"application/json": ok}}
                    },
                }
            }
        },
        "components": {
            "schemas": {
                "Pet": {"$ref": "#/components/schemas/Animal"},
                "Animal": {
                    "type": "object",
                    "required": ["kind"],
                    "properties": {"kind": {"type": "string", "nullable": True}},
                },
            }
        },
    }


@pytest.mark.parametrize("version", ["3.0.3", "3.1.0"])
def test_an_operations_response_is_shown_as_the_schema_it_names(
    tmp_path: Path, version: str
) -> None:
    (tmp_path / "api.json").write_text(json.dumps(_spec(version)))
    component = run(tmp_path, "--show-schema", "-s", "api.json#/components/schemas/Animal")
    assert (component.returncode, component.stderr) == (0, ""), component.stdout
    shown = json.loads(component.stdout)
    assert shown["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert shown["required"] == ["kind"]
    if version == "3.0.3":  # translated: nullable is a type list there
        assert shown["properties"]["kind"]["type"] == ["string", "null"]
    for args in (
        ["--openapi", "api.json", "--operation", "getPet"],
        ["-s", f"api.json{RESPONSE}"],
        ["-s", "api.json#/components/schemas/Pet"],
    ):
        result = run(tmp_path, "--show-schema", *args)
        assert (result.returncode, result.stderr, result.stdout) == (0, "", component.stdout)
    schemas = run(tmp_path, "show", f"api.json{RESPONSE}", script=SCHEMAS)
    assert (schemas.returncode, schemas.stdout) == (0, component.stdout)


def test_a_plain_schemas_ref_is_followed_into_another_dialects_file(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(
        json.dumps({"properties": {"x": {"$ref": "d7.json#/definitions/y"}}})
    )
    (tmp_path / "d7.json").write_text(
        json.dumps(
            {
                "$schema": "http://json-schema.org/draft-07/schema#",
                "definitions": {"y": {"type": "string", "maxLength": 3}},
            }
        )
    )
    result = run(tmp_path, "--show-schema", "-s", "a.json#/properties/x")
    assert (result.returncode, result.stderr) == (0, "")
    assert json.loads(result.stdout) == {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "type": "string",
        "maxLength": 3,
    }


def test_a_ref_with_siblings_is_shown_as_written_with_its_target(tmp_path: Path) -> None:
    schema = {
        "$defs": {"a": {"type": "string"}},
        "properties": {"x": {"$ref": "#/$defs/a", "minLength": 2}},
    }
    (tmp_path / "r.json").write_text(json.dumps(schema))
    result = run(tmp_path, "--show-schema", "-s", "r.json#/properties/x")
    assert (result.returncode, result.stderr) == (0, "")
    assert json.loads(result.stdout) == {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$ref": "#/$defs/a",
        "minLength": 2,
        "$defs": {"a": {"type": "string"}},  # what its $ref names, in the output
    }
