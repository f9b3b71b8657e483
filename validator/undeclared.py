"""Warnings for undeclared properties: the keys a schema lets through without declaring them.

Wherever the schemas that apply to an object declare ``properties`` but none of them governs the
others (no ``additionalProperties`` or ``unevaluatedProperties`` other than ``true``/``{}``, no
``propertyNames``), a key declared nowhere (not in ``properties``, ``required``,
``dependentRequired`` nor matched by ``patternProperties`` of any schema that applies there) is a
warning: ``/payload/sesion_type: undeclared property; did you mean "session_type"?``.

"The schemas that apply" to a location are the schema reached there and everything it applies in
place: ``$ref``, ``allOf``, ``anyOf``, ``oneOf``, ``if``/``then``/``else``, ``dependentSchemas``
(every branch, whether or not the document takes it: a name declared by any branch is declared).
A location whose schemas cannot be read statically (``$dynamicRef``, ``$recursiveRef``, a
``$ref`` this module cannot resolve, a pattern Python cannot compile) gives no warning.

The schema is read once: each set of schemas that applies at some location becomes a
:class:`Node` (its declared names as a frozenset), built when a document first reaches it and
shared by every later document, so a document costs a walk over its objects and one set test
per object.  Warnings never change a verdict; the strict profile (:func:`harden`) makes them
errors.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import unquote, urldefrag, urljoin

from validator.messages import show
from validator.problems import UNDECLARED, DocumentResult, Problem, Status
from validator.similar import look_alike
from validator.walk import DATA, NAMED

__all__ = ["UNDECLARED", "Node", "Undeclared", "for_engine", "harden", "warning_problem"]

_Member = tuple[Any, str]
"""A schema (dict or bool) and the base URI its ``$ref``\\ s resolve against."""

_CHILD_CACHE = 1024
"""Children (by property name) a node remembers; beyond that they are computed each time."""

_GOVERN = ("additionalProperties", "unevaluatedProperties")


def _allows_all(value: Any) -> bool:
    return value is True or value == {}


class Node:
    """The schemas that apply at one location of a document, and what they declare there."""

    __slots__ = (
        "_children",
        "_items",
        "declared",
        "deep",
        "members",
        "names",
        "owner",
        "patterns",
        "prefix",
        "warn",
    )

    def __init__(self, owner: Undeclared, members: list[_Member], unknown: bool) -> None:
        self.owner = owner
        self.members = members
        declared: dict[str, None] = {}
        patterns: list[re.Pattern[str]] = []
        has_properties = governed = deep = False
        prefix = 0
        for schema, _ in members:
            properties = schema.get("properties")
            if isinstance(properties, dict):
                has_properties = True
                declared.update(dict.fromkeys(k for k in properties if isinstance(k, str)))
                deep = deep or bool(properties)
            for key in ("required", "dependentRequired"):
                names = schema.get(key)
                if isinstance(names, (list, dict)):
                    declared.update(dict.fromkeys(k for k in names if isinstance(k, str)))
            pattern_properties = schema.get("patternProperties")
            if isinstance(pattern_properties, dict):
                deep = deep or bool(pattern_properties)
                for pattern in pattern_properties:
                    try:
                        patterns.append(re.compile(pattern))
                    except (re.error, TypeError):
                        unknown = True
            for key in _GOVERN:
                if key in schema and not _allows_all(schema[key]):
                    governed = True
                    deep = deep or isinstance(schema[key], dict)
            if "propertyNames" in schema:
                governed = True
            for key in ("items", "prefixItems", "additionalItems", "unevaluatedItems"):
                value = schema.get(key)
                if isinstance(value, (dict, list)):
                    deep = True
                if isinstance(value, list) and key in ("items", "prefixItems"):
                    prefix = max(prefix, len(value))
        self.declared = frozenset(declared)
        self.names = declared
        """The declared names in declaration order (for suggestions)."""
        self.patterns = tuple(patterns)
        self.warn = has_properties and not governed and not unknown
        self.deep = deep
        """Whether any location below this one may have schemas (else the walk stops here)."""
        self.prefix = prefix
        self._children: dict[str, Node] = {}
        self._items: dict[int, Node] = {}

    def undeclared(self, key: str) -> bool:
        return key not in self.declared and not any(p.search(key) for p in self.patterns)

    def child(self, key: str) -> Node:
        """The node of the value of member ``key``."""
        found = self._children.get(key)
        if found is not None:
            return found
        subs: list[_Member] = []
        for schema, base in self.members:
            matched = False
            properties = schema.get("properties")
            if isinstance(properties, dict) and key in properties:
                subs.append((properties[key], base))
                matched = True
            pattern_properties = schema.get("patternProperties")
            if isinstance(pattern_properties, dict):
                for pattern, sub in pattern_properties.items():
                    try:
                        if re.search(pattern, key):
                            subs.append((sub, base))
                            matched = True
                    except (re.error, TypeError):
                        continue
            additional = schema.get("additionalProperties")
            if not matched and isinstance(additional, dict):
                subs.append((additional, base))
            unevaluated = schema.get("unevaluatedProperties")
            if key not in self.declared and isinstance(unevaluated, dict):
                subs.append((unevaluated, base))
        node = self.owner.node(subs)
        if len(self._children) < _CHILD_CACHE:
            self._children[key] = node
        return node

    def item(self, index: int) -> Node:
        """The node of the item ``index`` of an array."""
        index = min(index, self.prefix)
        found = self._items.get(index)
        if found is not None:
            return found
        subs: list[_Member] = []
        for schema, base in self.members:
            prefix = schema.get("prefixItems")
            items = schema.get("items")
            if isinstance(prefix, list):
                if index < len(prefix):
                    subs.append((prefix[index], base))
                elif isinstance(items, dict):
                    subs.append((items, base))
            elif isinstance(items, list):
                if index < len(items):
                    subs.append((items[index], base))
                elif isinstance(schema.get("additionalItems"), dict):
                    subs.append((schema["additionalItems"], base))
            elif isinstance(items, dict):
                subs.append((items, base))
            if isinstance(schema.get("unevaluatedItems"), dict):
                subs.append((schema["unevaluatedItems"], base))
        node = self._items[index] = self.owner.node(subs)
        return node


_EMPTY_KEY: tuple[int, ...] = ()


class Undeclared:
    """The undeclared-property finder of one schema (see the module's documentation)."""

    def __init__(self, uri: str, contents: Any, resources: dict[str, Any] | None = None) -> None:
        self._index: dict[str, Any] = {}
        for resource_uri, resource in [*(resources or {}).items(), (uri, contents)]:
            try:
                self._add(resource, resource_uri)
            except ValueError:  # an $id urllib cannot join: its $refs stay unresolved
                continue
        self._nodes: dict[tuple[int, ...], Node] = {}
        self.root = self.node([(contents, urldefrag(uri)[0])])

    def _add(self, contents: Any, uri: str) -> None:
        """Index a resource and the ``$id``\\ s and ``$anchor``\\ s inside it."""
        base = urldefrag(uri)[0]
        self._index.setdefault(base, contents)
        todo: list[tuple[Any, str]] = [(contents, base)]
        while todo:
            node, base = todo.pop()
            if isinstance(node, list):
                todo.extend((n, base) for n in node)
                continue
            if not isinstance(node, dict):
                continue
            if isinstance(node.get("$id"), str):
                base = urldefrag(urljoin(base, node["$id"]))[0]
                self._index.setdefault(base, node)
            for key in ("$anchor", "$dynamicAnchor"):
                if isinstance(node.get(key), str):
                    self._index.setdefault(f"{base}#{node[key]}", node)
            for key, value in node.items():
                if key in DATA:
                    continue
                if key in NAMED and isinstance(value, dict):
                    todo.extend((v, base) for v in value.values())
                elif isinstance(value, (dict, list)):
                    todo.append((value, base))

    def _resolve(self, ref: str, base: str) -> _Member | None:
        try:
            return self._follow(ref, base)
        except ValueError:  # a URI urllib cannot join: unresolved (no warning there)
            return None

    def _follow(self, ref: str, base: str) -> _Member | None:
        uri, fragment = urldefrag(urljoin(base, ref))
        target = self._index.get(uri)
        if target is None:
            return None
        if not fragment:
            return target, uri
        if not fragment.startswith("/"):
            anchored = self._index.get(f"{uri}#{fragment}")
            return None if anchored is None else (anchored, uri)
        node = target
        for token in unquote(fragment)[1:].split("/"):
            if isinstance(node, dict) and isinstance(node.get("$id"), str) and node is not target:
                uri = urldefrag(urljoin(uri, node["$id"]))[0]
            token = token.replace("~1", "/").replace("~0", "~")
            if isinstance(node, dict) and token in node:
                node = node[token]
            elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
                node = node[int(token)]
            else:
                return None
        return node, uri

    def node(self, subs: Sequence[_Member]) -> Node:
        """The node of the schemas ``subs`` and everything they apply in place."""
        members: list[_Member] = []
        seen: set[int] = set()
        unknown = False
        todo = list(subs)
        while todo:
            schema, base = todo.pop()
            if not isinstance(schema, dict) or id(schema) in seen:
                continue
            seen.add(id(schema))
            if isinstance(schema.get("$id"), str):
                try:
                    base = urldefrag(urljoin(base, schema["$id"]))[0]
                except ValueError:
                    unknown = True
            members.append((schema, base))
            ref = schema.get("$ref")
            if isinstance(ref, str):
                found = self._resolve(ref, base)
                if found is None:
                    unknown = True
                else:
                    todo.append(found)
            if "$dynamicRef" in schema or "$recursiveRef" in schema:
                unknown = True
            for key in ("allOf", "anyOf", "oneOf"):
                if isinstance(schema.get(key), list):
                    todo.extend((s, base) for s in schema[key])
            for key in ("if", "then", "else"):
                if key in schema:
                    todo.append((schema[key], base))
            for key in ("dependentSchemas", "dependencies"):
                if isinstance(schema.get(key), dict):
                    todo.extend((s, base) for s in schema[key].values())
        ids = tuple(sorted(seen)) if not unknown else (-1, *sorted(seen))
        node = self._nodes.get(ids)
        if node is None:
            node = self._nodes[ids] = Node(self, members, unknown)
        return node

    def find(self, document: Any) -> list[tuple[str, str]]:
        """``(pointer of the object, key)`` of every undeclared property of a document (empty
        for most documents: one set test per object)."""
        root = self.root
        if not root.deep and not root.warn:
            return []
        found: list[tuple[Any, str]] = []
        todo: list[tuple[Node, Any, Any]] = [(root, document, None)]
        while todo:
            node, value, path = todo.pop()
            if type(value) is dict:
                if node.warn and not node.declared.issuperset(value):
                    found.extend((path, k) for k in value if node.undeclared(k))
                if node.deep:
                    for key, sub in value.items():
                        kind = type(sub)
                        if kind is dict or kind is list:
                            child = node.child(key)
                            if child.deep or child.warn:
                                todo.append((child, sub, (path, key)))
            elif type(value) is list and node.deep:
                for index, sub in enumerate(value):
                    kind = type(sub)
                    if kind is dict or kind is list:
                        child = node.item(index)
                        if child.deep or child.warn:
                            todo.append((child, sub, (path, str(index))))
        return [(_pointer(path), key) for path, key in found]

    def screen(self, valid: Any) -> Any:
        """A verdict function that passes only the documents ``valid`` passes and that have no
        undeclared property (the others take the careful path, which says why)."""
        find = self.find

        def screened(document: Any) -> bool:
            return bool(valid(document)) and not find(document)

        return screened

    def suggestion(self, pointer: str, key: str, document: Any) -> str | None:
        """The declared name nearest to ``key`` in the object at ``pointer``."""
        node, value = self.root, document
        if pointer:
            for token in pointer[1:].split("/"):
                token = token.replace("~1", "/").replace("~0", "~")
                if isinstance(value, dict):
                    node, value = node.child(token), value.get(token)
                elif isinstance(value, list):
                    node, value = node.item(int(token)), value[int(token)]
        return look_alike(key, node.names)


def _pointer(path: Any) -> str:
    tokens: list[str] = []
    while path is not None:
        path, token = path
        tokens.append(token.replace("~", "~0").replace("/", "~1"))
    return "".join(f"/{t}" for t in reversed(tokens))


_FINDERS: weakref.WeakKeyDictionary[Any, Undeclared] = weakref.WeakKeyDictionary()


def for_engine(engine: Any) -> Undeclared:
    """The finder of an engine's schema, made once per engine (a cache, not a setting)."""
    found = _FINDERS.get(engine)
    if found is None:
        schema = engine.schema
        found = _FINDERS[engine] = Undeclared(schema.uri, schema.contents, dict(schema.resources))
    return found


def warning_problem(
    finder: Undeclared, document: Any, pointer: str, key: str, at: tuple[int, int] | None, line: int
) -> Problem:
    """The warning about member ``key`` of the object at ``pointer``, placed at its key."""
    guess = finder.suggestion(pointer, key, document)
    hint = "" if guess is None else f"; did you mean {show(guess)}?"
    member = f"{pointer}/{key.replace('~', '~0').replace('/', '~1')}"
    return Problem(
        member,
        "",
        f"undeclared property{hint}",
        UNDECLARED,
        line=None if at is None else line + at[0] - 1,
        column=None if at is None else at[1],
        shape=f"undeclared property {show(key)}{hint}",
    )


def harden(result: DocumentResult) -> DocumentResult:
    """The strict profile: a document's warnings become errors (a valid document with warnings
    is invalid; its first warning is the headline)."""
    if not result.warnings or result.status is Status.UNREADABLE:
        return result
    problems: list[Problem] = list(result.problems)
    warnings: Iterable[Problem] = result.warnings
    if result.status is Status.VALID:
        first, *rest = result.warnings
        warnings = [first._replace(headline=True), *rest]
    problems.extend(warnings)
    problems.sort(key=lambda p: (p.line or 0, p.column or 0))
    return result._replace(status=Status.INVALID, problems=tuple(problems), warnings=())
