"""Warnings for undeclared properties: the keys a schema lets through without declaring them.

Wherever the schemas that apply to an object declare ``properties`` but none of them governs the
others (no ``additionalProperties`` or ``unevaluatedProperties`` other than ``true``/``{}``, no
``propertyNames``), a key declared nowhere (not in ``properties``, ``required``,
``dependentRequired`` (its keys and the names they require; ``dependencies`` in drafts 4-7: see
:func:`~validator.checking.member_index.declared_names`) nor matched by ``patternProperties``
of any schema that applies there) is a warning:
``/payload/sesion_type: undeclared property; did you mean "session_type"?``.

"The schemas that apply" to a location are the schema reached there and everything it applies in
place: ``$ref``, ``allOf``, ``anyOf``, ``oneOf``, ``if``/``then``/``else``, ``dependentSchemas``
(every branch, whether or not the document takes it: a name declared by any branch is declared).
A location whose schemas cannot be read statically (``$dynamicRef``, ``$recursiveRef``, a
``$ref`` this module cannot resolve, a pattern the fast engine cannot compile) gives no warning.

``patternProperties`` patterns are matched by jsonschema_rs's regex engine
(:func:`~validator.checking.limits.matcher`), the one that judges them in the fast engine's
verdict: linear-time, or backtracking under a step limit, so a repository's schema cannot make
this walk take unbounded time (Python's ``re`` takes minutes for ``^(a+)+$`` against thirty
``a`` characters and a ``!``).

The schema is read once: each set of schemas that applies at some location becomes a
:class:`Node` (its declared names as a frozenset), built when a document first reaches it and
shared by every later document, so a document costs a walk over its objects and one set test
per object.  :mod:`validator.checking.property_warnings` turns what is found into records.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urldefrag, urljoin

from validator.checking.limits import matcher
from validator.checking.member_index import MemberIndex, declared_names, newer_by_base
from validator.contracts.documents import once
from validator.contracts.schema_index import SchemaIndex

__all__ = ["Node", "Undeclared"]

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
        "_index",
        "_items",
        "_live",
        "_names",
        "_reached",
        "collect",
        "declared",
        "deep",
        "fits",
        "members",
        "open",
        "owner",
        "patterns",
        "prefix",
        "warn",
    )

    def __init__(self, owner: Undeclared, members: list[_Member], unknown: bool) -> None:
        self.owner = owner
        self.members = members
        patterns: list[Callable[[str], bool]] = []
        has_properties = governed = deep = spread = False
        prefix = 0
        for schema, _ in members:
            properties = schema.get("properties")
            if isinstance(properties, dict):
                has_properties = True
                deep = deep or bool(properties)
            pattern_properties = schema.get("patternProperties")
            if isinstance(pattern_properties, dict):
                deep = deep or bool(pattern_properties)
                spread = spread or bool(pattern_properties)
                for pattern in pattern_properties:
                    matches = matcher(pattern)
                    if matches is None:
                        unknown = True
                    else:
                        patterns.append(matches)
            for key in _GOVERN:
                if key in schema and not _allows_all(schema[key]):
                    governed = True
                    deep = deep or isinstance(schema[key], dict)
                    spread = spread or isinstance(schema[key], dict)
            if "propertyNames" in schema:
                governed = True
            for key in ("items", "prefixItems", "additionalItems", "unevaluatedItems"):
                value = schema.get(key)
                if isinstance(value, (dict, list)):
                    deep = True
                if isinstance(value, list) and key in ("items", "prefixItems"):
                    prefix = max(prefix, len(value))
        self.declared = frozenset(declared_names(members, owner.newer))
        self._names: dict[str, None] | None = None
        self.patterns = tuple(patterns)
        self.warn = has_properties and not governed and not unknown
        self.deep = deep
        """Whether any location below this one may have schemas (else the walk stops here)."""
        self.prefix = prefix
        self.open = spread
        """Whether a member not declared by name may have schemas (patternProperties, an
        additionalProperties schema): then every member is looked at, not only the declared."""
        self._live: dict[str, Node] | None = None
        self._reached: dict[str, Node | None] = {}
        self.fits: Callable[[Any], bool] = self._first_fit
        """Whether a value at this location has no undeclared property below it (recursive:
        :meth:`Undeclared.quiet` falls back to a loop when a document is too deep for it)."""
        self.collect: Any = None  # validator.checking.spots' walk, made when first needed
        self._children: dict[str, Node] = {}
        self._items: dict[int, Node] = {}
        self._index: MemberIndex | None = None

    @property
    def names(self) -> dict[str, None]:
        """The declared names in declaration order (for suggestions: made when first asked for,
        then kept: its identity keys :attr:`Undeclared.worded`)."""
        if self._names is None:
            self._names = declared_names(self.members, self.owner.newer)
        return self._names

    def undeclared(self, key: str) -> bool:
        return key not in self.declared and not any(p(key) for p in self.patterns)

    def _first_fit(self, value: Any) -> bool:
        self.fits = self._compile()
        return self.fits(value)

    def _compile(self) -> Callable[[Any], bool]:
        """:attr:`fits`, specialised to this node (a closure over its names; a member's node is made
        when a document first has that member, not for every declared name ahead)."""
        declared, superset = self.declared, self.declared.issuperset
        undeclared = self.undeclared
        warn, deep, spread = self.warn, self.deep, self.open
        child, item = self.child, self.item
        reached = self._reached  # a declared name's node (None: nothing below), once met

        def fits(value: Any) -> bool:
            kind = type(value)
            if kind is dict:
                if warn and not superset(value) and any(undeclared(k) for k in value):
                    return False
                if spread:
                    for key, sub in value.items():
                        kind = type(sub)
                        if (kind is dict or kind is list) and not child(key).fits(sub):
                            return False
                    return True
                for key, sub in value.items():
                    kind = type(sub)
                    if (kind is dict or kind is list) and key in declared:
                        node = reached.get(key, _UNMET)
                        if node is _UNMET:
                            node = reached[key] = _below(child(key))
                        if node is not None and not node.fits(sub):
                            return False
                return True
            if kind is list and deep:
                for index, sub in enumerate(value):
                    kind = type(sub)
                    if (kind is dict or kind is list) and not item(index).fits(sub):
                        return False
            return True

        return fits

    def live(self) -> dict[str, Node]:
        """The declared members below which a warning may be (their nodes), made once."""
        if self._live is None:
            children = {name: self.child(name) for name in self.declared}
            self._live = {k: c for k, c in children.items() if c.deep or c.warn}
        return self._live

    def child(self, key: str) -> Node:
        """The node of the value of member ``key``."""
        found = self._children.get(key)
        if found is not None:
            return found
        subs: list[_Member] = []
        if self._index is None:  # the members that may give a name a schema, by name
            self._index = MemberIndex(self.members)
        for schema, base in self._index.relevant(key):
            matched = False
            properties = schema.get("properties")
            if isinstance(properties, dict) and key in properties:
                subs.append((properties[key], base))
                matched = True
            pattern_properties = schema.get("patternProperties")
            if isinstance(pattern_properties, dict):
                for pattern, sub in pattern_properties.items():
                    matches = matcher(pattern)
                    if matches is not None and matches(key):
                        subs.append((sub, base))
                        matched = True
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


_UNMET: Any = object()


def _below(node: Node) -> Node | None:
    """A member's node, or None when no warning can be at or below it."""
    return node if node.deep or node.warn else None


class Undeclared:
    """The undeclared-property finder of one schema (see the module's documentation)."""

    def __init__(self, uri: str, contents: Any, resources: dict[str, Any] | None = None) -> None:
        index = SchemaIndex(uri, contents, resources)
        self._resolve, self.newer = index.resolve, newer_by_base(index.resource, contents)
        self._nodes: dict[tuple[int, ...], Node] = once(resources, "undeclared nodes", dict)
        self._started: dict[tuple[tuple[int, str], ...], Node] = once(
            resources, "undeclared nodes by start", dict
        )  # the node of each ``subs`` asked for, the same however many nodes reach them
        self.root = self.node([(contents, urldefrag(uri)[0])])
        # (id of a node's names, key) -> its warning's wording (property_warnings): ids stay theirs
        self.worded: dict[tuple[int, str], tuple[str, str]] = {}

    def node(self, subs: Sequence[_Member]) -> Node:
        """The node of the schemas ``subs`` and everything they apply in place."""
        start = tuple([(id(schema), base) for schema, base in subs])
        found = self._started.get(start)
        if found is None:
            found = self._started[start] = self._node(subs)
        return found

    def _node(self, subs: Sequence[_Member]) -> Node:
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

    def quiet(self, document: Any) -> bool:
        """Whether a document has no undeclared property (:meth:`find` is empty): the hot path,
        which looks only below the declared members that may hold one."""
        try:
            return self.root.fits(document)
        except RecursionError:  # a document deeper than Python's stack: the loop below
            from validator.checking.deep_quiet import quiet_loop

            return quiet_loop(self.root, document)

    def screen(self, valid: Any) -> Any:
        """A verdict function that passes only the documents ``valid`` passes and that have no
        undeclared property (the others take the careful path, which says why)."""
        quiet = self.quiet

        def screened(document: Any) -> bool:
            return valid(document) and quiet(document)

        return screened

    def names_at(self, pointer: str, document: Any) -> dict[str, None]:
        """The names declared for the object at ``pointer`` of a document, in order."""
        node, value = self.root, document
        if pointer:
            for token in pointer[1:].split("/"):
                token = token.replace("~1", "/").replace("~0", "~")
                if isinstance(value, dict):
                    node, value = node.child(token), value.get(token)
                elif isinstance(value, list):
                    node, value = node.item(int(token)), value[int(token)]
        return node.names


def _pointer(path: Any) -> str:
    tokens: list[str] = []
    while path is not None:
        path, token = path
        tokens.append(token.replace("~", "~0").replace("/", "~1"))
    return "".join(f"/{t}" for t in reversed(tokens))
