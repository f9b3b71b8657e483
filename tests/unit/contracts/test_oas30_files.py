"""A schema file without ``$schema`` that an OpenAPI 3.0 schema's ``$ref`` reaches is read as a
3.0 Schema Object, transitively (validator/contracts/oas30_files.py), as openapi-schema-validator's
OAS30Validator reads it: both engines (and ``--cross-check``) are compared with OAS30Validator on
split documents (a file that is one schema, a file of named schemas, a whole 3.0 document's
component that refers to a plain file), the files retrieved from disk by a ``referencing``
registry.  A file that names its ``$schema`` keeps it, and a file reached both from a 3.0 schema
and from a JSON Schema one is refused."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from openapi_schema_validator import OAS30Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from tests.unit.contracts.test_openapi import CHECKER
from validator.checking.engine import compile_schema
from validator.contracts.catalog import load_schema
from validator.problems import NotASchema

SETUPS = [("fast", False), ("reference", False), ("fast", True)]
DRAFT = "https://json-schema.org/draft/2020-12/schema"

OPENAPI = """\
openapi: 3.0.3
info: {title: split, version: "1"}
paths:
  /pets:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: './schemas/Pet.yaml'}
  /animals:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: 'animals.yaml#/Animal'}
  /owners:
    get:
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: 'common.yaml#/components/schemas/Owner'}
"""
FILES = {
    "openapi.yaml": OPENAPI,
    "schemas/Pet.yaml": """\
type: object
required: [id]
properties:
  id: {type: integer, format: int32}
  name: {type: string, nullable: true}
  tag: {$ref: './Tag.yaml'}
  weight: {type: number, minimum: 0, exclusiveMinimum: true}
  age: {type: integer, maximum: 30, exclusiveMaximum: true}
""",
    "schemas/Tag.yaml": "type: string\nnullable: true\nmaxLength: 5\n",
    "animals.yaml": """\
Animal:
  oneOf:
    - $ref: '#/Cat'
    - $ref: '#/Dog'
  discriminator:
    propertyName: kind
    mapping:
      cat: '#/Cat'
      dog: '#/Dog'
Base:
  type: object
  required: [kind]
  properties:
    kind: {type: string}
    name: {type: string, nullable: true}
Cat:
  allOf:
    - $ref: '#/Base'
    - properties:
        lives: {type: integer, minimum: 0, maximum: 9}
Dog:
  allOf:
    - $ref: '#/Base'
    - properties:
        bark: {type: string, enum: [loud, soft]}
""",
    "common.yaml": """\
openapi: 3.0.3
info: {title: common, version: "1"}
paths: {}
components:
  schemas:
    Owner:
      type: object
      properties:
        pet: {$ref: './schemas/Pet.yaml'}
        label: {$ref: './schemas/Tag.yaml'}
""",
}
PETS: list[Any] = [
    {"id": 1, "name": None, "tag": None},
    {"id": 1.0, "name": "x", "tag": "t"},
    {"id": 2**31},
    {"id": 1, "weight": 0},
    {"id": 1, "weight": 0.5},
    {"id": 1, "age": 30},
    {"id": 1, "age": 29},
    {"id": 1, "tag": "toolong"},
    {"id": 1, "name": 3},
    {"name": "x"},
]
ANIMALS: list[Any] = [
    {"kind": "cat", "lives": 3, "name": None},
    {"kind": "cat", "lives": 10},
    {"kind": "cat", "lives": 1.0},
    {"kind": "dog", "bark": "loud"},
    {"kind": "dog", "bark": "x"},
    {"kind": "cow"},
    {"lives": 3},
]
OWNERS: list[Any] = [
    {"pet": {"id": 1, "tag": None}, "label": None},
    {"pet": {"id": 1.0}},
    {"label": "toolong"},
    {"pet": {"name": None}},
]
CASES = {"/pets": PETS, "/animals": ANIMALS, "/owners": OWNERS}
SCHEMA = "/get/responses/200/content/application~1json/schema"


def _write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)


def _pointer(path: str) -> str:
    return "/paths/" + path.replace("~", "~0").replace("/", "~1") + SCHEMA


def _peer(folder: Path, path: str) -> OAS30Validator:
    """OAS30Validator on the response schema of ``path``, the files read from ``folder``."""

    def retrieve(uri: str) -> Resource[Any]:
        assert uri.startswith("file://"), uri
        contents = json.loads(json.dumps(yaml.safe_load(Path(uri[7:]).read_text())))
        return Resource.from_contents(contents, default_specification=DRAFT4)

    spec = folder / "openapi.yaml"
    contents = json.loads(json.dumps(yaml.safe_load(spec.read_text())))
    registry: Registry[Any] = Registry(retrieve=retrieve)  # type: ignore[call-arg]
    registry = registry.with_resource(
        spec.as_uri(), Resource.from_contents(contents, default_specification=DRAFT4)
    )
    root = {"$ref": f"{spec.as_uri()}#{_pointer(path)}"}
    return OAS30Validator(root, registry=registry, format_checker=CHECKER)


@pytest.mark.parametrize("path", list(CASES))
def test_verdicts_are_oas30_validators(tmp_path: Path, path: str) -> None:
    _write(tmp_path, FILES)
    peer = _peer(tmp_path, path)
    schema = load_schema(f"{tmp_path / 'openapi.yaml'}#{_pointer(path)}")
    engines = [compile_schema(schema, engine=e, cross_check=c) for e, c in SETUPS]
    verdicts = []
    for document in CASES[path]:
        expected = bool(peer.is_valid(document))
        got = [engine.is_valid(document) for engine in engines]
        found = [not engine.findings(document) for engine in engines]
        assert got == found == [expected] * len(SETUPS), (document, got, found)
        verdicts.append(expected)
    assert True in verdicts and False in verdicts  # not vacuous


PLAIN_PET = """\
type: object
required: [id]
properties:
  id: {type: integer}
  name: {type: string, nullable: true}
  tag: {$ref: './Tag.yaml'}
"""


def test_the_cases_tell_3_0_from_json_schema(tmp_path: Path) -> None:
    """Read as JSON Schema, the first two pets get the other verdicts (what was wrong)."""
    _write(tmp_path, {**FILES, "schemas/Pet.yaml": f"$schema: '{DRAFT}'\n{PLAIN_PET}"})
    schema = load_schema(f"{tmp_path / 'openapi.yaml'}#{_pointer('/pets')}")
    for engine, cross_check in SETUPS:
        judge = compile_schema(schema, engine=engine, cross_check=cross_check)
        assert [judge.is_valid(d) for d in PETS[:2]] == [False, True]


def test_a_file_that_names_its_schema_keeps_it(tmp_path: Path) -> None:
    _write(tmp_path, {**FILES, "schemas/Tag.yaml": f"$schema: '{DRAFT}'\ntype: integer\n"})
    _write(tmp_path, {"schemas/Pet.yaml": "properties:\n  tag: {$ref: './Tag.yaml'}\n"})
    schema = load_schema(f"{tmp_path / 'openapi.yaml'}#{_pointer('/pets')}")
    for engine, cross_check in SETUPS:
        judge = compile_schema(schema, engine=engine, cross_check=cross_check)
        assert judge.is_valid({"tag": 1.0})  # 2020-12's integer
        assert judge.is_valid({"tag": 1})
        assert not judge.is_valid({"tag": None})


def test_a_file_read_both_ways_is_refused(tmp_path: Path) -> None:
    """Tag.yaml is reached from Pet.yaml (read as 3.0) and from a 2020-12 file."""
    js = {"$schema": DRAFT, "$ref": "./Tag.yaml"}
    pet = "properties:\n  tag: {$ref: './Tag.yaml'}\n  other: {$ref: './js.json'}\n"
    _write(tmp_path, {**FILES, "schemas/Pet.yaml": pet, "schemas/js.json": json.dumps(js)})
    with pytest.raises(NotASchema) as caught:
        load_schema(f"{tmp_path / 'openapi.yaml'}#{_pointer('/pets')}")
    tag, js_path = tmp_path / "schemas/Tag.yaml", tmp_path / "schemas/js.json"
    assert str(caught.value) == (
        f"{tag}: a schema file without $schema, reached by $ref both from an OpenAPI 3.0 schema "
        f"(in {tmp_path / 'schemas/Pet.yaml'}) and from a JSON Schema one (in {js_path}): it "
        'cannot be read both ways; give it a "$schema" to say which, or keep it to one side'
    )


def test_a_plain_schema_given_alone_is_json_schema(tmp_path: Path) -> None:
    """Only a 3.0 schema's reference makes a file 3.0: given as the schema, it is 2020-12."""
    _write(tmp_path, {**FILES, "schemas/Pet.yaml": PLAIN_PET})
    schema = load_schema(str(tmp_path / "schemas/Pet.yaml"))
    judge = compile_schema(schema)
    assert not judge.is_valid({"id": 1, "name": None})
    assert judge.is_valid({"id": 1.0})


def test_a_file_of_named_schemas_reads_its_members_as_3_0_not_its_examples(tmp_path: Path) -> None:
    """Every object under a member that is no keyword may be named by a ``$ref`` (``#/Pet``), so
    is read as a 3.0 schema; ``examples`` (a 3.1 habit) holds instances, and is not."""
    named = """\
Pet:
  type: object
  properties:
    kind: {type: string, nullable: true}
  examples:
    one: {type: cat, nullable: 3}
"""
    spec = OPENAPI.replace("./schemas/Pet.yaml", "named.yaml#/Pet")
    _write(tmp_path, {**FILES, "openapi.yaml": spec, "named.yaml": named})
    schema = load_schema(f"{tmp_path / 'openapi.yaml'}#{_pointer('/pets')}")
    peer = _peer(tmp_path, "/pets")
    for engine, cross_check in SETUPS:
        judge = compile_schema(schema, engine=engine, cross_check=cross_check)
        for document in [{"kind": None}, {"kind": 1}, []]:
            assert judge.is_valid(document) == peer.is_valid(document), document
