"""Schema sources never end in a traceback (issue 10): whatever an OpenAPI document or a schema
file beside the schema holds, and whatever the entry point, loading and compiling a schema
either works or raises a :class:`~validator.problems.SchemaProblem` (exit 2, one line); and a
schema that loads gets the same verdicts from both engines on generated documents."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from validator.checking.engine import ENGINES, compile_schema
from validator.contracts.catalog import load_schema
from validator.problems import SchemaProblem, UnresolvableRef

KEYS = [
    "type", "nullable", "properties", "items", "allOf", "anyOf", "oneOf", "not", "required",
    "enum", "format", "discriminator", "mapping", "propertyName", "$ref", "minimum",
    "exclusiveMinimum", "additionalProperties", "patternProperties", "$id", "$schema", "a",
]  # fmt: skip
REFS = st.sampled_from(
    ["#/components/schemas/A", "#/components/schemas/B", "other.json", "other.json#/x",
     "../up.json", "#", "#/nowhere", "urn:x", "file:///etc/passwd", "http://[x", "B"]
)  # fmt: skip
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 3),
    st.sampled_from(["string", "int32", "byte", "date", "uuid"]), REFS,
)  # fmt: skip
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(KEYS), inner, max_size=4)
    ),
    max_leaves=12,
)


def _schemaish(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Objects shaped like schemas (so that many load), with odd values now and then."""
    return st.fixed_dictionaries(
        {},
        optional={
            "type": st.sampled_from(["string", "integer", "object", "array", "null", "text"]),
            "nullable": st.booleans(),
            "properties": st.dictionaries(st.sampled_from(["a", "b"]), inner, max_size=2),
            "items": inner,
            "not": inner,
            "anyOf": st.lists(inner, min_size=1, max_size=2),
            "required": st.lists(st.sampled_from(["a", "b"]), max_size=2),
            "enum": st.lists(SCALARS, min_size=1, max_size=2),
            "format": st.sampled_from(["int32", "int64", "byte", "uuid", "date"]),
            "$ref": REFS,
            "minimum": st.integers(-2, 2),
            "exclusiveMinimum": st.one_of(st.booleans(), st.integers(-2, 2)),
            "discriminator": st.fixed_dictionaries(
                {"propertyName": st.sampled_from(["a", "b"])},
                optional={"mapping": st.dictionaries(st.sampled_from(["x", "A"]), REFS)},
            ),
        },
    )


VALUES = st.one_of(VALUES, st.recursive(st.just({}), _schemaish, max_leaves=8))
DOCUMENTS = st.lists(
    st.recursive(
        st.one_of(
            st.none(),
            st.booleans(),
            st.integers(-3, 3),
            st.sampled_from(
                ["x", "A", "", 1.5, "2024-01-01", "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b"]
            ),
        ),
        lambda inner: st.one_of(
            st.lists(inner, max_size=3),
            st.dictionaries(st.sampled_from(["a", "b", "x"]), inner, max_size=3),
        ),
        max_leaves=6,
    ),
    min_size=1,
    max_size=3,
)
POINTERS = st.sampled_from(
    ["/components/schemas/A", "/components/schemas/B", "/components/schemas/A/properties/a",
     "/components/schemas/A/items", "/x", "", "/components/schemas"]
)  # fmt: skip


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


def _load_and_compile(spec: str, documents: list[Any]) -> None:
    """Load and compile ``spec`` with both engines: a one-line schema problem, or the same
    verdict from both on every document."""
    try:
        schema = load_schema(spec)
        engines = [compile_schema(schema, engine=engine) for engine in ENGINES]
    except SchemaProblem as problem:
        lines = str(problem).split("\n")
        if isinstance(problem, UnresolvableRef) and len(problem.refs) > 1:  # a line each
            count = len(problem.refs)
            assert len(lines) == 1 + min(count, 100) + (count > 100), lines
            assert all(line.startswith("  ") for line in lines[1:]), lines
        else:
            assert len(lines) == 1, lines
        return
    for document in [{"a": [1, "x", None]}, *documents]:
        fast, reference = (engine.is_valid(document) for engine in engines)
        assert fast is reference, (spec, document, {"fast": fast, "reference": reference})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    version=st.sampled_from(["3.0.3", "3.1.0"]),
    a=VALUES,
    b=VALUES,
    other=VALUES,
    pointer=POINTERS,
    documents=DOCUMENTS,
)
def test_openapi_documents_load_or_are_refused_in_one_line(
    folder: Path, version: str, a: Any, b: Any, other: Any, pointer: str, documents: list[Any]
) -> None:
    home = folder / "home"
    home.mkdir(exist_ok=True)
    (home / "other.json").write_text(json.dumps(other))
    (folder / "up.json").write_text("{}")
    document = {"openapi": version, "components": {"schemas": {"A": a, "B": b}}}
    (home / "api.json").write_text(json.dumps(document))
    _load_and_compile(f"{home / 'api.json'}#{pointer}", documents)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(root=VALUES, other=VALUES, pointer=POINTERS, documents=DOCUMENTS)
def test_schema_files_with_refs_beside_load_or_are_refused_in_one_line(
    folder: Path, root: Any, other: Any, pointer: str, documents: list[Any]
) -> None:
    home = folder / "plain"
    home.mkdir(exist_ok=True)
    (home / "other.json").write_text(json.dumps(other))
    (home / "schema.json").write_text(json.dumps(root))
    _load_and_compile(f"{home / 'schema.json'}#{pointer}", documents)
    _load_and_compile(str(home / "schema.json"), documents)
