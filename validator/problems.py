"""Plain immutable records that flow from the checking stages to the reporters.

Nothing here does any work: the records only describe what was found and where, so that every
reporter (text, json, github, junit, sarif) renders the same facts.
"""

# Annotations are evaluated (no `from __future__ import annotations`): typing.NamedTuple
# compiles each field's annotation given as a string, a cost every start-up would pay.
import enum
from typing import Any, NamedTuple

__all__ = [
    "CANNOT_CHECK",
    "DISAGREEMENT",
    "DUPLICATE_KEY",
    "EXIT_INTERRUPTED",
    "EXIT_INVALID",
    "EXIT_OK",
    "EXIT_PIPE",
    "EXIT_UNREADABLE",
    "EXIT_USAGE",
    "INPUT",
    "MORE_UNDECLARED",
    "PARSE",
    "PLACEHOLDER",
    "RECORDING",
    "UNDECLARED",
    "BadPattern",
    "CannotCompile",
    "DocumentResult",
    "EscapingRef",
    "NoSuchPointer",
    "NoSuchSchema",
    "NotASchema",
    "OpenAPIDocument",
    "Problem",
    "Recorded",
    "RefCycle",
    "SchemaProblem",
    "SchemaUnreadable",
    "Status",
    "Summary",
    "UnresolvableRef",
    "more_undeclared",
    "warning_count",
]

# --- exit codes: the one definition (README "Exit codes" table) --------------------------------

EXIT_OK = 0
"""Every document is valid."""
EXIT_INVALID = 1
"""At least one document is invalid."""
EXIT_USAGE = 2
"""A usage error, a schema that cannot be used, a report that cannot be written, or a run that
cannot complete."""
EXIT_UNREADABLE = 3
"""At least one input is unreadable or not strict JSON (wins over :data:`EXIT_INVALID`)."""
EXIT_INTERRUPTED = 130
"""Interrupted (Ctrl-C): 128 + SIGINT."""
EXIT_PIPE = 141
"""The reader of *our* standard output went away: 128 + SIGPIPE."""

PLACEHOLDER = "<value>"
"""What stands for an instance value in a problem's :attr:`~Problem.shape` (the message with every
instance value replaced, so that failures that differ only in their values read the same)."""

# --- problem kinds: the ``keyword`` of a problem that is not a schema keyword's failure ---------

PARSE = "parse"
"""The text is not strict JSON."""
DUPLICATE_KEY = "duplicate-key"
"""An object holds the same key twice."""
INPUT = "input"
"""An input could not be read."""
DISAGREEMENT = "engine-disagreement"
"""The fast and the reference engine disagree on a document (reported, never passed)."""
CANNOT_CHECK = "cannot-check"
"""The reference engine gave up on a document (a regex budget, recursion): reported invalid."""
UNDECLARED = "undeclared-property"
"""A warning: a property that no schema applying to its object declares (see
:mod:`validator.checking.undeclared`); an error only in the strict profile."""

MORE_UNDECLARED = "... and more undeclared properties"
"""The shape of the note that ends the warnings of a document with more than are listed (see
:mod:`validator.checking.property_warnings`): a note, not a warning; its message counts the
warnings not listed (:func:`more_undeclared`, read back by :func:`warning_count`)."""


RECORDING = "recording"
"""The family of the problems of a recorded response that the OpenAPI document does not let be
checked (see :mod:`validator.contracts.routes`), each of its own kind (see
:mod:`validator.contracts.recording_kinds`), its message saying what was looked for."""


class Status(str, enum.Enum):
    """The verdict on one document."""

    VALID = "valid"
    INVALID = "invalid"
    UNREADABLE = "unreadable"  # could not be read, or is not strict JSON
    SKIPPED = "skipped"
    """A recording's entry that is not checked (another host, an aborted request, ...): its
    one problem says why; the run counts these and reports do not list them."""


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


def more_undeclared(more: int) -> str:
    """The message of the note that counts ``more`` warnings not listed."""
    return f"... and {more:,} more undeclared {'property' if more == 1 else 'properties'}"


def warning_count(warnings: tuple[Problem, ...]) -> int:
    """The warnings of a document: those listed and those a note counts, never the note."""
    count = len(warnings)
    if count == 1 and warnings[0].shape != MORE_UNDECLARED:  # the usual case
        return 1
    for note in warnings:
        if note.shape == MORE_UNDECLARED:  # "... and 1,234 more undeclared properties"
            count += int(note.message.split()[2].replace(",", "")) - 1
    return count


class Recorded(NamedTuple):
    """Where a document checked from a recording (a HAR file's entry) came from.

    ``number`` is the entry's index in ``log.entries`` (0-based: reports name it
    ``entries[3]``); ``line`` and ``column`` are the position in the HAR file of the body's
    string (its opening quote), or of the entry's ``response`` object when the recording holds
    no body text.  The problems of such a document are placed there too (the HAR file's line
    and column: where an annotation can point), each with its place inside the body in its
    message and in :attr:`places`."""

    number: int
    method: str
    url: str
    status: int
    line: int
    column: int
    places: tuple[tuple[int | None, int | None], ...] = ()
    """Where each problem, then each warning, of the document is inside the body (line,
    column), in order; ``(None, None)`` for one with no place in the body."""


class DocumentResult(NamedTuple):
    """Everything known about one checked document (a named tuple, like :class:`Problem`).

    ``source`` names the input (a path, ``<stdin>``); ``line`` is the line the document starts on
    (1 for a whole file, the line number inside a JSON Lines file).
    """

    source: str
    line: int
    status: Status
    problems: tuple[Problem, ...] = ()
    schema: str = ""
    """The name of the schema that judged the document ("" when not told)."""
    warnings: tuple[Problem, ...] = ()
    """What the schema lets through but probably should not (undeclared properties, placed at
    their keys): never part of the verdict (the strict profile makes them ``problems``)."""
    entry: Recorded | None = None
    """The recording's entry the document is the response body of (None: a file or a line)."""

    @property
    def valid(self) -> bool:
        return self.status is Status.VALID


class SchemaProblem(Exception):
    """A schema that cannot be used (exit code :data:`EXIT_USAGE`).  Catch this class for all of
    them; each subclass says what went wrong and carries the data that explains it, in the style
    of ``referencing.exceptions``.  ``str()`` is the one-line message for the user."""

    exit_code = EXIT_USAGE
    multiline = False
    """Whether the message's line breaks are its own lines (the text from a schema in it has
    none left); else the message is one line, any line break in it text to be escaped."""

    def __init__(self, message: str, *, schema: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.schema = schema
        """The name or path of the schema concerned, when known."""

    def __str__(self) -> str:
        return self.message


class NoSuchSchema(SchemaProblem):
    """Neither a bundled schema's name nor a schema file (or the bundled schemas are missing)."""


class SchemaUnreadable(SchemaProblem):
    """A schema file that cannot be read, or whose text is not strict JSON."""


class NotASchema(SchemaProblem):
    """A document that is not valid against its metaschema (or names an unknown ``$schema``)."""


class BadPattern(NotASchema):
    """A ``pattern`` or ``patternProperties`` name that is not an ECMA-262 regular expression, or
    that no engine can match in bounded time (see :mod:`validator.contracts.patterns`)."""

    def __init__(self, message: str, *, schema: str | None, pattern: str, pointer: str) -> None:
        super().__init__(message, schema=schema)
        self.pattern = pattern
        self.pointer = pointer
        """The JSON pointer of the keyword, in the schema named."""


class CannotCompile(SchemaProblem):
    """A schema the engines cannot compile."""


class UnresolvableRef(SchemaProblem):
    """``$ref``\\ s (or ``$dynamicRef``\\ s) that no resource of the offline registry holds: all
    of a schema's, one line each in the message."""

    multiline = True

    def __init__(
        self, message: str, *, schema: str | None = None, ref: str = "", refs: tuple[str, ...] = ()
    ) -> None:
        super().__init__(message, schema=schema)
        self.ref = ref
        """The (first) reference as written in the schema."""
        self.refs = refs or ((ref,) if ref else ())
        """Every reference that cannot be resolved, as written."""


class RefCycle(SchemaProblem):
    """A ``$ref`` cycle that applies to the same instance without end."""

    def __init__(
        self, message: str, *, schema: str | None = None, cycle: tuple[str, ...] = ()
    ) -> None:
        super().__init__(message, schema=schema)
        self.cycle = cycle
        """The steps along the cycle (``$ref "#/$defs/a"``, ``allOf``, ...)."""


class EscapingRef(SchemaProblem):
    """A ``$ref`` to a file outside the schema folders (the folder of the schema given and each
    ``--schema-dir``): ``../../x.json``, ``file:///etc/passwd``, a symlink pointing out."""

    def __init__(self, message: str, *, schema: str | None = None, ref: str = "") -> None:
        super().__init__(message, schema=schema)
        self.ref = ref
        """The reference as written in the schema."""


class NoSuchPointer(NoSuchSchema):
    """An entry point ``FILE#/json/pointer`` whose pointer leads nowhere in the file."""

    def __init__(self, message: str, *, schema: str | None = None, pointer: str = "") -> None:
        super().__init__(message, schema=schema)
        self.pointer = pointer
        """The JSON Pointer as given (percent-decoded)."""


class OpenAPIDocument(NotASchema):
    """An OpenAPI document given as the schema without a fragment naming one of its schemas."""

    def __init__(
        self, message: str, *, schema: str | None = None, names: tuple[str, ...] = ()
    ) -> None:
        super().__init__(message, schema=schema)
        self.names = names
        """The names under ``components/schemas``, in document order."""


class Summary:
    """Counts over one run; the only mutable record, filled in as results arrive.

    ``schemas`` counts per schema name ``[valid, invalid, unreadable]`` (in the order the
    schemas were first met), ``engines`` says which engine judged each schema (``fast`` or
    ``reference``; ``asked``: the one the run asked for), ``skipped`` counts inputs that no check
    of the config matches (``skipped_inputs`` names them), ``warnings`` the warnings of the
    documents (never part of the exit code), ``coverage`` the coverage of the run's OpenAPI
    document (a ``validator.contracts.coverage.Coverage``; None when the run has none), set
    before the reports finish: below ``--min-coverage`` the run is invalid (exit 1)."""

    __slots__ = (
        "asked",
        "coverage",
        "engines",
        "entries_skipped",
        "invalid",
        "routed",
        "schemas",
        "skipped",
        "skipped_inputs",
        "unreadable",
        "valid",
        "warnings",
    )

    def __init__(self, valid: int = 0, invalid: int = 0, unreadable: int = 0) -> None:
        self.valid = valid
        self.invalid = invalid
        self.unreadable = unreadable
        self.schemas: dict[str, list[int]] = {}
        self.engines: dict[str, str] = {}
        self.asked = "fast"
        self.skipped = 0
        self.skipped_inputs: tuple[str, ...] = ()
        self.warnings = 0
        self.entries_skipped: dict[str, int] = {}  # recordings' entries not checked, per reason
        self.coverage: Any = None
        self.routed = False  # recordings checked: ``schemas`` names documented responses

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

    def schema(self, name: str, engine: str = "fast") -> list[int]:
        """The counts of one schema (made, and its engine noted, when first met)."""
        counts = self.schemas.get(name)
        if counts is None:
            counts = self.schemas[name] = [0, 0, 0]
            self.engines[name] = engine
        return counts

    def add_valid(self, count: int, schema: str = "") -> None:
        """``count`` valid documents of ``schema`` that were only counted."""
        self.valid += count
        if schema and count:
            self.schema(schema)[0] += count

    def add(self, result: DocumentResult) -> None:
        status = result.status
        if status is Status.VALID:  # with warnings, the usual result listed
            if result.warnings:
                self.warnings += warning_count(result.warnings)
            self.valid += 1
            if result.schema:
                (self.schemas.get(result.schema) or self.schema(result.schema))[0] += 1
            return
        if status is Status.SKIPPED:
            reason = result.problems[0].message if result.problems else "skipped"
            self.entries_skipped[reason] = self.entries_skipped.get(reason, 0) + 1
            return
        if result.warnings:
            self.warnings += warning_count(result.warnings)
        if status is Status.INVALID:
            self.invalid += 1
            column = 1
        else:
            self.unreadable += 1
            column = 2
        if result.schema:
            self.schema(result.schema)[column] += 1

    @property
    def exit_code(self) -> int:
        """0 all valid; 1 some document invalid (or the coverage below its minimum); 3 some
        input unreadable (3 wins over 1)."""
        if self.unreadable:
            return EXIT_UNREADABLE
        if self.invalid or (self.coverage is not None and self.coverage.failing):
            return EXIT_INVALID
        return EXIT_OK
