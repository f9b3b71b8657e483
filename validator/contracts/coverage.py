"""Coverage of an OpenAPI document by a run's recorded responses: which documented responses
some recorded response matched, and which none did.

A *slot* is one documented response: an operation (under ``paths``, as
:func:`~validator.contracts.operations.operations` finds them) x a status key as the document
writes it (``200``, ``2XX``, ``default``: a range and ``default`` are one slot each) x a media
type of its ``content`` (a response without ``content`` is one slot).  A response given by
``$ref`` is followed within the document, as the operations' lookup follows it; one whose
``$ref`` leads nowhere here is one slot without a media type (never seen: nothing can match
it).

A slot's *name* is the name the run gives the documents that matched it (their
:attr:`~validator.problems.DocumentResult.schema`): ``"{operation} {key} {media type}"``, or
``"{operation} {key}"`` for a response without content (the operation: its ``operationId``,
else ``METHOD /path``).  So :attr:`Summary.schemas <validator.problems.Summary.schemas>` holds
the counts of each slot that some recorded response matched, and :func:`coverage_of` reads the
coverage from it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from validator.contracts.operations import _escape, _follow, operations
from validator.problems import SchemaProblem

if TYPE_CHECKING:
    from validator.problems import Summary

__all__ = [
    "Coverage",
    "Exercise",
    "Gap",
    "Row",
    "Slot",
    "coverage_of",
    "documented_responses",
    "percent_text",
]


class Slot(NamedTuple):
    """One documented response: the operation's name and ``METHOD /path`` label, the status key
    and media type as the document writes them (``media_type`` None: no content), the name its
    documents get, and the JSON Pointer of its media type object (of the response without
    one)."""

    operation: str
    label: str
    key: str
    media_type: str | None
    name: str
    pointer: str


def _slots(contents: Any, operation: Any, given: str) -> list[Slot]:
    responses = operation.node.get("responses")
    found: list[Slot] = []
    for raw_key, response in responses.items() if isinstance(responses, dict) else ():
        key = str(raw_key)
        pointer = f"{operation.pointer}/responses/{_escape(key)}"
        try:
            response, pointer = _follow(contents, response, pointer, given)
        except SchemaProblem:  # a $ref that leads nowhere here: no content to tell
            response = None
        content = response.get("content") if isinstance(response, dict) else None
        named = f"{operation.name} {key}"
        if not isinstance(content, dict) or not content:
            found.append(Slot(operation.name, operation.label, key, None, named, pointer))
            continue
        for media_type in content:
            media = str(media_type)
            where = f"{pointer}/content/{_escape(media)}"
            found.append(
                Slot(operation.name, operation.label, key, media, f"{named} {media}", where)
            )
    return found


def documented_responses(contents: Any, given: str) -> list[Slot]:
    """Every documented response slot of an OpenAPI document, in document order (see the
    module's docstring); ``given`` names the document in a
    :class:`~validator.problems.SchemaProblem` (an ``operationId`` used twice)."""
    found: list[Slot] = []
    for operation in operations(contents, given):
        found.extend(_slots(contents, operation, given))
    return found


class Row(NamedTuple):
    """A slot and the recorded responses that matched it, by verdict."""

    slot: Slot
    valid: int = 0
    invalid: int = 0
    unreadable: int = 0

    @property
    def matched(self) -> int:
        return self.valid + self.invalid + self.unreadable


def percent_text(value: float) -> str:
    """``40.0``: a percentage cut (never rounded up) to one decimal, so that a coverage just
    below a minimum never reads as the minimum."""
    tenths = int(value * 10 + 1e-9)
    return f"{tenths // 10}.{tenths % 10}"


class Gap(NamedTuple):
    """A location of a schema (a JSON Pointer, ``*`` for any item of an array) whose declared
    ``properties`` or ``enum`` ``values`` no valid document showed (``reached``: some valid
    document had a value there); see :mod:`validator.checking.exercised`."""

    where: str
    reached: bool
    properties: tuple[str, ...]
    values: tuple[Any, ...]


class Exercise(NamedTuple):
    """What the valid documents of one schema never exercised (``--coverage``): the valid
    ``documents`` looked at, the ``gaps`` in the schema's order, and whether the schema has more
    locations than were followed (``more``)."""

    schema: str
    documents: int
    gaps: tuple[Gap, ...]
    more: bool = False


class Coverage(NamedTuple):
    """The coverage of a run: ``spec`` (the document as given, "" without one), ``rows`` (each
    documented response in document order with its matched counts; None for a run without an
    OpenAPI document of recordings), ``minimum`` (``--min-coverage``, a percentage, or None),
    ``schemas`` (with ``--coverage``: what each schema's valid documents never exercised),
    ``others`` (the coverage of each further OpenAPI document of a run whose recordings checks
    name several, in the order of the checks: its own ``spec``, ``rows`` and ``minimum``)."""

    spec: str
    rows: tuple[Row, ...] | None
    minimum: float | None = None
    schemas: tuple[Exercise, ...] = ()
    others: tuple[Coverage, ...] = ()

    def tables(self) -> tuple[Coverage, ...]:
        """The coverage of every OpenAPI document of the run: this one (when it has rows), then
        the others."""
        return ((self,) if self.rows is not None else ()) + self.others

    @property
    def failing(self) -> bool:
        """Whether some document of the run is below ``--min-coverage``."""
        return any(table.below for table in self.tables())

    def reasons(self) -> str:
        """Why the run fails on coverage: :meth:`why` of each document below its minimum
        (naming the document when the run has several)."""
        several = len(self.tables()) > 1
        return "; ".join(table.why(several) for table in self.tables() if table.below)

    @property
    def documented(self) -> int:
        return len(self.rows or ())

    @property
    def seen(self) -> int:
        return sum(1 for row in self.rows or () if row.matched)

    @property
    def percent(self) -> float:
        """The share of documented responses seen (100 when the document documents none)."""
        return 100.0 * self.seen / self.documented if self.documented else 100.0

    @property
    def below(self) -> bool:
        """Whether the run is below ``minimum`` (exactly: ``seen / documented`` against it)."""
        if self.minimum is None or self.rows is None or not self.documented:
            return False
        return self.seen * 100 < self.minimum * self.documented

    def gaps(self) -> list[Row]:
        """The never-seen responses, biggest gaps first: those of operations that nothing
        matched, then the others, each in document order."""
        rows = self.rows or ()
        touched = {row.slot.operation for row in rows if row.matched}
        unseen = [row for row in rows if not row.matched]
        return sorted(unseen, key=lambda row: row.slot.operation in touched)

    def untouched(self) -> set[str]:
        """The operations none of whose responses was seen."""
        rows = self.rows or ()
        touched = {row.slot.operation for row in rows if row.matched}
        return {row.slot.operation for row in rows} - touched

    def why(self, named: bool = False) -> str:
        """``coverage 40.0% of documented responses is below --min-coverage 80`` (``named``:
        ``coverage of api.json 40.0% ...``)."""
        of = f"of {self.spec} " if named else ""
        return (
            f"coverage {of}{percent_text(self.percent)}% of documented responses is below "
            f"--min-coverage {self.minimum:g}"
        )


def coverage_of(
    contents: Any,
    summary: Summary | Mapping[str, Sequence[int]],
    given: str = "",
    minimum: float | None = None,
) -> Coverage:
    """The coverage of an OpenAPI document (its parsed ``contents``; ``given``: its name as the
    run was given it) by the recorded responses a run's ``summary`` counted (or the counts of
    the responses of this document's checks: name -> valid, invalid, unreadable), with the
    run's ``--min-coverage`` (a percentage, or None)."""
    table = summary if isinstance(summary, Mapping) else summary.schemas
    rows = []
    for slot in documented_responses(contents, given):
        counts = table.get(slot.name) or (0, 0, 0)
        rows.append(Row(slot, *counts))
    return Coverage(given, tuple(rows), minimum)
