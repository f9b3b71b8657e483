"""Keyword locations in the user's terms for OpenAPI 3.0 schemas, and what ``--show-schema``
prints for an entry point.

An OpenAPI 3.0 schema is judged by its translation to JSON Schema 2020-12
(:mod:`validator.contracts.openapi`), which adds subschemas of its own: a ``format: int32``
becomes an ``if``/``then`` under ``allOf``, a ``discriminator`` an object check whose ``enum``
holds every value it accepts.  An engine reports the places of the translation
(``/$ref/allOf/0/allOf/4/then``), which exist nowhere in the user's document.  Each added
subschema carries a ``$comment`` naming the keyword it stands for
(:data:`~validator.contracts.openapi.TRANSLATED`); :class:`Terms` walks an engine's locations
through the translation and puts that keyword in place of the added part
(``/$ref/discriminator/mapping/dog/$ref/properties/bark/type``, ``#/components/schemas/Pet/
discriminator``), and a discriminator's ``enum`` failure lists the values it maps (its
``mapping`` and the components its branches name), not every component's name.  It runs only
for invalid documents of schemas that hold such a translation.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urldefrag, urljoin

from validator.contracts.integers30 import KEYWORD as INTEGER
from validator.contracts.integers30 import as_type, holds_translation
from validator.contracts.openapi import TRANSLATED
from validator.contracts.openapi_formats import translated_format

if TYPE_CHECKING:
    from validator.contracts.catalog import Schema

__all__ = ["Terms", "entry_target", "printed", "terms_for"]

_MISSING: Any = object()


def terms_for(schema: Schema) -> Terms | None:
    """The :class:`Terms` of a schema that holds an OpenAPI 3.0 translation, else None."""
    return Terms(schema) if holds_translation(schema.resources.values()) else None


def printed(schema: Schema) -> str:
    """What ``--show-schema`` and ``casefile-schemas show`` print: the schema selected
    (:func:`entry_target`, made self-contained) as indented JSON escaped for a terminal.  Both
    walks recurse once a level and a schema may nest as deep as the parser allows (1,024
    levels): within :func:`~validator.inputs.depth.deep_recursion`."""
    import json

    from validator.inputs.depth import deep_recursion
    from validator.sinks import json_text

    with deep_recursion():
        return json_text(json.dumps(entry_target(schema), indent=2, ensure_ascii=False))


def entry_target(schema: Schema) -> Any:
    """What an entry point (``FILE#/pointer``) names, as it is judged (an OpenAPI 3.0 schema
    translated), with the dialect that judges it as its ``$schema`` (the document's, 2020-12 for
    a translation) when it says none; any other schema as it is.  What is only a ``$ref`` (an
    operation's response schema, ``{"$ref": "#/components/schemas/Pet"}``) is followed to the
    schema it names, as the judging follows it: the output names no place it does not hold.

    ``$schema`` rather than a comment line before the JSON: the output stays one JSON value
    that a reader, ``jq`` or another validator takes as it is, and says its dialect in the
    keyword JSON Schema itself reads it from.  Every schema the printed one reaches by ``$ref``
    is in its ``$defs`` (:func:`~validator.contracts.bundle.self_contained`): the output's
    ``$ref``\\ s resolve inside it."""
    from validator.contracts.bundle import self_contained  # its $refs' targets in its $defs

    contents = schema.contents
    if not (schema.uri.startswith("urn:casefile-validator:entry:") and isinstance(contents, dict)):
        return self_contained(schema, contents, schema.uri)
    terms = Terms(schema)
    found = terms.resolve(contents.get("$ref"), schema.uri)
    if found is None:
        return contents
    first, seen = found[1], set()
    while _bare_ref(found[0]) and id(found[0]) not in seen:  # a response's {"$ref": ...}: its
        seen.add(id(found[0]))  # target, as the judging reaches it (not a $ref that the
        further = terms.resolve(found[0]["$ref"], found[1])  # output cannot resolve)
        if further is None:
            break
        found = further
    target, dialect = found[0], contents.get("$schema")
    resource = schema.resources.get(found[1]) if found[1] != first else None
    if isinstance(resource, dict) and isinstance(resource.get("$schema"), str):
        dialect = resource["$schema"]  # a $ref followed into a file of another dialect
    target = self_contained(schema, target, found[1], dialect)
    if isinstance(target, dict) and "$schema" not in target and isinstance(dialect, str):
        return {"$schema": dialect, **target}
    return target


def _bare_ref(node: Any) -> bool:
    """Whether a schema is a ``$ref`` alone (and at most a ``$schema`` or a ``$comment``)."""
    return (
        isinstance(node, dict) and "$ref" in node and node.keys() <= {"$ref", "$schema", "$comment"}
    )


def _marker(node: Any) -> str | None:
    comment = node.get("$comment") if isinstance(node, dict) else None
    if isinstance(comment, str) and comment.startswith(TRANSLATED):
        return comment[len(TRANSLATED) :]
    return None


def _child(node: Any, token: str) -> Any:
    if isinstance(node, dict):
        return node.get(token, _MISSING)
    if isinstance(node, list) and token.isdigit() and int(token) < len(node):
        return node[int(token)]
    return _MISSING


def _tokens(pointer: str) -> list[str]:
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]]


def _pointer(tokens: list[str]) -> str:
    return "".join("/" + t.replace("~", "~0").replace("/", "~1") for t in tokens)


class Terms:
    """Rewrites an engine's findings into the user's terms (see the module's doc)."""

    def __init__(self, schema: Schema) -> None:
        self.schema = schema

    def resolve(self, ref: Any, base: str) -> tuple[Any, str] | None:
        """The schema a ``$ref`` names (and its resource's URI), or None."""
        if not isinstance(ref, str):
            return None
        try:
            uri, fragment = urldefrag(urljoin(base, ref))
        except ValueError:  # not a URI reference ("http://[x")
            return None
        document = self.schema.resources.get(uri, _MISSING)
        if uri == self.schema.uri:
            document = self.schema.contents
        for token in _tokens(unquote(fragment)):
            document = _child(document, token)
        return None if document is _MISSING else (document, uri)

    def _walk(self, node: Any, tokens: list[str], base: str) -> tuple[list[str], Any]:
        """The tokens in the user's terms, and the discriminator or format check the last
        failure is inside (None when it is not)."""
        out: list[str] = []
        added: int | None = None  # where the part the translation added starts in ``out``
        check = None
        for at, token in enumerate(tokens):
            if token == "$ref" and isinstance(node, dict) and "$ref" in node:
                found = self.resolve(node["$ref"], base)
                if found is None:
                    return out + tokens[at:], None
                (node, base), added, check = found, None, None
                out.append(token)
                continue
            child = _child(node, token)
            while child is _MISSING and isinstance(node, dict) and "$ref" in node:
                found = self.resolve(node["$ref"], base)  # a path that leaves a $ref out
                if found is None:
                    break
                (node, base), added, check = found, None, None
                child = _child(node, token)
            if child is _MISSING:
                return out + tokens[at:], None
            marker = _marker(child)
            if marker is not None:
                if added is None:
                    added = len(out) - 1 if out and out[-1] == "allOf" else len(out)
                del out[added:]
                out.extend(marker.split("/"))
                if marker == "discriminator" and check is not None:
                    return out, check  # an implicit name's branch: the user wrote no $ref there
                if marker in ("discriminator", "format") and check is None:
                    check = child  # the check itself (an implicit name's branch is marked so too)
            elif added is None:
                out.append(token)
            node = child
        return out, check

    def findings(self, found: list[Any]) -> list[Any]:
        """Each finding (a :class:`~validator.checking.convert.Finding`) in the user's terms."""
        return [self._finding(finding) for finding in found]

    def _finding(self, finding: Any) -> Any:
        location, absolute, failure = finding[1], finding[2], finding[3]
        if not location and not absolute:
            return finding
        root = self.schema.contents
        tokens, check = self._walk(root, _tokens(location), self.schema.uri)
        changes: dict[str, Any] = {"keyword_location": _pointer(_typed(tokens))}
        if absolute:
            uri, fragment = urldefrag(absolute)
            document = self.schema.resources.get(uri)
            if document is not None:
                shown, _ = self._walk(document, _tokens(unquote(fragment)), uri)
                changes["absolute_keyword_location"] = f"{uri}#{_pointer(_typed(shown))}"
        if translated_format(check) == "byte":  # the user's format, not the translation's
            changes["failure"] = failure._replace(keyword="format", details={"format": "byte"})
        elif _lacks_property(check, failure, tokens):  # OAS30Validator's words for it
            changes["failure"] = _missing(check, failure)
        elif check is not None and _marker(check) == "discriminator" and failure.keyword == "enum":
            options = _mapped(check)
            if options:
                details = {**failure.details, "options": options}
                changes["failure"] = failure._replace(details=details)
        elif failure.keyword == INTEGER or failure.branches:
            changes["failure"] = as_type(failure)  # OpenAPI 3.0's integer, as the type it is
        return finding._replace(**changes)


def _lacks_property(check: Any, failure: Any, tokens: list[str]) -> bool:
    """Whether a failure is a discriminator check's own ``required``: the document lacks the
    property (a component's ``required`` reported at the check names another one)."""
    if _marker(check) != "discriminator" or failure.keyword != "required":
        return False
    return tokens[-1:] == ["discriminator"] and failure.details.get("property") in check["required"]


def _missing(check: dict[str, Any], failure: Any) -> Any:
    """The failure of a document without a discriminator's property, in OpenAPI's words."""
    [name] = check["required"]
    shown = json.dumps(name, ensure_ascii=False)
    said = f"missing the discriminating property {shown}"
    return failure._replace(keyword="discriminator", details={"property": name}, fallback=said)


def _typed(tokens: list[str]) -> list[str]:
    """The tokens of a keyword location, OpenAPI 3.0's integer keyword named ``type`` (the
    keyword of the user's schema object it stands for)."""
    return [*tokens[:-1], "type"] if tokens and tokens[-1] == INTEGER else tokens


def _mapped(check: dict[str, Any]) -> list[Any]:
    """The values a discriminator check maps to a schema: its ``mapping``'s and those of the
    components its branches name (not every component's name, which it also accepts)."""
    values = []
    for branch in check.get("allOf") or []:
        if _marker(branch) not in (None, "discriminator"):
            condition = branch.get("if", {}).get("properties", {})
            values += [each["const"] for each in condition.values() if "const" in each]
    return values
