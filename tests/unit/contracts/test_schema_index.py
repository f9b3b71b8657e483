"""The static ``$ref`` index that the undeclared-property walk resolves through."""

from __future__ import annotations

from typing import Any

import pytest

from validator.contracts.schema_index import SchemaIndex

SCHEMA = {
    "$defs": {"a": {"properties": {"x": {}}}, "b": {"$id": "b.json", "$anchor": "here"}},
    "properties": {"p": {"$ref": "#/$defs/a"}},
}
BASE = "https://x.invalid/s.json"


def test_each_reference_is_followed_once_with_the_same_answers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    index = SchemaIndex(BASE, SCHEMA)
    followed: list[tuple[str, str]] = []
    follow = index._follow

    def counted(ref: str, base: str) -> Any:
        followed.append((ref, base))
        return follow(ref, base)

    monkeypatch.setattr(index, "_follow", counted)
    for _ in range(3):  # the walk meets the same $ref at every node that holds it
        assert index.resolve("#/$defs/a", BASE) == (SCHEMA["$defs"]["a"], BASE)
        assert index.resolve("b.json#here", BASE) == (
            SCHEMA["$defs"]["b"],
            "https://x.invalid/b.json",
        )
        assert index.resolve("#/$defs/missing", BASE) is None
        assert index.resolve("http://[x", BASE) is None  # urllib cannot join it: unresolved
    assert sorted(followed) == sorted(
        [("#/$defs/a", BASE), ("b.json#here", BASE), ("#/$defs/missing", BASE), ("http://[x", BASE)]
    )
