"""The grouped summary: the same failure across many documents, counted once.

Two problems are the same failure when they fail the same keyword at the same keyword location
with a message of the same *shape*: the message with every quoted instance value replaced by
:data:`PLACEHOLDER`.  ``"done" is not one of "pending", "failed"`` and ``"Done" is not one of
"pending", "failed"; did you mean "done"?`` have one shape, ``<value> is not one of "pending",
"failed"``.  Values that come from the schema (enum members, patterns, limits, required property
names) and the types in ``got integer 5`` stay, so the shape still says what is expected.

Memory is bounded: each group keeps its count and its first :data:`EXAMPLES` places, and at most
:data:`MAX_GROUPS` groups are kept (later new kinds are only counted, in ``Grouper.untracked``).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from validator.messages import PLACEHOLDER
from validator.problems import DocumentResult, Status
from validator.report.common import position

__all__ = ["EXAMPLES", "MAX_GROUPS", "PLACEHOLDER", "Group", "Grouper", "shape"]


EXAMPLES = 3
MAX_GROUPS = 1000

_TYPES = "null|boolean|integer|number|string|array|object"
# "got integer 5", "got string "x"" (the value is absent when redacted: "got string").
_GOT = re.compile(rf"got (?:{_TYPES}) ")
# "(2) " opening one alternative's reason in "matches none of the 3 alternatives: (1) ...".
_ALTERNATIVE = re.compile(r"\(\d+\) ")
# "; did you mean "completed"?" depends on the instance value, so it is not part of the shape.
_SUGGESTION = re.compile(r"; did you mean .*?\?(?=;|$)")
# The tail of a value cut by messages.show(): "… (1048576 characters)".
_CUT = re.compile(r"… \(\d+ (?:characters|items|properties)\)")
_SCALAR = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null")
_REDACTED = re.compile(r"<[a-z]+(?:, \d+ [a-z]+)?>|<integer of about \d+ digits>")


def _value_end(text: str, start: int) -> int | None:
    """Where the JSON value that messages.show() wrote at ``start`` ends, or None if none is."""
    if start >= len(text):
        return None
    first = text[start]
    if first == "<":
        match = _REDACTED.match(text, start)
        return match.end() if match else None
    if first not in '"[{':
        match = _SCALAR.match(text, start)
        if match is None:
            return None
        end = match.end()
        if end < len(text) and (text[end].isalnum() or text[end] == "_"):
            return None  # a word such as "nullable", not a value
        cut = _CUT.match(text, end)
        return cut.end() if cut else end
    depth = 0
    in_string = False
    i = start
    while i < len(text):
        ch = text[i]
        if ch == "…":
            cut = _CUT.match(text, i)
            if cut:
                return cut.end()
        if in_string:
            if ch == "\\" and text[i + 1 : i + 2] != "…":  # a cut may follow a lone backslash
                i += 1
            elif ch == '"':
                in_string = False
                if depth == 0:
                    return i + 1
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return None


def shape(message: str) -> str:
    """The message with the instance values it quotes replaced by :data:`PLACEHOLDER`.

    Instance values stand where messages.describe() puts them: first in a clause
    (``"x" is not a valid uuid``), after ``got TYPE`` and first in each alternative's reason.
    Other quoted values (from the schema) are copied whole, so nothing inside them is mistaken
    for an instance value.
    """
    message = _SUGGESTION.sub("", message)
    out: list[str] = []
    i = 0
    clause_start = True
    while i < len(message):
        if clause_start:
            clause_start = False
            end = _value_end(message, i)
            if end is not None:
                out.append(PLACEHOLDER)
                i = end
                continue
        got = _GOT.match(message, i)
        if got:
            out.append(got.group())
            i = got.end()
            end = _value_end(message, i)
            if end is not None:
                out.append(PLACEHOLDER)
                i = end
            continue
        alternative = _ALTERNATIVE.match(message, i)
        if alternative and (i == 0 or message[i - 1] == " "):
            out.append(alternative.group())
            i = alternative.end()
            clause_start = True
            continue
        if message[i] in '"[{':
            end = _value_end(message, i)
            if end is not None:
                out.append(message[i:end])
                i = end
                continue
        out.append(message[i])
        i += 1
    return "".join(out)


class Place(NamedTuple):
    """Where one example of a group is: the source and the line of the problem."""

    source: str
    line: int | None


class Group(NamedTuple):
    """One kind of failure: how many documents show it and the first few places."""

    keyword: str
    keyword_location: str
    message: str
    documents: int
    examples: tuple[Place, ...]

    @property
    def label(self) -> str:
        """The keyword location, or the keyword for problems outside the schema (parse, input,
        duplicate-key)."""
        return self.keyword_location or self.keyword


class _Tally:
    __slots__ = ("documents", "examples")

    def __init__(self) -> None:
        self.documents = 0
        self.examples: list[Place] = []


class Grouper:
    """Collects the groups of a run, one document at a time."""

    def __init__(self) -> None:
        self._tallies: dict[tuple[str, str, str], _Tally] = {}
        self.failed = 0
        """Documents that were not valid."""
        self.untracked = 0
        """Failures of kinds beyond :data:`MAX_GROUPS`, counted once per document and kind."""

    def add(self, result: DocumentResult) -> None:
        if result.status is Status.VALID:
            return
        self.failed += 1
        seen: set[tuple[str, str, str]] = set()
        for problem in result.problems:
            key = (
                problem.keyword,
                problem.keyword_location,
                problem.shape or shape(problem.message),
            )
            if key in seen:
                continue
            seen.add(key)
            tally = self._tallies.get(key)
            if tally is None:
                if len(self._tallies) >= MAX_GROUPS:
                    self.untracked += 1
                    continue
                tally = self._tallies[key] = _Tally()
            tally.documents += 1
            if len(tally.examples) < EXAMPLES:
                line, _ = position(result, problem)
                tally.examples.append(Place(result.source, line))

    def groups(self) -> list[Group]:
        """Every group, most frequent first (ties in the order they were first seen)."""
        groups = [
            Group(keyword, location, message, tally.documents, tuple(tally.examples))
            for (keyword, location, message), tally in self._tallies.items()
        ]
        groups.sort(key=lambda group: -group.documents)
        return groups
