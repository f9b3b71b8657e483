"""The grouped summary: the same failure across many documents, counted once.

Two problems are the same failure when they fail the same keyword at the same keyword location
with a message of the same *shape*: the message with every instance value replaced by
:data:`PLACEHOLDER`, as :func:`validator.checking.messages.describe_with_shape` words it along with
the message (``Problem.shape``).  ``"done" is not one of "pending", "failed"`` and ``"Done" is not
one of "pending", "failed"; did you mean "done"?`` have one shape, ``<value> is not one of
"pending", "failed"``.  Values that come from the schema (enum members, patterns, limits, required
property names) and the types in ``got integer 5`` stay, so the shape still says what is expected.

A problem without a shape (a document that is not strict JSON, an input that cannot be read, a
duplicate key: no schema keyword's failure) is grouped by its message as it stands: such
messages name at most a character of the text or a key, which say what is wrong.

Memory is bounded: each group keeps its count and its first :data:`EXAMPLES` places, and at most
:data:`MAX_GROUPS` groups are kept (later new kinds are only counted, in ``Grouper.untracked``).
"""

from __future__ import annotations

from typing import NamedTuple

from validator.problems import PLACEHOLDER, DocumentResult, Problem, Status
from validator.report.common import position

__all__ = ["EXAMPLES", "MAX_GROUPS", "PLACEHOLDER", "Group", "Grouper", "kind"]


EXAMPLES = 3
MAX_GROUPS = 1000


def kind(problem: Problem) -> tuple[str, str, str]:
    """What makes two problems the same failure: keyword, keyword location and shape (the
    message itself for a problem without a shape); and, in a run with several schemas, the
    schema that judged the document."""
    return problem.keyword, problem.keyword_location, problem.shape or problem.message


class Place(NamedTuple):
    """Where one example of a group is: the source and the line of the problem."""

    source: str
    line: int | None


class Group(NamedTuple):
    """One kind of failure: how many documents show it and the first few places."""

    @property
    def label(self) -> str:
        """The keyword location, or the keyword for problems outside the schema (parse, input,
        duplicate-key)."""
        return self.keyword_location or self.keyword

    keyword: str
    keyword_location: str
    message: str
    """The shape of the messages counted (or the message itself, see :func:`kind`)."""
    documents: int
    """How many documents show this failure (once each, however often)."""
    examples: tuple[Place, ...]
    """Where the first :data:`EXAMPLES` of them are."""
    schema: str = ""
    """The schema that judged those documents ("" when not told)."""


class _Tally:
    __slots__ = ("documents", "examples")

    def __init__(self) -> None:
        self.documents = 0
        self.examples: list[Place] = []


class Grouper:
    """Collects the groups of a run, one document at a time."""

    def __init__(self) -> None:
        self._tallies: dict[tuple[str, str, str, str], _Tally] = {}
        self.failed = 0
        """Documents that were not valid."""
        self.untracked = 0
        """Failures of kinds beyond :data:`MAX_GROUPS`, counted once per document and kind."""

    def add(self, result: DocumentResult) -> None:
        if result.status is Status.VALID:
            return
        self.failed += 1
        schema = result.schema
        problems = result.problems
        seen: set[tuple[str, str, str, str]] | None = set() if len(problems) > 1 else None
        for problem in problems:
            # (*kind(problem), schema), inline: this runs for every problem of a run
            key = (
                problem.keyword,
                problem.keyword_location,
                problem.shape or problem.message,
                schema,
            )
            if seen is not None:
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
            Group(keyword, location, message, tally.documents, tuple(tally.examples), schema)
            for (keyword, location, message, schema), tally in self._tallies.items()
        ]
        groups.sort(key=lambda group: -group.documents)
        return groups
