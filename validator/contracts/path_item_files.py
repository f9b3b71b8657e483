"""Path items given by ``$ref`` to another file (``paths: {/pets: {$ref: paths/pets.yaml}}``, the
"split" layout of Redocly and swagger-cli): not followed, and said so.

An operation is an entry point into its OpenAPI document (``api.yaml#/paths/...``): the document
says the OpenAPI version that reads its schemas, and every ``$ref`` of a response schema
is resolved from it.  A path item in another file is a plain YAML or JSON file, whose schemas
would be read with neither, and whose operations a recording's routes, ``casefile-schemas
list`` and the coverage of operations would each have to read on their own.  So such a path
item is not followed (as a response's ``$ref`` to another file is not), but never silently:
``casefile-schemas list`` shows its path ``(a $ref to paths/pets.yaml: not followed)``, an
``--operation 'GET /pets'`` is exit 2 saying why, and an ``--operation`` that names no operation
of the document names the path items not followed.  A ``$ref`` within the document
(``#/components/pathItems/Pets``) is followed (:mod:`validator.contracts.operations`).
"""

from __future__ import annotations

from typing import Any

from validator.problems import NoSuchSchema

__all__ = ["described", "elsewhere", "not_followed", "refuse_elsewhere", "unfollowed_note"]

_HOW = (
    "path items are read from the document only: write it there, or under "
    "#/components/pathItems and refer to that"
)


def not_followed(contents: Any) -> list[tuple[str, str]]:
    """Each path (as written) whose path item is a ``$ref`` to another file, and that ``$ref``."""
    paths = contents.get("paths") if isinstance(contents, dict) else None
    found = []
    for path, item in paths.items() if isinstance(paths, dict) else ():
        ref = item.get("$ref") if isinstance(item, dict) else None
        if isinstance(ref, str) and not ref.startswith("#"):
            found.append((str(path), ref))
    return found


def described(contents: Any) -> list[str]:
    """The lines ``casefile-schemas list`` shows for them."""
    return [f"{path} (a $ref to {ref}: not followed)" for path, ref in not_followed(contents)]


def elsewhere(contents: Any, path: str) -> str | None:
    """Why the path item of ``path`` documents no operation here, when it is a ``$ref`` to
    another file (a recorded exchange on that path: :mod:`validator.contracts.routes`)."""
    for written, ref in not_followed(contents):
        if written == path:
            return f"its path item is a $ref to another file ({ref!r}): not followed"
    return None


def refuse_elsewhere(contents: Any, given: str, operation: str, path: str | None) -> None:
    """Refuse ``operation`` (``METHOD /path``: ``path``) when the path item of ``path`` is a
    ``$ref`` to another file (not followed: :class:`NoSuchSchema` saying so)."""
    for written, ref in not_followed(contents) if path is not None else ():
        if written == path:
            raise NoSuchSchema(
                f"{given}: {operation!r}: the path item {written} is a $ref to another file "
                f"({ref!r}): not followed; {_HOW}",
                schema=given,
            )


def unfollowed_note(contents: Any) -> str:
    """What a "no operation" line adds when some path items were not followed."""
    found = not_followed(contents)
    if not found:
        return ""
    shown = ", ".join(f"{path} ({ref!r})" for path, ref in found[:6])
    more = f" and {len(found) - 6} more" if len(found) > 6 else ""
    return f"; path items given by $ref to another file are not followed: {shown}{more}"
