"""The hot loop of large inputs: every line of a JSON Lines block, checked.

A valid line costs one orjson parse and one fast verdict; what orjson may get wrong (duplicate
keys, integers beyond 64 bits) is ruled out for many lines at once (see
:mod:`validator.inputs.parse_suspects`), and only the lines that may not be valid take the careful
path of :mod:`validator.checking.document`.  The block is worked through in runs of :data:`RUN`
lines: their documents are parsed, judged and dropped while they are still in the processor's cache,
and the cyclic garbage collector is paused meanwhile (orjson builds trees, which cannot hold a
cycle, so there is nothing for it to find: it would only walk the documents being judged, again and
again).
"""

from __future__ import annotations

import gc
from operator import itemgetter
from typing import TYPE_CHECKING, Any

import orjson

from validator.checking.block_screens import verdicts as run_verdicts
from validator.checking.document import _invalid, check_raw
from validator.checking.warned import INVALID, valid_run, valid_with_warnings
from validator.inputs.parse import Parsed
from validator.inputs.parse_suspects import (
    all_canonical,
    has_duplicates,
    may_have_duplicates_in,
    may_need_exact,
)
from validator.problems import DocumentResult, Status

if TYPE_CHECKING:
    from collections.abc import Callable

    from validator.checking.engine import Engine
    from validator.checking.undeclared import Undeclared
    from validator.inputs.sources import Batch

__all__ = ["RUN", "check_batch", "passing"]

RUN = 128
"""Lines judged together: enough to spread the cost of each step's Python call, few enough
that their documents stay in cache between parsing and judging."""

_CLOSING = 16
"""Documents given whole (:func:`passing`) for which the schema's closed screen is worth
compiling: a recording's bodies come in smaller groups than JSON Lines' runs."""

_BLANK = b" \t\r\n"
_FIRST = itemgetter(0)
_FEW_REJECTED = 4
"""Rejected documents of a block below which each takes the quick way alone."""


class _Sifted:
    """What the fast pass found, by index in the block."""

    __slots__ = ("careful", "docs", "passed", "rejected", "valid")

    def __init__(self, docs: list[Any] | None = None) -> None:
        self.valid = 0
        self.passed: list[int] = []  # the valid lines' indexes (kept only when listed)
        self.docs = docs  # the valid lines' documents, in order (when asked for)
        self.careful: set[int] = set()  # lines to read again with the exact parser
        self.rejected: dict[int, Any] = {}  # index -> document the screen rejected


def _text(line: bytes) -> bytes:
    """A line without its line feed."""
    return line[:-1] if line.endswith(b"\n") else line


def _sift(
    run: list[bytes],
    offset: int,
    native: Callable[[Any], bool],
    warnings: Undeclared | None,
    found: _Sifted,
    listed: bool,
) -> None:
    """Judge one run of lines (``offset``: the index of its first) into ``found``."""
    try:  # the usual run: every line a document, every verdict given (no Python loop)
        docs = list(map(orjson.loads, run))
        verdicts = run_verdicts(docs, native, warnings)
    except (ValueError, OverflowError, TypeError):  # a line orjson or the fast engine refused
        _sift_lines(run, offset, native, warnings, found, listed)
        return
    # Every line orjson's own text of its document: nothing for orjson to have got wrong.
    suspects = set() if all_canonical(run, docs) else _suspects(run, docs, range(len(run)))
    if not suspects:  # the usual run: a few lines rejected, if any, each found by index()
        rejected = _falses(verdicts)
        found.valid += len(run) - len(rejected)
        if not rejected:
            if listed:
                found.passed.extend(range(offset, offset + len(run)))
            if found.docs is not None:
                found.docs.extend(docs)
            return
        for index in rejected:
            found.rejected[offset + index] = docs[index]
        if listed or found.docs is not None:
            out = set(rejected)
            kept = [index for index in range(len(run)) if index not in out]
            if listed:
                found.passed.extend(offset + index for index in kept)
            if found.docs is not None:
                found.docs.extend(docs[index] for index in kept)
        return
    for index, (doc, ok) in enumerate(zip(docs, verdicts, strict=True)):
        if index in suspects:
            found.careful.add(offset + index)
        elif not ok:
            found.rejected[offset + index] = doc
        else:
            _passed(found, offset + index, doc, listed)


def _falses(verdicts: list[bool]) -> list[int]:
    """The indexes of the False verdicts, in order (each found by ``list.index``: no Python
    step per verdict)."""
    found: list[int] = []
    at = -1
    try:
        while True:
            at = verdicts.index(False, at + 1)
            found.append(at)
    except ValueError:
        return found


def _sift_lines(
    run: list[bytes],
    offset: int,
    native: Callable[[Any], bool],
    warnings: Undeclared | None,
    found: _Sifted,
    listed: bool,
) -> None:
    """:func:`_sift` a line at a time, for a run where some line is not a document orjson
    reads or a value the fast engine takes."""
    loads, decode_error = orjson.loads, orjson.JSONDecodeError
    screen = native if warnings is None else warnings.screen(native)
    docs: list[Any] = []  # every document orjson parsed, for the duplicate-key check
    parsed: list[int] = []  # their indexes in the run
    unparsed: set[int] = set()
    verdicts: list[bool | None] = []  # None: the fast engine cannot take the value
    for index, line in enumerate(run):
        try:
            doc = loads(line)
        except decode_error:
            if line.strip(_BLANK):  # blank lines are skipped
                unparsed.add(index)
            continue
        docs.append(doc)
        parsed.append(index)
        try:
            verdicts.append(screen(doc))
        except (ValueError, OverflowError, TypeError):  # a value the fast engine cannot take
            verdicts.append(None)
    suspects = _suspects(run, docs, parsed) if docs else set()
    found.careful.update(offset + i for i in unparsed)
    for index, doc, ok in zip(parsed, docs, verdicts, strict=True):
        if ok is None or index in suspects:
            found.careful.add(offset + index)
        elif not ok:
            found.rejected[offset + index] = doc
        else:
            _passed(found, offset + index, doc, listed)


def _passed(found: _Sifted, index: int, doc: Any, listed: bool) -> None:
    """One line found valid (and quiet) by the fast pass."""
    found.valid += 1
    if listed:
        found.passed.append(index)
    if found.docs is not None:
        found.docs.append(doc)


def _suspects(run: list[bytes], docs: list[Any], indexes: range | list[int]) -> set[int]:
    """The lines of a run that orjson may have read wrong, for the exact parser: ``docs`` are
    the documents orjson read, from the lines at ``indexes``.  Each test runs over the whole run
    first, and line by line only if it fails."""
    joined = b"".join(run)
    suspects: set[int] = set()
    if may_need_exact(joined):
        suspects = {i for i in indexes if may_need_exact(run[i])}
    if suspects:  # their escaped colons would spoil the count of the others'
        kept = [k for k, i in enumerate(indexes) if i not in suspects]
        docs, indexes = [docs[k] for k in kept], [indexes[k] for k in kept]
    if len(indexes) == len(run):
        colons = joined.count(b":")
    else:
        colons = sum(run[i].count(b":") for i in indexes)
    if docs and may_have_duplicates_in(colons, docs):
        suspects.update(i for i in indexes if has_duplicates(run[i]))
    return suspects


class _Quick:
    """What :func:`validator.checking.warned.valid_run` made of a block's rejected documents."""

    __slots__ = ("done", "invalid", "verdict")

    def __init__(self, verdict: Callable[[Any], bool] | None = None) -> None:
        self.verdict = verdict  # the engine's native verdict (or is_valid), made once
        self.done: dict[int, DocumentResult] = {}  # index -> the result, warnings placed
        self.invalid: set[int] = set()  # what the native verdict rejects: the careful path's


def _quick(
    engine: Engine,
    warnings: Undeclared | None,
    rejected: dict[int, Any],
    lines: list[bytes],
    first: int,
    source: str,
    schema: str,
) -> _Quick:
    """The rejected documents of a block that are valid after all, with their warnings (only
    those that warn alike, see :func:`~validator.checking.warned.valid_run`)."""
    if warnings is None or not rejected:
        return _Quick()
    verdict = engine.native() or engine.is_valid
    quick = _Quick(verdict)
    if len(rejected) < _FEW_REJECTED:  # one at a time costs as little
        return quick
    indexes = sorted(rejected)
    made = valid_run(
        engine,
        warnings,
        verdict,
        list(map(lines.__getitem__, indexes)),  # with their line feeds
        list(map(rejected.__getitem__, indexes)),
        [first + i for i in indexes],
        source,
        schema,
    )
    for index, result in zip(indexes, made, strict=True):
        if result is INVALID:
            quick.invalid.add(index)
        elif isinstance(result, DocumentResult):
            quick.done[index] = result
    return quick


def _sifted(
    engine: Engine,
    lines: list[bytes],
    warnings: Undeclared | None,
    listed: bool,
    closing: int = RUN,
    documents: list[Any] | None = None,
) -> _Sifted:
    """Every run of ``lines`` judged by the fast pass (``listed``: the valid lines' indexes
    kept), valid and quiet in one native verdict where the schema allows it and that verdict
    was made (for ``closing`` lines or more: worth compiling it for)."""
    screened = warnings  # the warnings the fast pass asks about
    closed = None
    if warnings is not None:  # made for ``closing`` lines, then taken for any (a run's end)
        from validator.checking.closed_schema import closed_screen

        closed = closed_screen(engine, warnings, len(lines) >= closing)
    if closed is not None:  # valid and quiet in one native verdict
        native, screened = closed, None
    else:
        native = engine.native() or engine.is_valid
    found = _Sifted(documents)
    collecting = gc.isenabled()
    gc.disable()
    try:
        for start in range(0, len(lines), RUN):
            _sift(lines[start : start + RUN], start, native, screened, found, listed)
    finally:
        if collecting:
            gc.enable()
    return found


def passing(
    engine: Engine,
    texts: list[bytes],
    warnings: Undeclared | None,
    documents: list[Any] | None = None,
) -> list[bool]:
    """Of documents given whole (``texts``: each one document, over any number of lines), which
    the fast pass finds valid and, with ``warnings``, without an undeclared property: ``True``
    only where :func:`~validator.checking.document.check_raw` would give a valid result without
    warnings (``False``: ask it).  Each text is judged as a line of its own, its line feeds made
    carriage returns: the same white space between tokens, and as forbidden inside a string.
    ``documents``: given, the passed texts' documents are added to it, in order (parsed by
    orjson, and proven read right: what the exact parser makes of them)."""
    lines = [text.replace(b"\n", b"\r") + b"\n" for text in texts]
    passed = set(_sifted(engine, lines, warnings, True, _CLOSING, documents).passed)
    return [index in passed for index in range(len(texts))]


def check_batch(
    engine: Engine,
    batch: Batch,
    *,
    redact: bool = False,
    max_errors: int | None = None,
    keep_valid: bool = False,
    schema: str = "",
    warnings: Undeclared | None = None,
) -> tuple[int, list[DocumentResult]]:
    """Check every line of a JSON Lines batch; blank lines are skipped.  ``schema`` names the
    schema in the valid documents' results (the others are few: their caller names it).
    ``warnings``: the finder of undeclared properties, when the run wants them (a document with
    one takes the careful path, which says where).

    Returns the number of valid documents *not* listed, and the results in line order: only
    those of the documents that are not valid, unless ``keep_valid`` (then every document is
    listed and the number is 0).
    """
    source, first, lines = batch.source, batch.first_line, batch.lines
    found = _sifted(engine, lines, warnings, keep_valid)
    results = [
        (i, DocumentResult(source, first + i, Status.VALID, (), schema)) for i in found.passed
    ]
    valid = 0 if keep_valid else found.valid
    quick = _quick(engine, warnings, found.rejected, lines, first, source, schema)
    results.extend(quick.done.items())  # valid, with warnings
    for index in sorted(found.careful.union(found.rejected).difference(quick.done)):
        text = _text(lines[index])
        if index in found.rejected:  # parsed, and orjson got it right
            doc = found.rejected[index]
            result = None
            if warnings is not None and index not in quick.invalid:
                result = valid_with_warnings(  # valid after all, but for its warnings?
                    engine, warnings, text, doc, source, first + index, quick.verdict, schema
                )
            if result is None:
                line = first + index
                result = _invalid(
                    engine, text, Parsed(doc), source, line, redact, max_errors, warnings
                )
        else:
            result = check_raw(
                engine,
                text,
                source=source,
                line=first + index,
                redact=redact,
                max_errors=max_errors,
                lines_hint="",
                warnings=warnings,
            )
        if result.status is Status.VALID and not keep_valid and not result.warnings:
            valid += 1
            continue
        results.append((index, result))
    results.sort(key=_FIRST)
    return valid, [result for _, result in results]
