"""Metaschema errors and lint warnings about a schema file are placed at the node's
``line:column``, in YAML as in JSON (schema files, files a ``$ref`` reaches, OpenAPI documents)."""

from __future__ import annotations

from pathlib import Path

from tests.console import run_script

API = """openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a:
    get:
      operationId: getA
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/A'}
components:
  schemas:
    A:
      type: object
      properties:
        n:
          minimum: "x"
"""


def _schema_error(tmp_path: Path, *args: str) -> str:
    (tmp_path / "p.json").write_text("{}")
    result = run_script(tmp_path, *args, "p.json")
    assert (result.returncode, result.stdout) == (2, ""), result.stderr
    return result.stderr


def test_a_wrong_type_keyword_is_placed_at_its_value_in_yaml(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text("type: object\nproperties:\n  a:\n    type: 12\n")
    assert _schema_error(tmp_path, "--schema", "s.yaml") == (
        "casefile-validate: schema error: s.yaml:4:11: not a valid schema at /properties/a/type:"
        " 12 is not valid under any of the given schemas\n"
    )


def test_a_wrong_minimum_is_placed_at_its_value_in_yaml(tmp_path: Path) -> None:
    (tmp_path / "s.yml").write_text('properties:\n  "a/b~":\n    minimum: "x"\n')
    assert _schema_error(tmp_path, "--schema", "s.yml") == (
        "casefile-validate: schema error: s.yml:3:14: not a valid schema at"
        ' /properties/a~1b~0/minimum: "x" is not of type "number"\n'
    )


def test_a_metaschema_error_at_the_root_is_placed_at_the_document(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text("# a schema whose required is not a list\n\n  required: 5\n")
    assert _schema_error(tmp_path, "--schema", "s.yaml") == (
        "casefile-validate: schema error: s.yaml:3:13: not a valid schema at /required:"
        ' 5 is not of type "array"\n'
    )


def test_a_metaschema_error_is_placed_in_a_json_schema_file_too(tmp_path: Path) -> None:
    (tmp_path / "s.json").write_text('{"type": "object",\n  "properties": {"a": {"type": 12}}}')
    assert _schema_error(tmp_path, "--schema", "s.json") == (
        "casefile-validate: schema error: s.json:2:32: not a valid schema at /properties/a/type:"
        " 12 is not valid under any of the given schemas\n"
    )


def test_a_metaschema_error_in_a_referenced_yaml_file_is_placed_there(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text("properties:\n  a: {$ref: item.yml}\n")
    (tmp_path / "item.yml").write_text("type: object\nmaxLength: -1\n")
    stderr = _schema_error(tmp_path, "--schema", "s.yaml")
    assert stderr.endswith(
        "item.yml:2:12: not a valid schema at /maxLength: -1 is less than the minimum of 0\n"
    ), stderr


def test_a_metaschema_error_in_an_openapi_yaml_document_is_placed(tmp_path: Path) -> None:
    (tmp_path / "api.yaml").write_text(API)
    expected = (
        "casefile-validate: schema error: api.yaml:19:20: not a valid schema at"
        ' #/components/schemas/A/properties/n/minimum: "x" is not of type "number"\n'
    )
    assert _schema_error(tmp_path, "--openapi", "api.yaml", "--operation", "getA") == expected
    assert _schema_error(tmp_path, "--schema", "api.yaml#/components/schemas/A") == expected


def test_an_unknown_keyword_is_placed_at_its_key_in_yaml(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text(
        "type: object\nproperties:\n  a:\n    requird: [x]\n  b:\n    requird: [y]\n    tpye: x\n"
    )
    (tmp_path / "p.json").write_text("{}")
    result = run_script(tmp_path, "--schema", "s.yaml", "p.json")
    assert result.returncode == 0
    assert result.stderr == (
        'casefile-validate: warning: s.yaml:4:5: unknown keyword "requird" at /properties/a'
        ' (and 1 more place); did you mean "required"?\n'
        'casefile-validate: warning: s.yaml:7:5: unknown keyword "tpye" at /properties/b;'
        ' did you mean "type"?\n'
    )


def test_a_schema_that_asserts_nothing_is_placed_at_its_root(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text("# notes only\n\ntitle: x\nx-note: 1\n")
    (tmp_path / "p.json").write_text("{}")
    result = run_script(tmp_path, "--schema", "s.yaml", "p.json")
    assert result.returncode == 0
    assert result.stderr == (
        "casefile-validate: warning: s.yaml:3:1: s asserts nothing about the document:"
        " every JSON value is valid against it\n"
    )


def test_an_openapi_30_translation_error_is_placed_in_the_yaml_document(tmp_path: Path) -> None:
    (tmp_path / "api.yaml").write_text(API.replace('minimum: "x"', "type: 12"))
    assert _schema_error(tmp_path, "--openapi", "api.yaml", "--operation", "getA") == (
        "casefile-validate: schema error: api.yaml:19:17: #/components/schemas/A/properties/n/type:"
        " OpenAPI 3.0 type must be one of array, boolean, integer, number, object, string\n"
    )


def test_a_pattern_that_is_not_ecma_262_is_placed_in_yaml(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text(
        "properties:\n  a: {type: string}\npatternProperties:\n  '[a-': {}\n"
    )
    assert _schema_error(tmp_path, "--schema", "s.yaml") == (
        'casefile-validate: schema error: s.yaml:4:3: pattern "[a-" at /patternProperties/[a-'
        " is not an ECMA-262 regular expression (Unbalanced bracket)\n"
    )
    (tmp_path / "s.yaml").write_text("properties:\n  a:\n    pattern: (x\n")
    assert _schema_error(tmp_path, "--schema", "s.yaml") == (
        'casefile-validate: schema error: s.yaml:3:14: pattern "(x" at /properties/a/pattern'
        " is not an ECMA-262 regular expression (Unbalanced parenthesis)\n"
    )


def test_an_error_in_an_alias_is_placed_at_the_alias_and_names_its_anchor(tmp_path: Path) -> None:
    (tmp_path / "al.yaml").write_text("x-defs:\n  bad: &bad {type: 12}\nproperties:\n  a: *bad\n")
    assert _schema_error(tmp_path, "--schema", "al.yaml") == (
        "casefile-validate: schema error: al.yaml:4:6: not a valid schema at /properties/a/type "
        "(in alias *bad): 12 is not valid under any of the given schemas\n"
    )
    (tmp_path / "plain.yaml").write_text("properties:\n  a: {type: 12}\n")
    assert _schema_error(tmp_path, "--schema", "plain.yaml") == (
        "casefile-validate: schema error: plain.yaml:2:13: not a valid schema at "
        "/properties/a/type: 12 is not valid under any of the given schemas\n"
    )
