"""The schema objects of a schema and its resources by URI, for a walk that follows ``$ref``
statically: each resource by its URI, every ``$id`` inside (resolved against its base), every
``$anchor`` and ``$dynamicAnchor`` as ``URI#name``, and JSON Pointer fragments.  Nothing is
fetched: a reference outside these is unresolved (``None``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import unquote, urldefrag, urljoin

from validator.contracts.documents import memo_of
from validator.contracts.schema_walk import DATA, NAMED

__all__ = ["SchemaIndex"]

_UNSEEN: Any = object()
_JOINED = ("file:", "http:", "https:")
"""Schemes whose URIs urllib's ``urljoin`` joins a ``#fragment`` to (not ``urn:``: there it
gives the fragment alone, and so does this index, as ``referencing`` does)."""


class SchemaIndex:
    """Resolves ``$ref`` values to ``(schema object, base URI)`` without fetching anything."""

    def __init__(self, uri: str, contents: Any, resources: dict[str, Any] | None = None) -> None:
        self._index: dict[str, Any] = {}
        self._resolved: dict[tuple[str, str], Any] = {}
        memo = memo_of(resources)
        if memo is not None:  # one document's resources: indexed once for all its schemas
            if "index" not in memo:
                self._add_all((resources or {}).items())
                memo["index"] = self._index
            self._index = dict(memo["index"])
            resources = None
        self._add_all([*(resources or {}).items(), (uri, contents)])

    def _add_all(self, pairs: Iterable[tuple[str, Any]]) -> None:
        for resource_uri, resource in pairs:
            try:
                self.add(resource, resource_uri)
            except ValueError:  # an $id urllib cannot join: its $refs stay unresolved
                continue

    def add(self, contents: Any, uri: str) -> None:
        """Index a resource and the ``$id``\\ s and ``$anchor``\\ s inside it."""
        base = urldefrag(uri)[0]
        self._index.setdefault(base, contents)
        todo: list[tuple[Any, str]] = [(contents, base)]
        while todo:
            node, base = todo.pop()
            if isinstance(node, list):
                todo.extend((n, base) for n in node)
                continue
            if not isinstance(node, dict):
                continue
            if isinstance(node.get("$id"), str):
                base = urldefrag(urljoin(base, node["$id"]))[0]
                self._index.setdefault(base, node)
            for key in ("$anchor", "$dynamicAnchor"):
                if isinstance(node.get(key), str):
                    self._index.setdefault(f"{base}#{node[key]}", node)
            for key, value in node.items():
                if key in DATA:
                    continue
                if key in NAMED and isinstance(value, dict):
                    todo.extend((v, base) for v in value.values())
                elif isinstance(value, (dict, list)):
                    todo.append((value, base))

    def resource(self, uri: str) -> Any:
        """The schema object whose URI is ``uri`` (a resource, or an object with that
        ``$id``), or None."""
        return self._index.get(uri)

    def resolve(self, ref: str, base: str) -> tuple[Any, str] | None:
        """What ``ref`` names from ``base`` (each pair followed once: the ``$ref``\\ s and bases
        are the schema's own, so they are as many as its references)."""
        key = (ref, base)
        found = self._resolved.get(key, _UNSEEN)
        if found is _UNSEEN:
            try:
                found = self._follow(ref, base)
            except ValueError:  # a URI urllib cannot join: unresolved (no warning there)
                found = None
            self._resolved[key] = found
        return found  # type: ignore[no-any-return]

    def _follow(self, ref: str, base: str) -> tuple[Any, str] | None:
        if ref.startswith("#") and base.startswith(_JOINED) and "#" not in base:
            uri, fragment = base, ref[1:]  # what urljoin and urldefrag give, without them
        else:
            uri, fragment = urldefrag(urljoin(base, ref))
        target = self._index.get(uri)
        if target is None:
            return None
        if not fragment:
            return target, uri
        if not fragment.startswith("/"):
            anchored = self._index.get(f"{uri}#{fragment}")
            return None if anchored is None else (anchored, uri)
        node = target
        for token in unquote(fragment)[1:].split("/"):
            if isinstance(node, dict) and isinstance(node.get("$id"), str) and node is not target:
                uri = urldefrag(urljoin(uri, node["$id"]))[0]
            token = token.replace("~1", "/").replace("~0", "~")
            if isinstance(node, dict) and token in node:
                node = node[token]
            elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
                node = node[int(token)]
            else:
                return None
        return node, uri
