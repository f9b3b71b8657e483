"""Entry points ``FILE#/json/pointer``: the fragment read as a JSON Pointer (RFC 6901,
percent-decoded) and followed into the file's contents."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

from validator.problems import NoSuchPointer

__all__ = ["follow", "kind", "pointer", "unescape"]


def pointer(fragment: str, key: str) -> str:
    """The JSON Pointer a fragment spells (:class:`NoSuchPointer` if it spells none)."""
    decoded = unquote(fragment)
    if decoded and not decoded.startswith("/"):
        raise NoSuchPointer(
            f"{key}: #{fragment} is not a JSON Pointer (give FILE#/path/to/schema, e.g. "
            "FILE#/$defs/Name)",
            schema=key,
            pointer=decoded,
        )
    return decoded


def unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def kind(value: Any) -> str:
    return {list: "array", str: "string", int: "number", float: "number"}.get(type(value), "null")


def follow(contents: Any, pointer: str, key: str) -> Any:
    """The value at a JSON Pointer, or :class:`~validator.problems.NoSuchPointer` naming the
    first token that leads nowhere (and the key it may have meant)."""
    from validator.near_miss import pointer_miss

    miss = pointer_miss(contents, pointer)
    if miss is not None:
        raise NoSuchPointer(f"{key}: the file has {miss}", schema=key, pointer=pointer)
    node = contents
    for raw in pointer.split("/")[1:] if pointer else []:
        token = unescape(raw)
        node = node[int(token)] if isinstance(node, list) else node[token]
    return node
