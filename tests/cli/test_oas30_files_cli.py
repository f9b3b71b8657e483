"""The installed script on a split OpenAPI 3.0 document: a response schema that is a ``$ref`` to a
plain schema file, which refers to another (validator/contracts/oas30_files.py).  Both files are
read as OpenAPI 3.0 Schema Objects (``nullable``, 3.0's integer), by each engine and by
``--cross-check``; a schema error in them is placed at its line:column in the YAML file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.console import run_script

SPEC = """\
openapi: 3.0.3
info: {title: api, version: "1"}
paths:
  /pets/{id}:
    get:
      operationId: getPet
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: './schemas/Pet.yaml'}
"""
PET = """\
type: object
required: [id]
properties:
  id: {type: integer}
  name: {type: string, nullable: true}
  tag: {$ref: './Tag.yaml'}
"""
TAG = "type: string\nnullable: true\n"


def _write(folder: Path, tag: str = TAG) -> None:
    (folder / "schemas").mkdir()
    (folder / "openapi.yaml").write_text(SPEC)
    (folder / "schemas/Pet.yaml").write_text(PET)
    (folder / "schemas/Tag.yaml").write_text(tag)
    (folder / "d1.json").write_text('{"id": 1, "name": null, "tag": null}')
    (folder / "d2.json").write_text('{"id": 1.0, "name": "x", "tag": "t"}')


@pytest.mark.parametrize("engine", [[], ["--engine", "reference"], ["--cross-check"]])
def test_a_referenced_plain_file_is_read_as_openapi_3_0(tmp_path: Path, engine: list[str]) -> None:
    _write(tmp_path)
    done = run_script(tmp_path, *engine, "--openapi", "openapi.yaml", "--operation", "getPet",
                      "d1.json", "d2.json")  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert done.stdout == (
        "d2.json:1:8: /id: expected integer, got number 1.0 [/$ref/$ref/properties/id/type]\n"
        "2 documents: 1 valid, 1 invalid, 0 unreadable\n"
    )
    assert done.stderr == ""


def test_a_bad_3_0_keyword_in_a_referenced_file_is_placed_there(tmp_path: Path) -> None:
    _write(tmp_path, tag="nullable: true\ntype: strin\n")
    done = run_script(tmp_path, "--openapi", "openapi.yaml", "--operation", "getPet", "d1.json")
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == (
        "casefile-validate: schema error: schemas/Tag.yaml:2:7: #/type: OpenAPI 3.0 type must be "
        "one of array, boolean, integer, number, object, string\n"
    )
