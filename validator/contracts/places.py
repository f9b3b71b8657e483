"""The places of a schema's documents: which schema objects apply at each, how many times.

A place of a document (the document itself, a member of an object at a place, an item of an
array at a place) gets the schema objects that the objects of the place above apply there, and
whatever those apply in place (``$ref``, ``allOf``, ``anyOf``, ``oneOf``, ``not``,
``if``/``then``/``else``, ``dependentSchemas``), counted with multiplicity.  Places are made from
the graph of :class:`validator.contracts.references._Walk`, each distinct set of counts once, and
remembered; see :mod:`validator.contracts.expansion` for what they measure and bound.
"""

from __future__ import annotations

import copy
from typing import Any

__all__ = ["Place", "Places", "expansion_sizes", "grow_sizes"]

_CACHE = 65_536
"""Places a guarded schema remembers (then it forgets them all and starts again)."""

Seed = dict[int, int]


class _Edges:
    """The places below one schema object and the objects applied there (tuples, the empty one
    shared: a document's ~15,000 objects each get one)."""

    __slots__ = ("any_name", "items", "key", "named", "other_names", "rest", "tuple")

    def __init__(self) -> None:
        self.named: dict[str, tuple[int, ...]] = _NO_NAMES  # replaced, never changed
        self.any_name: tuple[int, ...] = ()  # patternProperties: every name, declared or not
        self.other_names: tuple[int, ...] = ()  # additionalProperties, unevaluatedProperties
        self.key: tuple[int, ...] = ()  # propertyNames
        self.tuple: tuple[int, ...] = ()  # prefixItems (items as an array before 2020-12)
        self.rest: tuple[int, ...] = ()  # items after the tuple (additionalItems before 2020-12)
        self.items: tuple[int, ...] = ()  # contains, unevaluatedItems: every item


_NO_NAMES: dict[str, tuple[int, ...]] = {}
"""The names of an object that declares none (shared: never written to)."""


def _edges(contents: Any, spec_name: str, children: dict[int, int], legacy: bool) -> _Edges:
    edges = _Edges()
    if not isinstance(contents, dict) or (legacy and "$ref" in contents):
        return edges

    look = children.get

    def state(*values: Any) -> tuple[int, ...]:
        found = [look(id(v)) for v in values if v is not None and v is not True and v is not False]
        return tuple(f for f in found if f is not None) if found else ()

    def one(value: Any) -> tuple[int, ...]:  # a property's subschema: its state, if it has one
        found = look(id(value)) if value is not True and value is not False else None
        return () if found is None else (found,)

    properties = contents.get("properties")
    if isinstance(properties, dict) and properties:
        edges.named = {name: one(value) for name, value in properties.items()}
    patterns = contents.get("patternProperties")
    if isinstance(patterns, dict):
        edges.any_name = state(*patterns.values())
    get = contents.get
    edges.other_names = state(get("additionalProperties"), get("unevaluatedProperties"))
    edges.key = state(get("propertyNames"))
    items = get("items")
    if spec_name == "draft2020-12":
        prefix = get("prefixItems")
        if isinstance(prefix, list):
            edges.tuple = state(*prefix)
        edges.rest = state(items)
    elif isinstance(items, list):
        edges.tuple = state(*items)
        edges.rest = state(get("additionalItems"))
    else:
        edges.rest = state(items)
    edges.items = state(get("contains"), get("unevaluatedItems"))
    return edges


class Place:
    """The schema objects applied at one kind of place of a document: their number (with
    multiplicity) and, made when first asked for, the places below it."""

    __slots__ = (
        "_common",
        "_key",
        "counts",
        "indexes",
        "leaf",
        "longest",
        "members",
        "names",
        "total",
    )

    def __init__(self, counts: Seed, edges: Any) -> None:
        self.counts = counts
        self.total = sum(counts.values())
        members = [edges(n) for n in counts]
        self.members = list(zip(members, counts.values(), strict=True))
        """The edges of each object, with its count."""
        self.longest = max((len(e.tuple) for e in members), default=0)
        """The length of the longest tuple (``prefixItems``) applied here: every index from it
        on is alike."""
        self.leaf = not any(
            e.named or e.any_name or e.other_names or e.key or e.tuple or e.rest or e.items
            for e in members
        )
        """Whether no schema object applies anywhere below."""
        self.names: dict[str, Place | None] = {}  # made when first asked for
        self.indexes: dict[int, Place | None] = {}
        self._key: Any = _MISSING
        self._common: Seed | None = None


_MISSING: Any = object()
_REMEMBERED = 1024
"""Names (and indexes) below a place whose places it remembers."""


class Places:
    """The places of a schema's documents (see the module's notes)."""

    def __init__(self, walk: Any, bound: int, root: int = 0) -> None:
        self.bound = bound
        """The most schema objects :meth:`over` lets a place of a document get."""
        self.in_place = {n: [t for t, _ in steps] for n, steps in walk.possible.items()}
        self._states = [(contents, spec.name) for contents, _, spec in walk.states]
        self._children = walk.children
        self._edges: dict[int, _Edges] = {}
        self.sizes = expansion_sizes(self.in_place, len(walk.states))
        self._known: dict[frozenset[tuple[int, int]], Place] = {}
        self.root = self._place({root: 1})

    def rooted(self, walk: Any, root: int) -> Places:
        """These places for another root of the same walk (see
        :mod:`validator.contracts.shared_walk`), grown first by the states the walk has gained
        since: the objects' edges and sizes and the places made so far are shared."""
        old = len(self._states)
        for number in range(old, len(walk.states)):
            contents, _, spec = walk.states[number]
            self._states.append((contents, spec.name))
            self.in_place[number] = [t for t, _ in walk.possible.get(number, [])]
        grow_sizes(self.in_place, self.sizes, old)
        view = copy.copy(self)
        view.root = self._place({root: 1})
        return view

    def _place(self, seed: Seed) -> Place | None:
        if not seed:
            return None
        key = frozenset(seed.items())
        found = self._known.get(key)
        if found is None:
            if len(self._known) >= _CACHE:
                self._known.clear()
            found = self._known[key] = Place(_applied(self.in_place, seed), self.edges)
        return found

    def edges(self, number: int) -> _Edges:
        """The places below object ``number`` (made when first asked for)."""
        found = self._edges.get(number)
        if found is None:
            from validator.contracts.dialects import LEGACY

            contents, name = self._states[number]
            children = self._children.get(number, {})
            found = self._edges[number] = _edges(contents, name, children, name in LEGACY)
        return found

    def name(self, place: Place, name: str) -> Place | None:
        """The place of the member ``name`` of an object at ``place`` (None where no schema
        object applies)."""
        found: Place | None = place.names.get(name, _MISSING)
        if found is _MISSING:
            common = place._common
            if common is None:
                common = place._common = self._below_any(place)
            seed = dict(common)
            for edges, count in place.members:  # the objects that declare the name
                declared = edges.named.get(name)
                if declared is None:
                    continue
                for state in declared:
                    seed[state] = seed.get(state, 0) + count
                for state in edges.other_names:  # not for a name its own object declares
                    seed[state] -= count
                    if not seed[state]:
                        del seed[state]
            found = self._place(seed)
            if len(place.names) < _REMEMBERED:
                place.names[name] = found
        return found

    def _below_any(self, place: Place) -> Seed:
        """The objects below any name of an object at ``place`` (``patternProperties``, and
        ``additionalProperties`` where not declared), with their counts."""
        common: Seed = {}
        for edges, count in place.members:
            for state in edges.any_name + edges.other_names:
                common[state] = common.get(state, 0) + count
        return common

    def index(self, place: Place, index: int) -> Place | None:
        """The place of the item ``index`` of an array at ``place``."""
        index = min(index, place.longest)
        found: Place | None = place.indexes.get(index, _MISSING)
        if found is _MISSING:
            seed: Seed = {}
            for edges, count in place.members:
                here = edges.tuple[index : index + 1] or edges.rest
                for state in here + edges.items:
                    seed[state] = seed.get(state, 0) + count
            found = place.indexes[index] = self._place(seed)
            return found
        return found

    def key(self, place: Place) -> Place | None:
        """The place of each name of an object at ``place`` (``propertyNames``)."""
        if place._key is _MISSING:
            seed: Seed = {}
            for edges, count in place.members:
                for state in edges.key:
                    seed[state] = seed.get(state, 0) + count
            place._key = self._place(seed)
        found: Place | None = place._key
        return found

    def below(self, place: Place) -> list[tuple[Place, str]]:
        """Every kind of place below ``place`` (an undeclared name, and an index past every
        tuple, stand for all their kind), with how it is shown in a pointer."""
        declared = dict.fromkeys(n for edges, _ in place.members for n in edges.named)
        found = [(self.name(place, name), "/" + _escape(name)) for name in declared]
        found.append((self.name(place, _OTHER), "/*"))
        found.append((self.key(place), " (a property name)"))
        found += [(self.index(place, i), f"/{i}") for i in range(place.longest + 1)]
        return [(below, shown) for below, shown in found if below is not None]

    def over(self, document: Any) -> tuple[str, int] | None:
        """The first place of ``document`` (its pointer, and its count) where more than
        :attr:`bound` schema objects apply, or None."""
        root = self.root
        if root is None or root.total > self.bound:
            return None if root is None else ("", root.total)
        todo: list[tuple[Place, Any, Any]] = [(root, document, None)]
        pop, push, name, index = todo.pop, todo.append, self.name, self.index
        while todo:
            place, value, path = pop()
            if isinstance(value, dict):
                if value and place._key is not None:  # propertyNames: each name is checked
                    at_key = self.key(place)
                    if at_key is not None and at_key.total > self.bound:
                        return _pointer((path, next(iter(value)))), at_key.total
                names = place.names
                for key, sub in value.items():
                    child = names.get(key, _MISSING)
                    if child is _MISSING:
                        child = name(place, key)
                    if child is None:
                        continue
                    if child.total > self.bound:
                        return _pointer((path, key)), child.total
                    if not child.leaf and isinstance(sub, (dict, list)):
                        push((child, sub, (path, key)))
            elif isinstance(value, list):
                for number, sub in enumerate(value):
                    child = index(place, number)
                    if child is None:
                        continue
                    if child.total > self.bound:
                        return _pointer((path, str(number))), child.total
                    if not child.leaf and isinstance(sub, (dict, list)):
                        push((child, sub, (path, str(number))))
        return None


_OTHER = "\x00any other name"  # a name stands for the names no object declares


def _escape(name: str) -> str:
    return name.replace("~", "~0").replace("/", "~1")


def _pointer(path: Any) -> str:
    tokens: list[str] = []
    while path is not None:
        path, token = path
        tokens.append("/" + _escape(token))
    return "".join(reversed(tokens))


def _topological(
    in_place: dict[int, list[int]], starts: Any, floor: int = 0
) -> tuple[list[int], set[Any]]:
    """The objects reached in place from ``starts``, each before those it applies, and the edges
    left out: those back round a cycle (a cycle counts once round); objects below ``floor`` are
    taken as done."""
    done: set[int] = set()
    on_path: set[int] = set()
    back: set[tuple[int, int]] = set()
    post: list[int] = []
    for start in starts:
        if start in done:
            continue
        stack = [(start, iter(in_place.get(start, ())))]
        on_path.add(start)
        while stack:
            number, targets = stack[-1]
            target = next(targets, None)
            if target is None:
                stack.pop()
                on_path.discard(number)
                done.add(number)
                post.append(number)
            elif target in on_path:
                back.add((number, target))
            elif target not in done and target >= floor:
                on_path.add(target)
                stack.append((target, iter(in_place.get(target, ()))))
    post.reverse()
    return post, back


def _applied(in_place: dict[int, list[int]], seed: Seed) -> Seed:
    """Every object applied in place from ``seed`` (objects with their counts), counted."""
    counts = dict(seed)
    order, back = _topological(in_place, seed)
    for number in order:
        count = counts.get(number, 0)
        for target in in_place.get(number, ()):
            if (number, target) not in back:
                counts[target] = counts.get(target, 0) + count
    return counts


def expansion_sizes(in_place: dict[int, list[int]], states: int) -> list[int]:
    """The expansion of each object (see the module's notes), memoised: one pass."""
    sizes: list[int] = []
    grow_sizes(in_place, sizes, 0, states)
    return sizes


def grow_sizes(
    in_place: dict[int, list[int]], sizes: list[int], start: int, stop: int | None = None
) -> None:
    """:func:`expansion_sizes` of the objects from ``start`` on, added to ``sizes`` (those of
    the objects before it, which apply none of the later ones)."""
    stop = len(in_place) if stop is None else stop
    order, back = _topological(in_place, range(start, stop), start)
    sizes.extend([1] * (stop - len(sizes)))
    for number in reversed(order):
        sizes[number] = 1 + sum(
            sizes[target] for target in in_place.get(number, ()) if (number, target) not in back
        )
