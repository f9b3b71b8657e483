"""A document that refers only to itself (every ``$ref`` a ``#/`` pointer into it) is loaded
without the walk that looks for schema files (issue 22, section 2: the cost of loading one large
OpenAPI document); anything else is walked as before, with the same errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from validator.api import is_valid
from validator.contracts import schema_files
from validator.contracts.catalog import load_schema
from validator.contracts.local_refs import only_local
from validator.problems import SchemaProblem
from validator.run.plan import make_plan
from validator.run.settings import Options

from .test_documents import _generator

_2020 = "https://json-schema.org/draft/2020-12/schema"


def _no_walk(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    walked: list[str] = []
    real = schema_files.discover

    def counted(name: str, *args: Any, **kwargs: Any) -> Any:
        walked.append(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(schema_files, "discover", counted)
    return walked


@pytest.mark.parametrize("version", ["3.0", "3.1"])
def test_a_generated_document_is_loaded_without_looking_for_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, version: str
) -> None:
    _generator().write_repository(tmp_path, 12, 1, 5, version, False)
    walked = _no_walk(monkeypatch)
    monkeypatch.chdir(tmp_path)
    plan = make_plan(Options(config=str(tmp_path / ".casefile-validate.toml")), print)
    assert len(plan.engines) == 12
    assert walked == []


def _write(folder: Path, schemas: dict[str, Any]) -> Path:
    spec = folder / "api.json"
    doc = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {}}
    spec.write_text(json.dumps({**doc, "components": {"schemas": schemas}}), encoding="utf-8")
    return spec


def test_a_local_ref_that_leads_nowhere_is_still_refused_at_its_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = _write(tmp_path, {"A": {"$ref": "#/components/schemas/Gone"}})
    walked = _no_walk(monkeypatch)
    with pytest.raises(SchemaProblem) as raised:
        load_schema(f"{spec}#/components/schemas/A")
    assert walked == ["A"]  # the full walk, which explains it
    assert "#/components/schemas/Gone" in str(raised.value)


def test_a_ref_to_a_file_is_still_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "id.json").write_text('{"type": "string"}', encoding="utf-8")
    spec = _write(tmp_path, {"A": {"properties": {"id": {"$ref": "id.json"}}}})
    walked = _no_walk(monkeypatch)
    schema = load_schema(f"{spec}#/components/schemas/A")
    assert walked == ["A"]
    assert any(uri.endswith("/id.json") for uri in schema.resources)


def _doc(schemas: dict[str, Any], dialect: str | None = _2020) -> dict[str, Any]:
    head = {} if dialect is None else {"$schema": dialect}
    return {**head, "openapi": "3.1.0", "components": {"schemas": schemas}}


@pytest.mark.parametrize(
    ("doc", "local"),
    [
        (_doc({"A": {"$ref": "#/components/schemas/B"}, "B": True}), True),
        (_doc({"A": {"$ref": "#/components/schemas/B"}, "B": {}}, None), True),
        (_doc({"A": {"$ref": "#/components/schemas/a~1b%20c"}, "a/b c": {}}), True),
        (_doc({"A": {"anyOf": [{}, {"$ref": "#/components/schemas/A/anyOf/0"}]}}), True),
        (_doc({"A": {"$dynamicRef": "#/components/schemas/B"}, "B": {}}), True),
        (_doc({"A": {"$ref": 5}}), True),  # not a reference: no walk looks it up
        (_doc({"A": {"$ref": "b.json"}}), False),  # another file
        (_doc({"A": {"$ref": "#"}}), False),  # the whole document: refused by the walk
        (_doc({"A": {"$ref": "#anchor", "$anchor": "anchor"}}), False),
        (_doc({"A": {"$ref": "#/components/schemas/Gone"}}), False),  # leads nowhere
        (_doc({"A": {"$ref": "#/openapi"}}), False),  # to a string, not a schema
        (_doc({"A": {"anyOf": [{}, {"$ref": "#/components/schemas/A/anyOf/01"}]}}), False),
        (_doc({"A": {"anyOf": [{"$ref": "#/components/schemas/A/anyOf/2"}]}}), False),
        (_doc({"A": {"$id": "a.json", "$ref": "#/x"}, "x": {}}), False),  # '#' is a.json there
        (_doc({"A": {"$schema": "http://json-schema.org/draft-04/schema#"}}), False),
        (_doc({"A": {}}, "http://json-schema.org/draft-04/schema#"), False),  # id keyword: id
        (_doc({"A": {}}, "https://example.com/custom"), False),
        (_doc({"A": {"examples": [{"$ref": "http://x/y"}]}}), False),  # anywhere: not sure
        ([{"$ref": "#/0"}], False),
        ({"$id": "https://x.example/a.json", "$ref": "#/$defs/b", "$defs": {"b": {}}}, True),
        ({"$id": "https://x.example/a.json#", "$ref": "#/$defs/b", "$defs": {"b": {}}}, True),
        ({"$id": "a.json", "$ref": "#/$defs/b", "$defs": {"b": {}}}, True),  # names it
        ({"$id": "https://x.example/a.json#b", "$ref": "#/$defs/b", "$defs": {"b": {}}}, False),
        ({"$id": 5, "$ref": "#/$defs/b", "$defs": {"b": {}}}, False),  # the metaschema says
        ({"$ref": "#/$defs/b", "$defs": {"b": {"$id": "b.json"}}}, False),  # another resource
    ],
)
def test_only_local_is_sure_or_says_no(doc: Any, local: bool) -> None:
    assert only_local(doc) is local


def test_a_schema_file_with_a_root_id_is_loaded_without_looking_for_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # most stored schemas name themselves with a root $id: that alone no longer costs the walk
    doc = {
        "$schema": _2020,
        "$id": "https://casefiles.example/schemas/a.json",
        "type": "object",
        "properties": {"b": {"$ref": "#/$defs/b"}},
        "$defs": {"b": {"type": "string"}},
    }
    (tmp_path / "a.json").write_text(json.dumps(doc), encoding="utf-8")
    walked = _no_walk(monkeypatch)
    schema = load_schema(str(tmp_path / "a.json"))
    assert walked == []
    assert is_valid({"b": "x"}, schema) and not is_valid({"b": 1}, schema)
