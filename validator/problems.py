"""Plain immutable records that flow from the checking stages to the reporters.

Nothing here does any work: the records only describe what was found and where, so that every
reporter (text, json, github, junit, sarif) renders the same facts.
"""

from __future__ import annotations

import enum
from typing import NamedTuple

__all__ = [
    "DocumentResult",
    "Problem",
    "SchemaProblem",
    "Status",
    "Summary",
]


class Status(str, enum.Enum):
    """The verdict on one document."""

    VALID = "valid"
    INVALID = "invalid"
    UNREADABLE = "unreadable"  # could not be read, or is not strict JSON


class Problem(NamedTuple):
    """One thing wrong with a document (an immutable record: a named tuple, cheap to build and to
    send between processes).

    ``instance_location`` and ``keyword_location`` are JSON Pointers (RFC 6901); the keyword
    location runs through ``$ref`` as in the JSON Schema output format.  ``line`` and ``column``
    are 1-based; columns count Unicode characters (code points), not bytes.  They are ``None`` when
    the source text of the document is unknown (for example ``validate()`` on a Python object).
    """

    instance_location: str
    keyword_location: str
    message: str
    keyword: str
    absolute_keyword_location: str | None = None
    line: int | None = None
    column: int | None = None
    headline: bool = False
    shape: str = ""
    """The message with instance values replaced by a placeholder ("" when the message holds
    none): problems with the same keyword location and shape are counted together."""


class DocumentResult(NamedTuple):
    """Everything known about one checked document (a named tuple, like :class:`Problem`).

    ``source`` names the input (a path, ``<stdin>``); ``line`` is the line the document starts on
    (1 for a whole file, the line number inside a JSON Lines file).
    """

    source: str
    line: int
    status: Status
    problems: tuple[Problem, ...] = ()

    @property
    def valid(self) -> bool:
        return self.status is Status.VALID


class SchemaProblem(Exception):
    """A schema that cannot be used: not found, not valid against its metaschema, or holding a
    ``$ref`` to a resource the registry does not have.  Maps to exit code 2."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class Summary:
    """Counts over one run; the only mutable record, filled in as results arrive."""

    __slots__ = ("invalid", "unreadable", "valid")

    def __init__(self, valid: int = 0, invalid: int = 0, unreadable: int = 0) -> None:
        self.valid = valid
        self.invalid = invalid
        self.unreadable = unreadable

    def __repr__(self) -> str:
        return f"Summary(valid={self.valid}, invalid={self.invalid}, unreadable={self.unreadable})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Summary):
            return NotImplemented
        return (self.valid, self.invalid, self.unreadable) == (
            other.valid,
            other.invalid,
            other.unreadable,
        )

    __hash__ = None  # type: ignore[assignment]  # mutable

    @property
    def documents(self) -> int:
        return self.valid + self.invalid + self.unreadable

    def add(self, result: DocumentResult) -> None:
        if result.status is Status.VALID:
            self.valid += 1
        elif result.status is Status.INVALID:
            self.invalid += 1
        else:
            self.unreadable += 1

    @property
    def exit_code(self) -> int:
        """0 all valid; 1 some document invalid; 3 some input unreadable (3 wins over 1)."""
        if self.unreadable:
            return 3
        if self.invalid:
            return 1
        return 0
