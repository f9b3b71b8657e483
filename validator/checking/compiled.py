"""The Python API's compiled schemas given by content (a dict, a boolean, a
:class:`~validator.contracts.catalog.Schema`): each compiled once while it stays the same,
keyed by its exact JSON text, bounded in number and bytes (see :data:`COMPILED`); and those
named (a bundled name, a path, ``FILE#/pointer``: :func:`by_name`), each compiled once while
every file it was built from stays the same.  Either is compiled again when a file its
``$ref``\\ s reached (beside it, in a schema dir) has changed since
(:mod:`validator.contracts.file_reads`)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

import orjson

from validator.checking.engine import Engine, compile_schema
from validator.contracts.catalog import Schema, from_contents, load_schema
from validator.contracts.documents import PROCESS
from validator.contracts.file_reads import note, recording, stamps
from validator.contracts.given_schema import refuse_non_json, refuse_other_types, with_files

__all__ = [
    "CACHED_BYTES",
    "COMPILED",
    "HELD",
    "LARGEST_CACHED",
    "MOST_COMPILED",
    "NAMED",
    "by_content",
    "by_name",
    "forget",
]

COMPILED: OrderedDict[bytes, Engine] = OrderedDict()
"""A schema given as a dict, a boolean or a :class:`Schema`, compiled from a private copy: its
JSON text as orjson writes it (with its name, URI and resources for a ``Schema``) -> the engine.
The text is what the engine reads (it tells 1, 1.0 and true apart, keeps the order of keys, and
writes NaN as null, as the engine reads it); the least recently used is forgotten first."""
MOST_COMPILED = 64
"""Schemas given by content that stay compiled at most."""
LARGEST_CACHED = 1 << 20
"""A schema whose JSON text is longer (bytes) is compiled again at every call, never kept."""
CACHED_BYTES = 8 << 20
"""The JSON text of all the schemas kept compiled, at most (bytes)."""
FILES: dict[bytes, tuple[tuple[str, ...], tuple[Any, ...]]] = {}
"""The key of a schema of :data:`COMPILED` whose ``$ref``\\ s reached files of its schema dirs ->
those files, and their identities when read."""
NULLS: dict[bytes, tuple[tuple[Any, ...], ...]] = {}
"""The key of a schema of :data:`COMPILED` that holds ``null`` -> where: orjson writes NaN and
the infinities as ``null`` too, so a call whose schema has one there (refused, not JSON) finds
the same key; it is looked at there (:func:`_refuse_aliases`) and refused."""
NAMED: OrderedDict[tuple[str, tuple[str, ...]], tuple[tuple[str, ...], tuple[Any, ...], Engine]]
NAMED = OrderedDict()
"""(name or path, schema dirs) -> the files it was built from, their identities when read, and
the engine; the least recently used is forgotten first."""
MOST_NAMED = 32
HELD = [0]
"""The bytes of the keys of :data:`COMPILED`."""
KEEPING = threading.Lock()
"""Held while a schema is added to :data:`COMPILED` and the oldest forgotten (threads)."""
EXACT = (
    orjson.OPT_PASSTHROUGH_DATACLASS
    | orjson.OPT_PASSTHROUGH_DATETIME
    | orjson.OPT_PASSTHROUGH_SUBCLASS
)
"""What orjson would write as JSON text of a value that is not JSON (a dataclass, a date, a
subclass of str or dict) is no key: such a schema is compiled at every call, as it always was."""


def by_content(schema: Schema | dict[str, Any] | bool, dirs: tuple[str, ...] = ()) -> Engine:
    """A schema given by content, compiled once while it stays the same: a call with a dict
    changed since (in place or not) compiles the new contents (see :data:`COMPILED`).
    ``dirs``: the schema dirs (absolute) its ``$ref``\\ s may reach files in, by ``$id``
    (:mod:`validator.contracts.given_schema`), part of the key."""
    if type(schema) is not dict and not isinstance(schema, Schema):  # a dict: the usual
        refuse_other_types(schema, "schema=", ", or a Schema from load_schema()")
    whole = (
        (schema.name, schema.uri, schema.contents, dict(schema.resources))
        if isinstance(schema, Schema)
        else schema
    )
    try:
        key = orjson.dumps(whole, option=EXACT)
    except TypeError:  # not JSON (integers beyond 64 bits, keys that are not strings, ...)
        key = b""
    if key and dirs:  # the same schema with other folders may reach other files
        key += orjson.dumps(dirs)
    if not 0 < len(key) <= LARGEST_CACHED:  # compiled as it is, not kept
        return compile_schema(_loaded(schema, dirs))
    found = COMPILED.get(key)
    if found is not None and key in FILES and stamps(FILES[key][0]) != FILES[key][1]:
        found = None  # a file of its schema dirs has changed since: compiled again
    if found is not None and key in NULLS:
        _refuse_aliases(schema, NULLS[key])
    if found is not None:
        try:  # noqa: SIM105 - suppress() is a context manager: slower on this path
            COMPILED.move_to_end(key)
        except KeyError:  # another thread has just forgotten it: it stays compiled here
            pass
        return found
    copied = _copy(whole)  # the engine never sees the caller's later changes
    given = Schema(*copied) if isinstance(schema, Schema) else copied
    with recording() as read:
        engine = compile_schema(_loaded(given, dirs))
    with KEEPING:  # nothing iterates over the cache: other threads move what they find
        if key not in COMPILED:
            HELD[0] += len(key)
        COMPILED[key] = engine
        if read:
            FILES[key] = (tuple(read), tuple(read.values()))
        else:
            FILES.pop(key, None)
        if type(schema) is dict and (nulls := _nulls(copied)):
            NULLS[key] = nulls
        while COMPILED and (len(COMPILED) > MOST_COMPILED or HELD[0] > CACHED_BYTES):
            old = COMPILED.popitem(last=False)[0]
            HELD[0] -= len(old)
            FILES.pop(old, None)
            NULLS.pop(old, None)
    return engine


def by_name(key: str, dirs: tuple[str, ...]) -> Engine:
    """The engine of a schema named by ``key`` (a bundled name, a path, ``FILE#/pointer``) with
    the schema dirs ``dirs``, compiled again when a file it was built from changes; the entry
    points of one file share what is read and made of it once
    (:mod:`validator.contracts.documents`)."""
    found = NAMED.get((key, dirs))
    if found is not None and stamps(found[0]) == found[1]:
        try:  # noqa: SIM105 - as in by_content
            NAMED.move_to_end((key, dirs))
        except KeyError:  # pragma: no cover - another thread has just forgotten it
            pass
        note(zip(found[0], found[1], strict=True))
        return found[2]
    with recording() as read:
        engine = compile_schema(load_schema(key, schema_dirs=dirs, documents=PROCESS))
    with KEEPING:
        NAMED[(key, dirs)] = (tuple(read), tuple(read.values()), engine)
        while len(NAMED) > MOST_NAMED:
            NAMED.popitem(last=False)
    return engine


def _loaded(schema: Schema | dict[str, Any] | bool, dirs: tuple[str, ...]) -> Schema:
    """The schema checked, with the files of ``dirs`` its references reach."""
    if isinstance(schema, Schema) and not dirs:  # loaded (and checked) by load_schema
        return schema
    if not isinstance(schema, Schema):
        refuse_non_json(schema)  # not on a cache hit: a schema once refused is never kept
    loaded = schema if isinstance(schema, Schema) else from_contents(schema)
    return with_files(loaded, [Path(d) for d in dirs])


def _nulls(value: Any) -> tuple[tuple[Any, ...], ...]:
    """Where ``value`` (a schema given by content) holds ``None``: paths of keys and indexes."""
    found: list[tuple[Any, ...]] = []
    todo: list[tuple[Any, tuple[Any, ...]]] = [(value, ())]
    while todo:
        node, path = todo.pop()
        if node is None:
            found.append(path)
        elif isinstance(node, dict):
            todo.extend((item, (*path, name)) for name, item in node.items())
        elif isinstance(node, (list, tuple)):
            todo.extend((item, (*path, index)) for index, item in enumerate(node))
    return tuple(found)


def _refuse_aliases(schema: Any, nulls: tuple[tuple[Any, ...], ...]) -> None:
    """Refuse (:func:`~validator.contracts.given_schema.refuse_non_json`) a dict schema whose
    JSON text is a kept one's with NaN or an infinity where that one holds ``null``."""
    for path in nulls:
        node = schema
        for step in path:
            node = node[step]
        if node is not None:
            refuse_non_json(schema)


def forget() -> None:
    """Forget every schema compiled (tests)."""
    with KEEPING:
        COMPILED.clear()
        FILES.clear()
        NULLS.clear()
        NAMED.clear()
        HELD[0] = 0


def _copy(value: Any) -> Any:
    """A private copy of a JSON value (its lists and dicts; a tuple's items too)."""
    if isinstance(value, dict):
        return {key: _copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copy(item) for item in value]
    if isinstance(value, tuple):
        return tuple(_copy(item) for item in value)
    return value
