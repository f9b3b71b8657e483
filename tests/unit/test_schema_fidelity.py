"""The stored contract equals the documented one, and every stored schema is a valid schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, validators

from tests.conftest import ROOT, seed_file
from validator.catalog import DEFAULT_SCHEMA, load_schema, schema_names

SCHEMAS = sorted((ROOT / "schemas").glob("*.json"))


def _seed_schema() -> object:
    path = seed_file()
    if not path.is_file():
        pytest.skip(f"seed documentation not found at {path} (set CASEFILE_SEED_FILE)")
    text = path.read_text(encoding="utf-8")
    start = text.index("```json") + len("```json")
    end = text.index("```", start)
    return json.loads(text[start:end])


def test_stored_schema_equals_the_seed_without_schema_and_id() -> None:
    stored = json.loads((ROOT / "schemas" / f"{DEFAULT_SCHEMA}.json").read_text("utf-8"))
    assert stored["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert stored["$id"].startswith("https://")
    del stored["$schema"], stored["$id"]
    assert stored == _seed_schema()


def test_stored_schema_keeps_its_defs() -> None:
    stored = load_schema().contents
    assert set(stored["$defs"]) == {"RequestStatus", "SessionAddedPayload"}


@pytest.mark.parametrize("path", SCHEMAS, ids=[p.name for p in SCHEMAS])
def test_every_stored_schema_is_valid_against_its_metaschema(path: Path) -> None:
    contents = json.loads(path.read_text("utf-8"))
    cls = validators.validator_for(contents)
    assert cls is Draft202012Validator
    cls.check_schema(contents)


def test_schema_names_lists_the_bundled_files() -> None:
    assert schema_names() == [p.stem for p in SCHEMAS]
    assert DEFAULT_SCHEMA in schema_names()


def test_changing_a_loaded_schema_does_not_change_the_next_load() -> None:
    first = load_schema()
    first.contents["properties"]["status"] = {}
    assert load_schema().contents["properties"]["status"]["$ref"] == "#/$defs/RequestStatus"
