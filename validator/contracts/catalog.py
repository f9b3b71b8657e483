"""The contracts: find the schema files, check them against their metaschema, and hold them with
every resource they may refer to.

Nothing is ever retrieved.  The resources a schema may ``$ref`` are exactly the bundled schemas,
the schema itself and the ``resources`` a caller hands over explicitly; a reference to anything else
is a :class:`~validator.problems.SchemaProblem` (exit code 2) when the schema is compiled.
"""

# Annotations are evaluated (no `from __future__ import annotations`): typing.NamedTuple
# compiles each field's annotation given as a string, a cost every start-up would pay.
import functools
import os
import re
from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import quote

from validator.contracts.fragments import follow as _follow
from validator.contracts.fragments import kind as _kind
from validator.contracts.fragments import pointer as _pointer
from validator.contracts.fragments import unescape as _unescape
from validator.contracts.metaschema import check_schema, read_json, uri_of
from validator.problems import (
    NoSuchSchema,
    NotASchema,
    SchemaProblem,
    SchemaUnreadable,
)

if TYPE_CHECKING:  # pathlib is imported for a schema file of one's own (not at start-up)
    from pathlib import Path

    from validator.contracts.documents import Documents

__all__ = ["DEFAULT_SCHEMA", "Schema", "load_schema", "schema_names", "schemas_dir"]

DEFAULT_SCHEMA = "AddSessionToCasefileResponse"


class Schema(NamedTuple):
    """A schema ready to compile: its name, its URI, its contents and, under their URIs, the other
    resources its ``$ref``\\ s may reach."""

    name: str
    uri: str
    contents: Any
    resources: Mapping[str, Any] = MappingProxyType({})
    source: str = ""
    """The file the whole schema was read from (``""``: not from a file, or an entry point)."""


@functools.cache  # where the package is does not change while it runs
def _folder() -> str:
    package = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))  # validator/
    for top in (package, os.path.dirname(package)):
        candidate = os.path.join(top, "schemas")
        if os.path.isdir(candidate):
            return candidate
    looked = os.path.join(package, "schemas")
    raise NoSuchSchema(f"bundled schemas not found (looked in {looked})")


def schemas_dir() -> "Path":
    """Where the bundled schemas are: inside the installed package (wheel), or at the top of a
    checkout (editable install, or running from the source tree)."""
    from pathlib import Path

    return Path(_folder())


def _files() -> list[tuple[str, str]]:
    """(name, path) of each bundled schema file (``*.json``), sorted."""
    folder = _folder()
    names = sorted(name for name in os.listdir(folder) if name.endswith(".json"))
    return [(os.path.splitext(name)[0], os.path.join(folder, name)) for name in names]


def schema_names() -> list[str]:
    """Names of the bundled schemas, sorted."""
    return sorted(name for name, _ in _files())


@functools.cache
def _bundled() -> dict[str, tuple[str, Any]]:
    """name -> (uri, contents) for every bundled schema, read once per process.  They are not
    checked against their metaschema at every start-up: the tests check each of them
    (``tests/unit/test_schema_fidelity.py``), and the engine compiling one checks it too."""
    found: dict[str, tuple[str, Any]] = {}
    for name, path in _files():
        contents = read_json(path)
        found[name] = (uri_of(contents, path), contents)
    return found


def _copy(value: Any) -> Any:
    """A private copy of a JSON value (what ``copy.deepcopy`` gives, several times faster)."""
    if isinstance(value, dict):
        return {key: _copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copy(item) for item in value]
    return value


def is_bundled(schema: Schema) -> bool:
    """Whether a schema is one of the bundled ones, unchanged (those are checked by the tests, so
    start-up can skip what the tests already proved)."""
    try:
        bundled = _bundled().get(schema.name)
    except SchemaProblem:  # pragma: no cover - a broken install
        return False
    return bundled is not None and bundled == (schema.uri, schema.contents)


def _others() -> dict[str, Any]:
    """URI -> a private copy of every bundled schema (callers may change what they get)."""
    return {uri: _copy(contents) for uri, contents in _bundled().values()}


_URL = r"[A-Za-z][A-Za-z0-9+.-]*://"
"""A schema named by URL (``https://...``, ``file://...``): refused, never fetched."""


def load_schema(
    spec: "str | Path | dict[str, Any] | bool" = DEFAULT_SCHEMA,
    *,
    resources: Mapping[str, Any] | None = None,
    schema_dirs: "Sequence[str | Path]" = (),
    base_dir: "str | Path | None" = None,
    confine: "Sequence[str | Path] | None" = None,
    documents: "Documents | None" = None,
) -> Schema:
    """Load a schema, checked against its metaschema, with every resource its ``$ref``\\ s reach.
    ``spec`` is one of

    * a bundled schema's name (``AddSessionToCasefileResponse``);
    * a schema file's path;
    * an entry point ``FILE#/json/pointer`` (RFC 6901, percent-decoded): the subschema there, its
      ``$ref``\\ s resolved against the whole file, e.g. ``schema.json#/$defs/Session`` or
      ``openapi.json#/components/schemas/CreateCasefileResponse`` (an OpenAPI 3.0 or 3.1
      document must be given so; see :mod:`validator.contracts.openapi`).  Its :attr:`Schema.name`
      is the pointer's last token (``Session``), its contents ``{"$schema": ..., "$ref":
      "FILE#/..."}`` with the whole file among the resources;
    * ``py:package.module:Model``: a pydantic model's JSON Schema
      (:mod:`validator.contracts.pydantic_models`);
    * the schema itself (a dict or a boolean): a private copy, checked, named ``schema`` (see
      :mod:`validator.contracts.given_schema`).

    Only a ``str`` has a fragment (a :class:`~pathlib.Path` is a file, ``#`` and all; so is a
    file whose whole name holds a ``#``).

    Relative paths (in ``spec`` and ``schema_dirs``) are resolved against ``base_dir`` (the
    folder of the config file naming them; default: the working directory); a ``spec`` neither
    bundled nor found there is looked for in ``schema_dirs`` (``NAME`` as ``NAME.json``, or a
    path).  A ``$ref`` that the registry (the bundled schemas, ``resources`` and the schema
    itself) does not hold is looked up among the schema files beside the schema's file and in
    ``schema_dirs`` (see :mod:`validator.contracts.schema_files`); nothing is fetched, and no file
    outside those folders is read.

    ``confine``: the folders the schema file must lie in (symbolic links resolved; a config's
    folder, say); a file outside them is not read (``SchemaUnreadable``, a
    :class:`~validator.problems.SchemaProblem`), nor one that is not a regular file of at most
    ``MAX_SCHEMA_BYTES`` (64 MiB).  ``documents``: read each file once (see
    :mod:`validator.contracts.documents`).

    >>> load_schema().name, load_schema({"type": "string"}).name
    ('AddSessionToCasefileResponse', 'schema')
    """
    bundled = _bundled()

    def extra() -> dict[str, Any]:  # copied only when used: not for a file read already
        return {**_others(), **(resources or {})}

    documents = None if resources else documents  # resources of one's own: not shared
    if not isinstance(spec, (str, os.PathLike)):  # a dict, a boolean (or a TypeError)
        from validator.contracts.given_schema import load_given  # with its $refs' files (by $id)

        made = lambda: from_contents(_copy(spec), resources=extra())  # noqa: E731 - checked after
        return load_given(spec, schema_dirs, base_dir, made)
    if (key := os.fspath(spec)) in bundled:
        uri, contents = bundled[key]
        return Schema(key, uri, _copy(contents), extra())
    if isinstance(spec, str) and key.startswith("py:"):
        from validator.contracts.pydantic_models import model_schema

        contents = model_schema(key[3:])
        return from_contents(contents, name=key[3:].rpartition(":")[2] or key, resources=extra())
    from pathlib import Path

    base = Path(base_dir) if base_dir is not None else None
    dirs = [_within(base, d) for d in schema_dirs]
    path, given, fragment = _locate(spec, key, base, dirs, bundled)
    if confine is not None:
        _confined(path, key, (*confine, _folder()))  # the bundled schemas too
    return _from_file(path, key, given, fragment, dirs, extra, documents)


def _from_file(
    path: "Path",
    key: str,
    given: str,
    fragment: str | None,
    dirs: "list[Path]",
    extra: Callable[[], dict[str, Any]],
    documents: "Documents | None",
) -> Schema:
    """:func:`load_schema` of a schema file (``extra()``: the other resources), through
    ``documents`` (see :mod:`validator.contracts.documents`)."""
    from validator.contracts.documents import Documents, discover_files, resources_of

    documents = documents or Documents()
    stamp = documents.stamp(path)
    fresh = documents.parsed(path, stamp)
    contents, target, pointer = _entry(fresh, path, key, given, fragment, documents, stamp)
    uri = documents.once((stamp, "uri", id(contents)), lambda: uri_of(contents, path))
    if pointer is None:
        name, root, root_uri = path.stem, contents, uri
    else:
        name, root, root_uri = _pointed(contents, target, path, uri, key, pointer)
    shared = pointer is not None and contents is not fresh  # an OpenAPI document's schemas
    part = (stamp, "resources", id(contents) if shared else key, *map(str, dirs))
    made = documents.once(part, lambda: resources_of(extra(), uri, contents, pointer, shared))
    schema = Schema(name, root_uri, root, made[0], str(path) if pointer is None else "")
    if made[1]:  # some $ref: the files they reach (found once for the document's schemas)
        found = documents.found((*part, "found"), lambda: discover_files(schema, made[0], (
            uri, contents, path.resolve()), dirs, pointer))  # fmt: skip
        if found:  # some reference leads nowhere: refuse those of this entry point
            from validator.contracts.references import _Walk

            _Walk(schema, explain=found[0], place=found[1]).run()
    return schema


def read_document(
    spec: str,
    *,
    schema_dirs: "Sequence[str | Path]" = (),
    base_dir: "str | Path | None" = None,
    confine: "Sequence[str | Path] | None" = None,
    documents: "Documents | None" = None,
) -> Any:
    """The parsed contents of the file ``spec`` names (no fragment), found and read as
    :func:`load_schema` finds and reads a schema file (the same
    folders, confinement, limits); through ``documents``, once."""
    from pathlib import Path

    base = Path(base_dir) if base_dir is not None else None
    path, _, _ = _locate(spec, spec, base, [_within(base, d) for d in schema_dirs], {})
    if confine is not None:
        _confined(path, spec, (*confine, _folder()))
    from validator.contracts.documents import Documents

    return (documents or Documents()).parsed(path)


def _locate(
    spec: "str | Path",
    key: str,
    base: "Path | None",
    dirs: "list[Path]",
    bundled: Mapping[str, Any],
) -> "tuple[Path, str, str | None]":
    """The schema file ``spec`` names (the path, the name given for it, the fragment after its
    ``#`` if any), or the :class:`~validator.problems.SchemaProblem` saying why there is none."""
    given, fragment = key, None
    if isinstance(spec, str) and "#" in key and not _within(base, key).exists():
        given, _, fragment = key.partition("#")
    if re.match(_URL, given) and not _within(base, given).exists():
        raise NoSuchSchema(
            f"{key}: schemas are never fetched (the toolkit works offline); save the schema to a "
            "file and pass its path",
            schema=key,
        )
    for folder in dirs:
        if not folder.is_dir():
            raise SchemaUnreadable(f"{folder}: schema dir is not a directory", schema=str(folder))
    path = schemas_dir() / f"{given}.json" if given in bundled else _within(base, given)
    if not path.exists() and not os.path.isabs(given):  # a relative name: the dirs too
        from validator.contracts.confined import in_dirs  # refuses a link out of its dir

        path = in_dirs(key, given, dirs) or path
    if not path.exists() and path.suffix != ".json" and "/" not in given and fragment is None:
        known = ", ".join(bundled) or "none"
        also = f", nor in a schema dir ({', '.join(map(str, dirs))})" if dirs else ""
        if not bundled:  # a document (an OpenAPI spec), never a bundled schema's name
            raise NoSuchSchema(f"{key}: no such file{also}", schema=key)
        raise NoSuchSchema(
            f"unknown schema {key!r}: not a bundled name ({known}) nor a file{also}", schema=key
        )
    if path.is_dir():
        raise SchemaUnreadable(f"{path}: is a directory, not a schema file", schema=key)
    return path, given, fragment


def _entry(
    contents: Any,
    path: "Path",
    key: str,
    given: str,
    fragment: str | None,
    documents: "Documents",
    stamp: tuple[Any, ...],
) -> tuple[Any, Any, str | None]:
    """A schema file's contents as they join the registry (an OpenAPI document prepared, any
    other schema checked against its metaschema), the schema the entry point names, and that
    entry point as a JSON Pointer (None: the whole file)."""
    is_openapi = False
    if isinstance(contents, dict) and ("openapi" in contents or "swagger" in contents):
        from validator.contracts.openapi import version_of
        from validator.contracts.openapi_entries import refuse_other_versions

        refuse_other_versions(contents, given)
        is_openapi = version_of(contents) is not None
    pointer = None if fragment is None else _pointer(fragment, key)
    if not is_openapi:
        documents.once((stamp, "checked"), lambda: check_schema(contents, str(path)))
        return contents, contents if pointer is None else _follow(contents, pointer, key), pointer
    from validator.contracts.openapi import prepare
    from validator.contracts.openapi_entries import Entries, names_a_schema, no_entry_point

    if pointer is None or pointer == "":
        raise no_entry_point(contents, given)
    target = _follow(contents, pointer, key)
    if not names_a_schema(pointer):
        raise no_entry_point(contents, given, pointer)
    origin = str(path)
    made = documents.once((stamp, "openapi", None), lambda: prepare(contents, origin))
    if pointer.startswith("/components/schemas/"):
        return made, target, pointer
    entries = documents.once((stamp, "entries"), lambda: Entries(contents, origin, made))
    if pointer in entries.placed:  # one copy for every such entry point (see Entries)
        return entries.sparse, target, pointer
    alone = documents.once((stamp, "openapi", pointer), lambda: prepare(contents, origin, pointer))
    return alone, target, pointer


def _pointed(
    contents: Any, target: Any, path: "Path", uri: str, key: str, pointer: str
) -> tuple[str, Any, str]:
    """The name, root and URI of the schema at ``pointer`` in a file: a root that refers there,
    in the file's dialect."""
    if not isinstance(target, (dict, bool)):
        raise NotASchema(f"{key}: not a schema (a JSON {_kind(target)})", schema=key)
    dialect = contents.get("$schema") if isinstance(contents, dict) else None
    tokens = pointer.split("/")
    name = _unescape(tokens[-1]) if pointer else path.stem
    root = {"$schema": dialect if isinstance(dialect, str) else _DIALECT}
    root["$ref"] = f"{uri}#{quote(pointer, safe=_SAFE)}"
    root_uri = f"urn:casefile-validator:entry:{quote(f'{path.name}#{pointer}', safe='')}"
    return name, root, root_uri


_DIALECT = "https://json-schema.org/draft/2020-12/schema"
_SAFE = "/~!$&'()*+,;=:@"
"""What a JSON Pointer in a URI fragment may hold as it is (RFC 3986's pchar)."""


def _confined(path: "Path", key: str, confine: "Sequence[str | Path]") -> None:
    """:class:`~validator.problems.SchemaUnreadable` unless ``path`` (its links resolved) lies
    in one of the ``confine`` folders."""
    from validator.inputs.boundary import inside, real

    if not any(inside(path, real(folder)) for folder in confine):
        where = " or ".join(str(folder) for folder in confine[:-1])
        raise SchemaUnreadable(
            f"{key}: the schema file leads outside {where}: not read (a config's schemas must "
            "lie in its folder or in a --schema-dir)",
            schema=key,
        )


def _within(base: "Path | None", given: "str | Path") -> "Path":
    from pathlib import Path

    path = Path(given)
    return base / path if base is not None and not path.is_absolute() else path


def from_contents(
    contents: Any,
    *,
    uri: str = "urn:casefile-validator:schema",
    name: str = "schema",
    resources: Mapping[str, Any] | None = None,
) -> Schema:
    """A schema given as a Python object (checked against its metaschema)."""
    check_schema(contents, name)
    if isinstance(contents, dict) and isinstance(contents.get("$id"), str):
        uri = contents["$id"]
    return Schema(name, uri, contents, resources if resources is not None else _others())


__all__ += ["check_schema", "from_contents", "is_bundled", "read_document"]
