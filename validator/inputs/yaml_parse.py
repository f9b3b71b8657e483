"""YAML documents -> JSON values, by the YAML 1.2 core schema, with exact positions.

libyaml's C parser (PyYAML's ``CParser``, the pure-Python one where libyaml is missing) reads the
text into events, each with its mark (line and column, 0-based, in characters); the values are
built here from those events, iteratively (no recursion: nesting as deep as :data:`MAX_DEPTH` is
fine, and deeper is refused before anything deeper is built).  PyYAML's own constructors are
never used: they follow YAML 1.1 (``on``/``yes``/``no`` are booleans, ``010`` is octal 8) and
can build Python objects.

The rules (the docs' YAML page says the same):

* a plain scalar is null (``~``, ``null``, ``Null``, ``NULL``, nothing), a boolean (``true``,
  ``True``, ``TRUE`` and the same of false), an integer (decimal, ``0o`` octal, ``0x`` hex: ``010``
  is 10), a float, or else a string; a quoted scalar is a string;
* ``.nan`` and ``.inf`` (and a float too large for a double) are not JSON: the document's error;
* the standard tags only (``!!str``, ``!!int``, ``!!float``, ``!!bool``, ``!!null``, ``!!map``,
  ``!!seq`` and the non-specific ``!``); any other tag is the document's error;
* a key is a scalar; one that is not a string becomes the text JSON writes for its value
  (``200`` -> ``"200"``, ``true`` -> ``"true"``, ``~`` -> ``"null"``, ``0x10`` -> ``"16"``);
  a key that is a sequence or a mapping is the document's error;
* ``<<`` is a key like any other (YAML 1.2 has no merge keys);
* a duplicate key is reported as JSON's are (the document is invalid, the repeat placed);
* aliases share their anchor's value; all aliases of a stream (its documents together) may add
  at most :data:`MAX_ALIAS_NODES` values to it (a "billion laughs" is one line of error).
"""

from __future__ import annotations

from typing import Any, NamedTuple

from validator.inputs.parse import MAX_DEPTH, ParseProblem
from validator.inputs.yaml_scalars import CORE, Refused, key_text, scalar, shown

__all__ = [
    "MAX_ALIAS_NODES",
    "Places",
    "YamlDocument",
    "load_stream",
    "places",
]

MAX_ALIAS_NODES = 1_000_000
"""Values (scalars and containers) the aliases of one stream may add to its documents, all
together, counted as if each alias were a copy of its anchor's node."""


class YamlDocument(NamedTuple):
    """One document of a stream: its value, the line its content starts on (1-based), whether
    it repeats a key somewhere (then :func:`places` names the repeats), its number in the
    stream (0 for the first), and the values its aliases added."""

    value: Any
    line: int
    duplicates: bool
    number: int
    added: int = 0


Position = tuple[int, int]


class Places(NamedTuple):
    """Where the nodes of one document are: pointer -> ``(line, column)`` of each value and of
    each member's key; the duplicate keys (object pointer, key, line, column); the anchor named
    by each alias (pointer -> anchor)."""

    values: dict[str, Position]
    keys: dict[str, Position]
    duplicates: list[tuple[str, str, int, int]]
    aliases: dict[str, str]


def _events(text: str) -> Any:
    """The parser's events of ``text`` (a generator: closing it frees the parser)."""
    import yaml  # only for YAML inputs: not at start-up

    # Only the loader's parser is used (its events); never its constructor.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        while loader.check_event():
            yield loader.get_event()
    finally:
        loader.dispose()


def _syntax(exc: Exception, text: str) -> ParseProblem:
    """A YAML syntax error as a parse problem at its place."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if mark is not None:
        line, column = mark.line + 1, mark.column + 1
    else:  # a reader error: a character offset
        from validator.inputs.parse import line_column

        line, column = line_column(text, int(getattr(exc, "position", 0) or 0))
    if hasattr(exc, "reason"):  # ReaderError
        message = f"character U+{int(getattr(exc, 'character', 0)):04X} is not allowed"
    else:
        problem = str(getattr(exc, "problem", "") or "")
        context = str(getattr(exc, "context", "") or "")
        message = f"{problem} ({context})" if problem and context else problem or context or "?"
    return ParseProblem(message, line, column)


def _at(mark: Any) -> Position:
    return mark.line + 1, mark.column + 1


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


class _Builder:
    """Values from events, one document at a time; with ``track``, the places of its nodes."""

    def __init__(self, track: bool, added: int = 0) -> None:
        self.track = track
        self.values: dict[str, Position] = {}
        self.keys: dict[str, Position] = {}
        self.duplicates: list[tuple[str, str, int, int]] = []
        self.aliases: dict[str, str] = {}
        self.repeated = False
        self.anchors: dict[str, tuple[Any, int, int]] = {}  # anchor -> (value, nodes, levels)
        self.added = added  # nodes the aliases added (in the stream, up to this document's end)

    def document(self, events: Any) -> Any:
        """Build the document whose DocumentStartEvent was just read; returns its value."""
        import yaml

        # Each open container: [value, pointer, nodes, anchor, pending key, levels] (a list:
        # the pending key of a mapping changes as its members are read; None for a sequence;
        # levels: the containers nested in it and it, as deep as the deepest goes)
        stack: list[list[Any]] = []
        root: Any = None
        for event in events:
            kind = event.__class__
            if kind is yaml.DocumentEndEvent:
                return root
            if kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                frame = stack.pop()
                value, nodes, levels = frame[0], frame[2], frame[5]
                if frame[3] is not None:
                    self.anchors[frame[3]] = (value, nodes, levels)
                if not stack:
                    root = value
                else:
                    self._add(stack, value, nodes, event, levels)
                continue
            if kind is yaml.AliasEvent:
                found = self.anchors.get(event.anchor)
                if found is None:  # libyaml leaves unknown anchors to the composer
                    raise Refused(
                        f"alias *{event.anchor} names no anchor before it", event.start_mark
                    )
                value, nodes, levels = found
                self.added += nodes
                if self.added > MAX_ALIAS_NODES:
                    raise Refused(
                        f"aliases expand to more than {MAX_ALIAS_NODES:,} values"
                        f" (at *{event.anchor})",
                        event.start_mark,
                    )
                if len(stack) + levels > MAX_DEPTH:  # an alias nests its anchor's levels here
                    raise Refused(
                        f"nesting deeper than {MAX_DEPTH} levels (at *{event.anchor})",
                        event.start_mark,
                    )
                if self.track and not (stack and stack[-1][4] is _NO_KEY):
                    self.aliases[self._pointer(stack)] = event.anchor
                if not stack:
                    root = value
                else:
                    self._add(stack, value, nodes, event, levels)
                continue
            if kind is yaml.ScalarEvent:
                value = scalar(event)
                if event.anchor is not None:
                    self.anchors[event.anchor] = (value, 1, 0)
                if not stack:
                    root = value
                    if self.track:
                        self.values[""] = _at(event.start_mark)
                else:
                    self._add(stack, value, 1, event)
                continue
            if kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                stack.append(self._open(stack, event, kind is yaml.MappingStartEvent))
        return root  # pragma: no cover - the parser ends every document it starts

    def _open(self, stack: list[list[Any]], event: Any, mapping: bool) -> list[Any]:
        """The frame of a mapping or a sequence that starts (see :meth:`document`)."""
        if event.tag not in (None, "!", CORE + ("map" if mapping else "seq")):
            message = f"tag {shown(event.tag)} is not allowed (only the YAML core schema's)"
            raise Refused(message, event.start_mark)
        if len(stack) >= MAX_DEPTH:  # libyaml stops at 1,000 first; its pure-Python parser not
            raise Refused(f"nesting deeper than {MAX_DEPTH} levels", event.start_mark)
        if stack and stack[-1][4] is _NO_KEY:
            raise Refused("a key must be a scalar, not a collection", event.start_mark)
        pointer = self._pointer(stack) if self.track else ""
        if self.track:
            self.values[pointer] = _at(event.start_mark)
        return [{} if mapping else [], pointer, 1, event.anchor, _NO_KEY if mapping else None, 1]

    def _pointer(self, stack: list[list[Any]]) -> str:
        if not stack:
            return ""
        top = stack[-1]
        if top[4] is None:  # a sequence: the next index
            return f"{top[1]}/{len(top[0])}"
        return f"{top[1]}/{_escape(top[4])}"

    def _add(
        self, stack: list[list[Any]], value: Any, nodes: int, event: Any, levels: int = 0
    ) -> None:
        """Put a finished value (of ``levels`` nested containers) into the container on top of
        ``stack``."""
        top = stack[-1]
        container = top[0]
        top[2] += nodes
        if levels >= top[5]:
            top[5] = levels + 1
        if top[4] is None:  # a sequence
            if self.track and not event.__class__.__name__.endswith("EndEvent"):
                self.values[f"{top[1]}/{len(container)}"] = _at(event.start_mark)
            container.append(value)
            return
        if top[4] is _NO_KEY:  # the value is a key
            if isinstance(value, (dict, list)):
                raise Refused("a key must be a scalar, not a collection", event.start_mark)
            key = key_text(value)
            if key in container:
                self.repeated = True
                if self.track:
                    self.duplicates.append((top[1], key, *_at(event.start_mark)))
            top[4] = key
            if self.track:
                self.keys[f"{top[1]}/{_escape(key)}"] = _at(event.start_mark)
            return
        key = top[4]
        if self.track and not event.__class__.__name__.endswith("EndEvent"):
            self.values[f"{top[1]}/{_escape(key)}"] = _at(event.start_mark)
        container[key] = value  # a repeated key: the last value counts (as in JSON)
        top[4] = _NO_KEY


_NO_KEY: Any = object()
"""The pending key of a mapping before its next key is read."""


def decoded(raw: bytes) -> str | ParseProblem:
    """The text of a YAML input (UTF-8, a byte order mark allowed), or why it has none."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        from validator.inputs.parse import line_column

        text = raw[: exc.start].decode("utf-8", "replace")
        line, column = line_column(text, len(text))
        return ParseProblem(f"invalid UTF-8 (byte 0x{raw[exc.start]:02X})", line, column)


def load_stream(text: str) -> tuple[list[YamlDocument], ParseProblem | None]:
    """Every document of a YAML stream, in order, up to the first one that cannot be read (the
    problem then says why and where)."""
    import yaml

    documents: list[YamlDocument] = []
    events = _events(text)
    added = 0  # the bound on what aliases add is the stream's, not each document's
    try:
        for event in events:
            if event.__class__ is yaml.DocumentStartEvent:
                builder = _Builder(False, added)
                line = event.start_mark.line + 1 if event.start_mark is not None else 1
                value = builder.document(events)
                number = len(documents)
                documents.append(
                    YamlDocument(value, line, builder.repeated, number, builder.added - added)
                )
                added = builder.added
    except Refused as exc:
        return documents, ParseProblem(exc.message, exc.line, exc.column)
    except yaml.YAMLError as exc:
        return documents, _syntax(exc, text)
    finally:
        events.close()
    return documents, None


def places(text: str, index: int) -> Places:
    """The places of the nodes of document ``index`` of a stream :func:`load_stream` read."""
    import yaml

    events = _events(text)
    found = -1
    try:
        for event in events:
            if event.__class__ is yaml.DocumentStartEvent:
                found += 1
                builder = _Builder(found == index)
                builder.document(events)
                if found == index:
                    return Places(builder.values, builder.keys, builder.duplicates, builder.aliases)
    finally:
        events.close()
    return Places({}, {}, [], {})  # pragma: no cover - the stream changed


def one_document(raw: bytes) -> tuple[Any, ParseProblem | None]:
    """The value of a YAML input that must hold one document (a schema, an OpenAPI document):
    ``(value, None)``, or ``(None, why not)``; a duplicate key is a problem here, at the repeat."""
    text = decoded(raw)
    if isinstance(text, ParseProblem):
        return None, text
    documents, problem = load_stream(text)
    if problem is not None:
        return None, problem
    if len(documents) != 1:
        where = documents[1].line if documents else 1
        return None, ParseProblem(
            "expected one YAML document, found "
            + ("none" if not documents else f"{len(documents)}"),
            where,
            1,
        )
    if documents[0].duplicates:
        pointer, key, line, column = places(text, 0).duplicates[0]
        return None, ParseProblem(f"duplicate key {key!r} in {pointer!r}", line, column)
    return documents[0].value, None
