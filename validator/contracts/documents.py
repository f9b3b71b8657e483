"""One schema file, many entry points: what is read, parsed, prepared and walked of a file once.

A run (:mod:`validator.run.plan`) or the Python API holds one :class:`Documents`; every
:func:`~validator.contracts.catalog.load_schema` given it reads a file once, however many checks,
``FILE#/pointer`` fragments or operations name it.  Entries are keyed by the file's identity and
its stat (device, inode, modification time, size): a file changed on disk is read again (the API
lives long; in a run files do not change), and what was made of its older contents is forgotten.

The schemas of one OpenAPI document's ``components/schemas`` share one resources mapping, a
:class:`Shared` dict: the same objects for every entry point, and :attr:`Shared.memo` for what is
computed once for all of them (the ``$ref`` walk of :mod:`validator.contracts.references`, the
engines' registries).

A :class:`Shared` travels (pickled for a Dask or Spark worker, or a ``--jobs`` worker started
without fork) with its :attr:`Shared.token`, drawn when it is made: a process that unpickles a
token it already holds keeps the one it holds (:func:`arrived`), with its memo, so the entry
points, operations, partitions and calls that name one document are indexed and walked once per
worker process, and hold one copy of it.  :data:`PROCESS` is the cache of the process's long-lived
callers (the Python API, :mod:`validator.dask`, :mod:`validator.spark`), so that the entry points
they load of one file share one :class:`Shared`, one token.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from validator.contracts.file_reads import Read, note, stamps

if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "PROCESS",
    "Documents",
    "Shared",
    "arrived",
    "discover_files",
    "memo_of",
    "once",
    "resources_of",
]

T = TypeVar("T")


class Shared(dict[str, Any]):
    """The resources of every schema an OpenAPI document's ``components/schemas`` gives (a
    dict, as :attr:`~validator.contracts.catalog.Schema.resources` is), with a memo of what is
    computed once for all of them.  Never changed once made."""

    __slots__ = ("memo", "token")

    def __init__(self, *args: Any, token: str | None = None) -> None:
        super().__init__(*args)
        self.memo: dict[str, Any] = {}
        self.token = token or os.urandom(16).hex()
        """Who it is wherever it travels (see the module's notes)."""

    def __reduce__(self) -> Any:
        """Pickled (for a worker) as its token and the resources alone: where the token is
        already held, that one is kept (with its memo), else the memo is made again there."""
        return (arrived, (self.token, dict(self)))


_ARRIVED: dict[str, Shared] = {}
"""The documents this process has unpickled, by token (the newest 16)."""
_ARRIVING = threading.Lock()


def arrived(token: str, resources: dict[str, Any]) -> Shared:
    """The :class:`Shared` of ``token`` in this process: the one it holds, else ``resources``
    made one (and held)."""
    with _ARRIVING:
        found = _ARRIVED.get(token)
        if found is None:
            if len(_ARRIVED) >= 16:  # a long-lived worker serving many documents
                del _ARRIVED[next(iter(_ARRIVED))]
            found = _ARRIVED[token] = Shared(resources, token=token)
        return found


def memo_of(resources: Any) -> dict[str, Any] | None:
    """The memo of a schema's resources when they are shared (see :class:`Shared`), else None."""
    return resources.memo if isinstance(resources, Shared) else None


def once(resources: Any, key: str, make: Callable[[], T]) -> T:
    """``make()``, made once for every schema of a shared document (by ``key``), or each time
    for a schema whose resources are its own."""
    memo = memo_of(resources)
    if memo is None:
        return make()
    if key not in memo:
        memo[key] = make()
    found: T = memo[key]
    return found


class Documents:
    """The files read so far and what was made of them (see the module's notes)."""

    def __init__(self, yaml: Callable[[str], bool] | None = None) -> None:
        self.yaml = yaml
        """Which schema files are read as YAML (None: names ending in ``.yaml``/``.yml``)."""
        self._made: dict[tuple[Any, ...], Any] = {}
        self._stamps: dict[str, tuple[Any, ...]] = {}
        self._files: dict[tuple[Any, ...], tuple[Read, ...]] = {}
        """A file's stamp -> the other files its schemas were built with (:meth:`found`)."""
        self.reads = 0
        """Files parsed (a file is parsed once while it stays the same)."""

    def stamp(self, path: str | Path) -> tuple[Any, ...]:
        """The file's identity as it is now (a changed file gets a new one: what was made of
        the old one is dropped; so is what was made of a file one of whose ``$ref``'d files has
        changed since, see :meth:`found`)."""
        real = os.path.realpath(path)
        try:
            st = os.stat(real)
        except OSError:  # the reader says why
            return (real, None)
        stamp = (real, st.st_dev, st.st_ino, st.st_mtime_ns, st.st_size)
        old = self._stamps.get(real)
        if old is not None and old != stamp:
            self._drop(old)
        elif stamp in self._files and stamps(p for p, _ in self._files[stamp]) != tuple(
            s for _, s in self._files[stamp]
        ):
            self._drop(stamp)  # built with a file that has changed since: all read again
        self._stamps[real] = stamp
        note([(real, stamp[1:]), *self._files.get(stamp, ())])
        return stamp

    def _drop(self, stamp: tuple[Any, ...]) -> None:
        self._made = {k: v for k, v in self._made.items() if k[0] != stamp}
        self._files.pop(stamp, None)

    def found(self, key: tuple[Any, ...], make: Callable[[], tuple[T, list[Path]]]) -> T:
        """The first of what ``make()`` gives, made once per ``key`` (whose first item is the
        :meth:`stamp` of a file); the second, the other files it read, are remembered (with
        their identities now) as files that file's schemas are built with."""
        if key not in self._made:
            made, paths = make()
            self._made[key] = made
            known = self._files.get(key[0], ())
            real = dict.fromkeys(os.path.realpath(p) for p in paths)
            new = [p for p in real if p not in dict(known)]
            self._files[key[0]] = (*known, *zip(new, stamps(new), strict=True))
        note(self._files.get(key[0], ()))
        found: T = self._made[key]
        return found

    def once(self, key: tuple[Any, ...], make: Callable[[], T]) -> T:
        """What ``make()`` gives, made once per ``key`` (a failure is not kept)."""
        if key not in self._made:
            self._made[key] = make()
        found: T = self._made[key]
        return found

    def parsed(self, path: Path, stamp: tuple[Any, ...] | None = None) -> Any:
        """The parsed contents of a schema file (read as :func:`read_json` reads it), once
        (``stamp``: :meth:`stamp`'s of the path, when the caller has just taken it)."""
        from validator.contracts.metaschema import read_json
        from validator.contracts.schema_files import read_schema_file

        def read() -> Any:
            self.reads += 1
            yaml = None if self.yaml is None else self.yaml(str(path))
            return read_json(path, read_schema_file(path), yaml=yaml)

        return self.once((stamp or self.stamp(path), "parsed"), read)


PROCESS = Documents()
"""The files read by this process's long-lived callers (the Python API, the scale-out
functions): a file's entry points, loaded by any of them, share what is made of it."""


def resources_of(
    extra: dict[str, Any], uri: str, contents: Any, pointer: str | None, shared: bool
) -> tuple[dict[str, Any], bool]:
    """The resources of a file's schemas (:class:`~validator.contracts.documents.Shared` for
    an OpenAPI document's), and whether it has any reference."""
    from validator.contracts.schema_walk import subschemas

    if pointer is not None:
        extra[uri] = contents
    refers = any("$ref" in node or "$dynamicRef" in node for node in subschemas(contents))
    return (Shared(extra) if shared else extra), refers


def discover_files(
    schema: Any,
    extra: dict[str, Any],
    root: tuple[str, Any, Path],
    dirs: list[Path],
    entry: str | None,
) -> tuple[Any, list[Path]]:
    """Add to the schema's resources the schema files its ``$ref``\\ s reach (see
    :mod:`validator.contracts.schema_files`); when some reference leads nowhere, how to refuse
    them all at once, each at its place (the walk's ``explain`` and ``place``), else None; and
    the files read.  ``extra``: the schema's resources, added to."""
    from validator.contracts.local_refs import only_local

    if only_local(root[1]):  # no file to find, no reference that leads nowhere
        return None, []
    from validator.contracts.openapi import prepare_file
    from validator.contracts.schema_files import Folders, discover

    folders = Folders(root[2].parent, dirs)
    found = discover(schema.name, root, extra, folders, prepare_file, entry)
    extra.update(found.resources)
    read = list(found.paths.values())
    if not found.broken:
        return None, read
    from validator.contracts.broken_refs import Places

    files = [(root[2], root[1]), *((found.paths[u], c) for u, c in found.resources.items())]
    return (found.misses.get, Places(files).place), read
