"""Schema lint on the command line: warnings on stderr, before any document is checked, that never
change a verdict or the exit code; none for the bundled contract."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from validator.run.runner import run
from validator.run.settings import Options


def _run(tmp_path: Path, schema: object, document: object, **extra: object) -> tuple[int, str, str]:
    (tmp_path / "schema.json").write_text(json.dumps(schema))
    (tmp_path / "doc.json").write_text(json.dumps(document))
    out, err = io.StringIO(), io.StringIO()
    options = Options(
        schema=str(tmp_path / "schema.json"), inputs=(str(tmp_path / "doc.json"),), **extra
    )
    code = run(options, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_a_misspelt_keyword_is_a_warning_with_a_suggestion_and_the_verdict_stands(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    schema = {"type": "object", "requird": ["a"], "properties": {"a": {"tpye": "string"}}}
    code, out, err = _run(tmp_path, schema, {"a": 5}, no_config=True)
    assert code == 0  # "requird" and "tpye" assert nothing: the document is valid
    assert err == (
        'casefile-validate: warning: schema.json:1:20: unknown keyword "requird" at /; '
        'did you mean "required"?\n'
        'casefile-validate: warning: schema.json:1:59: unknown keyword "tpye" at /properties/a; '
        'did you mean "type"?\n'
    )
    assert out.endswith("1 document: 1 valid, 0 invalid, 0 unreadable\n")


def test_a_schema_that_asserts_nothing_is_said_to_accept_everything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = _run(tmp_path, {"title": "x", "x-note": 1}, "not even an object", no_config=True)
    assert code == 0
    assert err == (
        "casefile-validate: warning: schema.json:1:1: schema asserts nothing about the document: "
        "every JSON "
        "value is valid against it\n"
    )


def test_an_openapi_document_without_a_fragment_is_exit_2_naming_its_schemas(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    api = {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {},
        "components": {"schemas": {"Casefile": {"type": "object"}, "Session": {}}},
    }
    code, out, err = _run(tmp_path, api, "not even an object", no_config=True)
    path = tmp_path / "schema.json"
    assert (code, out) == (2, "")
    assert err == (
        f"casefile-validate: schema error: {path} is an OpenAPI 3.1.0 document, not a schema: "
        f"give one of its schemas, e.g. {path}#/components/schemas/Casefile "
        "(it has Casefile, Session)\n"
    )


def test_the_bundled_contract_is_not_linted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "doc.json").write_text("{}")
    out, err = io.StringIO(), io.StringIO()
    code = run(Options(inputs=(str(tmp_path / "doc.json"),), no_config=True), out=out, err=err)
    assert code == 1
    assert err.getvalue() == ""
