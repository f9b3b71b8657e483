"""The did-you-mean of a ``$ref`` naming a file that is not there: a schema file of the same
folder the reference meant, named without its extension (``feed-1`` for ``feed-1.json``,
``f3`` for ``f3.yaml``), with another schema extension (``f3.yml`` for ``f3.yaml``, ``f3.json``
for ``f3.yaml``), or in other letter case."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

__all__ = ["near_file"]

SCHEMA_SUFFIXES = (".json", ".yaml", ".yml")
"""The extensions of schema files (JSON, YAML)."""


def _wanted(name: str) -> set[str]:
    """The names (case-folded) a reference to ``name`` may have meant."""
    folded = name.casefold()
    stem, dot, suffix = folded.rpartition(".")
    wanted = {folded, *(folded + each for each in SCHEMA_SUFFIXES)}
    if dot and stem and f".{suffix}" in SCHEMA_SUFFIXES:
        wanted |= {stem + each for each in SCHEMA_SUFFIXES}
    return wanted


def near_file(candidate: Path, holds: Callable[[Path], bool]) -> str:
    """`` (did you mean NAME?)`` where the folder of the missing ``candidate`` holds a regular
    schema file it may have meant (``holds``: whether a path is in the schema folders, which
    alone may be looked in), else ``""``."""
    folder = candidate.parent
    if not holds(folder) or not os.path.isdir(folder):
        return ""
    wanted = _wanted(candidate.name)
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return ""
    for name in names:
        if not name.casefold().endswith(SCHEMA_SUFFIXES) or name.casefold() not in wanted:
            continue
        path = folder / name
        if name != candidate.name and _regular(path) and holds(path):
            return f" (did you mean {name}?)"
    return ""


def _regular(path: Path) -> bool:
    import stat

    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False
