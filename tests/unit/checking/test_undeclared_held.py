"""What the undeclared-property finder (validator.checking.undeclared) holds once documents have
met its locations: few members are looked through name by name, without an index of each one's
names, and a node's names in order are made only when a warning's suggestion asks for them."""

from __future__ import annotations

import tracemalloc
from typing import Any

from validator.checking.undeclared import Undeclared


def _schema(components: int) -> dict[str, Any]:
    defs: dict[str, Any] = {}
    for k in range(components):
        following = f"#/$defs/C{(k + 1) % components}"
        properties: dict[str, Any] = {f"p{j}": {"type": "string"} for j in range(30)}
        properties["next"] = {"anyOf": [{"type": "string"}, {"$ref": following}]}
        properties["items"] = {"type": "array", "items": {"$ref": following}}
        defs[f"C{k}"] = {"type": "object", "properties": properties, "required": ["p0"]}
    return {"$ref": "#/$defs/C0", "$defs": defs}


def _document(depth: int) -> dict[str, Any]:
    """Every component met, ``depth`` levels down, as an object and as an array's item."""
    document: dict[str, Any] = {"p0": "x", "p5": "y"}
    if depth:
        document["next"] = _document(depth - 1)
        document["items"] = [{"p0": "x", "items": [{"p1": "y"}]}, "z"]
    return document


def test_locations_met_hold_little_and_answer_as_before() -> None:
    finder = Undeclared("https://x.invalid/s.json", _schema(80))
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        quiet = finder.quiet(_document(160))
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert quiet is True
    assert held < 1_300_000, held  # 1.7 MB with an index of the names at every location
    typo = _document(2)
    typo["next"]["next"]["p55"] = 1
    assert finder.find(typo) == [("/next/next", "p55")]
    assert list(finder.names_at("/next/next", typo))[:3] == ["p0", "p1", "p2"]
    assert list(finder.names_at("/next/next", typo))[-2:] == ["next", "items"]
    # made once, then kept: a warning's wording is remembered by the identity of its names
    assert finder.names_at("/next/next", typo) is finder.names_at("/next/next", typo)
