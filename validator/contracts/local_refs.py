"""Whether a schema document refers only to itself: then no schema file needs to be found.

:func:`~validator.contracts.schema_files.discover` walks every subschema of a document with
``referencing`` and resolves each ``$ref`` to learn which files they reach and whether any leads
nowhere: on a large OpenAPI document (500 components, ~14,500 schema objects) that is a good part
of its loading.  Most documents (every generated one) refer only with ``#/...`` pointers into
themselves; :func:`only_local` says so from one plain walk over the document's values, each
distinct pointer followed once, and the walk is skipped: it would find no file (nothing is read
for a pointer into the document itself) and no reference that leads nowhere.

Its answer is conservative: anything it is not sure of (an ``$id`` below the root, which changes
what ``#`` means below it, or one at the root with a fragment; a ``$schema`` below the root, which
could name a dialect with another id keyword; a root dialect other than those whose id keyword is
``$id``; a reference that is not a ``#/`` pointer, or whose pointer does not plainly lead to an
object or a boolean) answers False, and the full walk runs, with its errors and its confinement,
as before.  A plain ``$id`` at the root (most stored schemas have one) only names the document.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

__all__ = ["only_local"]

_DIALECTS = frozenset(
    {
        "https://json-schema.org/draft/2020-12/schema",
        "https://json-schema.org/draft/2019-09/schema",
        "http://json-schema.org/draft-07/schema",
        "http://json-schema.org/draft-06/schema",
    }
)
"""The root dialects whose id keyword is ``$id`` (as ``referencing`` reads ``$schema``: trailing
``#`` aside); a document without ``$schema`` is read in draft 2020-12."""


def only_local(contents: Any) -> bool:
    """Whether every ``$ref`` and ``$dynamicRef`` string anywhere in ``contents`` is a ``#/``
    JSON Pointer that leads, in ``contents`` itself, to an object or a boolean, with nothing in
    ``contents`` that could make ``#`` mean another document (see the module's notes)."""
    if not isinstance(contents, dict):
        return False
    declared = contents.get("$schema", _DEFAULT)
    if not isinstance(declared, str) or declared.rstrip("#") not in _DIALECTS:
        return False
    followed: dict[str, bool] = {}
    todo: list[Any] = [contents]
    while todo:
        node = todo.pop()
        if isinstance(node, dict):
            if node is contents:
                if "$id" in node and not _plain_root_id(node["$id"]):
                    return False
            elif "$id" in node or "$schema" in node:
                return False
            for keyword in ("$ref", "$dynamicRef"):
                ref = node.get(keyword)
                if isinstance(ref, str):
                    found = followed.get(ref)
                    if found is None:
                        found = followed[ref] = _leads_somewhere(contents, ref)
                    if not found:
                        return False
            todo.extend(v for v in node.values() if isinstance(v, (dict, list)))
        else:
            todo.extend(v for v in node if isinstance(v, (dict, list)))
    return True


_DEFAULT = "https://json-schema.org/draft/2020-12/schema"


def _plain_root_id(declared: Any) -> bool:
    """Whether a root ``$id`` only names the document: a string with no fragment but an empty
    one.  ``#/...`` then still means the document itself (its base URI changes, not what the
    pointer leads to); an ``$id`` below the root starts another resource and is never plain."""
    return isinstance(declared, str) and "#" not in declared.rstrip("#")


def _leads_somewhere(contents: Any, ref: str) -> bool:
    """Whether ``ref`` is ``#/`` and a JSON Pointer (percent-decoded, as ``referencing`` reads a
    fragment) that plainly leads to an object or a boolean of ``contents``."""
    if not ref.startswith("#/"):
        return False
    node = contents
    for token in unquote(ref[1:]).split("/")[1:]:
        token = token.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict):
            if token not in node:
                return False
            node = node[token]
        elif isinstance(node, list):
            if not token.isdigit() or not token.isascii() or (token != "0" and token[0] == "0"):
                return False
            if int(token) >= len(node):
                return False
            node = node[int(token)]
        else:
            return False
    return isinstance(node, (dict, bool))
