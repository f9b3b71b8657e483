"""Excerpts for the html report: the text around a problem, with its line:column marked.

The records carry positions, not text (they travel between processes and a run may hold a
million of them), so the reporter reads the text again when the report is written, and only for
the documents it lists in detail:

* a file is read once, from its start up to the last line asked for, keeping just the lines
  asked for; only a regular file is read again (a named pipe or ``/dev/fd/N`` was consumed by
  the check: it has no excerpt, and the page says why);
* a document of a JSON Lines input shows its own line only (its neighbours are other documents);
  a whole file shows :data:`CONTEXT` lines either side;
* a line is shown as a window of at most :data:`WIDTH` characters around the column, so a
  megabyte-long line costs a line of the page;
* standard input cannot be read again: its documents have no excerpt, said so;
* with ``--redact`` nothing is read: an excerpt would show the values the messages hide;
* the reader stops after :data:`READ_LIMIT` bytes in all, so a report on huge inputs is never
  slow to write; excerpts beyond say so.

The text is read as it is when the report is written: a file changed since its check shows its
new text (a line that no longer exists is said to be missing).

Control characters, bidirectional overrides and line separators of the text are shown as
visible stand-ins, one character for one, so that columns stay where the parser counted them
and no text can reorder what the page shows.
"""

from __future__ import annotations

import html
import os
import re
import stat
from collections.abc import Iterable
from typing import NamedTuple

from validator.inputs.sources import STDIN, is_jsonl
from validator.problems import DocumentResult

__all__ = [
    "CONTEXT",
    "READ_LIMIT",
    "WIDTH",
    "Cut",
    "LineReader",
    "render_excerpt",
    "single_line",
    "visible",
    "wanted_lines",
    "wanted_windows",
    "window_start",
]

CONTEXT = 2
"""Lines shown before and after the line of a problem in a whole file."""
WIDTH = 120
"""Characters of each line shown."""
_LEAD = 40
"""Characters shown before the column, when the line is cut."""
READ_LIMIT = 512 << 20
"""Bytes read again in all, for one report."""

_SPENT = f"not shown: the report reads at most {READ_LIMIT >> 20} MiB of its inputs again"

_INVISIBLE = re.compile(
    "[\x00-\x08\x0a-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _stand_in(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the control pictures: NUL -> U+2400 ...
    if code == 0x7F:
        return "\u2421"
    if 0xD800 <= code <= 0xDFFF:  # a byte of a file name that is not UTF-8: shown as \udcXX
        return f"\\u{code:04x}"
    return "\ufffd"


def visible(text: str) -> str:
    """``text`` with every invisible or reordering character replaced by a visible one (one
    character for one: the text of a document is decoded with bad bytes replaced, so it holds
    no lone surrogate; those of a file name are shown as Python shows them, ``\\udcff``), then
    escaped for HTML (quotes included)."""
    if not text.isascii() or _INVISIBLE.search(text):
        text = _INVISIBLE.sub(_stand_in, text)
    return html.escape(text, quote=True)


class Cut(NamedTuple):
    """What is kept of one line: its length and the windows asked for (start -> text)."""

    length: int
    windows: dict[int, str]


def window_start(column: int | None) -> int:
    """Where the window showing ``column`` starts (0-based): at the line's start when the column
    is near it, else :data:`_LEAD` characters before it."""
    index = max(0, (column or 1) - 1)
    return 0 if index < WIDTH - _LEAD else index - _LEAD


class LineReader:
    """Reads lines of the run's files again, within one shared byte budget."""

    def __init__(self, limit: int = READ_LIMIT) -> None:
        self.left = limit

    def lines(self, path: str, wanted: dict[int, set[int]]) -> dict[int, Cut] | str:
        """The windows ``wanted`` (line number -> window starts) of the lines of ``path`` that
        exist (decoded as UTF-8, bad bytes replaced, the LF and a CR before it removed); or why
        none can be shown."""
        if not wanted:
            return {}
        if self.left <= 0:
            return _SPENT
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        except OSError as exc:
            return f"cannot read {path} again: {(exc.strerror or str(exc)).lower()}"
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return "not a regular file: its text was read once, by the check"
            found: dict[int, Cut] = {}
            last = max(wanted)
            with os.fdopen(fd, "rb", closefd=False) as stream:
                for number, raw in enumerate(stream, 1):
                    self.left -= len(raw)
                    if self.left < 0:
                        return _SPENT
                    starts = wanted.get(number)
                    if starts is not None:
                        text = raw.rstrip(b"\n").removesuffix(b"\r").decode("utf-8", "replace")
                        windows = {s: text[s : s + WIDTH + 1] for s in starts}
                        found[number] = Cut(len(text), windows)
                    if number >= last:
                        break
            return found
        except OSError as exc:
            return f"cannot read {path} again: {(exc.strerror or str(exc)).lower()}"
        finally:
            os.close(fd)


def wanted_lines(line: int, single: bool) -> range:
    """The lines an excerpt of ``line`` shows (``single``: a JSON Lines document's own line)."""
    return range(line, line + 1) if single else range(max(1, line - CONTEXT), line + CONTEXT + 1)


def _token_end(text: str, start: int) -> int:
    """Where the token starting at ``start`` ends (a string with its quotes, a number or a
    literal up to the next delimiter, one character otherwise), at most at the text's end."""
    if start >= len(text):
        return start
    first = text[start]
    if first == '"':
        i = start + 1
        while i < len(text):
            if text[i] == "\\":
                i += 2
                continue
            if text[i] == '"':
                return i + 1
            i += 1
        return min(i, len(text))
    if first in "{}[],:" or first.isspace():
        return start + 1
    i = start + 1
    while i < len(text) and text[i] not in ' \t\r\n,:]}"[{':
        i += 1
    return i


def render_excerpt(lines: dict[int, Cut], line: int, column: int | None, single: bool) -> str:
    """The ``<pre>`` excerpt of ``line`` (and its neighbours in a whole file), with the token at
    ``column`` in a ``<mark>`` (the whole line highlighted when the column is unknown)."""
    numbers = [n for n in wanted_lines(line, single) if n in lines]
    if line not in lines:
        if column is not None and numbers and line == numbers[-1] + 1:
            lines = {**lines, line: Cut(0, {})}  # the end of the text (an unterminated document)
            numbers.append(line)
        else:
            return '<p class="note">(line not found: the file has changed since it was checked)</p>'
    start = window_start(column)
    index = max(0, (column or 1) - 1) - start
    gutter = len(str(numbers[-1]))
    rows = []
    for number in numbers:
        cut = lines[number]
        text = cut.windows.get(start, "")[:WIDTH]
        head = '<span class="cut">…</span>' if start else ""
        tail = '<span class="cut">…</span>' if cut.length > start + WIDTH else ""
        if number == line and column is not None:
            end = _token_end(text, index)
            mark = visible(text[index:end]) if index < len(text) else "↵"
            body = (
                f"{visible(text[:index])}<mark data-line={line} data-column={column} "
                f'title="line {line}, column {column}">{mark}</mark>{visible(text[end:])}'
            )
        else:
            body = visible(text)
        cls = "row hit" if number == line else "row"
        rows.append(
            f'<span class="{cls}"><span class="ln">{number:>{gutter}}</span>{head}{body}{tail}'
            "</span>"
        )
    return '<pre class="excerpt">' + "".join(rows) + "</pre>"


def wanted_windows(
    kept: Iterable[tuple[DocumentResult, int, int]],
) -> dict[str, dict[int, set[int]]]:
    """Per source, the lines the listed documents' excerpts show and the windows of each."""
    kept = list(kept)
    jsonl = {result.source for result, *_ in kept if result.line != 1}
    wanted: dict[str, dict[int, set[int]]] = {}
    for result, *_ in kept:
        if result.source == STDIN:
            continue
        single = single_line(result, jsonl)
        for problem in (*result.problems, *result.warnings):
            if problem.line is None:
                continue
            start = window_start(problem.column)
            lines = wanted.setdefault(result.source, {})
            for number in wanted_lines(problem.line, single):
                lines.setdefault(number, set()).add(start)
    return wanted


def single_line(result: DocumentResult, jsonl: set[str]) -> bool:
    """Whether the document is one line of a JSON Lines input (its neighbours are others)."""
    return result.line != 1 or result.source in jsonl or is_jsonl(result.source)
