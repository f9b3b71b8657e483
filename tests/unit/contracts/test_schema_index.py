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


@pytest.mark.parametrize(
    "base",
    ["https://x.invalid/s.json", "http://x.invalid/s?q=1", "file:///a/b%20c.json", "urn:x:s"],
)
@pytest.mark.parametrize("ref", ["#/$defs/a", "#", "#/$defs/a%7E", "#here", "#/$defs/a#x", ""])
def test_a_fragment_is_joined_to_its_base_as_urllib_joins_it(base: str, ref: str) -> None:
    """``#...`` against an http(s) or file base is taken without ``urljoin`` (the usual
    reference, and most of the walk's time there): the answer is the one urllib's join gives,
    ``urn:`` bases included (urllib gives a fragment alone there)."""
    from urllib.parse import unquote, urldefrag, urljoin

    contents = {"$defs": {"a": {"type": "string"}, "a~": {}}, "$anchor": "here"}
    index = SchemaIndex(base, contents)
    uri, fragment = urldefrag(urljoin(base, ref))
    target: Any = index._index.get(uri)
    for token in unquote(fragment)[1:].split("/") if fragment.startswith("/") else []:
        token = token.replace("~1", "/").replace("~0", "~")
        target = target.get(token) if isinstance(target, dict) else None
    if fragment and not fragment.startswith("/"):
        target = index._index.get(f"{uri}#{fragment}")
    expected = None if target is None else (target, uri)
    assert index.resolve(ref, base) == expected
    if ref == "#/$defs/a" and not base.startswith("urn:"):
        assert expected == (contents["$defs"]["a"], base)  # the usual case does resolve
