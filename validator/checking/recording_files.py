"""The entries of a HAR file checked (:func:`check_recording`), a few hundred at a time.

The entries are held back as they are read, then matched to their responses together (the
router's tables stay in the processor's caches, where an entry of 10 KB read between two
matches pushes them out), and each schema's bodies given one fast verdict together
(:func:`validator.checking.json_lines.passing`, as JSON Lines are judged); only a body that
verdict does not pass (invalid, with a warning, or anything orjson may have read wrong) takes
the careful way of one entry alone (:func:`validator.checking.recordings.checked_body`).  The
results are the same, in the same order."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, BinaryIO, NamedTuple

from validator.checking.recordings import Recordings, check_entry, checked_body, routed
from validator.contracts.operations import _is_json
from validator.problems import INPUT, DocumentResult, Problem, Recorded, Status

if TYPE_CHECKING:
    from validator.checking.engine import Engine
    from validator.contracts.routes import Response
    from validator.inputs.har import HarEntry

VALID = Status.VALID

__all__ = [
    "Batches",
    "Noted",
    "Screen",
    "check_recording",
    "lines_given",
    "payload_given",
    "screen_of",
]

Screen = Callable[["Engine", list[bytes]], list[bool]]
"""Which of many bodies (of one schema) are valid without a warning (``False``: ask again)."""

Noted = Callable[["Engine", list[Any]], None]
"""Given the documents of the bodies (of one schema) a screen passed."""

_ENTRIES = 256
"""Entries held back at most before they are checked."""

_BYTES = 4 << 20
"""Characters of bodies held back at most (a recording's bodies may be large)."""

_MANY = 16
"""Bodies of one schema judged together from which its engine is settled for many
(:meth:`~validator.checking.recordings.Recordings.settle`; before the first batch that may
compile the schema's closed screen, which wants the engine settled)."""


_JSON: dict[str, bool] = {}
"""Whether a media type is JSON's, for the types seen (a recording has a few)."""


def _json(media_type: str) -> bool:
    found = _JSON.get(media_type)
    if found is None:
        if len(_JSON) >= 256:
            _JSON.clear()
        found = _JSON[media_type] = _is_json(media_type)
    return found


class _Body(NamedTuple):
    """An entry held back for its body's verdict."""

    entry: HarEntry
    response: Response
    raw: bytes


def _raw(entry: HarEntry, response: Response) -> bytes | None:
    """The bytes of a body that its schema judges (see
    :func:`~validator.checking.recordings.judge_body`), or None for an entry whose result owes
    nothing to a schema's verdict."""
    text = entry.text
    if entry.failure is not None or not text or response.pointer is None:
        return None
    if not (_json(entry.content_type) or _json(response.media_type or "")):
        return None
    if not text.strip():
        return None
    return text.encode("utf-8", "surrogatepass")


class Batches:
    """The results of a HAR file's entries (given in order to :meth:`add`, then
    :meth:`flush`), their bodies judged in batches by ``screen``; ``check`` judges one body the
    careful way."""

    def __init__(
        self,
        judge: Recordings,
        source: str,
        check: Callable[[Engine, bytes], DocumentResult],
        screen: Screen,
    ) -> None:
        self.judge, self.source, self.check, self.screen = judge, source, check, screen
        self.held: list[HarEntry] = []
        self.size = 0

    def add(self, entry: HarEntry) -> list[DocumentResult]:
        """The results that are ready once ``entry`` is added (in order)."""
        self.held.append(entry)
        self.size += len(entry.text or "")
        if len(self.held) >= _ENTRIES or self.size >= _BYTES:
            return self.flush()
        return []

    def _routed(self, entries: list[HarEntry]) -> list[DocumentResult | _Body]:
        """Each entry's result, or its body held for the batch verdict."""
        judge, source, check = self.judge, self.source, self.check
        held: list[DocumentResult | _Body] = []
        for entry in entries:
            found = routed(judge, entry, source)
            if isinstance(found, DocumentResult):
                held.append(found)
                continue
            raw = _raw(entry, found)
            if raw is None:
                held.append(checked_body(judge, entry, source, found, check))
            else:
                held.append(_Body(entry, found, raw))
        return held

    def flush(self) -> list[DocumentResult]:
        """The results of every entry held back, in order."""
        held = self._routed(self.held)
        self.held, self.size = [], 0
        groups: dict[str, list[_Body]] = {}  # by the pointer of their schema
        for item in held:
            if isinstance(item, _Body):
                groups.setdefault(str(item.response.pointer), []).append(item)
        passed: set[int] = set()  # the ids of the bodies passed
        for bodies in groups.values():
            engine = self.judge.engine(bodies[0].response)
            if len(bodies) >= _MANY:
                self.judge.settle(engine)
            verdicts = self.screen(engine, [body.raw for body in bodies])
            passed.update(id(body) for body, ok in zip(bodies, verdicts, strict=True) if ok)
        results, source, valid = [], self.source, DocumentResult
        for item in held:
            if isinstance(item, DocumentResult):
                results.append(item)
            elif id(item) in passed:  # what placed() makes of a valid result
                entry = item.entry
                line = entry.line
                at = Recorded(
                    entry.number, entry.method, entry.url, entry.status, line, entry.column
                )
                results.append(valid(source, line, VALID, (), item.response.name, (), at))
            else:
                entry, response = item.entry, item.response
                results.append(checked_body(self.judge, entry, self.source, response, self.check))
        return results


def screen_of(warned: bool, seen: Noted | None = None) -> Screen:
    """The screen of a run's bodies (``warned``: a body with an undeclared property is not
    passed, as the run wants its warnings); ``seen`` is given the documents of the bodies it
    passes (``--coverage``: what they exercised of their schema)."""
    from validator.checking.json_lines import passing

    def screen(engine: Engine, bodies: list[bytes]) -> list[bool]:
        warnings = None
        if warned:
            from validator.checking.property_warnings import for_engine

            warnings = for_engine(engine)
        if seen is None:
            return passing(engine, bodies, warnings)
        documents: list[Any] = []
        verdicts = passing(engine, bodies, warnings, documents)
        seen(engine, documents)
        return verdicts

    return screen


_PAYLOAD = " (a payload document? "


def payload_given(result: DocumentResult) -> bool:
    """Whether an unreadable input of a run of recordings is a payload document (a JSON object
    without ``log``), which the run's exit code then says (see the runner)."""
    problems = result.problems
    if not problems:
        return False
    said = problems[0].message
    return said.startswith(_LINES) or (
        said.startswith('not a HAR file: no "log"') and _PAYLOAD in said
    )


_LINES = "not a HAR file: JSON Lines hold payload documents, not recorded traffic ("


def lines_given(judge: Recordings, path: str) -> DocumentResult:
    """The unreadable result of a JSON Lines file (``.jsonl``, ``.ndjson``) given as a
    recording: not read (a line of it is no HAR), named with the operations to give with
    ``--operation`` (a file that cannot be opened: why)."""
    from validator.inputs.har import open_local

    try:
        open_local(path).close()
    except OSError as exc:  # the words check_recording has for it
        reason = (exc.strerror or str(exc)).lower()
        return DocumentResult(path, 1, Status.UNREADABLE, (Problem("", "", reason, INPUT),))
    said = f"{_LINES}{_name_one(judge).replace('it answers', 'they answer')})"
    return DocumentResult(path, 1, Status.UNREADABLE, (Problem("", "", said, INPUT, None, 1, 1),))


def _name_one(judge: Recordings) -> str:
    """The advice to name the operation a payload answers, with the document's operations."""
    from validator.contracts.operation_hints import listed as _listed
    from validator.contracts.operations import names_of, operations

    found = names_of(operations(judge.router.contents, judge.spec))
    return f"name the operation it answers with --operation: {_listed(found) or 'none'}"


def check_recording(
    judge: Recordings,
    path: str,
    check: Callable[[Engine, bytes], DocumentResult],
    *,
    limit: int,
    opener: Callable[[], BinaryIO] | None = None,
    part: tuple[int, int | None] | None = None,
    screen: Screen | None = None,
) -> Iterator[DocumentResult]:
    """The result of each entry of the HAR file ``path`` (an unreadable file, or one that stops
    being a HAR: one unreadable result naming where, after the entries before it); ``opener``:
    how to open a file that is not local (see :func:`validator.inputs.har.iter_entries`);
    ``part``: only the entries of that byte range of a local file (see
    :mod:`validator.inputs.har_parts`: an unreadable file is said by its first part only);
    ``screen``: the verdict of many bodies at once, with which they are judged in batches (see
    :class:`Batches`; the same results)."""
    from validator.inputs.har import NotAHar, iter_entries

    batches = None if screen is None else Batches(judge, path, check, screen)
    try:
        if part is None:
            entries = iter_entries(path, limit=limit, opener=opener, skipped=judge.skipped)
        else:
            from validator.inputs.har_parts import iter_part

            start, stop = part
            entries = iter_part(path, limit=limit, start=start, stop=stop, skipped=judge.skipped)
        for entry in entries:
            if batches is None:
                yield check_entry(judge, entry, path, check)
            else:
                yield from batches.add(entry)
        if batches is not None:
            yield from batches.flush()
    except NotAHar as exc:  # "rec.har:3:5: not a HAR file: ...": placed, as a parse error is
        if batches is not None:
            yield from batches.flush()
        where, _, said = str(exc).removeprefix(f"{path}:").partition(": ")
        line, _, column = where.partition(":")
        if said.startswith('not a HAR file: no "log"'):  # a payload given as a recording
            said += f"{_PAYLOAD}{_name_one(judge)})"
        if line.isdigit() and column.isdigit():
            problem = Problem("", "", said, INPUT, None, int(line), int(column))
        else:
            problem = Problem("", "", str(exc), INPUT)
        yield DocumentResult(path, 1, Status.UNREADABLE, (problem,))
    except OSError as exc:  # the words of every other unreadable input ("no such file ...")
        if batches is not None:
            yield from batches.flush()
        if part is not None and part[0] > 0:
            return  # said by the file's first part
        reason = (exc.strerror or str(exc)).lower()
        yield DocumentResult(path, 1, Status.UNREADABLE, (Problem("", "", reason, INPUT),))
