"""Outcomes sent from a worker process as columns of plain values (see
:mod:`validator.run.workers`).

Pickle writes a record (a named tuple) through its ``__reduce_ex__``, a Python call and several
steps in C for each, and reads it back through its class's Python ``__new__``: about 3 µs to
write and 1.7 µs to read the usual result of a document that warns (the result and its one
warning), five times what the same values cost as plain tuples.  :func:`packed` turns an
outcome's results into columns (their fields, and their problems and warnings as one list of
plain tuples each, with how many each result has) with builtins over the whole list, no Python
step per result; :func:`unpacked` rebuilds the same records the same way.  An outcome whose
results are not all plain (a recording's entry, a record of another class) is sent as it is.
"""

from __future__ import annotations

from itertools import chain, islice, repeat
from typing import Any

from validator.problems import DocumentResult, Problem

__all__ = ["packed", "unpacked"]

_new = tuple.__new__  # a record from a tuple, in C
_RESULTS = {DocumentResult}
_PROBLEMS = {Problem}


def packed(reply: tuple[tuple[Any, list[DocumentResult]], int]) -> tuple[Any, ...]:
    """A worker's reply (its outcome, and the lines counted) as :func:`unpacked` takes it."""
    (valid, results), count = reply
    if not results or set(map(type, results)) != _RESULTS:
        return reply
    sources, lines, statuses, problems, schemas, warnings, entries = zip(*results, strict=True)
    if entries.count(None) != len(entries):  # a recording's entries: as they are
        return reply
    flat_problems = list(chain.from_iterable(problems))
    flat_warnings = list(chain.from_iterable(warnings))
    if not set(map(type, chain(flat_problems, flat_warnings))) <= _PROBLEMS:
        return reply
    return (
        valid,
        count,
        sources,
        lines,
        statuses,
        schemas,
        list(map(tuple, flat_problems)),
        list(map(len, problems)),
        list(map(tuple, flat_warnings)),
        list(map(len, warnings)),
    )


def unpacked(data: tuple[Any, ...], by: int = 0) -> tuple[tuple[Any, list[DocumentResult]], int]:
    """The reply that :func:`packed` was given, every line of its results, problems and
    warnings moved down by ``by`` (a range's, numbered from 1 before its first line was known;
    a reply sent as it was is returned as it is)."""
    if len(data) == 2:  # sent as it was
        return data
    valid, count, sources, lines, statuses, schemas, *problems = data
    if by:
        lines = map(by.__add__, lines)
        problems[0], problems[2] = _moved(problems[0], by), _moved(problems[2], by)
    fields = zip(
        sources,
        lines,
        statuses,
        _grouped(problems[0], problems[1]),
        schemas,
        _grouped(problems[2], problems[3]),  # the warnings
        repeat(None),
    )
    results = list(map(_new, repeat(DocumentResult), fields))
    return (valid, results), count


_LINE = 5  # a problem's line among its fields


def _moved(flat: list[tuple[Any, ...]], by: int) -> list[tuple[Any, ...]]:
    """Problems as plain tuples (:func:`packed`), each placed line moved down by ``by``."""
    if not flat:
        return flat
    columns: list[Any] = list(zip(*flat, strict=True))
    at = columns[_LINE]
    columns[_LINE] = (
        map(by.__add__, at) if None not in at else [n if n is None else n + by for n in at]
    )
    return list(zip(*columns, strict=True))


def _grouped(flat: list[tuple[Any, ...]], counts: list[int]) -> Any:
    """The problems of each result, in turn: ``counts[i]`` of ``flat`` for the i-th."""
    if not flat:  # none has any (the usual problems of a run that warns)
        return repeat(())
    records = map(_new, repeat(Problem), flat)
    if len(flat) == len(counts) and counts.count(1) == len(counts):  # one each (its warning)
        return zip(records)
    return map(tuple, map(islice, repeat(records), counts))
