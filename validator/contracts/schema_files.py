"""The schema files a schema's ``$ref``\\ s reach, found on disk at load time (never fetched).

A ``$ref`` that the registry does not hold is looked up, in this order, as

1. the file at the reference's path relative to the referring file (or at its ``file:`` URI);
2. a schema file whose top-level ``$id`` is the reference's URI, in the referring file's folder
   or in a schema folder (``--schema-dir``, searched recursively).

Found files join the registry under the reference's URI (and their own ``$id``); their own
``$ref``\\ s are followed the same way: the engines get every resource up front.  Only the schema
folders (the schema's own and each schema dir) may be read: a reference to a file outside them
(``../x.json``, ``file:///etc/passwd``, a symlink out) is :class:`~validator.problems.EscapingRef`;
any other miss is left to :func:`validator.contracts.references.check_references`, which
refuses every reference leading nowhere at once, told where each was looked for.  Files are
parsed only when referenced; the ``$id`` index is built on the first miss that needs it, from a
byte scan for ``"$id"``.  Only regular files are opened (a named pipe stays closed).
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import quote, unquote, urldefrag, urljoin, urlsplit

from validator.contracts.metaschema import check_schema, file_uri, read_json, uri_of
from validator.contracts.near_files import near_file
from validator.problems import (
    EscapingRef,
    NotASchema,
    SchemaProblem,
    SchemaUnreadable,
)

__all__ = ["Discovered", "Folders", "discover", "escaping_message", "read_schema_file"]

Prepare = Callable[[Any, Path, bool], Any]
"""What a found file's contents become before they join the registry (an OpenAPI document's
schemas translated, for one), told whether an OpenAPI 3.0 schema refers to it
(:mod:`validator.contracts.oas30_files`); it checks them against their metaschema too."""


class Folders:
    """The schema folders: only files inside them (symlinks resolved) may be read."""

    def __init__(self, home: Path | None, schema_dirs: Iterable[Path] = ()) -> None:
        """``home``: the folder of the schema given (None: a schema given by content)."""
        self.dirs = tuple(Path(os.path.realpath(d)) for d in schema_dirs)
        roots = (*([Path(os.path.realpath(home))] if home is not None else []), *self.dirs)
        self.roots = tuple(dict.fromkeys(roots))  # the schema's folder may be a schema dir too

    def holds(self, path: Path) -> bool:
        real = os.path.realpath(path)
        return any(real == str(r) or real.startswith(str(r).rstrip(os.sep) + os.sep)
                   for r in self.roots)  # fmt: skip

    def describe(self) -> str:
        return ", ".join(str(r) for r in self.roots)


_ELSEWHERE = (
    "a schema file in another folder is found once that folder is a schema dir (--schema-dir, "
    "a config's schema-dirs, the API's schema_dirs=)"
)

_BY_ID = "a schema dir's files are found by their $id alone"

_ID = re.compile(rb'"\$id"\s*:\s*("(?:[^"\\]|\\.)*")')


def escaping_message(subject: str, where: object, folders: str) -> str:
    """The refusal of a file outside the schema folders: ``subject`` (a $ref, or a name looked
    up in a schema dir) leads to ``where``, which is not in ``folders``."""
    return (
        f"{subject} leads outside the schema folders ({where} is not in {folders}); only files "
        "in the folder of the schema and the schema dirs are read"
    )


def read_schema_file(path: str | Path) -> bytes:
    """The bytes of a schema file: a regular file of at most
    :data:`~validator.inputs.boundary.MAX_SCHEMA_BYTES` (a link to ``/dev/zero`` is not read),
    or :class:`~validator.problems.SchemaUnreadable` saying why not."""
    from validator.inputs.boundary import MAX_SCHEMA_BYTES, read_regular

    try:
        return read_regular(path, MAX_SCHEMA_BYTES)
    except OSError as exc:
        raise SchemaUnreadable(
            f"{path}: cannot read schema: {exc.strerror or exc}", schema=str(path)
        ) from None


def _regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


class _Finder:
    """The retrieval callback of the load-time registry, with what it found."""

    def __init__(self, name: str, folders: Folders, prepare: Prepare) -> None:
        from validator.contracts.oas30_files import Readings

        self.readings = Readings()
        self.name = name
        self.folders = folders
        self.prepare = prepare
        self.found: dict[str, Any] = {}  # uri -> contents
        self.paths: dict[str, Path] = {}  # uri -> the file it came from
        self.referrer: Path | None = None  # the file whose $ref is being resolved
        self.ref = ""
        self.misses: dict[str, str] = {}  # uri -> why no file holds it
        self._indexes: dict[tuple[Path, bool], dict[str, list[Path]]] = {}

    def retrieve(self, uri: str) -> Any:
        from referencing.exceptions import NoSuchResource

        if uri not in self.found:
            located = self._locate(uri)
            if located is None:
                raise NoSuchResource(ref=uri)  # type: ignore[call-arg]
            path, contents = located
            within = self.readings.within()
            self.found[uri] = self.prepare(contents, path, within)
            self.paths[uri] = path
            self.readings.found(uri, contents, self.found[uri], within)
        return _resource(self.found[uri])

    def lookup(self, resolver: Any, ref: str, where: Path | None) -> Any:
        """What ``resolver`` resolves ``ref`` (in the file ``where``) to, files found as needed;
        a ``$ref`` to a whole OpenAPI document, or to a file read the other way, refused."""
        self.referrer, self.ref = where, ref
        self.readings.base = str(getattr(resolver, "_base_uri", ""))
        resolved = resolver.lookup(ref)
        self.readings.check(ref, self.paths)
        found = self.found.values()
        if not urldefrag(ref)[1] and any(
            resolved.contents is c for c in found if isinstance(c, dict) and "openapi" in c
        ):
            raise NotASchema(
                f"{self.name}: $ref {json.dumps(ref)} names a whole OpenAPI document, not a "
                "schema: add the pointer of one of its schemas (#/components/schemas/NAME)",
                schema=self.name,
            )
        return resolved

    def _locate(self, uri: str) -> tuple[Path, Any] | None:
        """The file a missing URI names, and its contents (parsed, not yet prepared)."""
        candidate = self._candidate(uri)
        if candidate is not None:
            if not self.folders.holds(candidate):
                raise self._escaping(os.path.realpath(candidate))
            if _regular(candidate):
                return candidate, read_json(candidate, read_schema_file(candidate))
        for folder, deep in self._index_folders():
            for path in self._index(folder, deep).get(uri, ()):
                contents = read_json(path, read_schema_file(path))
                if uri_of(contents, path) == uri:  # its own $id, not one deeper inside
                    return path, contents
        self.misses[uri] = self._missing(uri, candidate)
        return None

    def _missing(self, uri: str, candidate: Path | None) -> str:
        """Why no file holds ``uri``: where it was looked for, and how to have it found."""
        looked = f"no schema file in {self._index_description()} declares that $id"
        looked += self._named_in_dirs(uri) or f"; {_ELSEWHERE}"
        if not uri.startswith("file:"):
            return (
                "not a bundled schema nor part of this one, and references are never fetched "
                f"(no network); {looked}"
            )
        if candidate is None:
            why = f"no file at {uri}"
        elif os.path.lexists(candidate):
            why = f"{os.path.realpath(candidate)} is not a regular file"
        else:
            why = f"no file {os.path.normpath(candidate)} beside the referring file"
            why += near_file(candidate, self.folders.holds)
        return f"{why}, and {looked}"

    def _named_in_dirs(self, uri: str) -> str:
        """Where a schema dir holds a file of the name the reference ends in, whose ``$id`` is
        another: that file, and how to reach it (schema dirs are searched by ``$id`` alone)."""
        name = unquote(urlsplit(uri).path).rpartition("/")[2]
        for folder in self.folders.dirs if name else ():
            for path in _json_files(folder, True):
                if path.name not in (name, f"{name}.json") or not _regular(path):
                    continue
                ids = [u for u, paths in self._index(folder, True).items() if path in paths]
                fragment = urldefrag(self.ref)[1]
                told = f"; {path} has that name but declares "
                if ids:
                    to = ids[0] + (f"#{fragment}" if fragment else "")
                    return f'{told}the $id "{ids[0]}" ({_BY_ID}): write "$ref": {json.dumps(to)}'
                way = ""
                if self.referrer is not None:
                    to = os.path.relpath(path, os.path.realpath(self.referrer.parent))
                    to += f"#{fragment}" if fragment else ""
                    way = f'write "$ref": {json.dumps(to)} (its path from the referring file), or '
                return f'{told}no $id ({_BY_ID}): {way}give it an "$id" and refer to that'
        return ""

    def _candidate(self, uri: str) -> Path | None:
        """The file the reference names: its ``file:`` URI, or its path relative to the
        referring file; None for a reference that names no path (``https://``, ``urn:``)."""
        parts = urlsplit(uri)
        if parts.scheme == "file":
            if parts.netloc not in ("", "localhost"):
                raise self._escaping(uri)
            if os.name == "nt":  # drive letters and back slashes (urllib.request uses this)
                from nturl2path import url2pathname

                return Path(url2pathname(parts.path))
            return Path(unquote(parts.path))  # urllib.request's, on POSIX (slow to import)
        ref = urlsplit(urldefrag(self.ref)[0])
        if ref.scheme or ref.netloc or not ref.path or self.referrer is None:
            return None
        return self.referrer.parent / unquote(ref.path)

    def _escaping(self, where: object) -> EscapingRef:
        subject = f"{self.name}: $ref {json.dumps(self.ref)}"
        message = escaping_message(subject, where, self.folders.describe())
        return EscapingRef(message, schema=self.name, ref=self.ref)

    def _index_folders(self) -> list[tuple[Path, bool]]:
        folders = [(d, True) for d in self.folders.dirs]
        if self.referrer is not None and self.folders.holds(self.referrer.parent):
            folders.insert(0, (Path(os.path.realpath(self.referrer.parent)), False))
        return folders

    def _index_description(self) -> str:
        return ", ".join(str(f) for f, _ in self._index_folders()) or "no folder"

    def _index(self, folder: Path, deep: bool) -> dict[str, list[Path]]:
        """URI -> file, for every schema file of a folder that declares a top-level ``$id``
        (found by a byte scan; a file is parsed only when its ``$id`` is wanted)."""
        key = (folder, deep)
        if key not in self._indexes:
            index: dict[str, list[Path]] = {}
            for path in _json_files(folder, deep):
                if not _regular(path) or not self.folders.holds(path):
                    continue
                try:
                    raw = read_schema_file(path)
                except SchemaUnreadable:  # not regular, too large: not indexed (never read)
                    continue
                for match in _ID.finditer(raw):
                    try:
                        declared = json.loads(match.group(1))
                    except ValueError:
                        continue
                    try:
                        uri = urldefrag(urljoin(file_uri(path), declared))[0]
                    except (TypeError, ValueError):  # not a string, not a URI reference
                        continue
                    index.setdefault(uri, []).append(path)
            self._indexes[key] = index
        return self._indexes[key]


def _json_files(folder: Path, deep: bool) -> list[Path]:
    """The ``*.json`` files of a folder (and, ``deep``, of the folders below it, symlinked
    folders not followed: no loops), sorted."""
    found: list[Path] = []
    for top, subfolders, names in os.walk(folder, onerror=None, followlinks=False):
        found.extend(Path(top, name) for name in names if name.endswith(".json"))
        if not deep:
            subfolders.clear()
    return sorted(found)


def _resource(contents: Any) -> Any:
    from validator.contracts.dialects import resource  # the dialect its $schema names, read safely

    return resource(contents)


def _default_prepare(contents: Any, path: Path, oas30: bool) -> Any:
    check_schema(contents, str(path))
    return contents


class Discovered(NamedTuple):
    """What :func:`discover` found: the files (URI -> contents, and URI -> path), why no file
    holds each URI it looked for in vain, and whether some reference led nowhere."""

    resources: dict[str, Any]
    paths: dict[str, Path]
    misses: dict[str, str]
    broken: bool


def discover(
    name: str,
    root: tuple[str, Any, Path | None],
    resources: Mapping[str, Any],
    folders: Folders,
    prepare: Prepare = _default_prepare,
    entry: str | None = None,
) -> Discovered:
    """The schema files that the ``$ref``\\ s of ``root`` (its URI, contents and file) and of
    the files they reach need, found in the schema folders.  ``resources``:
    what the registry already holds (no file is looked for them); ``entry``: the JSON Pointer of
    the entry point in ``root``, if any.  Walked: each file's subschemas, every ``$ref``'s target,
    the entry point and an OpenAPI document's ``components/schemas``."""
    from referencing import Registry
    from referencing.exceptions import Unresolvable

    from validator.contracts.metaschema_files import metaschema_registry
    from validator.contracts.openapi_entries import component_pointers as _components

    finder = _Finder(name, folders, prepare)
    uri, contents, path = root
    pairs = [(u, _resource(c)) for u, c in [*resources.items(), (uri, contents)]]
    for each, resource in pairs:
        finder.readings.note(each, resource.contents)
    registry = metaschema_registry().combine(
        Registry(retrieve=finder.retrieve).with_resources(pairs)  # type: ignore[call-arg]
    )
    todo: list[tuple[Any, Any, Path | None]] = []
    seen: set[int] = set()
    walked = {uri}
    broken = False

    def start(resolver: Any, contents: Any, path: Path | None, pointers: list[str]) -> None:
        todo.append((_resource(contents), resolver, path))
        for pointer in pointers:
            try:
                resolved = resolver.lookup("#" + quote(pointer, safe=_SAFE))
            except (Unresolvable, ValueError):  # pragma: no cover - found before
                continue
            todo.append((_resource(resolved.contents), resolved.resolver, path))

    start(
        registry.resolver(uri), contents, path, _components(contents) + ([entry] if entry else [])
    )
    while todo:
        found, resolver, where = todo.pop()
        node = found.contents
        if not isinstance(node, dict) or id(node) in seen:
            continue
        seen.add(id(node))
        for keyword in ("$ref", "$dynamicRef"):
            ref = node.get(keyword)
            if not isinstance(ref, str):
                continue
            try:
                resolved = finder.lookup(resolver, ref, where)
            except Unresolvable as exc:
                problem = _problem_in(exc)
                if problem is not None:
                    raise problem from None
                broken = True  # check_references lists it, with the others, and why
                continue
            except (ValueError, TypeError):  # not even a URI ("http://[x"), or a pointer into
                broken = True  # a boolean schema (referencing indexes it): listed too
                continue
            fresh = [u for u in finder.paths if u not in walked]
            if fresh:
                walked.update(fresh)
                known = registry.with_resources((u, _resource(c)) for u, c in finder.found.items())
                for new_uri in fresh:
                    new = finder.found[new_uri]
                    start(known.resolver(new_uri), new, finder.paths[new_uri], _components(new))
            todo.append((_resource(resolved.contents), resolved.resolver, where))
        for sub in found.subresources():
            todo.append((sub, resolver.in_subresource(sub), where))
    return Discovered(dict(finder.found), dict(finder.paths), finder.misses, broken)


_SAFE = "/~!$&'()*+,;=:@"
"""What a JSON Pointer in a URI fragment may hold as it is (RFC 3986's pchar)."""


def _problem_in(exc: BaseException) -> SchemaProblem | None:
    """The schema problem that a retrieval raised, from the chain referencing wraps it in."""
    cause = exc.__cause__
    while cause is not None:
        if isinstance(cause, SchemaProblem):
            return cause
        cause = cause.__cause__
    return None
