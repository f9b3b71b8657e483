"""Malformed OpenAPI 3.0 keywords are schema errors (validator/contracts/keywords30.py): a numeric
``exclusiveMinimum`` (OpenAPI 3.1's form), a non-boolean ``exclusiveMinimum`` or ``nullable``, a
``discriminator`` without ``propertyName``, an empty ``enum``.  Each is exit 2 in one line naming
the file, the keyword's line:column and its pointer; used to be accepted silently (the bound
unapplied).  The same keywords in a 3.1 document are JSON Schema's, and accepted."""

from __future__ import annotations

from pathlib import Path

import pytest
from jsonschema.exceptions import SchemaError
from openapi_schema_validator import OAS30Validator

from tests.console import run_script

SPEC = """\
openapi: {version}
info: {{title: t, version: "1"}}
paths:
  /n:
    get:
      operationId: getN
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {{$ref: '#/components/schemas/N'}}
components:
  schemas:
    N:
      type: object
      properties:
        n: {{type: integer, {keyword}}}
"""
WHERE = "#/components/schemas/N/properties/n"
CASES = [
    (
        "exclusiveMinimum: 3",
        "3",
        "exclusiveMinimum: OpenAPI 3.0 exclusiveMinimum must be a boolean (a number is OpenAPI "
        "3.1's form: write minimum: 3 and exclusiveMinimum: true)",
    ),
    (
        "exclusiveMaximum: 2.5",
        "2.5",
        "exclusiveMaximum: OpenAPI 3.0 exclusiveMaximum must be a boolean (a number is OpenAPI "
        "3.1's form: write maximum: 2.5 and exclusiveMaximum: true)",
    ),
    (
        'minimum: 5, exclusiveMinimum: "x"',
        '"x"',
        "exclusiveMinimum: OpenAPI 3.0 exclusiveMinimum must be a boolean",
    ),
    ('nullable: "yes"', '"yes"', "nullable: OpenAPI 3.0 nullable must be a boolean"),
    (
        "discriminator: {mapping: {}}",
        "{mapping",
        "discriminator: propertyName is missing (or not a string)",
    ),
    ("discriminator: kind", "kind", "discriminator: must be an object with a propertyName"),
    ("enum: []", "[]", "enum: must be an array of at least one value"),
]


@pytest.mark.parametrize(("keyword", "value", "why"), CASES, ids=[c[0] for c in CASES])
def test_a_malformed_3_0_keyword_is_a_placed_schema_error(
    tmp_path: Path, keyword: str, value: str, why: str
) -> None:
    """Placed at the keyword's value, on line 18 (``n: {type: integer, `` ends at column 27)."""
    column = 28 + keyword.rindex(value)
    (tmp_path / "api.yaml").write_text(SPEC.format(version="3.0.3", keyword=keyword))
    (tmp_path / "d.json").write_text('{"n": 4}')
    done = run_script(tmp_path, "--openapi", "api.yaml", "--operation", "getN", "d.json")
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == f"casefile-validate: schema error: api.yaml:18:{column}: {WHERE}/{why}\n"


@pytest.mark.parametrize("keyword", ["exclusiveMinimum: 3", 'minimum: 5, exclusiveMinimum: "x"',
                                     "enum: []"])  # fmt: skip
def test_openapi_schema_validator_refuses_them_too(keyword: str) -> None:
    import yaml

    spec = yaml.safe_load(SPEC.format(version="3.0.3", keyword=keyword))
    schema = spec["components"]["schemas"]["N"]["properties"]["n"]
    with pytest.raises(SchemaError, match=r"boolean|non-empty"):
        OAS30Validator.check_schema(schema)


def test_in_3_1_a_numeric_exclusive_minimum_is_json_schemas(tmp_path: Path) -> None:
    (tmp_path / "api.yaml").write_text(SPEC.format(version="3.1.0", keyword="exclusiveMinimum: 3"))
    (tmp_path / "d.json").write_text('{"n": 3}')
    done = run_script(tmp_path, "--openapi", "api.yaml", "--operation", "getN", "d.json")
    assert done.returncode == 1, done.stderr
    assert "/n: 3 is not greater than the exclusive minimum of 3" in done.stdout
