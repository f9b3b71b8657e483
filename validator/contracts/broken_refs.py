"""A schema file's references that lead nowhere, all of them, each at its place in its file.

When loading a schema file found a reference leading nowhere (:func:`discover`'s walk says so),
:func:`refuse_broken` runs the reference check of :mod:`validator.contracts.references` there and
then, with what the loader knows and the check does not: why no file holds a URI (where it was
looked for, a file of that name with ``.json``) and where each reference stands in its file
(``schema.json:12:17``), so one run lists every broken reference.  Only the files already read
(the schema's and those its references found, all inside the schema folders) are read again,
and only on this path: a schema whose references all resolve never comes here.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from validator.problems import UnresolvableRef

__all__ = ["Places", "unresolvable"]


def unresolvable(
    name: str,
    broken: list[tuple[Any, str, str]],
    place: Callable[[Any, str], tuple[str, int, int] | None] | None = None,
) -> UnresolvableRef:
    """The problem of the schema ``name``'s references that lead nowhere: ``broken`` holds
    (the schema object, its reference keyword, why), ``place`` says where each stands.  One
    line each (a line break in a file's name is shown, not made), in the files' order."""
    found = []
    for node, keyword, why in broken:
        at = place(node, keyword) if place is not None else None
        found.append((at or ("\uffff", 0, 0), keyword, json.dumps(node[keyword]), why))
    found.sort(key=lambda each: each[0])
    lines = [
        (f"{at[0]}:{at[1]}:{at[2]}: " if at[1] else "") + f"{keyword} {shown}: {why}"
        for at, keyword, shown, why in found
    ]
    if len(lines) == 1:
        at, keyword, shown, why = found[0]
        where = f" at {at[0]}:{at[1]}:{at[2]}" if at[1] else ""
        message = _one_line(f"{name}: cannot resolve {keyword} {shown}{where}: {why}")
    else:
        header = f"{name}: {len(lines)} references cannot be resolved:"
        message = "\n  ".join(_one_line(text) for text in [header, *lines])
    refs = tuple(str(node[keyword]) for node, keyword, _ in broken)
    return UnresolvableRef(message, schema=name, ref=refs[0], refs=refs)


def _one_line(text: str) -> str:
    return text.replace("\n", "\\n").replace("\r", "\\r")


class Places:
    """Where a schema object stands in the files read (each a path and its contents as the
    registry holds them): (file, line, column) of the value of its reference keyword."""

    def __init__(self, files: list[tuple[Path, Any]]) -> None:
        self.files = [(p, c) for p, c in files if p is not None]
        self.pointers: list[dict[int, str] | None] = [None] * len(self.files)

    def place(self, node: Any, keyword: str) -> tuple[str, int, int] | None:
        for number, (path, contents) in enumerate(self.files):
            pointers = self.pointers[number]
            if pointers is None:
                pointers = self.pointers[number] = _pointers(contents)
            pointer = pointers.get(id(node))
            if pointer is not None:
                return _position(path, f"{pointer}/{_escape(keyword)}", node[keyword])
        return None


def _pointers(contents: Any) -> dict[int, str]:
    """id() -> JSON Pointer of every object in ``contents`` (iteratively: any depth)."""
    found: dict[int, str] = {}
    todo: list[tuple[Any, str]] = [(contents, "")]
    while todo:
        node, pointer = todo.pop()
        if isinstance(node, dict):
            found.setdefault(id(node), pointer)
            todo.extend((v, f"{pointer}/{_escape(k)}") for k, v in node.items())
        elif isinstance(node, list):
            todo.extend((v, f"{pointer}/{i}") for i, v in enumerate(node))
    return found


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _position(path: Path, pointer: str, value: Any) -> tuple[str, int, int] | None:
    """The line and column of the value at ``pointer`` in the file, if that value is ``value``
    there (a translated OpenAPI schema may have moved it)."""
    from validator.contracts.metaschema import read_json
    from validator.contracts.schema_files import read_schema_file
    from validator.inputs.locate import locate, pointer_segments
    from validator.problems import SchemaProblem

    try:
        raw = read_schema_file(path)
        original = read_json(path, raw)
    except SchemaProblem:  # pragma: no cover - read a moment ago
        return None
    node = original
    for token in pointer_segments(pointer):
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return None
    if node != value:
        return None
    at = locate(raw.decode("utf-8", "replace"), [pointer]).get(pointer)
    return None if at is None else (_shown(path), at[0], at[1])


def _shown(path: Path) -> str:
    """A path as the user may know it: relative to the working directory when inside it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # pragma: no cover - another drive (Windows)
        return str(path)
    return str(path) if relative.startswith("..") else relative
