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
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from validator.problems import UnresolvableRef

__all__ = ["Places", "unresolvable"]


MAX_LISTED = 100
"""Broken references listed by line (the others counted): a schema from a pull request may
hold any number of them."""
_SHOWN = 200
"""Characters of a reference shown (the rest cut)."""

Placer = Callable[[list[tuple[Any, str]]], list["tuple[str, int, int] | None"]]
"""Where each (schema object, reference keyword) stands: (file, line, column), or None."""


def unresolvable(
    name: str, broken: list[tuple[Any, str, str]], place: Placer | None = None
) -> UnresolvableRef:
    """The problem of the schema ``name``'s references that lead nowhere: ``broken`` holds
    (the schema object, its reference keyword, why), ``place`` says where they stand.  One
    line each (a line break in a file's name is shown, not made), in the files' order, the
    first :data:`MAX_LISTED` of them."""
    places = place([(node, keyword) for node, keyword, _ in broken]) if place else []
    found = []
    for number, (node, keyword, why) in enumerate(broken):
        at = places[number] if number < len(places) else None
        shown = json.dumps(node[keyword])
        shown = shown if len(shown) <= _SHOWN else shown[: _SHOWN - 1] + "…"
        found.append((at or ("\uffff", 0, 0), keyword, shown, why))
    found.sort(key=lambda each: each[0])
    lines = [
        (f"{at[0]}:{at[1]}:{at[2]}: " if at[1] else "") + f"{keyword} {shown}: {why}"
        for at, keyword, shown, why in found[:MAX_LISTED]
    ]
    if len(found) == 1:
        at, keyword, shown, why = found[0]
        where = f" at {at[0]}:{at[1]}:{at[2]}" if at[1] else ""
        message = _one_line(f"{name}: cannot resolve {keyword} {shown}{where}: {why}")
    else:
        header = f"{name}: {len(found)} references cannot be resolved:"
        more = [f"... and {len(found) - MAX_LISTED} more"] if len(found) > MAX_LISTED else []
        message = "\n  ".join(_one_line(text) for text in [header, *lines, *more])
    refs = tuple(str(node[keyword]) for node, keyword, _ in broken)
    return UnresolvableRef(message, schema=name, ref=refs[0], refs=refs)


def _one_line(text: str) -> str:
    return text.replace("\n", "\\n").replace("\r", "\\r")


class Places:
    """Where schema objects stand in the files read (each a path and its contents as the
    registry holds them): (file, line, column) of the value of each one's reference keyword.
    Each file is read and scanned once, for all of them."""

    def __init__(self, files: list[tuple[Path, Any]]) -> None:
        self.files = files

    def place(self, wanted: list[tuple[Any, str]]) -> list[tuple[str, int, int] | None]:
        found: list[tuple[str, int, int] | None] = [None] * len(wanted)
        left = dict(enumerate(wanted))
        for path, contents in self.files:
            pointers = _pointers(contents)
            here = {
                number: f"{pointers[id(node)]}/{_escape(keyword)}"
                for number, (node, keyword) in left.items()
                if id(node) in pointers
            }
            if here:
                at = _positions(path, here.values(), {n: left[n] for n in here})
                for number, pointer in here.items():
                    found[number] = at.get(pointer)
                    del left[number]
        return found


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


def _positions(
    path: Path, pointers: Iterable[str], wanted: dict[int, tuple[Any, str]]
) -> dict[str, tuple[str, int, int]]:
    """The line and column of the values at ``pointers`` in the file, each where that value is
    the reference it should be (a translated OpenAPI schema may have moved it)."""
    from validator.contracts.metaschema import read_json
    from validator.contracts.schema_files import read_schema_file
    from validator.inputs.locate import locate, pointer_segments
    from validator.problems import SchemaProblem

    try:
        raw = read_schema_file(path)
        original = read_json(path, raw)
    except SchemaProblem:  # pragma: no cover - read a moment ago
        return {}
    refs = {node[keyword] for node, keyword in wanted.values()}
    kept = []
    for pointer in pointers:
        node = original
        for token in pointer_segments(pointer):
            node = _child(node, token)
        if isinstance(node, str) and node in refs:
            kept.append(pointer)
    from validator.contracts.schema_positions import shown as _shown

    shown = _shown(path)
    if path.name.lower().endswith((".yaml", ".yml")):
        from validator.inputs.yaml_parse import places

        at = places(raw.decode("utf-8-sig"), 0).values  # read_json parsed it: one document
        located = {pointer: at[pointer] for pointer in kept if pointer in at}
    else:
        located = locate(raw.decode("utf-8", "replace"), kept)
    return {pointer: (shown, *at) for pointer, at in located.items()}


def _child(node: Any, token: str) -> Any:
    if isinstance(node, dict):
        return node.get(token)
    if isinstance(node, list) and token.isdigit() and int(token) < len(node):
        return node[int(token)]
    return None
