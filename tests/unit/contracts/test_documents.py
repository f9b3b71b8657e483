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
    # every entry point measured: the shared $ref walk (most of the plan's memory) is let go
    assert "walk" not in plan.engines[0].schema.resources.memo


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


def _verdicts(plan: Any) -> dict[str, bool]:
    """Each payload document's verdict by its check's engine in ``plan``."""
    import json

    found = {}
    for entry, check in plan.entries:
        document = json.loads(Path(str(entry)).read_text())
        found[str(entry)] = plan.engines[check].is_valid(document)
    return found


@pytest.mark.parametrize("version", ["3.0", "3.1"])
@pytest.mark.parametrize("choice", ["reference", "one native compile", "own compile"])
def test_shared_entry_points_judge_as_each_schema_alone_and_as_openapi_schema_validator(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, version: str, choice: str
) -> None:
    """The generated specification's documents: the verdicts of the run's shared engines (each
    choice of the cost model forced) equal those of each entry point loaded and compiled alone,
    and those of openapi-schema-validator."""
    import json

    import openapi_schema_validator as osv

    from validator.checking import cost_model
    from validator.checking.engine import compile_schema

    spec, docs = _generator().write_repository(tmp_path, 14, 3, 7, version, False)
    monkeypatch.setattr(cost_model, "WORTH_DEFERRING", 0.0)  # every entry point defers
    per_document = {"reference": 0.0, "one native compile": 1e3, "own compile": 1e3}[choice]
    monkeypatch.setattr(cost_model, "REFERENCE_PER_DOCUMENT", per_document)
    if choice == "own compile":
        from validator.checking import fast_compile

        monkeypatch.setattr(fast_compile, "shared_validator", lambda schema: None)
    monkeypatch.chdir(tmp_path)
    said: list[str] = []
    plan = make_plan(Options(config=".casefile-validate.toml", verbose=True), said.append)
    judges = {engine.judge for engine in plan.engines}
    assert judges == ({"reference"} if choice == "reference" else {"fast"})
    assert len(said) == 14 and said[0].startswith(
        {
            "reference": "Customer: reference engine (3 documents; a native compile would cost",
            "one native compile": "Customer: fast engine (the document's 42 documents repay one",
            "own compile": "Customer: fast engine (3 documents repay it)",
        }[choice]
    )
    shared = _verdicts(plan)
    contents = json.loads(spec.read_text())
    cls = osv.OAS30Validator if version == "3.0" else osv.OAS31Validator
    alone, peer, own_words, run_words = {}, {}, {}, {}
    checks = {str(entry): check for entry, check in plan.entries}
    for name, documents in docs.items():
        engine = compile_schema(load_schema(f"{spec}#/components/schemas/{name}"))
        wrapped = {"$ref": f"#/components/schemas/{name}", "components": contents["components"]}
        for number, document in enumerate(documents):
            key = f"payloads/{name}/{number}.json"
            alone[key] = engine.is_valid(document)
            peer[key] = cls(wrapped, format_checker=osv.oas30_format_checker).is_valid(document)
            own_words[key] = engine.findings(document)
            run_words[key] = plan.engines[checks[key]].findings(document)
    assert shared == alone == peer
    assert 0 < sum(shared.values()) < len(shared)  # valid and invalid documents both
    assert all(bool(own_words[key]) != valid for key, valid in shared.items())
    if choice != "reference":  # the one native compile words each error as the own compile
        assert run_words == own_words


def test_the_api_reads_a_spec_once_for_its_entry_points_and_again_once_it_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    import validator

    spec, docs = _generator().write_repository(tmp_path, 6, 1, 3, "3.0", False)
    reads = _counting(monkeypatch)
    for name, documents in docs.items():
        validator.validate(documents[0], f"{spec}#/components/schemas/{name}")
    assert reads == [str(spec)]
    document = docs["Res0005"][0]
    assert validator.is_valid(document, f"{spec}#/components/schemas/Res0005") == (
        validator.validate(document, f"{spec}#/components/schemas/Res0005").valid
    )
    contents = json.loads(spec.read_text())
    contents["components"]["schemas"]["Res0005"] = {"type": "integer"}
    spec.write_text(json.dumps(contents))
    report = validator.validate(document, f"{spec}#/components/schemas/Res0005")
    assert not report.valid and report.errors[0].message.startswith("expected integer")
    assert reads == [str(spec), str(spec)]


def test_the_bundled_schemas_are_copied_once_for_the_entry_points_of_one_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from validator.contracts import catalog

    path, _ = _generator().write_repository(tmp_path, 12, 1, 5, "3.0", False)
    copies: list[int] = []
    real = catalog._others

    def counted() -> dict[str, Any]:
        copies.append(1)
        return real()

    monkeypatch.setattr(catalog, "_others", counted)
    documents = Documents()
    first = load_schema(f"{path}#/components/schemas/Customer", documents=documents)
    again = load_schema(f"{path}#/components/schemas/Subscription", documents=documents)
    assert len(copies) == 1  # each entry point copied them all before, to be thrown away
    assert again.resources is first.resources and len(first.resources) > 1


def test_the_shared_walk_lists_the_components_objects_only_for_a_ref_below_a_component(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    from validator.checking.engine import compile_schema
    from validator.contracts.references import _Walk

    listed: list[int] = []
    real = _Walk._structure

    def counted(self: _Walk, root: Any, spec: Any) -> Any:
        for node in real(self, root, spec):
            listed.append(id(node))
            yield node

    monkeypatch.setattr(_Walk, "_structure", counted)
    spec, _ = _generator().write_repository(tmp_path, 12, 1, 5, "3.0", False)
    monkeypatch.chdir(tmp_path)
    plan = make_plan(Options(config=str(tmp_path / ".casefile-validate.toml")), print)
    # the generated $refs all name components: only the twelve entry points' roots are listed
    assert len(plan.engines) == len(listed) == 12
    spec, _ = _generator().write_repository(tmp_path / "3.1", 12, 1, 5, "3.1", False)
    contents = json.loads(spec.read_text())
    schemas = contents["components"]["schemas"]
    schemas["Deep"] = {"$ref": "#/components/schemas/Customer/allOf/1/properties/object"}
    schemas["Customer"]["x-note"] = {"type": 12}  # under an unknown keyword: never checked
    schemas["Odd"] = {"$ref": "#/components/schemas/Customer/x-note"}
    spec.write_text(json.dumps(contents))
    documents = Documents()
    listed.clear()
    deep = compile_schema(load_schema(f"{spec}#/components/schemas/Deep", documents=documents))
    assert deep.is_valid("customer") and not deep.is_valid("invoice")
    assert len(listed) > 200  # a $ref below a component: every component's objects listed
    with pytest.raises(Exception, match=r"Odd: the target of \$ref .*x-note.* 12 is not valid"):
        compile_schema(load_schema(f"{spec}#/components/schemas/Odd", documents=documents))


def test_the_one_native_compile_lets_its_registry_go(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once the one validator of a document's entry points is compiled, the native registry it
    was compiled from is let go (the validator holds its own copy: 16 MB for the bench's 4.2 MB
    specification); a compile of an entry point alone afterwards makes one again."""
    from validator.checking import cost_model
    from validator.checking.engine import compile_schema
    from validator.checking.fast_compile import compile_fast
    from validator.contracts.documents import memo_of

    spec, docs = _generator().write_repository(tmp_path, 8, 3, 5, "3.0", False)
    monkeypatch.setattr(cost_model, "WORTH_DEFERRING", 0.0)
    monkeypatch.setattr(cost_model, "REFERENCE_PER_DOCUMENT", 1e3)
    monkeypatch.chdir(tmp_path)
    plan = make_plan(Options(config=".casefile-validate.toml"), [].append)
    memo = memo_of(plan.engines[0].schema.resources)
    assert memo is not None and memo["wrapper"][1] is not None
    assert "fast registry" not in memo
    assert {engine.judge for engine in plan.engines} == {"fast"}
    alone = compile_fast(plan.engines[0].schema)
    assert "fast registry" in memo  # made again for a compile alone
    for check, engine in enumerate(plan.engines):
        name = engine.schema.name
        own = compile_schema(load_schema(f"{spec}#/components/schemas/{name}"))
        for document in docs[name]:
            assert engine.is_valid(document) == own.is_valid(document)
            if check == 0:
                assert alone.is_valid(document) == own.is_valid(document)
