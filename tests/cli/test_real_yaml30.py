"""Issue 22, real parts: a hand-written OpenAPI 3.0 document in YAML (``nullable``, ``allOf``, a
discriminator, enums, responses given by ``$ref`` to ``components/responses``), good and bad
documents judged by the installed ``casefile-validate`` (``--openapi SPEC --operation OP`` and a
config of one check per operation), every verdict equal to openapi-schema-validator's
OAS30Validator with format assertion as this toolkit does it (tests/unit/contracts/
test_openapi.py's checker)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from openapi_schema_validator import OAS30Validator

from tests.cli.peers import (
    peer_verdict,
    per_schema,
    response_pointer,
    script_verdicts,
    valid_ones,
    wrapped,
    write_documents,
)
from tests.console import run_script
from tests.unit.contracts.test_openapi import CHECKER

SPEC = """\
openapi: 3.0.3
info:
  title: pets
  version: "1"
paths:
  /pets/{id}:
    get:
      operationId: getPet
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer}}
      responses:
        "200":
          description: one pet
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Pet"}
        "404": {$ref: "#/components/responses/NotFound"}
  /pets:
    get:
      operationId: listPets
      responses:
        "200":
          description: a page of pets
          content:
            application/json:
              schema:
                type: object
                required: [items, next]
                properties:
                  items:
                    type: array
                    items: {$ref: "#/components/schemas/Pet"}
                  next: {type: string, format: uri, nullable: true}
    post:
      operationId: createPet
      responses:
        "201":
          description: made
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Pet"}
        default: {$ref: "#/components/responses/Problem"}
components:
  responses:
    NotFound:
      description: no such pet
      content:
        application/problem+json:
          schema: {$ref: "#/components/schemas/Problem"}
    Problem:
      description: anything else
      content:
        application/problem+json:
          schema: {$ref: "#/components/schemas/Problem"}
  schemas:
    Base:
      type: object
      required: [id, kind, name]
      properties:
        id: {type: integer, format: int64, minimum: 1}
        kind: {type: string, enum: [cat, dog]}
        name: {type: string, minLength: 1}
        born: {type: string, format: date, nullable: true}
    Cat:
      allOf:
        - $ref: "#/components/schemas/Base"
        - type: object
          required: [indoor]
          properties:
            kind: {type: string, enum: [cat]}
            indoor: {type: boolean}
    Dog:
      allOf:
        - $ref: "#/components/schemas/Base"
        - type: object
          properties:
            kind: {type: string, enum: [dog]}
            breed: {type: string, enum: [lab, pug, null], nullable: true}
    Pet:
      oneOf:
        - $ref: "#/components/schemas/Cat"
        - $ref: "#/components/schemas/Dog"
      discriminator:
        propertyName: kind
        mapping:
          cat: "#/components/schemas/Cat"
          dog: "#/components/schemas/Dog"
    Problem:
      type: object
      required: [title, status]
      properties:
        title: {type: string}
        status: {type: integer, minimum: 400, maximum: 599}
        detail: {type: string, nullable: true}
"""

CAT = {"id": 1, "kind": "cat", "name": "Tom", "born": "2020-02-29", "indoor": True}
DOG = {"id": 2, "kind": "dog", "name": "Rex", "born": None, "breed": "lab"}
PROBLEM = {"title": "not found", "status": 404, "detail": None}

# check folder: (operation, status, media type)
CHECKS = {
    "getPet": ("getPet", "200", "application/json"),
    "missing": ("getPet", "404", "application/problem+json"),
    "listPets": ("listPets", "200", "application/json"),
    "createPet": ("createPet", "201", "application/json"),
    "other": ("createPet", "default", "application/problem+json"),
}

DOCUMENTS: dict[str, Any] = {
    "payloads/getPet/cat.json": CAT,
    "payloads/getPet/dog.json": DOG,
    "payloads/getPet/dog_breed_null.json": {**DOG, "breed": None},
    "payloads/getPet/bird.json": {**DOG, "kind": "bird"},
    "payloads/getPet/cat_not_indoor.json": {k: v for k, v in CAT.items() if k != "indoor"},
    "payloads/getPet/id_zero.json": {**CAT, "id": 0},
    "payloads/getPet/bad_date.json": {**DOG, "born": "2021-02-29"},
    "payloads/getPet/empty_name.json": {**DOG, "name": ""},
    "payloads/getPet/husky.json": {**DOG, "breed": "husky"},
    "payloads/getPet/name_null.json": {**DOG, "name": None},
    "payloads/missing/problem.json": PROBLEM,
    "payloads/missing/status_200.json": {**PROBLEM, "status": 200},
    "payloads/missing/detail_number.json": {**PROBLEM, "detail": 3},
    "payloads/listPets/page.json": {"items": [CAT, DOG], "next": "https://pets.example/p/2"},
    "payloads/listPets/last.json": {"items": [], "next": None},
    "payloads/listPets/next_number.json": {"items": [], "next": 5},
    "payloads/listPets/no_next.json": {"items": [CAT]},
    "payloads/listPets/bad_item.json": {"items": [CAT, {**DOG, "id": -1}], "next": None},
    "payloads/createPet/made.json": {**CAT, "id": 3},
    "payloads/createPet/string_id.json": {**CAT, "id": "3"},
    "payloads/other/problem.json": {"title": "busy", "status": 503},
    "payloads/other/no_title.json": {"status": 500},
}


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with ``pets.yaml``, the documents, and a config of one check per operation."""
    found = tmp_path_factory.mktemp("yaml30")
    (found / "pets.yaml").write_text(SPEC)
    write_documents(found, DOCUMENTS)
    checks = [
        f'[[checks]]\nfiles = ["payloads/{folder}/*.json"]\nopenapi = "pets.yaml"\n'
        f'operation = "{operation}"\nstatus = "{status}"\n'
        for folder, (operation, status, _) in CHECKS.items()
    ]
    (found / ".casefile-validate.toml").write_text("\n".join(checks))
    return found


def _peer() -> dict[str, bool]:
    """OAS30Validator's verdict on each document, against its check's response schema."""
    spec = yaml.safe_load(SPEC)
    verdicts = {}
    for name, document in DOCUMENTS.items():
        operation, status, media = CHECKS[name.split("/")[1]]
        schema = wrapped(spec, response_pointer(spec, operation, status, media))
        verdicts[name] = peer_verdict(OAS30Validator(schema, format_checker=CHECKER), document)
    return verdicts


def test_the_config_judges_every_document_as_oas30validator(root: Path) -> None:
    code, ours, report = script_verdicts(root)
    assert ours == _peer()
    assert code == 1
    assert valid_ones(ours) == [
        "payloads/createPet/made.json",
        "payloads/getPet/cat.json",
        "payloads/getPet/dog.json",
        "payloads/getPet/dog_breed_null.json",
        "payloads/listPets/last.json",
        "payloads/listPets/page.json",
        "payloads/missing/problem.json",
        "payloads/other/problem.json",
    ]
    assert per_schema(report) == {
        "getPet 200": 10,
        "getPet 404": 3,
        "listPets 200": 5,
        "createPet 201": 2,
        "createPet default": 2,
    }


@pytest.mark.parametrize(
    ("args", "folder", "counts"),
    [
        (("getPet",), "getPet", "10 documents: 3 valid, 7 invalid, 0 unreadable"),
        (("getPet", "--status", "404"), "missing", "3 documents: 1 valid, 2 invalid, 0 unreadable"),
        (("GET /pets",), "listPets", "5 documents: 2 valid, 3 invalid, 0 unreadable"),
        (("createPet",), "createPet", "2 documents: 1 valid, 1 invalid, 0 unreadable"),
        (
            ("createPet", "--status", "500"),
            "other",
            "2 documents: 1 valid, 1 invalid, 0 unreadable",
        ),
    ],
)
def test_each_operation_on_the_command_line(
    root: Path, args: tuple[str, ...], folder: str, counts: str
) -> None:
    files = sorted(name for name in DOCUMENTS if name.split("/")[1] == folder)
    code, ours, _ = script_verdicts(root, "--openapi", "pets.yaml", "--operation", *args, *files)
    assert code == 1
    assert ours == {name: valid for name, valid in _peer().items() if name in files}
    done = run_script(root, "--openapi", "pets.yaml", "--operation", *args, *files)
    assert done.returncode == 1, done.stderr
    assert done.stdout.splitlines()[-1] == counts


def _problem_lines(root: Path, operation: str, folder: str) -> list[str]:
    files = sorted(name for name in DOCUMENTS if name.split("/")[1] == folder)
    done = run_script(root, "--openapi", "pets.yaml", "--operation", operation, *files)
    assert done.returncode == 1, done.stderr
    lines = done.stdout.splitlines()
    return lines[: lines.index("")]


def test_the_failing_places_and_messages(root: Path) -> None:
    assert _problem_lines(root, "listPets", "listPets") == [
        "payloads/listPets/bad_item.json:11:13: /items/1/id: -1 is less than the minimum of 1"
        " [/$ref/properties/items/items/$ref/discriminator/mapping/dog/$ref/allOf/0/$ref"
        "/properties/id/minimum]",
        "payloads/listPets/next_number.json:3:11: /next: expected null or string, got integer 5"
        " [/$ref/properties/next/type]",
        'payloads/listPets/no_next.json:1:1: /: missing required property "next" [/$ref/required]',
    ]
    places = [line.split(": ")[:2] for line in _problem_lines(root, "getPet", "getPet")]
    assert places == [
        ["payloads/getPet/bad_date.json:5:11", "/born"],
        ["payloads/getPet/bird.json:3:11", "/kind"],
        ["payloads/getPet/cat_not_indoor.json:1:1", "/"],
        ["payloads/getPet/empty_name.json:4:11", "/name"],
        ["payloads/getPet/husky.json:6:12", "/breed"],
        ["payloads/getPet/id_zero.json:2:9", "/id"],
        ["payloads/getPet/name_null.json:4:11", "/name"],
    ]
