"""The stored contract equals the documented one, and every stored schema is a valid schema."""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import urldefrag, urljoin

import jsonschema_rs
import pytest
from jsonschema import Draft202012Validator, validators

from tests.conftest import ROOT, seed_file
from validator.contracts.catalog import DEFAULT_SCHEMA, load_schema, schema_names
from validator.contracts.metaschema import check_schema, uri_of

SCHEMAS = sorted((ROOT / "schemas").glob("*.json"))


def require_seed() -> Path:
    """The seed documentation's path, or skip saying why (fail instead when
    ``CASEFILE_REQUIRE_CONFORMANCE=1``, as in ``.ci/run``: there the comparison must run)."""
    path = seed_file()
    if not path.is_file():
        reason = f"seed documentation not found at {path} (set CASEFILE_SEED_FILE)"
        if os.environ.get("CASEFILE_REQUIRE_CONFORMANCE") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return path


def _seed_schema() -> object:
    text = require_seed().read_text(encoding="utf-8")
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
    # the start-up does not check them again (validator.contracts.catalog._bundled): this test does
    contents = json.loads(path.read_text("utf-8"))
    cls = validators.validator_for(contents)
    assert cls is Draft202012Validator
    cls.check_schema(contents)
    assert jsonschema_rs.meta.is_valid(contents)
    check_schema(contents, str(path))


@pytest.mark.parametrize(
    "declared",
    [
        *("https://x.invalid/a/b.json#frag", "HTTPS://X/a", "urn:x:y", "file:///etc/s.json"),
        *("b.json", "../c.json#/$defs/x", "", "#only", "//host/p", "file:rel.json", "mailto:a@b"),
        None,
    ],
)
def test_a_schema_uri_is_its_id_resolved_against_its_file(declared: str | None) -> None:
    path = ROOT / "schemas" / f"{DEFAULT_SCHEMA}.json"
    contents = {} if declared is None else {"$id": declared}
    base = path.resolve().as_uri()
    expected = base if declared is None else urldefrag(urljoin(base, declared))[0]
    assert uri_of(contents, path) == uri_of(contents, str(path)) == expected


def test_schema_names_lists_the_bundled_files() -> None:
    assert schema_names() == [p.stem for p in SCHEMAS]
    assert DEFAULT_SCHEMA in schema_names()


def test_changing_a_loaded_schema_does_not_change_the_next_load() -> None:
    first = load_schema()
    first.contents["properties"]["status"] = {}
    assert load_schema().contents["properties"]["status"]["$ref"] == "#/$defs/RequestStatus"


@pytest.mark.parametrize(("required", "outcome"), [("1", "failed"), ("", "skipped")])
def test_a_missing_seed_fails_only_where_required(
    required: str, outcome: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CASEFILE_SEED_FILE", str(tmp_path / "absent.txt"))
    monkeypatch.setenv("CASEFILE_REQUIRE_CONFORMANCE", required)
    expected = pytest.fail.Exception if outcome == "failed" else pytest.skip.Exception
    with pytest.raises(expected, match=r"seed documentation not found at .*absent\.txt"):
        _seed_schema()


def test_the_seed_is_found_where_configured(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed = tmp_path / "seed.txt"
    seed.write_text('Some prose.\n```json\n{"type": "object"}\n```\nMore prose.\n', "utf-8")
    monkeypatch.setenv("CASEFILE_SEED_FILE", str(seed))
    monkeypatch.setenv("CASEFILE_REQUIRE_CONFORMANCE", "1")
    assert require_seed() == seed
    assert _seed_schema() == {"type": "object"}
