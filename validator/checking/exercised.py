"""What the valid documents of a run exercised of their schema (``--coverage``): the declared
properties that no valid document contained, and the ``enum`` values none showed.

"Declared" is what the undeclared-property warnings call declared (:mod:`validator.checking.
undeclared`): at each location, the names in ``properties``, ``required`` and
``dependentRequired`` (``dependencies`` in drafts 4-7) of every schema that applies there,
through ``$ref``, ``allOf``, ``anyOf``, ``oneOf``, ``if``/``then``/``else`` and
``dependentSchemas``.  The schema's locations are found
by one breadth-first walk over those nodes (each declared property, each array item), the first
:data:`MAX_LOCATIONS` of them kept: a location is named by the first path that reaches it
(``/payload/sessions/*`` for every item of an array), and the walk is the same in every process
that compiles the schema, so what workers saw (:class:`Seen`, keyed by location number) merges
by number.  What a run keeps is bounded by the schema, never by its documents: per location the
declared names and the values of its ``enum`` seen.

The observations travel back with the count of valid documents of each task (a :class:`Tally`,
an ``int`` that carries them), so every executor hands them to the main process unchanged.
"""

from __future__ import annotations

import json
import weakref
from collections import deque
from typing import TYPE_CHECKING, Any, NamedTuple

from validator.checking.property_warnings import for_engine
from validator.contracts.coverage import Exercise, Gap

if TYPE_CHECKING:
    from collections.abc import Iterable

    from validator.checking.undeclared import Node
    from validator.inputs.sources import Batch, Item
    from validator.problems import DocumentResult

__all__ = [
    "MAX_LOCATIONS",
    "Locations",
    "Seen",
    "Tally",
    "Watch",
    "Watches",
    "exercise",
    "gaps",
    "locations_of",
]

MAX_LOCATIONS = 1000
"""Locations of a schema followed (breadth-first); the report says when a schema has more."""

_SETTLE = 32
"""Documents a watch looks at between two searches for the locations it is done with (and
one more for each location of the schema)."""


def _key(value: Any) -> tuple[str, Any]:
    """A value as JSON Schema compares it (``1`` and ``1.0`` alike, ``true`` apart from ``1``),
    hashable."""
    if value is None or isinstance(value, bool):
        return ("literal", value)
    if isinstance(value, int | float):
        return ("number", value)
    if isinstance(value, str):
        return ("string", value)
    return ("json", json.dumps(value, sort_keys=True))


class Location(NamedTuple):
    """One location of a schema: its path, its declared names, its ``enum`` values (their
    keys, in the schema's order, and the values)."""

    where: str
    names: tuple[str, ...]
    enum: dict[tuple[str, Any], Any]


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _enum(node: Node) -> dict[tuple[str, Any], Any]:
    values: dict[tuple[str, Any], Any] = {}
    for schema, _ in node.members:
        found = schema.get("enum")
        for value in found if isinstance(found, list) else ():
            values.setdefault(_key(value), value)
    return values


class Locations:
    """The locations of one schema (see the module's doc), numbered in walk order; ``more``:
    the schema has more than :data:`MAX_LOCATIONS`."""

    def __init__(self, root: Node) -> None:
        self.numbers: dict[int, int] = {}  # id(node) -> its number
        self.nodes: list[Node] = []
        self.places: list[Location] = []
        self.more = False
        below: list[list[Node]] = []  # by number: the nodes a value there may lead to
        todo: deque[tuple[Node, str]] = deque([(root, "")])
        while todo:
            node, where = todo.popleft()
            if id(node) in self.numbers or not node.members:
                continue
            if len(self.places) == MAX_LOCATIONS:
                self.more = True
                break
            self.numbers[id(node)] = len(self.places)
            self.nodes.append(node)
            self.places.append(Location(where or "/", tuple(node.names), _enum(node)))
            below.append([])
            for name in node.names:
                below[-1].append(node.child(name))
                todo.append((below[-1][-1], f"{where}/{_escape(name)}"))
            if node.deep:
                for index in range(node.prefix + 1):
                    step = str(index) if index < node.prefix else "*"
                    below[-1].append(node.item(index))
                    todo.append((below[-1][-1], f"{where}/{step}"))
        numbered = self.numbers.get
        self.below = [{numbered(id(n), -1) for n in nodes} - {-1} for nodes in below]
        """By number: the numbers of the locations a value there may lead to."""


_LOCATIONS: weakref.WeakKeyDictionary[Any, Locations] = weakref.WeakKeyDictionary()


def locations_of(engine: Any) -> Locations:
    """The locations of an engine's schema, found once per engine."""
    found = _LOCATIONS.get(engine)
    if found is None:
        found = _LOCATIONS[engine] = Locations(for_engine(engine).root)
    return found


class Seen(NamedTuple):
    """What valid documents showed, by location number: the declared names they contained, the
    keys of the ``enum`` values they held, the locations where they had a value; and how many
    documents were looked at."""

    names: dict[int, set[str]]
    values: dict[int, set[tuple[str, Any]]]
    reached: set[int]
    documents: list[int]

    @classmethod
    def empty(cls) -> Seen:
        return cls({}, {}, set(), [0])

    def merge(self, other: Seen) -> None:
        for number, names in other.names.items():
            self.names.setdefault(number, set()).update(names)
        for number, keys in other.values.items():
            self.values.setdefault(number, set()).update(keys)
        self.reached.update(other.reached)
        self.documents[0] += other.documents[0]


class Tally(int):
    """The number of valid documents of a task, carrying what they showed (:attr:`seen`)."""

    seen: Seen

    @classmethod
    def of(cls, count: int, seen: Seen) -> Tally:
        made = cls(count)
        made.seen = seen
        return made

    def __reduce__(self) -> tuple[Any, ...]:
        return (Tally.of, (int(self), self.seen))


class Tallies(int):
    """The count of a recordings task (each of its entries is listed: 0), carrying what its
    valid bodies showed of each response's schema (:attr:`by_schema`, by the schema's name)."""

    by_schema: dict[str, Seen]

    @classmethod
    def of(cls, count: int, by_schema: dict[str, Seen]) -> Tallies:
        made = cls(count)
        made.by_schema = by_schema
        return made

    def __reduce__(self) -> tuple[Any, ...]:
        return (Tallies.of, (int(self), self.by_schema))


class Watch:
    """Looks at the valid documents a task checks with one engine (only with ``--coverage``)."""

    def __init__(self, engine: Any, strict: bool = False) -> None:
        self.locations = locations_of(engine)
        self.seen = Seen.empty()
        self.strict = strict
        """The strict profile: a document with warnings is invalid (the runner makes it so)."""
        self.done: set[int] = set()
        """The locations where a value can show nothing more (see :meth:`_settle`)."""
        self._settle_at = _SETTLE

    def _settle(self) -> None:
        """Find :attr:`done`: the locations reached whose every declared name and ``enum``
        value was seen, and whose every location below is done too (values there are then not
        looked at: what they hold is known already; what was seen only grows, so a location
        once done stays done)."""
        places, below, seen = self.locations.places, self.locations.below, self.seen
        done = {
            number
            for number in seen.reached
            if len(seen.names.get(number, ())) == len(places[number].names)
            and len(seen.values.get(number, ())) == len(places[number].enum)
        }
        while True:  # the largest such set: those with a location below not done, taken out
            out = {number for number in done if not below[number] <= done}
            if not out:
                break
            done -= out
        self.done = done

    def _valid(self, result: DocumentResult) -> bool:
        return result.valid and not (self.strict and result.warnings)

    def value(self, document: Any) -> None:
        """Note what one valid document holds (an explicit stack: any depth)."""
        numbers, nodes, places = self.locations.numbers, self.locations.nodes, self.locations.places
        names, values, reached = self.seen.names, self.seen.values, self.seen.reached
        self.seen.documents[0] += 1
        if self.seen.documents[0] >= self._settle_at:
            self._settle_at += _SETTLE + len(places)  # the cost of settling spread thin
            self._settle()
        done = self.done
        todo = [(nodes[0], document)] if nodes else []
        while todo:
            node, value = todo.pop()
            number = numbers.get(id(node))
            if number is None or number in done:
                continue
            reached.add(number)
            enum = places[number].enum
            if enum:
                key = _key(value)
                if key in enum:
                    values.setdefault(number, set()).add(key)
            if type(value) is dict:
                declared = node.declared
                found = [k for k in value if k in declared]
                if found:
                    names.setdefault(number, set()).update(found)
                    todo.extend((node.child(k), value[k]) for k in found)
            elif type(value) is list and node.deep:
                todo.extend((node.item(i), item) for i, item in enumerate(value))

    def raw(self, raw: bytes | None) -> None:
        from validator.inputs.parse import Parsed, parse

        parsed = parse(raw) if raw is not None else None
        if isinstance(parsed, Parsed):
            self.value(parsed.value)

    def items(self, item: Item, results: Iterable[DocumentResult]) -> None:
        """A whole-document input and its results: its document, when valid."""
        if any(self._valid(result) for result in results):
            self.raw(item.raw)

    def batch(self, batch: Batch, results: Iterable[DocumentResult]) -> None:
        """A block of JSON Lines and its listed results: each line not listed invalid."""
        failed = {result.line for result in results if not self._valid(result)}
        for number, line in enumerate(batch.lines, batch.first_line):
            if number not in failed and line.strip():
                self.raw(line)

    def tally(self, count: int) -> Tally:
        return Tally.of(count, self.seen)


class Watches:
    """What the valid bodies of a recordings task showed, a :class:`Watch` per response schema
    (by its name): the bodies judged one at a time (:meth:`result`) and those a batch verdict
    passed, as the documents it parsed (:meth:`documents`: valid, without a warning)."""

    def __init__(self, strict: bool = False) -> None:
        self.strict = strict
        self.by_name: dict[str, Watch] = {}

    def of(self, engine: Any) -> Watch:
        """The watch of ``engine``'s schema (made when first asked)."""
        watch = self.by_name.get(engine.schema.name)
        if watch is None:
            watch = self.by_name[engine.schema.name] = Watch(engine, self.strict)
        return watch

    def result(self, engine: Any, raw: bytes, result: DocumentResult) -> None:
        """A body judged alone, and its result: its document, when valid."""
        watch = self.of(engine)
        if watch._valid(result):
            watch.raw(raw)

    def documents(self, engine: Any, documents: Iterable[Any]) -> None:
        """The documents of bodies found valid without a warning (parsed exactly)."""
        value = self.of(engine).value
        for document in documents:
            value(document)

    def tallies(self) -> int:
        """The count of the task (0: each entry is listed), with what its bodies showed."""
        if not self.by_name:
            return 0
        return Tallies.of(0, {name: watch.seen for name, watch in self.by_name.items()})


def gaps(locations: Locations, seen: Seen) -> list[Gap]:
    """The gaps of a schema, in walk order (locations with nothing missing left out)."""
    found = []
    for number, place in enumerate(locations.places):
        names = seen.names.get(number, set())
        keys = seen.values.get(number, set())
        missing = tuple(name for name in place.names if name not in names)
        values = tuple(value for key, value in place.enum.items() if key not in keys)
        if missing or values:
            found.append(Gap(place.where, number in seen.reached, missing, values))
    return found


def exercise(name: str, engine: Any, seen: Seen | None) -> Exercise:
    """What the valid documents of one schema (its ``engine``) never exercised, from what they
    showed (``seen``; None: no document)."""
    locations = locations_of(engine)
    seen = seen if seen is not None else Seen.empty()
    return Exercise(name, seen.documents[0], tuple(gaps(locations, seen)), locations.more)
