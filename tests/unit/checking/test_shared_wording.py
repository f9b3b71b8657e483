"""The errors of an OpenAPI document's entry points judged by the one native validator compiled
for all of them (:class:`validator.checking.fast_compile.Wrapped`) are worded exactly as each
entry point's own compile words them: the same instance and keyword locations, and the branch
errors of ``anyOf``/``oneOf`` nested at the same depths."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from validator.checking import cost_model
from validator.checking.engine import compile_schema
from validator.contracts.catalog import load_schema
from validator.run.plan import make_plan
from validator.run.settings import Options

ITEM = {"type": "object", "properties": {"x": {"type": "integer"}}, "required": ["x"]}
COMPONENTS: dict[str, Any] = {
    "Either": {"anyOf": [{"type": "string"}, {"$ref": "#/components/schemas/Item"}]},
    "One": {"oneOf": [{"type": "integer"}, {"type": "number", "minimum": 5}]},
    "Item": ITEM,
    "Bag": {
        "type": "object",
        "properties": {
            "items": {"type": "array", "items": {"$ref": "#/components/schemas/Either"}},
            "one": {"$ref": "#/components/schemas/One"},
            "name": {"type": "string", "nullable": True, "maxLength": 3},
        },
        "additionalProperties": False,
    },
    "Closed": {"additionalProperties": False},  # jsonschema_rs: one false schema, retold
}
DOCUMENTS: dict[str, list[Any]] = {
    "Either": [{"x": "no"}, 3, {}, "ok", {"x": 1e2}],
    "One": [7, "seven", 7.5],
    "Item": [{"x": 1.5}, [], {"x": 1}, {"x": 2.0}],  # 2.0: no OpenAPI 3.0 integer
    "Bag": [
        {"items": [{"x": "a"}, 2, "fine", {"y": 1}], "one": 9, "name": "long"},
        {"extra": 1, "name": None},
        {"items": "no"},
    ],
    "Closed": [{"a": 1, "b": {}}, {}],
}


def _repository(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    version: str = "3.0.3",
    components: dict[str, Any] = COMPONENTS,
    documents: dict[str, list[Any]] = DOCUMENTS,
) -> Path:
    spec = {"openapi": version, "info": {"title": "t", "version": "1"}, "paths": {}}
    spec["components"] = {"schemas": components}
    (tmp_path / "api.json").write_text(json.dumps(spec))
    checks = []
    for name, listed in documents.items():
        (tmp_path / name).mkdir()
        for number, document in enumerate(listed):
            (tmp_path / name / f"{number}.json").write_text(json.dumps(document))
        checks.append(f'[[checks]]\nfiles = ["{name}/*.json"]\n')
        checks.append(f'schema = "api.json#/components/schemas/{name}"\n\n')
    (tmp_path / ".casefile-validate.toml").write_text("".join(checks))
    monkeypatch.setattr(cost_model, "WORTH_DEFERRING", 0.0)  # every entry point defers
    monkeypatch.setattr(cost_model, "REFERENCE_PER_DOCUMENT", 1e3)  # and one compile pays
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return _repository(tmp_path, monkeypatch)


def test_the_shared_validator_words_each_error_as_the_entry_points_own_compile(
    repository: Path,
) -> None:
    said: list[str] = []
    plan = make_plan(Options(config=".casefile-validate.toml", verbose=True), said.append)
    assert all("repay one native compile" in line for line in said), said
    checks = {str(entry): check for entry, check in plan.entries}
    compared = nested = 0
    for name, documents in DOCUMENTS.items():
        alone = compile_schema(load_schema(f"api.json#/components/schemas/{name}"))
        assert type(alone._fast).__name__ != "Wrapped"
        for number, document in enumerate(documents):
            shared = plan.engines[checks[f"{name}/{number}.json"]]
            assert type(shared._fast).__name__ == "Wrapped"
            found = shared.findings(document)
            assert found == alone.findings(document)
            assert shared.is_valid(document) != bool(found)
            compared += bool(found)
            nested += sum(
                bool(b.nested) for f in found for branch in f.failure.branches for b in branch
            )
    assert compared == 13
    assert nested > 0  # a branch error deeper than its anyOf: flagged as the own compile flags it
    bag = plan.engines[checks["Bag/0.json"]].findings(DOCUMENTS["Bag"][0])
    where = ["/items/0", "/items/1", "/items/3", "/one", "/name"]
    assert [f.instance_location for f in bag] == where
    assert bag[0].keyword_location == "/$ref/properties/items/items/$ref/anyOf"
    item = plan.engines[checks["Item/3.json"]].findings(DOCUMENTS["Item"][3])
    assert [(f.keyword_location, f.failure.keyword) for f in item] == [
        ("/$ref/properties/x/type", "type")
    ]
    closed = plan.engines[checks["Closed/0.json"]].findings(DOCUMENTS["Closed"][0])
    assert [(f.failure.keyword, f.failure.details) for f in closed] == [
        ("additionalProperties", {"unexpected": ["a", "b"]})
    ]


@pytest.mark.parametrize("native", [True, False])
def test_a_deferred_engine_builds_the_reference_only_when_it_judges(
    repository: Path, monkeypatch: pytest.MonkeyPatch, native: bool
) -> None:
    """The reference engine (jsonschema's validator and registry for the whole document: time
    and memory) is built for an entry point whose compile was put off only when the plan gives
    it the documents, before any is read; not when the one native validator judges them."""
    if not native:
        monkeypatch.setattr(cost_model, "REFERENCE_PER_DOCUMENT", 0.0)
    plan = make_plan(Options(config=".casefile-validate.toml"), lambda _: None)
    assert {engine.judge for engine in plan.engines} == {"fast" if native else "reference"}
    built = ["reference" in vars(engine) for engine in plan.engines]
    assert built == [not native] * len(DOCUMENTS)


NAMES = {
    "Names": {
        "properties": {
            "n": {"propertyNames": {"anyOf": [{"maxLength": 1}, {"const": "xy"}]}},
            "f": {"propertyNames": False},
            "c": {"additionalProperties": False},
        }
    },
}


def test_the_shared_validator_retells_errors_as_the_entry_points_own_compile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The errors told as the reference tells them (``propertyNames``, and
    ``additionalProperties: false`` without ``properties``: see
    :mod:`validator.checking.retold_errors`) from the shared validator too, a ``propertyNames``
    error's branch errors at the entry point's own depths."""
    document = {"n": {"ab": 1, "c": 2}, "f": {"k": 1, "l": 2}, "c": {"z": 1}}
    _repository(tmp_path, monkeypatch, "3.1.0", NAMES, {"Names": [document]})
    plan = make_plan(Options(config=".casefile-validate.toml"), lambda _: None)
    [shared] = plan.engines
    assert type(shared._fast).__name__ == "Wrapped"
    found = shared.findings(document)
    assert found == compile_schema(load_schema("api.json#/components/schemas/Names")).findings(
        document
    )
    told = [(f.instance_location, f.failure.keyword, f.failure.instance) for f in found]
    assert told == [
        ("/n", "anyOf", "ab"),
        ("/f", "falseSchema", "k"),
        ("/f", "falseSchema", "l"),
        ("/c", "additionalProperties", {"z": 1}),
    ]
    assert [[b.nested for b in branch] for branch in found[0].failure.branches] == [[""]] * 2
