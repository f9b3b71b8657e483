"""The ``line:column`` of a node of a schema file (JSON or YAML), for the errors and lint
warnings about a schema: a metaschema error is placed at the value that breaks it, a lint
finding at the key of the keyword it names.

Only ever asked once a schema has failed, or its lint found something: the file (already read
and parsed by the run) is read again and scanned once, so valid schemas never pay for it.  An
``origin`` that names no regular file (a bundled schema, a ``$ref``'s URI, a Markdown block) is
left without a position.  A pointer the file does not hold as such (an OpenAPI 3.0 schema is
translated before it is checked) is placed at the nearest node above it that the file holds.
"""

from __future__ import annotations

import os
from typing import Any

from validator.inputs.sources import YAML_SUFFIXES

__all__ = ["placed", "placed_message", "position", "positions", "shown"]

Position = tuple[int, int]


def position(path: str, pointer: str, *, key: bool = False) -> Position | None:
    """The ``(line, column)`` in the schema file ``path`` of the value at ``pointer`` (with
    ``key``: of its member's key), or of the nearest node above it the file holds; None when
    ``path`` is not a readable file or not one JSON/YAML document."""
    return positions(path, [(pointer, key)])[0]


def positions(path: str, wanted: list[tuple[str, bool]]) -> list[Position | None]:
    """:func:`position` of each ``(pointer, key)``, the file read and scanned once."""
    if not os.path.isfile(path):
        return [None] * len(wanted)
    try:
        with open(path, "rb") as file:
            raw = file.read()
    except OSError:
        return [None] * len(wanted)
    values, keys = _nodes(path, raw, wanted)
    found: list[Position | None] = []
    for pointer, key in wanted:
        if key and pointer in keys:
            found.append(keys[pointer])
            continue
        while pointer not in values and pointer:
            pointer = pointer.rpartition("/")[0]
        found.append(values.get(pointer))
    return found


def _nodes(
    path: str, raw: bytes, wanted: list[tuple[str, bool]]
) -> tuple[dict[str, Position], dict[str, Position]]:
    """The places of the values (and keys) of the file, as far as ``wanted`` needs them."""
    if path.lower().endswith(YAML_SUFFIXES) or not _is_json(raw):  # or read by --yaml-files
        found = _yaml_places(path, raw)
        return ({}, {}) if found is None else (found.values, found.keys)
    from validator.inputs.locate import locate_all

    values = set()
    for pointer, _ in wanted:
        values.add(pointer)
        while pointer:
            pointer = pointer.rpartition("/")[0]
            values.add(pointer)
    text = raw.decode("utf-8-sig", "replace")
    try:
        return locate_all(text, values, [pointer for pointer, key in wanted if key])
    except Exception:  # the file changed since it was read: no position
        return {}, {}


def _yaml_places(path: str, raw: bytes) -> Any:
    """The places of a YAML schema file's nodes (:func:`validator.inputs.yaml_parse.places`),
    or None for a JSON file or one that cannot be read so."""
    if not path.lower().endswith(YAML_SUFFIXES) and _is_json(raw):
        return None
    from validator.inputs.yaml_parse import decoded, places

    text = decoded(raw)
    if not isinstance(text, str):
        return None
    try:
        return places(text, 0)
    except Exception:  # the file changed since it was read: no position
        return None


def _is_json(raw: bytes) -> bool:
    import orjson

    try:
        orjson.loads(raw)
    except orjson.JSONDecodeError:
        return False
    return True


def placed(origin: str, pointer: str, *, key: bool = False) -> tuple[str, str]:
    """``origin`` (a schema file, or ``file#fragment``) with the ``:line:column`` of the node at
    ``pointer`` below it, and the pointer to show: ``("s.yaml:4:11", "/properties/a/type")``,
    ``("api.yaml:20:20", "#/components/schemas/A/properties/n/minimum")``; ``(origin,
    pointer)`` unchanged when the place cannot be found."""
    file, hash_sign, fragment = origin.partition("#")
    if hash_sign and fragment and not fragment.startswith("/"):
        return origin, pointer  # an anchor, not a pointer
    at = position(file, fragment + pointer, key=key)
    if at is None:
        return origin, pointer
    anchor = _anchor(file, fragment + pointer)
    where = f"#{fragment}{pointer}" if fragment else pointer
    return f"{shown(file)}:{at[0]}:{at[1]}", where + (f" (in alias *{anchor})" if anchor else "")


def _anchor(path: str, pointer: str) -> str | None:
    """The anchor of the alias that ``pointer`` lies in (or names) in a YAML schema file, whose
    place is the alias's: None for any other."""
    try:
        with open(path, "rb") as file:
            found = _yaml_places(path, file.read())
    except OSError:
        return None
    aliases = found.aliases if found is not None else {}
    while aliases:
        if pointer in aliases:
            return str(aliases[pointer])
        if not pointer:
            return None
        pointer = pointer.rpartition("/")[0]
    return None


def placed_message(message: str, origin: str) -> str | None:
    """``message`` of the form ``ORIGIN#/pointer: why`` placed in the file ``ORIGIN`` names, as
    ``ORIGIN:line:column: #/pointer: why``; None for any other message, or no place found."""
    if not message.startswith(f"{origin}#/"):
        return None
    where, separator, why = message.partition(": ")
    if not separator:
        return None
    file, pointer = placed(where, "")
    return None if file == where else f"{file}: {pointer}: {why}"


def shown(path: str | os.PathLike[str]) -> str:
    """A path as the user may know it, as a run names its documents: relative to the working
    directory when inside it, or in a folder above it (``../pyproject.toml``, a config found by
    searching upward) unless reached through a symbolic link; else as it is."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # pragma: no cover - another drive (Windows)
        return str(path)
    if not relative.startswith(os.pardir):
        return relative
    folder = os.path.dirname(relative)
    above = all(part == os.pardir for part in folder.split(os.sep))
    return relative if above and os.path.realpath(path) == os.path.abspath(path) else str(path)
