"""The entry points of an OpenAPI document outside ``components/schemas`` (operations' response
schemas, ``--schema api.json#/paths/...``) share one copy of the document: it is prepared, walked
and compiled once, whatever their number, and each judges as the copy of its own did."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from validator.checking import cost_model
from validator.checking.engine import compile_schema
from validator.contracts import openapi, references
from validator.contracts.catalog import load_schema
from validator.contracts.documents import Documents, memo_of
from validator.contracts.openapi_entries import Entries
from validator.problems import NotASchema
from validator.run.plan import make_plan
from validator.run.settings import Options

ROOT = Path(__file__).resolve().parents[3]


def _generated(tmp_path: Path, version: str) -> tuple[Path, dict[str, list[Any]]]:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    generator = importlib.import_module("bench.openapi_spec")
    spec: Path
    docs: dict[str, list[Any]]
    spec, docs = generator.write_repository(tmp_path, 10, 3, 11, version, False)
    return spec, docs


def _counted(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> list[int]:
    calls: list[int] = []
    real = getattr(module, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


def _alone(spec: Path, pointer: str) -> Any:
    """The engine of ``pointer`` from a copy of the document of its own (as before Entries)."""
    contents = json.loads(spec.read_text())
    prepared = openapi.prepare(contents, str(spec), pointer)
    uri = "urn:test:alone"
    root = {"$schema": prepared["$schema"], "$ref": f"{uri}#{pointer}"}
    return compile_schema(load_schema(root, resources={uri: prepared}))


@pytest.mark.parametrize("version", ["3.0", "3.1"])
def test_operations_share_one_copy_one_walk_and_one_native_compile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, version: str
) -> None:
    spec, docs = _generated(tmp_path, version)
    config = tmp_path / "ops.toml"
    config.write_text(
        "".join(
            f'[[checks]]\nfiles = ["payloads/{name}/*.json"]\nopenapi = "{spec.name}"\n'
            f'operation = "get{name}"\n\n'
            for name in docs
        )
    )
    prepared = _counted(monkeypatch, openapi, "prepare")
    walks = _counted(monkeypatch, references._Walk, "__init__")
    monkeypatch.setattr(cost_model, "WORTH_DEFERRING", 0.0)  # every entry point defers
    monkeypatch.setattr(cost_model, "REFERENCE_PER_DOCUMENT", 1e3)  # and its documents repay
    monkeypatch.chdir(tmp_path)
    said: list[str] = []
    plan = make_plan(Options(config=str(config), verbose=True), said.append)
    assert len(plan.engines) == 10
    assert len(prepared) == 1 and len(walks) == 1  # ten before, each of the whole document
    assert len({id(engine.schema.resources) for engine in plan.engines}) == 1
    assert said[0] == (
        "getCustomer 200: fast engine (the document's 30 documents repay one native compile)"
    )
    memo = memo_of(plan.engines[0].schema.resources)
    assert memo is not None and len(memo["wrapper"][0]) > 10  # the components and the responses
    contents = json.loads(spec.read_text())
    for entry, check in plan.entries:
        engine = plan.engines[check]
        name = engine.schema.name.split()[0][3:]
        number = int(Path(str(entry)).stem)
        document = docs[name][number]
        at = "/get/responses/200/content/application~1json/schema"
        alone = _alone(spec, f"/paths/{_path_of(contents, name)}{at}")
        assert engine.is_valid(document) == alone.is_valid(document)
        assert _said(engine.findings(document)) == _said(alone.findings(document))


def _said(findings: list[Any]) -> list[tuple[Any, ...]]:
    """What a finding says (its engine's own fallback wording aside)."""
    return [(f.instance_location, f.failure.keyword, f.failure.details) for f in findings]


def _path_of(contents: dict[str, Any], name: str) -> str:
    for path, item in contents["paths"].items():
        if item.get("get", {}).get("operationId") == f"get{name}":
            return str(path).replace("~", "~0").replace("/", "~1")
    raise AssertionError(name)


def test_a_broken_response_schema_stops_only_its_own_operation(tmp_path: Path) -> None:
    spec = tmp_path / "api.json"
    good = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/A"}}}}
    bad = {"content": {"application/json": {"schema": {"type": 12}}}}
    spec.write_text(
        json.dumps(
            {
                "openapi": "3.1.0",
                "info": {"title": "t", "version": "1"},
                "paths": {
                    "/a": {"get": {"responses": {"200": good}}},
                    "/b": {"get": {"responses": {"200": bad}}},
                },
                "components": {"schemas": {"A": {"type": "object", "required": ["id"]}}},
            }
        )
    )
    documents = Documents()
    at = "/get/responses/200/content/application~1json/schema"
    first = load_schema(f"{spec}#/paths/~1a{at}", documents=documents)
    engine = compile_schema(first)
    assert engine.is_valid({"id": 1}) and not engine.is_valid({})
    with pytest.raises(NotASchema, match=r"/paths/~1b/get/responses/200/.* 12 is not valid"):
        load_schema(f"{spec}#/paths/~1b{at}", documents=documents)
    entries = next(v for k, v in documents._made.items() if k[1:] == ("entries",))
    assert isinstance(entries, Entries)
    assert entries.placed == {f"/paths/~1a{at}"}  # the broken one was left to its own copy
    again = load_schema(f"{spec}#/paths/~1a{at}", documents=documents)
    assert again.resources is first.resources


def test_a_pointer_inside_a_response_schema_and_a_file_it_refers_to(tmp_path: Path) -> None:
    (tmp_path / "other.json").write_text(json.dumps({"$defs": {"X": {"type": "string"}}}))
    spec = tmp_path / "api.yaml"
    spec.write_text(
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n"
        "      responses:\n        '200':\n          $ref: '#/components/responses/R'\n"
        "components:\n  responses:\n    R:\n      description: r\n      content:\n"
        "        application/json:\n          schema:\n            type: object\n"
        "            properties:\n              name: {$ref: 'other.json#/$defs/X'}\n"
        "              n: {type: integer, nullable: true}\n"
    )
    documents = Documents()
    at = f"{spec}#/components/responses/R/content/application~1json/schema"
    whole = compile_schema(load_schema(at, documents=documents))
    assert whole.is_valid({"name": "x", "n": None}) and not whole.is_valid({"name": 3})
    inner = compile_schema(load_schema(f"{at}/properties/n", documents=documents))
    assert inner.is_valid(None) and inner.is_valid(3) and not inner.is_valid("3")
    assert inner.schema.resources is not whole.schema.resources  # a copy of its own
    assert any(uri.endswith("/other.json") for uri in whole.schema.resources)


def test_the_api_names_operations_of_one_spec_with_one_read_and_one_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import validator
    from validator.contracts import schema_files

    spec, docs = _generated(tmp_path, "3.0")
    spec = spec.rename(tmp_path / "api-once.json")  # a name no other test's process cache holds
    reads = _counted(monkeypatch, schema_files, "read_schema_file")
    walks = _counted(monkeypatch, references._Walk, "__init__")
    schemas = [validator.operation_schema(spec, f"get{name}") for name in docs]
    pairs = zip(docs, schemas, strict=True)
    reports = [validator.validate(docs[name][0], each) for name, each in pairs]
    assert reads == [1] and len(walks) == 1
    engines = [validator.api._engine(each, ()) for each in schemas]
    assert len({id(engine.schema.resources) for engine in engines}) == 1
    contents = json.loads(spec.read_text())
    for (name, items), report in zip(docs.items(), reports, strict=True):
        path = "/" + _path_of(contents, name).replace("~1", "/").replace("~0", "~")[1:]
        url = "https://api.example.com" + path.replace("{id}", "x1")
        told = validator.check_response(spec, "GET", url, 200, json.dumps(items[0]))
        assert told.valid == report.valid
    assert reads == [1] and len(walks) == 1  # the recordings API shares them too
