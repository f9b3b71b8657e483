"""``casefile-schemas list|show --yaml-files GLOB``: a YAML document whose name does not say so is
read as YAML, as ``casefile-validate --yaml-files`` reads it, ``--show-schema`` included (the
installed console scripts)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.console import SCHEMAS, VALIDATE, run_script

SPEC = """\
openapi: 3.1.0
info: {title: items, version: '1'}
paths:
  /items/{id}:
    get:
      operationId: getItem
      responses:
        200:
          description: one
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Item'}
components:
  schemas:
    Item: {type: object, required: [id]}
"""
HINT = (
    " (it reads as YAML: name it .yaml or .yml, or give --yaml-files, or yaml = true in its check)"
)
NOT_JSON = (
    'schema error: api.spec:1:1: schema is not valid JSON: expected a JSON value, found "o"'
    + HINT
    + "\n"
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "api.spec").write_text(SPEC, "utf-8")
    (tmp_path / "item.schema").write_text("type: object\nrequired: [id]\n", "utf-8")
    (tmp_path / "item.json").write_text('{"id": "a1"}\n', "utf-8")
    return tmp_path


def _schemas(folder: Path, *args: str) -> tuple[int, str, str]:
    done = run_script(folder, *args, script=SCHEMAS)
    return done.returncode, done.stdout, done.stderr


def test_list_reads_a_spec_the_glob_matches_as_yaml(folder: Path) -> None:
    assert _schemas(folder, "list", "api.spec") == (2, "", f"casefile-schemas: {NOT_JSON}")
    listed = "GET /items/{id} (getItem): 200 application/json\ncomponents/schemas: Item\n"
    assert _schemas(folder, "list", "--yaml-files", "api.spec", "api.spec") == (0, listed, "")
    assert _schemas(folder, "list", "api.spec", "--yaml-files", "*.spec") == (0, listed, "")
    assert _schemas(folder, "list", "--yaml-files", "*.txt", "api.spec") == (
        2,
        "",
        f"casefile-schemas: {NOT_JSON}",
    )


def test_casefile_validate_reads_the_same_spec_so(folder: Path) -> None:
    args = ("--openapi", "api.spec", "--operation", "getItem", "item.json")
    done = run_script(folder, "--yaml-files", "api.spec", *args, script=VALIDATE)
    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        "1 document: 1 valid, 0 invalid, 0 unreadable\n",
        "",
    )
    done = run_script(folder, *args, script=VALIDATE)
    assert (done.returncode, done.stderr) == (2, f"casefile-validate: {NOT_JSON}")


def test_show_reads_a_schema_file_the_glob_matches_as_yaml(folder: Path) -> None:
    shown = '{\n  "type": "object",\n  "required": [\n    "id"\n  ]\n}\n'
    assert _schemas(folder, "show", "--yaml-files", "*.schema", "item.schema") == (0, shown, "")
    assert _schemas(folder, "show", "item.schema") == (
        2,
        "",
        "casefile-schemas: schema error: item.schema:1:1: schema is not valid JSON: expected a "
        'JSON value, found "t"' + HINT + "\n",
    )


def test_a_glob_that_never_matches_is_a_usage_error(folder: Path) -> None:
    said = "casefile-schemas: --yaml-files '[' is not a usable glob: a [ is never closed\n"
    assert _schemas(folder, "list", "--yaml-files", "[", "api.spec") == (2, "", said)
    assert _schemas(folder, "show", "--yaml-files", "[", "item.schema") == (2, "", said)


def test_show_schema_of_casefile_validate_reads_them_so_too(folder: Path) -> None:
    named = ("--openapi", "api.spec", "--operation", "getItem", "--show-schema")
    done = run_script(folder, "--yaml-files", "api.spec", *named, script=VALIDATE)
    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        '{\n  "$schema": "https://json-schema.org/draft/2020-12/schema",\n'
        '  "type": "object",\n  "required": [\n    "id"\n  ]\n}\n',  # the response's $ref followed
        "",
    )
    done = run_script(folder, *named, script=VALIDATE)
    assert (done.returncode, done.stdout, done.stderr) == (2, "", f"casefile-validate: {NOT_JSON}")
    shown = '{\n  "type": "object",\n  "required": [\n    "id"\n  ]\n}\n'
    done = run_script(
        folder, "--yaml-files", "*.schema", "--schema", "item.schema", "--show-schema"
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, shown, "")
