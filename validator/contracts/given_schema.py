"""A schema given by content (a dict, a boolean, a loaded
:class:`~validator.contracts.catalog.Schema`): its ``$ref``\\ s resolved at load time, as a
schema file's are.

A reference that the registry (the bundled schemas, the caller's ``resources``, the schema
itself) does not hold is looked up, by ``$id`` alone, among the schema files of the schema dirs
given (``schema_dirs=``, ``--schema-dir``; searched recursively).  A schema given by content has
no folder of its own: a relative reference names no file beside it, and without schema dirs no
file is read at all.  A reference that leads nowhere is a
:class:`~validator.problems.UnresolvableRef` at once, naming it and where it was looked for.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from validator.problems import NotASchema, SchemaUnreadable

__all__ = ["load_given", "refuse_non_json", "refuse_other_types", "with_files"]

ACCEPTED = (
    "a bundled schema's name, a path (str or os.PathLike), an entry point 'FILE#/json/pointer', "
    "'py:module:Model', or the schema itself as a dict or a boolean"
)
"""What :func:`~validator.contracts.catalog.load_schema` takes, told when it gets another type."""
S = TypeVar("S")
"""A :class:`~validator.contracts.catalog.Schema` (not imported: the catalog imports this)."""


def refuse_other_types(spec: Any, what: str = "load_schema(spec)", also: str = "") -> None:
    """A :class:`TypeError` naming what is accepted (and ``also``), for a ``spec`` of no
    accepted type."""
    if not isinstance(spec, (str, os.PathLike, dict, bool)) or isinstance(spec, tuple):
        raise TypeError(f"{what} takes {ACCEPTED}{also}; got {type(spec).__name__}")


def refuse_non_json(contents: Any, name: str = "schema") -> None:
    """A :class:`~validator.problems.NotASchema` (a ``SchemaProblem``) for a schema given by
    content that JSON cannot hold: an object key that is not a string, or a float that is not
    finite (NaN, infinity), named by its JSON pointer."""
    todo: list[tuple[Any, str]] = [(contents, "")]
    while todo:
        node, where = todo.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                if not isinstance(key, str):
                    shown = repr(key)[:60]
                    raise NotASchema(
                        f"{name}: the key {shown} at {where or '/'} is not a string "
                        "(JSON object keys are strings)",
                        schema=name,
                    )
                todo.append((value, f"{where}/{key.replace('~', '~0').replace('/', '~1')}"))
        elif isinstance(node, (list, tuple)):
            todo.extend((value, f"{where}/{index}") for index, value in enumerate(node))
        elif isinstance(node, float) and not math.isfinite(node):
            raise NotASchema(
                f"{name}: {node!r} at {where or '/'} is not a JSON number "
                "(JSON has no NaN or infinity)",
                schema=name,
            )


def load_given(
    spec: Any,
    schema_dirs: Sequence[str | os.PathLike[str]],
    base_dir: str | os.PathLike[str] | None,
    make: Callable[[], S],
) -> S:
    """:func:`~validator.contracts.catalog.load_schema` of a dict or a boolean: ``make()``
    gives it checked (a :class:`~validator.contracts.catalog.Schema`), its references then
    resolved through ``schema_dirs`` (relative ones against ``base_dir``)."""
    refuse_other_types(spec)
    refuse_non_json(spec)
    base = Path(base_dir) if base_dir is not None else Path()
    return with_files(make(), [base / d for d in schema_dirs])


def with_files(given: S, dirs: Sequence[Path]) -> S:
    """``given`` (a :class:`~validator.contracts.catalog.Schema`) with the files of ``dirs``
    its references reach among its resources; an :class:`~validator.problems.UnresolvableRef`
    listing the references that lead nowhere."""
    schema: Any = given
    for folder in dirs:
        if not folder.is_dir():
            raise SchemaUnreadable(f"{folder}: schema dir is not a directory", schema=str(folder))
    from validator.contracts.local_refs import only_local

    if only_local(schema.contents):
        return given
    from validator.contracts.broken_refs import Places
    from validator.contracts.openapi import prepare_file
    from validator.contracts.schema_files import Folders, discover

    root = (schema.uri, schema.contents, None)
    found = discover(schema.name, root, schema.resources, Folders(None, dirs), prepare_file)
    if found.resources:
        given = schema = schema._replace(resources={**schema.resources, **found.resources})
        from validator.contracts.file_reads import note, stamps

        read = [os.path.realpath(p) for p in dict.fromkeys(found.paths.values())]
        note(zip(read, stamps(read), strict=True))  # the API compiles again if one changes
    if found.broken:
        from validator.contracts.references import _Walk

        files = [(found.paths[uri], contents) for uri, contents in found.resources.items()]
        explain = found.misses.get if dirs else None  # none: nothing read, "no file reads"
        _Walk(schema, explain=explain, place=Places(files).place).run()
    return given
