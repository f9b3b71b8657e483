"""One document, many entry points (issue 22, section 2): a schema file is read once per run
however many checks name it, and what is made of it is shared; a changed file is read again."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from validator.contracts import schema_files
from validator.contracts.catalog import load_schema
from validator.contracts.documents import Documents, Shared
from validator.run.plan import make_plan
from validator.run.settings import Options

ROOT = Path(__file__).resolve().parents[3]


def _generator() -> ModuleType:
    """bench/openapi_spec.py, imported as bench imports it (the package ``bench`` in ROOT)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    return importlib.import_module("bench.openapi_spec")


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    reads: list[str] = []
    real = schema_files.read_schema_file

    def counted(path: Any) -> bytes:
        reads.append(str(path))
        return real(path)

    monkeypatch.setattr(schema_files, "read_schema_file", counted)
    return reads


@pytest.mark.parametrize(("version", "yaml"), [("3.0", False), ("3.1", True)])
def test_a_document_with_many_checks_is_read_once_per_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, version: str, yaml: bool
) -> None:
    spec, docs = _generator().write_repository(tmp_path, 12, 1, 5, version, yaml)
    reads = _counting(monkeypatch)
    monkeypatch.chdir(tmp_path)
    plan = make_plan(Options(config=str(tmp_path / ".casefile-validate.toml")), print)
    assert len(plan.engines) == len(docs) == 12
    assert reads == [str(spec)]  # one read for twelve checks
    resources = {id(engine.schema.resources) for engine in plan.engines}
    assert len(resources) == 1  # one registry's resources for all of them
    assert isinstance(plan.engines[0].schema.resources, Shared)


def test_operations_and_fragments_of_one_document_read_it_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec, _ = _generator().write_repository(tmp_path, 6, 1, 5, "3.0", False)
    config = tmp_path / "ops.toml"
    config.write_text(
        '[[checks]]\nfiles = ["payloads/Customer/*.json"]\nopenapi = "api.json"\n'
        'operation = "getCustomer"\n\n'
        '[[checks]]\nfiles = ["payloads/Subscription/*.json"]\nopenapi = "api.json"\n'
        'operation = "GET /v1/subscriptions/{id}"\n\n'
        '[[checks]]\nfiles = ["payloads/Res0002/*.json"]\n'
        'schema = "api.json#/components/schemas/Res0002"\n'
    )
    reads = _counting(monkeypatch)
    monkeypatch.chdir(tmp_path)
    plan = make_plan(Options(config=str(config)), print)
    assert [e.schema.name for e in plan.engines] == ["getCustomer 200", "getSubscription 200",
                                                     "Res0002"]  # fmt: skip
    assert reads == [str(spec)]


def test_a_changed_file_is_read_again(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_text('{"$defs": {"a": {"type": "string"}}}')
    documents = Documents()
    first = load_schema(f"{path}#/$defs/a", documents=documents)
    again = load_schema(f"{path}#/$defs/a", documents=documents)
    assert documents.reads == 1 and again.resources is first.resources
    path.write_text('{"$defs": {"a": {"type": "integer", "minimum": 10}}}')
    changed = load_schema(f"{path}#/$defs/a", documents=documents)
    assert documents.reads == 2
    uri = next(u for u in changed.resources if u.startswith("file:"))
    assert changed.resources[uri]["$defs"]["a"]["type"] == "integer"
