"""Issue 21: what ``--show-schema`` prints is a schema that needs nothing else.  Every schema
the printed one reaches by ``$ref`` (another component, a file beside it, itself) is in its
``$defs``, each ``$ref`` rewritten to point there (``#`` for the printed schema itself), so the
printed JSON, read by another validator, gives the verdicts ``casefile-validate`` gives."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.console import SCHEMAS, VALIDATE
from tests.console import run_script as run

SPEC = """\
openapi: {version}
info: {{title: t, version: "1"}}
paths:
  /users/{{id}}:
    get:
      operationId: getUser
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {{$ref: "#/components/schemas/User"}}
components:
  schemas:
    User:
      type: object
      properties:
        id: {{type: string}}
        self: {{$ref: "#/components/schemas/User"}}
        team: {{$ref: "#/components/schemas/Team"}}
        address: {{$ref: "shared.yaml#/components/schemas/Address"}}
      required: [id]
    Team:
      type: object
      properties:
        lead: {{$ref: "#/components/schemas/User"}}
        name: {{type: string, nullable: true}}
      required: [name]
"""
SHARED = """\
openapi: {version}
info: {{title: shared, version: "1"}}
paths: {{}}
components:
  schemas:
    Address:
      type: object
      properties:
        city: {{type: string}}
        team: {{$ref: "api.yaml#/components/schemas/Team"}}
      required: [city]
"""
USER = "api.yaml#/components/schemas/User"
VALID = {"id": "1", "self": {"id": "2"}, "team": {"name": "n", "lead": {"id": "3"}}}
DEEP = {"id": "1", "self": {"id": "2", "team": {"name": "x", "lead": {"self": {}}}}}
FAR = {"id": "1", "address": {"city": "c", "team": {"name": "n", "lead": {"id": 4}}}}


@pytest.fixture(params=["3.0.3", "3.1.0"])
def folder(tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    (tmp_path / "api.yaml").write_text(SPEC.format(version=request.param))
    (tmp_path / "shared.yaml").write_text(SHARED.format(version=request.param))
    return tmp_path


def _printed(folder: Path, *args: str) -> Any:
    result = run(folder, "--show-schema", *args)
    assert (result.returncode, result.stderr) == (0, ""), result.stdout
    return json.loads(result.stdout)


def _refs(node: Any) -> list[str]:
    if isinstance(node, list):
        return [ref for each in node for ref in _refs(each)]
    if not isinstance(node, dict):
        return []
    found = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
    return found + [ref for key, each in node.items() if key != "$ref" for ref in _refs(each)]


def test_every_ref_of_a_component_is_in_the_printed_schema(folder: Path) -> None:
    shown = _printed(folder, "--schema", USER)
    assert shown["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert shown["properties"]["self"] == {"$ref": "#"}  # the cycle back to the printed root
    assert shown["properties"]["team"] == {"$ref": "#/$defs/Team"}
    assert shown["properties"]["address"] == {"$ref": "#/$defs/Address"}  # from the other file
    assert sorted(shown["$defs"]) == ["Address", "Team"]
    assert shown["$defs"]["Team"]["properties"]["lead"] == {"$ref": "#"}
    assert shown["$defs"]["Address"]["properties"]["team"] == {"$ref": "#/$defs/Team"}
    assert set(_refs(shown)) == {"#", "#/$defs/Team", "#/$defs/Address"}
    assert _printed(folder, "--openapi", "api.yaml", "--operation", "getUser") == shown
    schemas = run(folder, "show", USER, script=SCHEMAS)
    assert (schemas.returncode, json.loads(schemas.stdout)) == (0, shown)


def test_the_printed_schema_gives_the_tools_verdicts(folder: Path) -> None:
    shown = _printed(folder, "--schema", USER)
    check = jsonschema.validators.validator_for(shown)(shown)
    for name, document, valid in [("valid", VALID, True), ("deep", DEEP, False)]:
        (folder / f"{name}.json").write_text(json.dumps(document))
        for args in (["--schema", USER], ["--openapi", "api.yaml", "--operation", "getUser"]):
            verdict = run(folder, *args, f"{name}.json")
            assert verdict.returncode == (0 if valid else 1), verdict.stdout
        assert check.is_valid(document) is valid, name
    (folder / "far.json").write_text(json.dumps(FAR))
    assert run(folder, "--schema", USER, "far.json").returncode == 1
    [error] = check.iter_errors(FAR)  # deep inside the other file's ref, as the tool finds it
    assert list(error.absolute_path) == ["address", "team", "lead", "id"]
    nameless = {"id": "1", "team": {"name": None}}  # OpenAPI 3.0's nullable, as translated
    (folder / "nameless.json").write_text(json.dumps(nameless))
    judged = run(folder, "--schema", USER, "nameless.json").returncode == 0
    assert check.is_valid(nameless) is judged is ("3.0" in (folder / "api.yaml").read_text())


def test_names_are_made_unique_and_refs_inside_the_printed_schema_stay_in_it(
    tmp_path: Path,
) -> None:
    (tmp_path / "a.json").write_text(
        json.dumps(
            {
                "$defs": {
                    "Item": {
                        "$defs": {"Item": {"type": "integer"}},
                        "properties": {
                            "n": {"$ref": "#/$defs/Item/$defs/Item"},
                            "m": {"$ref": "#/$defs/Item/properties/n"},
                            "o": {"$ref": "b.json#/$defs/Item"},
                            "p": {"$ref": "b.json"},
                        },
                    }
                }
            }
        )
    )
    (tmp_path / "b.json").write_text(
        json.dumps({"$id": "b.json", "$defs": {"Item": {"$anchor": "it", "type": "string"}}})
    )
    shown = _printed(tmp_path, "--schema", "a.json#/$defs/Item")
    assert shown["properties"] == {
        "n": {"$ref": "#/$defs/Item"},
        "m": {"$ref": "#/properties/n"},
        "o": {"$ref": "#/$defs/Item_2"},
        "p": {"$ref": "#/$defs/b"},
    }
    assert shown["$defs"] == {
        "Item": {"type": "integer"},
        "Item_2": {"type": "string"},  # its $anchor left out: nothing names it any more
        "b": {"$defs": {"Item": {"type": "string"}}},
    }
    check = jsonschema.Draft202012Validator(shown)
    assert check.is_valid({"n": 1, "m": 2, "o": "x"})
    assert not check.is_valid({"o": 1})


def test_a_draft_7_subschema_gets_definitions(tmp_path: Path) -> None:
    draft7 = "http://json-schema.org/draft-07/schema#"
    (tmp_path / "d.json").write_text(
        json.dumps(
            {
                "$schema": draft7,
                "definitions": {
                    "x": {"items": {"$ref": "#/definitions/y"}},
                    "y": {"type": "string"},
                },
            }
        )
    )
    assert _printed(tmp_path, "--schema", "d.json#/definitions/x") == {
        "$schema": draft7,
        "items": {"$ref": "#/definitions/y"},
        "definitions": {"y": {"type": "string"}},
    }


def test_a_whole_schema_file_prints_as_it_is(tmp_path: Path) -> None:
    from validator.contracts.catalog import DEFAULT_SCHEMA, load_schema, schemas_dir

    default = _printed(tmp_path)
    assert default == json.loads((schemas_dir() / f"{DEFAULT_SCHEMA}.json").read_text())
    assert "$defs" in default
    from validator.contracts.openapi_terms import entry_target

    loaded = load_schema(DEFAULT_SCHEMA)
    assert entry_target(loaded) is loaded.contents  # not even copied


@pytest.mark.parametrize(
    ("flag", "given", "said"),
    [
        (
            "--show-schema",
            [USER],
            f"--show-schema takes no inputs (given {USER!r}): name the schema with --schema "
            "FILE[#/pointer], or --openapi SPEC --operation OP",
        ),
        (
            "--list-schemas",
            ["valid.json", "x\n.json"],
            "--list-schemas takes no inputs (given 'valid.json' and 1 more): it lists the bundled "
            "schemas (casefile-schemas list --dir DIR lists a folder's, list SPEC an OpenAPI "
            "one's)",
        ),
    ],
)
def test_an_input_beside_show_schema_or_list_schemas_is_a_usage_error(
    tmp_path: Path, flag: str, given: list[str], said: str
) -> None:
    (tmp_path / "api.yaml").write_text(SPEC.format(version="3.1.0"))
    (tmp_path / "valid.json").write_text(json.dumps(VALID))
    result = run(tmp_path, flag, *given)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"casefile-validate: {said}\n"
    shown = run(tmp_path, "--show-schema", "--schema", USER, "valid.json")  # never judged
    assert (shown.returncode, shown.stdout) == (2, "")
    assert shown.stderr.startswith("casefile-validate: --show-schema takes no inputs (given ")


@pytest.mark.parametrize("script", ["validate", "schemas"])
def test_a_schema_nested_as_deep_as_the_parser_allows_is_printed(
    tmp_path: Path, script: str
) -> None:
    levels = 510  # an allOf and its array a level: 1,021 with the root, the parser takes 1,024
    inner = '{"$ref": "#/$defs/x"}'
    text = '{"$defs": {"x": {"type": "string"}}, "allOf": [' + '{"allOf": [' * levels
    (tmp_path / "deep.json").write_text(text + inner + "]}" * levels + "]}")
    for entry, refs in [("deep.json", "#/$defs/x"), ("deep.json#/allOf/0", "#/$defs/x")]:
        args = ("show", entry) if script == "schemas" else ("--show-schema", "-s", entry)
        done = run(tmp_path, *args, script=SCHEMAS if script == "schemas" else VALIDATE)
        assert (done.returncode, done.stderr) == (0, "")
        assert done.stdout.count('"allOf": [') == levels + (entry == "deep.json")
        assert f'"$ref": "{refs}"' in done.stdout and '"type": "string"' in done.stdout


def test_show_schema_looks_in_the_schema_dirs_as_a_run_does(tmp_path: Path) -> None:
    # --schema-dir was ignored: a name in it was "unknown schema", and an OpenAPI document's
    # $ref into it "leads outside the schema folders", where a run with the same options checks
    (tmp_path / "sd").mkdir()
    (tmp_path / "sd" / "Reg.json").write_text('{"type": "object", "required": ["id"]}')
    (tmp_path / "api").mkdir()
    (tmp_path / "api" / "openapi.yaml").write_text(
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /p:\n    get:\n"
        "      operationId: getP\n      responses:\n        '200':\n          description: ok\n"
        "          content:\n            application/json:\n"
        "              schema: {$ref: '../sd/Reg.json'}\n"
    )
    assert _printed(tmp_path, "--schema-dir", "sd", "--schema", "Reg") == {
        "type": "object",
        "required": ["id"],
    }
    named = ("--openapi", "api/openapi.yaml", "--operation", "getP")
    assert _printed(tmp_path, "--schema-dir", "sd", *named) == {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "required": ["id"],
    }
    done = run(tmp_path, "--no-config", *named, "--show-schema")
    assert done.returncode == 2 and "leads outside the schema folders" in done.stderr
