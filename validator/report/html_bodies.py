"""The html report's excerpts of recorded responses: a problem inside the body of a HAR file's
entry is shown in the decoded body, with its mark at the body's line:column, as a problem of
any document is shown in the document's text.

The HAR file's own text is no help there: the body is one JSON string in it, escaped (``\\"``,
``\\n``, base64), so a place inside the body is nowhere on the file's lines.  The reporter reads
the listed HAR files again entry by entry (:func:`validator.inputs.har.iter_entries`: bounded
memory, one entry at a time), up to the last entry listed, decodes each listed entry's body as
the check did, and keeps only the windows of the lines the excerpts show, within the shared
byte budget of :class:`~validator.report.html_excerpts.LineReader`.  A file that cannot be read
again, or has changed so that an entry has no body any more, is said to be so in place of the
excerpt; with ``--redact`` nothing is read.

A problem of the entry itself (an undocumented endpoint, status or content type: it has no
place inside the body) keeps the excerpt of the HAR file's lines at the body's string.
"""

from __future__ import annotations

from collections.abc import Generator, Iterable
from contextlib import closing
from typing import TYPE_CHECKING, cast

from validator.inputs.sources import STDIN
from validator.problems import DocumentResult
from validator.report.html_excerpts import (
    CONTEXT,
    READ_LIMIT,
    WIDTH,
    Cut,
    LineReader,
    window_start,
)

if TYPE_CHECKING:
    from validator.inputs.har import HarEntry

__all__ = ["Bodies", "body_places", "read_bodies"]

Bodies = dict[tuple[str, int], dict[int, Cut] | str]
"""(HAR file, entry index) -> the windows of its body's lines, or why there are none."""


def body_places(result: DocumentResult) -> list[tuple[int | None, int | None]]:
    """The place inside the body of each problem, then each warning, of a recorded document
    (``(None, None)`` for one of the entry itself); empty for any other document."""
    entry = result.entry
    if entry is None:
        return []
    return list(entry.places)


def _wanted(
    kept: Iterable[tuple[DocumentResult, int, int]],
) -> dict[str, dict[int, dict[int, set[int]]]]:
    """Per HAR file, per entry, the body's lines (and window starts) the excerpts show."""
    wanted: dict[str, dict[int, dict[int, set[int]]]] = {}
    for result, *_ in kept:
        if result.entry is None or result.source == STDIN:  # read once, by the check
            continue
        for line, column in body_places(result):
            if line is None:
                continue
            lines = wanted.setdefault(result.source, {}).setdefault(result.entry.number, {})
            for number in range(max(1, line - CONTEXT), line + CONTEXT + 1):
                lines.setdefault(number, set()).add(window_start(column))
    return wanted


def _windows(text: str, wanted: dict[int, set[int]]) -> dict[int, Cut]:
    """The windows ``wanted`` of the lines of a body's text (split at LF, a CR before it
    removed, as the parser counts lines)."""
    found: dict[int, Cut] = {}
    last = max(wanted)
    for number, line in enumerate(text.split("\n"), 1):
        starts = wanted.get(number)
        if starts is not None:
            line = line.removesuffix("\r")
            found[number] = Cut(len(line), {s: line[s : s + WIDTH + 1] for s in starts})
        if number >= last:
            break
    return found


def read_bodies(kept: Iterable[tuple[DocumentResult, int, int]], reader: LineReader) -> Bodies:
    """The body windows of every listed recorded document placed inside its body."""
    from validator.inputs.boundary import MAX_DOCUMENT_BYTES, NotRegular
    from validator.inputs.har import NotAHar, iter_entries

    bodies: Bodies = {}
    for path, entries in _wanted(kept).items():
        last = max(entries)
        why = "the entry is gone: the file has changed since it was checked"
        try:
            walk = cast("Generator[HarEntry]", iter_entries(path, limit=MAX_DOCUMENT_BYTES))
            with closing(walk):
                for entry in walk:
                    wanted = entries.get(entry.number)
                    if wanted is not None:
                        bodies[(path, entry.number)] = _body(entry.text, wanted, reader)
                    if entry.number >= last:
                        break
        except NotRegular:
            why = "not a regular file: its text was read once, by the check"
        except NotAHar as exc:  # it was one when checked: it has changed since
            why = f"{exc} (it has changed since it was checked)"
        except OSError as exc:
            why = f"cannot read {path} again: {(exc.strerror or str(exc)).lower()}"
        for number in entries:
            bodies.setdefault((path, number), why)
    return bodies


def _body(
    text: str | None, wanted: dict[int, set[int]], reader: LineReader
) -> dict[int, Cut] | str:
    if text is None:
        return "the entry has no body now: the file has changed since it was checked"
    reader.left -= len(text)
    if reader.left < 0:
        return f"not shown: the report reads at most {READ_LIMIT >> 20} MiB of its inputs again"
    return _windows(text, wanted)
