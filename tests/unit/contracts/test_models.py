"""``py:package.module:Model``: a pydantic model's JSON Schema, in serialization mode."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import TypeAdapter

from tests.fixtures import models as fixtures
from validator.contracts.pydantic_models import DIALECT, model_schema
from validator.problems import NoSuchSchema, NotASchema, SchemaProblem, SchemaUnreadable

M = "tests.fixtures.models"


def test_a_model_gives_its_serialization_schema_with_the_dialect_first() -> None:
    schema = model_schema(f"{M}:Thing")
    assert next(iter(schema)) == "$schema"
    assert schema == {
        "$schema": DIALECT,
        **fixtures.Thing.model_json_schema(mode="serialization"),
    }
    assert schema != {"$schema": DIALECT, **fixtures.Thing.model_json_schema()}


def test_serialization_mode_is_the_shape_of_what_the_server_writes() -> None:
    schema = model_schema(f"{M}:Thing")
    # a Decimal is written as a string; the computed field is in every response
    assert schema["properties"]["price"]["type"] == "string"
    assert "label" in schema["properties"]
    assert schema["required"] == ["id", "name", "colour", "price", "label"]


@pytest.mark.parametrize(
    ("attribute", "expected"),
    [
        ("Thing.Part", fixtures.Thing.Part.model_json_schema(mode="serialization")),
        ("Point", TypeAdapter(fixtures.Point).json_schema(mode="serialization")),
        ("Things", fixtures.Things.json_schema(mode="serialization")),
        ("ThingList", TypeAdapter(list[fixtures.Thing]).json_schema(mode="serialization")),
        ("Colour", TypeAdapter(fixtures.Colour).json_schema(mode="serialization")),
    ],
)
def test_nested_models_dataclasses_type_adapters_and_aliases(
    attribute: str, expected: dict[str, object]
) -> None:
    assert model_schema(f"{M}:{attribute}") == {"$schema": DIALECT, **expected}


NOT_A_MODEL = (
    "not a pydantic model (a BaseModel subclass, a TypeAdapter, or a type such as a dataclass "
    "or TypedDict) but a value of type"
)

PROBLEMS = [
    (
        "tests.fixtures.models",
        NoSuchSchema,
        "py:tests.fixtures.models: expected py:package.module:Model (a module path, a colon, a "
        "class)",
    ),
    (
        "a b:C",
        NoSuchSchema,
        "py:a b:C: expected py:package.module:Model (a module path, a colon, a class)",
    ),
    (
        "casefile_no_such_package.models:Thing",
        SchemaUnreadable,
        "py:casefile_no_such_package.models:Thing: cannot import casefile_no_such_package.models: "
        "ModuleNotFoundError: No module named 'casefile_no_such_package'",
    ),
    (
        "tests.fixtures.bad_import:Thing",
        SchemaUnreadable,
        "py:tests.fixtures.bad_import:Thing: cannot import tests.fixtures.bad_import: "
        "RuntimeError: the database is not configured",
    ),
    (
        f"{M}:Thin",
        NoSuchSchema,
        f"py:{M}:Thin: {M} has no attribute 'Thin'; did you mean 'Thing'?",
    ),
    (f"{M}:Thing.Nope", NoSuchSchema, f"py:{M}:Thing.Nope: {M}.Thing has no attribute 'Nope'"),
    (f"{M}:NOT_A_MODEL", NotASchema, f"py:{M}:NOT_A_MODEL: {NOT_A_MODEL} int"),
    ("tests.fixtures:models", NotASchema, f"py:tests.fixtures:models: {NOT_A_MODEL} module"),
    (
        f"{M}:Opaque",
        NotASchema,
        f"py:{M}:Opaque: pydantic cannot describe it: Unable to generate pydantic-core schema "
        "for <class 'tests.fixtures.models.Opaque'>.",
    ),
]


@pytest.mark.parametrize(("target", "kind", "message"), PROBLEMS, ids=[p[0] for p in PROBLEMS])
def test_what_cannot_be_a_schema_is_one_line_and_exit_2(
    target: str, kind: type[SchemaProblem], message: str
) -> None:
    with pytest.raises(SchemaProblem) as caught:
        model_schema(target)
    assert type(caught.value) is kind
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)
    assert caught.value.exit_code == 2
    assert caught.value.schema == f"py:{target}"


def test_without_pydantic_the_extra_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pydantic", None)  # import pydantic -> ImportError
    with pytest.raises(NoSuchSchema) as caught:
        model_schema(f"{M}:Thing")
    assert str(caught.value) == (
        f"py:{M}:Thing: pydantic is not installed: install casefile-validator[pydantic] (in a "
        "pre-commit hook: additional_dependencies: [pydantic], with what the models import)"
    )


@pytest.fixture
def in_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """``tmp_path`` as the current directory, which is not on ``sys.path``; modules imported
    from it are forgotten afterwards."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "path", [p for p in sys.path if p not in ("", str(tmp_path))])
    before = set(sys.modules)
    importlib.invalidate_caches()
    yield tmp_path
    for name in set(sys.modules) - before:
        if name.startswith("casefile_cwd_"):
            del sys.modules[name]


def test_the_module_is_found_in_the_current_directory_as_python_m_would(
    in_folder: Path,
) -> None:
    (in_folder / "casefile_cwd_models.py").write_text(
        "from pydantic import BaseModel\n\n\nclass Reply(BaseModel):\n    ok: bool\n", "utf-8"
    )
    path_before = list(sys.path)
    schema = model_schema("casefile_cwd_models:Reply")
    assert schema["properties"] == {"ok": {"title": "Ok", "type": "boolean"}}
    assert sys.path == path_before  # the current directory was on it only for the import


@pytest.mark.parametrize(
    ("source", "last_line"),
    [
        ("raise SystemExit(3)\n", "SystemExit: 3"),
        (
            "import casefile_cwd_missing_dependency\n",
            "ModuleNotFoundError: No module named 'casefile_cwd_missing_dependency' "
            "(casefile_cwd_broken imports it: install it; in a pre-commit hook, add the package "
            "that provides it to additional_dependencies)",
        ),
        ("x = = 1\n", "{path}:1: SyntaxError: invalid syntax"),
    ],
)
def test_a_module_that_fails_to_import_gives_its_error_line(
    in_folder: Path, source: str, last_line: str
) -> None:
    module = in_folder / "casefile_cwd_broken.py"
    module.write_text(source, "utf-8")
    with pytest.raises(SchemaUnreadable) as caught:
        model_schema("casefile_cwd_broken:Model")
    assert str(caught.value) == (
        "py:casefile_cwd_broken:Model: cannot import casefile_cwd_broken: "
        + last_line.format(path=module)
    )
