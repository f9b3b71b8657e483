"""Back-references whose group may not take part in the match where the reference is.

In ECMA-262 a back-reference (``\\1``) to a group that has not captured anything at that point
of the match matches the empty string: ``^(?:(a)|b)\\1$``, ``^(a)?b\\1$`` and ``\\1(a)`` all
match ``"b"``/``"a"``.  The regex engine both engines match with (jsonschema_rs's
``fancy-regex``) fails such a reference instead, so the verdict would be wrong.  Such a pattern
is refused when the schema is read (:func:`unsure_reference`, called by
:func:`validator.contracts.patterns.check_patterns`), as the patterns that engine cannot run are.
Also refused: a reference inside a lookbehind (ECMA-262 matches it from right to left, that
engine does not), and one to a group inside a repetition of what may match the empty string
(ECMA-262 drops an empty repetition once the fewest are done, and the capture it made).  A
reference to a group that always takes part before it (``^(a)b\\1$``, ``(?:(a)\\1)+``) keeps
working.

The pattern has already been read as ECMA-262 with the ``u`` flag (``regress``), so the small
reader here can trust its syntax: every ``{`` after an atom is a quantifier, no ``\\1`` names a
group that does not exist, no character class nests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["unsure_reference"]

_MODIFIERS = re.compile(r"\?[a-z]*(?:-[a-z]*)?:")


@dataclass
class _Node:
    kind: str
    """``seq``, ``alt``, ``group`` (``capture`` its number or 0), ``quant``, ``ref``, ``atom``."""
    start: int
    end: int = 0
    parent: _Node | None = None
    children: list[_Node] = field(default_factory=list)
    capture: int = 0
    look: str = ""
    """For a group: ``=``, ``!``, ``<=`` or ``<!`` for a look-around, else empty."""
    least: int = 1
    """For a quantifier: the fewest repetitions it allows."""
    most: float = 1
    """For a quantifier: the most repetitions it allows."""


class _Reader:
    def __init__(self, pattern: str) -> None:
        self.text = pattern
        self.at = 0
        self.groups: dict[int, _Node] = {}
        self.refs: list[_Node] = []

    def alternatives(self, parent: _Node | None) -> _Node:
        node = _Node("alt", self.at, parent=parent)
        node.children.append(self.sequence(node))
        while self.at < len(self.text) and self.text[self.at] == "|":
            self.at += 1
            node.children.append(self.sequence(node))
        node.end = self.at
        if len(node.children) == 1:  # no alternative: the sequence alone
            only = node.children[0]
            only.parent = parent
            return only
        return node

    def sequence(self, parent: _Node) -> _Node:
        node = _Node("seq", self.at, parent=parent)
        while self.at < len(self.text) and self.text[self.at] not in "|)":
            atom = self.atom(node)
            bounds = self.quantifier()
            if bounds is not None:
                least, most = bounds
                quant = _Node("quant", atom.start, self.at, parent=node, least=least, most=most)
                atom.parent = quant
                quant.children.append(atom)
                atom = quant
            node.children.append(atom)
        node.end = self.at
        return node

    def atom(self, parent: _Node) -> _Node:
        text, start = self.text, self.at
        char = text[start]
        if char == "(":
            return self.group(parent)
        if char == "[":
            self.at += 1
            while text[self.at] != "]":
                self.at += 2 if text[self.at] == "\\" else 1
            self.at += 1
        elif char == "\\":
            return self.escape(parent)
        else:
            self.at += 1
        node = _Node("atom", start, self.at, parent=parent)
        node.least = 0 if char in "^$" else 1  # an assertion matches the empty string
        return node

    def escape(self, parent: _Node) -> _Node:
        text, start = self.text, self.at
        self.at += 2
        following = text[start + 1]
        if following in "123456789":
            while self.at < len(text) and text[self.at].isdigit():
                self.at += 1
            number = int(text[start + 1 : self.at])
            node = _Node("ref", start, self.at, parent=parent, capture=number)
            self.refs.append(node)
            return node
        if following in "upPk" and self.at < len(text) and text[self.at] in "{<":
            self.at = text.index("}" if text[self.at] == "{" else ">", self.at) + 1
        node = _Node("atom", start, self.at, parent=parent)
        node.least = 0 if following in "bBk" else 1  # \b, \B, \k<name>: may match empty
        return node

    def group(self, parent: _Node) -> _Node:
        text, start = self.text, self.at
        node = _Node("group", start, parent=parent)
        self.at += 1
        if text.startswith("?", self.at):
            for look in ("<=", "<!", "=", "!", ":"):
                if text.startswith(look, self.at + 1):
                    node.look = "" if look == ":" else look
                    self.at += 1 + len(look)
                    break
            else:
                modifiers = _MODIFIERS.match(text, self.at)  # (?i:...), (?-s:...)
                if modifiers is not None:
                    self.at = modifiers.end()
                else:  # (?<name>...)
                    self.at = text.index(">", self.at) + 1
                    node.capture = -1
        else:
            node.capture = -1
        if node.capture:
            node.capture = len(self.groups) + 1
            self.groups[node.capture] = node
        node.children.append(self.alternatives(node))
        self.at += 1  # the ")"
        node.end = self.at
        return node

    def quantifier(self) -> tuple[int, float] | None:
        """The fewest and most repetitions of the quantifier here, if there is one."""
        text, at = self.text, self.at
        if at >= len(text) or text[at] not in "*+?{":
            return None
        if text[at] == "{":
            close = text.index("}", at)
            numbers = text[at + 1 : close].split(",")
            least = int(numbers[0])
            most = float(least if len(numbers) == 1 else numbers[1] or "inf")
            self.at = close + 1
        else:
            least = 0 if text[at] in "*?" else 1
            most = 1 if text[at] == "?" else float("inf")
            self.at = at + 1
        if self.at < len(text) and text[self.at] == "?":
            self.at += 1  # lazy
        return least, most


def _chain(node: _Node) -> list[_Node]:
    """The node and its ancestors, the root last."""
    out = []
    current: _Node | None = node
    while current is not None:
        out.append(current)
        current = current.parent
    return out


def _empty(node: _Node) -> bool:
    """Whether ``node`` may match the empty string (when in doubt, it may)."""
    if node.kind in ("atom",):
        return node.least == 0
    if node.kind == "ref" or (node.kind == "group" and node.look):
        return True
    if node.kind == "quant" and node.least == 0:
        return True
    if node.kind == "alt":
        return any(_empty(each) for each in node.children)
    return all(_empty(each) for each in node.children)


def _why(group: _Node, ref: _Node) -> str | None:
    above_ref = _chain(ref)
    shared = set(map(id, above_ref))
    above_group = _chain(group)
    common = next(node for node in above_group if id(node) in shared)
    if any(node.kind == "group" and node.look in ("<=", "<!") for node in above_ref):
        return "the reference is inside a lookbehind, which ECMA-262 matches from right to left"
    if common.kind == "alt":
        return "the group is in another alternative than the reference"
    if group.end > ref.start:
        return "the reference comes before the group closes"
    for node in above_group[1 : above_group.index(common)]:
        if node.kind == "quant" and node.least == 0:
            return "the group is inside a repetition that may run 0 times"
        if node.kind == "quant" and node.most > node.least and _empty(node.children[0]):
            return "the group is inside a repetition of what may match the empty string"
        if node.kind == "alt":
            return "the group is in an alternative the match may not take"
        if node.kind == "group" and node.look in ("!", "<!"):
            return "the group is inside a negative look-around, which keeps nothing it captures"
    return None


def unsure_reference(pattern: str) -> tuple[str, str] | None:
    """The first back-reference (``\\1``) of ``pattern`` (an ECMA-262 regular expression with
    the ``u`` flag) whose group may not have taken part in the match where the reference is, and
    why; None when there is none."""
    if "\\" not in pattern or "(" not in pattern:
        return None
    reader = _Reader(pattern)
    try:
        reader.alternatives(None)
    except (ValueError, IndexError):  # a syntax this reader does not know: left to the engine
        return None
    for ref in reader.refs:
        group = reader.groups.get(ref.capture)
        if group is None:
            continue
        why = _why(group, ref)
        if why is not None:
            return pattern[ref.start : ref.end], why
    return None
