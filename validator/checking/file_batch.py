"""The hot loop of a folder of whole files: their valid documents proven valid a group at a time.

A file that is valid (and, when the run wants warnings, has no undeclared property) costs one
read, one orjson parse and one native verdict of the screen, as a line of JSON Lines does
(:mod:`validator.checking.json_lines`): what orjson may get wrong (duplicate keys, integers
beyond 64 bits) is ruled out for a group of files at once by one serialisation of their documents
(:func:`validator.inputs.parse_suspects.same_but_blanks`), and every other file (unreadable, not
JSON, not proven, rejected by the screen, read as YAML) is handed back for the careful path of
:mod:`validator.checking.document`, which gives its result and says why.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import orjson

from validator.inputs.parse_suspects import needs_exact, same_but_blanks
from validator.inputs.sources import Batch, Item
from validator.problems import DocumentResult, Status

__all__ = ["GROUP", "Passed", "files_screen", "sift_files", "sifted"]

GROUP = 32
"""Files judged together: enough to spread the proof's call, few enough to keep them in cache."""


class Passed:
    """Files in a row whose documents are valid, in order: the name of each quiet one, the result
    of each with warnings (made the quick way: :mod:`validator.checking.warned`)."""

    __slots__ = ("found",)

    def __init__(self, found: list[str | DocumentResult]) -> None:
        self.found = found

    def counted(self, schema: str, keep_valid: bool, results: list[DocumentResult]) -> int:
        """The number of quiet files not listed; the others' results added to ``results``
        (every file's when ``keep_valid``)."""
        quiet = 0
        for one in self.found:
            if isinstance(one, DocumentResult):
                results.append(one)
            elif keep_valid:
                results.append(DocumentResult(one, 1, Status.VALID, schema=schema))
            else:
                quiet += 1
        return quiet


Warned = Callable[[list[bytes], list[Any], list[str]], "list[DocumentResult | None]"]
"""The quick way of valid documents' warnings (whole files: their texts, documents and names),
for each its result or None for the careful path (:func:`~validator.checking.warned.valid_files`
with the engine and finder given)."""


def sifted(
    items: Iterable[Item | Batch],
    engine: Any,
    warnings: Any,
    files: int,
    careful: Callable[[str], bool],
) -> Iterable[Item | Batch | Passed]:
    """``items`` (a task of ``files`` whole files) sifted when there is a screen for them
    (:func:`files_screen`), else as they are."""
    screen = files_screen(engine, warnings, files)
    if screen is None:
        return items
    warned = None
    if warnings is not None:
        from functools import partial

        from validator.checking.warned import valid_files

        warned = partial(valid_files, engine, warnings)
    return sift_files(items, screen, careful, warned)


def sift_files(
    items: Iterable[Item | Batch],
    screen: Callable[[Any], bool],
    careful: Callable[[str], bool],
    warned: Warned | None = None,
) -> Iterator[Item | Batch | Passed]:
    """``items`` in order, those whose documents ``screen`` passes (or, when the screen says no,
    ``warned`` gives a result for) replaced by :class:`Passed` groups; ``careful(name)`` says
    which whole files must take the careful path anyway (YAML)."""
    group: list[Item] = []
    for item in items:
        if type(item) is Item and item.raw is not None and not careful(item.source):
            group.append(item)
            if len(group) == GROUP:
                yield from _sift(group, screen, warned)
                group = []
            continue
        if group:
            yield from _sift(group, screen, warned)
            group = []
        yield item
    if group:
        yield from _sift(group, screen, warned)


def _sift(
    group: list[Item], screen: Callable[[Any], bool], warned: Warned | None
) -> Iterator[Item | Passed]:
    """The group's files in order: runs of passed ones as :class:`Passed`, the others as they
    came."""
    collecting = gc.isenabled()
    gc.disable()  # orjson builds trees: no cycle to find among the documents
    try:
        verdicts = _verdicts(group, screen, warned)
    finally:
        if collecting:
            gc.enable()
    passed: list[str | DocumentResult] = []
    for item, verdict in zip(group, verdicts, strict=True):
        if verdict is not None:
            passed.append(verdict)
            continue
        if passed:
            yield Passed(passed)
            passed = []
        yield item
    if passed:
        yield Passed(passed)


def _verdicts(
    group: list[Item], screen: Callable[[Any], bool], warned: Warned | None
) -> list[str | DocumentResult | None]:
    """For each file: its name when its document is proven read right by orjson and passes
    ``screen``, the result ``warned`` gives when it does not, else None."""
    loads = orjson.loads
    docs: list[Any] = []
    parsed: list[int] = []  # indexes of the files orjson read
    for index, item in enumerate(group):
        try:
            docs.append(loads(item.raw))  # type: ignore[arg-type]  # raw is not None here
        except orjson.JSONDecodeError:
            continue
        parsed.append(index)
    proven = _proven(group, parsed, docs)
    verdicts: list[str | DocumentResult | None] = [None] * len(group)
    rejected: list[tuple[int, Any]] = []  # by the screen: valid with warnings, perhaps
    for index, doc, right in zip(parsed, docs, proven, strict=True):
        if not right:
            continue
        item = group[index]
        try:
            if screen(doc):
                verdicts[index] = item.source
                continue
        except (ValueError, OverflowError, TypeError):  # a value the native engine cannot take
            continue
        rejected.append((index, doc))
    if warned is not None and rejected:
        indexes = [index for index, _ in rejected]
        texts = [group[index].raw or b"" for index in indexes]
        names = [group[index].source for index in indexes]
        made = warned(texts, [doc for _, doc in rejected], names)
        for index, result in zip(indexes, made, strict=True):
            verdicts[index] = result
    return verdicts


def _proven(group: list[Item], parsed: list[int], docs: list[Any]) -> list[bool]:
    """For each document orjson read, whether it certainly read it right: all at once when the
    files joined are orjson's serialisation of the list but for white space, else one by one."""
    raws = [group[index].raw or b"" for index in parsed]
    try:
        dumped = orjson.dumps(docs)
    except orjson.JSONEncodeError:  # nesting beyond orjson's limit for writing
        dumped = b""
    if dumped and same_but_blanks(b"[" + b",".join(raws) + b"]", dumped):
        return [True] * len(docs)
    return [not needs_exact(raw, doc) for raw, doc in zip(raws, docs, strict=True)]


SCREENED_FILES = 16
"""Whole files in a task from which they are sifted (the warnings' screen is compiled once per
run: a run of a few files does not pay for it)."""


def files_screen(engine: Any, warnings: Any, files: int) -> Callable[[Any], bool] | None:
    """The verdict that passes a task's valid files: the native one, or with ``warnings`` (the
    run's :class:`~validator.checking.undeclared.Undeclared`) its closed screen where the
    schema has one (:mod:`validator.checking.closed_schema`); None when there is none or the
    task is small."""
    if files < SCREENED_FILES:
        return None
    if warnings is None:
        native: Callable[[Any], bool] | None = engine.native()
        return native
    from validator.checking.closed_schema import closed_screen

    return closed_screen(engine, warnings)
