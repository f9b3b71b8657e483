"""The official metaschemas and vocabularies, read from the files ``jsonschema_specifications``
ships, without importing it.

Importing ``jsonschema_specifications`` builds its registry at once: it imports ``referencing``
and ``attrs`` and reads every dialect's files, about 40 ms of a run's start-up, where checking
a schema against its metaschema needs the few files of one dialect and no ``referencing`` at
all.  :func:`known_metaschemas` finds the package's folder with :func:`importlib.util.find_spec`
(which runs none of its code) and reads the same files; where that layout is not there (a
release that moved them), the package's own registry answers, as before.  Either way the same
documents under the same URIs (a test compares them), and nothing is fetched.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import orjson

__all__ = ["known_metaschemas", "metaschema_registry"]

_CACHE: list[tuple[str, Any]] = []
_REGISTRY: list[Any] = []


def known_metaschemas() -> list[tuple[str, Any]]:
    """Every metaschema and vocabulary ``jsonschema_specifications`` holds, as (URI, contents),
    each URI without its empty fragment (as that package's registry names them); read once."""
    if not _CACHE:
        _CACHE.extend(_from_files() or _from_registry())
    return list(_CACHE)


def metaschema_registry() -> Any:
    """A ``referencing`` registry of :func:`known_metaschemas` (crawled: their anchors known),
    as ``jsonschema_specifications.REGISTRY`` is; made once."""
    if not _REGISTRY:
        from referencing import Resource
        from referencing.jsonschema import EMPTY_REGISTRY

        pairs = [(uri, Resource.from_contents(c)) for uri, c in known_metaschemas()]
        _REGISTRY.append(EMPTY_REGISTRY.with_resources(pairs).crawl())
    return _REGISTRY[0]


def _from_files() -> list[tuple[str, Any]]:
    """The documents read from the package's ``schemas`` folder (empty where it is not found,
    or a file there is not a schema with an identifier)."""
    try:
        spec = importlib.util.find_spec("jsonschema_specifications")
    except (ImportError, ValueError):
        return []
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    if len(folders) != 1:
        return []
    root = Path(folders[0]) / "schemas"
    found: list[tuple[str, Any]] = []
    try:
        for version in sorted(root.iterdir()):
            if version.name.startswith(".") or not version.is_dir():
                continue
            for child in sorted(version.iterdir()):
                paths = sorted(child.iterdir()) if child.is_dir() else [child]
                for path in paths:
                    if path.name.startswith("."):
                        continue
                    uri = _identifier(orjson.loads(path.read_bytes()))
                    if uri is None:
                        return []
                    found.append(uri)
    except (OSError, orjson.JSONDecodeError):
        return []
    return found


def _identifier(contents: Any) -> tuple[str, Any] | None:
    """(URI, contents) of one metaschema: its ``$id`` (``id`` before draft 6), without an empty
    fragment."""
    if not isinstance(contents, dict):
        return None
    uri = contents.get("$id", contents.get("id"))
    if not isinstance(uri, str) or not uri:
        return None
    return uri[:-1] if uri.endswith("#") else uri, contents


def _from_registry() -> list[tuple[str, Any]]:
    from jsonschema_specifications import REGISTRY  # type: ignore[import-untyped]

    return [(uri, REGISTRY.contents(uri)) for uri in REGISTRY]
