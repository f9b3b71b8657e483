"""The places that guard an OpenAPI document's entry points (validator.contracts.places): what
they find, and what they hold while a run's documents are walked with them."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

from validator.contracts.catalog import load_schema
from validator.contracts.documents import Documents
from validator.contracts.shared_walk import measure


def _spec(tmp_path: Path, components: int) -> Path:
    """An OpenAPI 3.0 document of ``components`` objects of 30 properties, each a string, an
    expandable reference to the next component, or a list of such references."""
    schemas = {}
    for k in range(components):
        following = f"#/components/schemas/C{(k + 1) % components}"
        properties = {f"p{j}": {"type": "string"} for j in range(26)}
        properties["next"] = {"anyOf": [{"type": "string"}, {"$ref": following}]}
        properties["items"] = {"type": "array", "items": {"$ref": following}}
        properties["nullable"] = {"type": "string", "nullable": True}
        properties["tags"] = {"type": "object", "additionalProperties": {"type": "integer"}}
        schemas[f"C{k}"] = {"type": "object", "properties": properties}
    spec = {"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}}
    spec["components"] = {"schemas": schemas}
    path = tmp_path / "api.json"
    path.write_text(json.dumps(spec))
    return path


def _document(depth: int) -> dict[str, object]:
    """A document naming some of each level's properties, ``depth`` levels deep."""
    document: dict[str, object] = {"p0": "x", "p7": "y", "tags": {"a": 1}}
    if depth:
        document["next"] = _document(depth - 1)
        document["items"] = [_document(depth - 1)]
    return document


def test_the_guard_finds_what_it_found_and_holds_little(tmp_path: Path) -> None:
    """Walking documents of every entry point with their places answers as before (no place
    over the bound), and the places made meanwhile hold little: no list per object without
    keywords below it, no index of every name each place's objects declare."""
    path = _spec(tmp_path, 60)
    documents = Documents()
    entries = []
    for k in range(60):
        schema = load_schema(
            f"api.json#/components/schemas/C{k}", base_dir=tmp_path, documents=documents
        )
        entries.append(measure(schema)[1])
    assert path.exists() and all(places is not None for places in entries)
    document = _document(5)
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        verdicts = [places.over(document) for places in entries]
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert verdicts == [None] * 60
    assert held < 800_000, held  # 1.6 MB with a list per keyword and the names' index


def test_a_place_over_the_bound_is_found_at_its_pointer(tmp_path: Path) -> None:
    """A name declared by many alternatives at once: the counts multiply with depth, and the
    first place over the bound is named, as before."""
    branches = [{"$ref": "#/components/schemas/Node"} for _ in range(12)]
    node = {"type": "object", "properties": {"child": {"allOf": branches}}}
    spec = {"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}}
    spec["components"] = {"schemas": {"Node": node}}
    (tmp_path / "api.json").write_text(json.dumps(spec))
    schema = load_schema("api.json#/components/schemas/Node", base_dir=tmp_path)
    places = measure(schema)[1]
    assert places is not None
    document: dict[str, object] = {}
    for _ in range(6):
        document = {"child": document}
    assert places.over(document) == ("/child/child/child/child", 43200)
