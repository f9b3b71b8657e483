"""Schema files and model docs found in a folder, read only inside it.

A folder named on the command line is trusted; what it holds comes from the repository.  So what
a folder's walk finds, or a name resolves to in a folder, is used only when it lies in that
folder, links resolved (:func:`validator.inputs.boundary.inside`), and is read only as a regular
file of at most :data:`~validator.inputs.boundary.MAX_SCHEMA_BYTES`, without blocking
(:func:`validator.contracts.schema_files.read_schema_file`).  A link that leads out is refused in
one line naming it, in the words casefile-validate's walk uses
(:func:`validator.inputs.sources.outside_message`).  These are the folders of
``casefile-schemas`` (a DOC folder, ``--dir``) and the schema dirs a schema is looked up in by
name (``--schema-dir``).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from validator.contracts.schema_files import escaping_message, read_schema_file
from validator.inputs.boundary import inside, real
from validator.inputs.sources import outside_message
from validator.problems import SchemaUnreadable

__all__ = [
    "DIR",
    "found_docs",
    "in_dirs",
    "inside_or_refused",
    "read_doc_bytes",
    "read_stored",
    "stored_names",
]

DIR = "the --dir folder"
"""What ``--dir`` is, in the line refusing a link out of it."""


def _outside(path: str | Path, folder: str | Path, what: str) -> str:
    return f"{path}: {outside_message(str(folder), what)}"


def inside_or_refused(path: Path, folder: Path, what: str) -> Path:
    """``path``, found in ``folder`` (``what`` it is); :class:`~validator.problems.SchemaUnreadable`
    when it leads outside the folder."""
    if not inside(path, real(folder)):
        raise SchemaUnreadable(_outside(path, folder, what), schema=str(path))
    return path


def in_dirs(key: str, given: str, dirs: Sequence[Path]) -> Path | None:
    """The schema file named ``given`` (``NAME`` as ``NAME.json``, or ``sub/FILE.json``) in the
    first schema dir that holds one; :class:`~validator.problems.SchemaUnreadable` when the one
    found leads outside its dir (the words of a ``$ref`` that does: ``key`` names the schema)."""
    for folder in dirs:
        for candidate in (folder / given, folder / f"{given}.json"):
            if not candidate.is_file():
                continue
            boundary = real(folder)
            if not inside(candidate, boundary):
                where = real(candidate)
                raise SchemaUnreadable(
                    escaping_message(f"{key}: {candidate}", where, boundary), schema=key
                )
            return candidate
    return None


def stored_names(folder: str | Path) -> tuple[list[str], list[str]]:
    """The schema names a ``--dir`` folder holds (its ``*.json`` files, sorted), and a line for
    each ``*.json`` entry that is not used: a link out of the folder, or no regular file."""
    boundary = real(folder)
    names: list[str] = []
    problems: list[str] = []
    with os.scandir(folder) as scan:
        entries = sorted((e for e in scan if e.name.endswith(".json")), key=lambda e: e.name)
    for entry in entries:
        path = Path(folder) / entry.name
        if entry.is_symlink() and not inside(entry.path, boundary):
            problems.append(_outside(path, folder, DIR))
        elif entry.is_file():
            names.append(entry.name[: -len(".json")])
        elif not entry.is_dir():
            problems.append(f"{path}: cannot read schema: not a regular file")
    return names, problems


def read_stored(path: Path, folder: Path) -> bytes | None:
    """The bytes of the stored schema file ``path`` of ``folder`` (``--dir``), or None when there
    is none; :class:`~validator.problems.SchemaUnreadable` when it leads outside the folder, is
    not a regular file, is too large or cannot be read."""
    if not os.path.lexists(path):
        return None
    return read_schema_file(inside_or_refused(path, folder, DIR))


def read_doc_bytes(path: str, named: bool) -> bytes:
    """The bytes of a model doc, at most :data:`~validator.inputs.boundary.MAX_SCHEMA_BYTES`
    (:class:`~validator.inputs.boundary.TooLarge` past them): one found in a folder only as a
    regular file, opened without blocking (:class:`~validator.inputs.boundary.NotRegular`);
    one ``named`` on the command line as named (a named pipe is read, as casefile-validate
    reads a document named so)."""
    from validator.inputs.boundary import MAX_SCHEMA_BYTES, read_regular
    from validator.inputs.sources import _read_whole

    return (_read_whole if named else read_regular)(path, MAX_SCHEMA_BYTES)


def found_docs(inputs: Sequence[str]) -> tuple[list[str], list[str]]:
    """The model docs named: files as given (read as named, wherever they are), folders walked
    for ``*.md`` (sorted, recursively), as casefile-validate walks a folder: a link that leads
    out of the folder, or a match that is not a regular file, becomes a problem line, as does a
    folder without any doc.  A doc named twice (a file inside a folder also given) counts once."""
    from validator.inputs.sources import _walk  # the walk of a folder named, and its refusals

    found: dict[str, str] = {}
    problems: list[str] = []
    for given in inputs:
        if not os.path.isdir(given):
            found.setdefault(os.path.realpath(given), given)
            continue
        walked = _walk(given, suffixes=(".md",))
        if not walked:
            problems.append(f"{given}: no model doc (*.md) in this folder")
        for item in sorted(walked, key=lambda i: Path(i if isinstance(i, str) else i.source)):
            if isinstance(item, str):
                found.setdefault(os.path.realpath(item), item)
            else:
                problems.append(f"{item.source}: {item.problem}")
    return list(found.values()), problems
