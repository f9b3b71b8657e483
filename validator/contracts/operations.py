"""Responses named by their operation: ``--openapi api.json --operation addSession`` is the
entry point ``api.json#/paths/~1casefiles~1{id}~1sessions/post/responses/201/content/
application~1json/schema``, found here and then loaded as any ``FILE#/pointer`` is
(:func:`validator.contracts.catalog.load_schema`: the same OpenAPI 3.0/3.1 semantics, the same
``$ref`` containment, nothing fetched).

* The operation: its ``operationId``, or ``"METHOD /path/template"`` (the method in any case),
  among the operations under ``paths`` (``webhooks`` are requests made by the API, not
  responses it gives: not looked up, but an ``operationId`` of theirs is named as such).  Two
  operations of one ``operationId`` are the document's error.  A path item given by ``$ref``
  (``#/components/pathItems/Item``) is followed, within the document only (one given by
  ``$ref`` to another file is not, and said so: :mod:`validator.contracts.path_item_files`).
* The status: the one documented 2xx response when none is given (several: name one); a code
  given is looked up as written, then its range (``2XX``), then ``default``; a range given where
  only its codes are documented names them.  A response given by ``$ref`` is followed, within
  the document only.
* The media type: the one JSON type (``application/json``, any ``application/*+json``; the
  parameters after ``;`` ignored) when none is given.
* A response without ``content`` (a 204) documents no body, and a media type without a
  ``schema`` documents no shape: both are refused (exit 2), not taken to accept anything."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from validator.contracts.operation_hints import ASK
from validator.contracts.operation_hints import listed as _listed
from validator.contracts.operation_status import response_key
from validator.contracts.path_item_files import described, refuse_elsewhere, unfollowed_note
from validator.problems import NoSuchSchema, NotASchema

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from validator.contracts.documents import Documents

__all__ = ["METHODS", "Operation", "describe", "entry_point", "find_operation", "operations"]

_HOOK = "not checked (a request the API makes, not a response it sends)"
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
"""The HTTP methods an OpenAPI path item may document, in the specification's order."""


class Operation(NamedTuple):
    """One operation of a document: ``method`` in lower case, the path template, the
    ``operationId`` (None without one), the operation object and its JSON Pointer."""

    method: str
    path: str
    operation_id: str | None
    node: dict[str, Any]
    pointer: str

    @property
    def label(self) -> str:
        """``METHOD /path``, as the user may name it."""
        return f"{self.method.upper()} {self.path}"

    @property
    def name(self) -> str:
        """The ``operationId``, else ``METHOD /path``."""
        return self.operation_id or self.label


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def operations(contents: Any, given: str, under: str = "paths") -> list[Operation]:
    """The operations under ``paths`` (or ``webhooks``: their names as paths), in document
    order; :class:`NotASchema` for an ``operationId`` that two operations share."""
    paths = contents.get(under) if isinstance(contents, dict) else None
    found: list[Operation] = []
    seen: dict[str, Operation] = {}
    for path, item in paths.items() if isinstance(paths, dict) else ():
        item, where = _path_item(contents, item, f"/{under}/{_escape(str(path))}", given)
        if not isinstance(item, dict):
            continue
        for method in METHODS:
            node = item.get(method)
            if not isinstance(node, dict):
                continue
            named = node.get("operationId")
            named = named if isinstance(named, str) else None
            pointer = f"{where}/{method}"
            operation = Operation(method, path, named, node, pointer)
            if named is not None and named in seen:
                raise NotASchema(
                    f"{given}: operationId {named!r} is used twice, by "
                    f"{seen[named].label} and {operation.label} (the document's error: "
                    "operationIds are unique)",
                    schema=given,
                )
            if named is not None:
                seen[named] = operation
            found.append(operation)
    return found


def _path_item(contents: Any, item: Any, pointer: str, given: str) -> tuple[Any, str]:
    """A path item and its pointer, through its ``$ref`` (``#/components/pathItems/...``,
    within the document only; the fields beside the ``$ref`` are not merged in); None for one
    that leads elsewhere or nowhere (its path documents no operation)."""
    from validator.problems import SchemaProblem

    try:
        return _follow(contents, item, pointer, given, "path item")
    except SchemaProblem:
        return None, pointer


def names_of(found: Sequence[Operation]) -> list[str]:
    """Each operation's name (its ``operationId``, else ``METHOD /path``)."""
    return [operation.name for operation in found]


def find_operation(contents: Any, operation: str, given: str) -> Operation:
    """The operation named ``operation`` (an ``operationId`` or ``METHOD /path``), or
    :class:`~validator.problems.NoSuchSchema` with a did-you-mean."""
    found = operations(contents, given)
    method, space, path = operation.strip().partition(" ")
    by_label = space and method.lower() in METHODS and path.strip().startswith("/")
    for candidate in found:
        if by_label and (candidate.method, candidate.path) == (method.lower(), path.strip()):
            return candidate
        if not by_label and candidate.operation_id == operation:
            return candidate
    from validator.contracts.operation_hints import path_hint, webhook_hint

    refuse_elsewhere(contents, given, operation, path.strip() if by_label else None)
    hook = None if by_label else webhook_hint(operations(contents, given, "webhooks"), operation)
    if hook is not None or not found:
        none = "documents no operations" + (unfollowed_note(contents) or " (its paths are empty)")
        said = f"{given}: {hook or none}"
        raise NoSuchSchema(said, schema=given)
    from validator.near_miss import suggest

    spellings = [o.operation_id for o in found if o.operation_id] + [o.label for o in found]
    hint = suggest(operation, spellings)
    tip = f"; did you mean {hint!r}?" if hint else f" (it has {_listed(names_of(found))})"
    bare = operation.strip() if operation.strip().startswith("/") else ""  # a path, no method
    if by_label or bare:  # the path's shape first: a parameter named otherwise, a concrete path
        tip = path_hint(found, method if by_label else "", bare or path.strip()) or tip
    said = f"{given}: no operation {operation!r}{tip}{'' if hint else unfollowed_note(contents)}"
    raise NoSuchSchema(said, schema=given)


def _follow(
    contents: Any, node: Any, pointer: str, given: str, what: str = "response"
) -> tuple[Any, str]:
    """A response object (or ``what`` else) and its pointer, through its ``$ref``\\ s (within
    the document)."""
    from validator.near_miss import pointer_miss

    seen = {pointer}
    for _ in range(_HOPS):
        ref = node.get("$ref") if isinstance(node, dict) else None
        if not isinstance(ref, str):
            return node, pointer
        if not ref.startswith("#/"):
            raise NotASchema(
                f"{given}#{pointer}: the {what}'s $ref {ref!r} leads outside the document: "
                f"not followed (only #/components/{_PLACES.get(what, what)}/... is)",
                schema=given,
            )
        from urllib.parse import unquote

        pointer = unquote(ref[1:])
        if pointer in seen:
            raise NotASchema(
                f"{given}#{pointer}: the {what}'s $refs go round in a cycle", schema=given
            )
        seen.add(pointer)
        miss = pointer_miss(contents, pointer)
        if miss is not None:
            raise NoSuchSchema(
                f"{given}: the {what}'s $ref {ref!r}: the file has {miss}", schema=given
            )
        node = contents
        for token in pointer.split("/")[1:]:
            token = token.replace("~1", "/").replace("~0", "~")
            node = node[int(token)] if isinstance(node, list) else node[token]
    raise NotASchema(
        f"{given}#{pointer}: the {what}'s $refs go on for more than {_HOPS} steps: not followed",
        schema=given,
    )


_HOPS = 32
"""The ``$ref``\\ s followed from one response (or path item) to the object they name."""
_PLACES = {"response": "responses", "path item": "pathItems"}
"""Where the components that a ``$ref`` of each kind of object may name are kept."""


def _is_json(media_type: str) -> bool:
    base = media_type.partition(";")[0].strip().lower()
    kind, _, sub = base.partition("/")
    return kind == "application" and (sub == "json" or sub.endswith("+json"))


def _media_type(
    content: dict[str, Any], media_type: str | None, where: str, given: str, via: str = "cli"
) -> str:
    """The key of the media type ``media_type`` names (the one JSON type when None)."""
    types = [str(key) for key in content]
    if media_type is None:
        chosen = [key for key in types if _is_json(key)]
        if len(chosen) == 1:
            return chosen[0]
        how = "several JSON media types" if chosen else "no JSON media type"
        raise NoSuchSchema(
            f"{where} documents {how} (it has {_listed(types)}): {ASK[via][1]}",
            schema=given,
        )
    wanted = media_type.partition(";")[0].strip().lower()
    for key in types:
        if key == media_type or key.partition(";")[0].strip().lower() == wanted:
            return key
    raise NoSuchSchema(
        f"{where} documents no {media_type} body (it has {_listed(types)})", schema=given
    )


def response_pointer(
    contents: Any,
    operation: Operation,
    status: str | None = None,
    media_type: str | None = None,
    given: str = "",
    via: str = "cli",
) -> tuple[str, str]:
    """The JSON Pointer of the response schema (status and media type chosen as the module's
    docstring says), and the response's status key (``via``: where the messages are read,
    :data:`~validator.contracts.operation_hints.ASK`)."""
    key = response_key(operation, status, given, via)
    pointer = f"{operation.pointer}/responses/{_escape(key)}"
    response, pointer = _follow(contents, operation.node["responses"][key], pointer, given)
    where = f"{given}: {operation.name} response {key}"
    content = response.get("content") if isinstance(response, dict) else None
    if not isinstance(content, dict) or not content:
        raise NotASchema(f"{where} documents no body (it has no content)", schema=given)
    chosen = _media_type(content, media_type, where, given, via)
    media = content[chosen]
    if not isinstance(media, dict) or "schema" not in media:
        raise NotASchema(f"{where} documents no schema for {chosen}", schema=given)
    return f"{pointer}/content/{_escape(chosen)}/schema", key


def read_openapi(
    spec: str,
    *,
    schema_dirs: Sequence[str | Path] = (),
    base_dir: str | Path | None = None,
    confine: Sequence[str | Path] | None = None,
    documents: Documents | None = None,
) -> dict[str, Any]:
    """An OpenAPI 3.x document, read as a schema file is read; :class:`NotASchema` for any
    other (a Swagger 2.0 document is named as such)."""
    from validator.contracts.catalog import read_document

    contents = read_document(
        spec, schema_dirs=schema_dirs, base_dir=base_dir, confine=confine, documents=documents
    )
    return openapi_document(contents, spec)


def openapi_document(contents: Any, spec: str) -> dict[str, Any]:
    """``contents`` if it is an OpenAPI 3.x document, else :class:`NotASchema` (a Swagger 2.0
    document is named as such)."""
    from validator.contracts.openapi import version_of
    from validator.contracts.openapi_entries import refuse_other_versions

    refuse_other_versions(contents, spec)
    if version_of(contents) is None:
        raise NotASchema(
            f'{spec} is not an OpenAPI document (it has no "openapi": "3.x")', schema=spec
        )
    assert isinstance(contents, dict)  # version_of says so
    return contents


def entry_point(
    spec: str,
    operation: str | None,
    status: str | None = None,
    media_type: str | None = None,
    *,
    schema_dirs: Sequence[str | Path] = (),
    base_dir: str | Path | None = None,
    confine: Sequence[str | Path] | None = None,
    documents: Documents | None = None,
    via: str = "cli",
) -> tuple[str, str]:
    """The ``SPEC#/pointer`` entry point of an operation's response schema, which
    :func:`~validator.contracts.catalog.load_schema` takes, and the name reports give it
    (``addSession 201``).  ``operation`` None: :class:`NoSuchSchema` listing the operations.
    ``via``: where the messages are read, as for :func:`response_pointer`."""
    if "#" in spec:  # the entry point SPEC#/pointer would be cut at its first "#"
        raise NoSuchSchema(f"{spec}: an OpenAPI document named with a # (rename it)", schema=spec)
    contents = read_openapi(
        spec, schema_dirs=schema_dirs, base_dir=base_dir, confine=confine, documents=documents
    )
    if operation is None:
        found = names_of(operations(contents, spec))
        raise NoSuchSchema(
            f"{spec}: --openapi without --operation is for recordings; name the operation that "
            f"payload documents answer with --operation (it has {_listed(found) or 'none'})",
            schema=spec,
        )
    chosen = find_operation(contents, operation, spec)
    pointer, key = response_pointer(contents, chosen, status, media_type, spec, via)
    return f"{spec}#{pointer.replace('%', '%25')}", f"{chosen.name} {key}"


def _responses(contents: Any, operation: Operation, given: str) -> str:
    """``201 application/json, 204 no body, ...``: an operation's documented responses."""
    from validator.problems import SchemaProblem

    responses = operation.node.get("responses")
    said = []
    for key, response in responses.items() if isinstance(responses, dict) else ():
        try:
            response, _ = _follow(contents, response, operation.pointer, given)
        except SchemaProblem as problem:  # why, as --operation says it: a cycle, another file
            text = str(problem)
            cut = text.find(": the response's ")
            said.append(f"{key} ({text[cut + 2 :] if cut >= 0 else 'a $ref leading nowhere'})")
            continue
        content = response.get("content") if isinstance(response, dict) else None
        types = ", ".join(map(str, content)) if isinstance(content, dict) and content else ""
        said.append(f"{key} {types or 'no body'}")
    return " | ".join(said) or "no responses"


def describe(spec: str, documents: Documents | None = None) -> list[str]:
    """The lines ``casefile-schemas list SPEC`` prints: each operation (``METHOD /path``, its
    ``operationId``) with its documented responses and their media types, those of its
    ``webhooks`` (requests the API makes: never checked), then the names of the document's
    ``components/schemas`` (read through ``documents``: which files are YAML)."""
    from validator.contracts.openapi_entries import schema_names

    contents = read_openapi(spec, documents=documents)
    lines = []
    for under, kind in (("paths", ""), ("webhooks", "webhook ")):
        for operation in operations(contents, spec, under):
            named = f" ({operation.operation_id})" if operation.operation_id else ""
            said = _responses(contents, operation, spec) if not kind else _HOOK
            lines.append(f"{kind}{operation.label}{named}: {said}")
        lines += [] if kind else described(contents)  # path items in other files
    names = schema_names(contents)
    lines.append(f"components/schemas: {', '.join(names) or 'none'}")
    return lines
