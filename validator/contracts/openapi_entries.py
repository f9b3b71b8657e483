"""An OpenAPI document's entry points: which JSON Pointers name a schema, the problem of a
document given without one, and the one copy of the document that its entry points outside
``components/schemas`` share.

The schemas of ``components/schemas`` join the registry in one copy of the document for all of
them (:func:`validator.contracts.openapi.prepare`, made once per file by
:class:`~validator.contracts.documents.Documents`).  An entry point elsewhere (an operation's
response schema, ``--schema api.yaml#/paths/...``, each response a recording names) used to get
a copy of its own, with every component translated, checked and walked again: 0.14 s and 3-5 MB
an operation on a spec of 120 components.  :class:`Entries` is the one copy of the document with
every such schema placed at its pointer, made when the first of them is named: its entry points
share one registry, one ``$ref`` walk and one native compile, as the components' do.  It is made
whole and never changed afterwards (other threads may be walking it).  A schema it could not
place (one that is not valid, say) and a pointer inside a placed schema get a copy of their own
as before, which says what is wrong exactly where it is.
"""

from __future__ import annotations

from typing import Any

from validator.contracts.openapi import entry_schema, version_of
from validator.problems import NotASchema, OpenAPIDocument

__all__ = [
    "Entries",
    "component_pointers",
    "names_a_schema",
    "no_entry_point",
    "refuse_other_versions",
    "schema_pointers",
]


class Entries:
    """One copy of an OpenAPI document with its components (those of ``components``, the copy
    :func:`~validator.contracts.openapi.prepare` makes for them: the same objects) and every
    schema outside ``components/schemas`` placed at its pointer."""

    def __init__(self, contents: dict[str, Any], origin: str, components: dict[str, Any]) -> None:
        self.sparse: dict[str, Any] = {**components, "components": dict(components["components"])}
        self.placed: set[str] = set()
        """The pointers (as :func:`names_a_schema` takes them) of the schemas placed."""
        names = set(components["components"]["schemas"])
        for tokens in _schema_places(contents):
            pointer = _pointer(tokens)
            try:
                target = entry_schema(contents, origin, pointer, names)
            except (NotASchema, RecursionError):  # its own copy says what is wrong, if named
                continue
            node = self.sparse
            for token in tokens[:-1]:
                node = node.setdefault(token, {})
            node[tokens[-1]] = target
            self.placed.add(pointer)


def schema_pointers(contents: dict[str, Any]) -> list[str]:
    """The JSON Pointers of every ``schema`` member outside ``components/schemas``: in an
    :class:`Entries` copy, those of the schemas placed."""
    return [_pointer(tokens) for tokens in _schema_places(contents)]


def _pointer(tokens: list[str]) -> str:
    return "/" + "/".join(_escape(token) for token in tokens)


def _schema_places(contents: dict[str, Any]) -> list[list[str]]:
    """The tokens of every ``schema`` member outside ``components/schemas`` (a parameter's, a
    header's, a media type's), not looking inside schemas nor examples."""
    found: list[list[str]] = []
    todo: list[tuple[Any, list[str]]] = [(contents, [])]
    while todo:
        node, tokens = todo.pop()
        if isinstance(node, list):
            todo.extend((each, [*tokens, str(i)]) for i, each in enumerate(node))
            continue
        if not isinstance(node, dict):
            continue
        for key, value in node.items():
            if key in _SKIPPED or (tokens == ["components"] and key == "schemas"):
                continue
            if key == "schema" and isinstance(value, (dict, bool)) and tokens:
                found.append([*tokens, key])
            elif isinstance(value, (dict, list)):
                todo.append((value, [*tokens, key]))
    return found


_SKIPPED = frozenset({"example", "examples", "x-examples"})
"""Members that hold instances, not schemas."""


def refuse_other_versions(contents: Any, given: str) -> None:
    """Refuse a Swagger 2.0 document, or an OpenAPI document of a version other than 3.x (they
    would otherwise pass for schemas that accept everything)."""
    if not isinstance(contents, dict):
        return
    declared = contents.get("openapi")
    if isinstance(declared, (int, float)) and not isinstance(declared, bool):
        example = "3.0.3" if declared == 3.0 else "3.1.0"
        raise NotASchema(
            f'{given}: "openapi": {declared!r} is a number (YAML reads {declared!r} unquoted so):'
            f' write the version as a string, e.g. "{example}"',
            schema=given,
        )
    if isinstance(declared, str) and version_of(contents) is None:
        what = f"an OpenAPI {declared}"
    elif isinstance(contents.get("swagger"), str) and "openapi" not in contents:
        declared = contents["swagger"]
        what = f"a Swagger {declared}" + (" (OpenAPI 2.0)" if declared.startswith("2.") else "")
    else:
        return
    raise NotASchema(
        f"{given} is {what} document: only OpenAPI 3.0 and 3.1 documents are supported",
        schema=given,
    )


def schema_names(contents: dict[str, Any]) -> list[str]:
    components = contents.get("components")
    schemas = components.get("schemas") if isinstance(components, dict) else None
    return list(schemas) if isinstance(schemas, dict) else []


def no_entry_point(
    contents: dict[str, Any], given: str, pointer: str | None = None
) -> OpenAPIDocument:
    """The problem of an OpenAPI document given without a fragment naming one of its schemas
    (``pointer``: the fragment given, which names no schema)."""
    version = version_of(contents)
    names = schema_names(contents)
    if names:
        shown = ", ".join(names[:12]) + (f" and {len(names) - 12} more" if len(names) > 12 else "")
        first = f"{given}#/components/schemas/{_escape(names[0])}"
        hint = f"give one of its schemas, e.g. {first} (it has {shown})"
    else:
        hint = (
            f"it has no components/schemas: name a schema in it by its JSON Pointer ({given}#/...)"
        )
    what = (
        f"{given} is an OpenAPI {version} document, not a schema"
        if not pointer
        else f"{given}#{pointer} is no schema of an OpenAPI {version} document"
    )
    return OpenAPIDocument(f"{what}: {hint}", schema=given, names=tuple(names))


def names_a_schema(pointer: str) -> bool:
    """Whether a JSON Pointer into an OpenAPI document is at or inside a schema: a
    ``components/schemas`` entry, or a ``schema`` (of a parameter, a header, a media type)."""
    tokens = pointer.split("/")[1:]
    return (tokens[:2] == ["components", "schemas"] and len(tokens) >= 3) or "schema" in tokens


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def component_pointers(contents: Any) -> list[str]:
    """The pointers of an OpenAPI document's schemas (not subschemas of a JSON Schema keyword,
    so no walk over subresources reaches them)."""
    if not isinstance(contents, dict) or "openapi" not in contents:
        return []
    return ["/components/schemas/" + _escape(name) for name in schema_names(contents)]
