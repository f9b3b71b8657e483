"""A task's results taken together where they are all of valid documents (the results a run
lists when documents warn: a JSON Lines run at 10% undeclared properties has thousands), as the
run's loop takes each (:func:`validator.run.runner.run`): counted in the summary as
:meth:`~validator.problems.Summary.add` counts each, and reported by a reporter's
``documents`` (one write of all their lines, see
:meth:`validator.report.text.TextReporter.documents`) where the run has one reporter.  Builtins
over the whole list decide and count: no Python step per result where they are alike (one
schema, no note that counts more warnings).

Where the run's one report is plain text, a worker process sends such a task's results as the
text that report would write of them (:class:`Rendered`): a string costs nothing to send, where
the records of 50,000 warnings cost about 0.1 s of pickling and rebuilding between the
processes, a fifth of the run (:mod:`validator.run.packing`)."""

from __future__ import annotations

from collections.abc import Callable
from itertools import chain
from operator import itemgetter
from typing import Any, NamedTuple

from validator.problems import MORE_UNDECLARED, DocumentResult, Status, Summary

__all__ = [
    "Rendered",
    "all_valid",
    "batch_reporter",
    "count_rendered",
    "count_valid",
    "one_by_one",
    "plain_writer",
    "rendered",
]

_STATUS, _SCHEMA, _WARNINGS, _ENTRY = itemgetter(2), itemgetter(4), itemgetter(5), itemgetter(6)
_SHAPE = itemgetter(8)


def batch_reporter(reporters: list[Any]) -> Callable[[list[DocumentResult]], None] | None:
    """The one reporter's ``documents`` (None with several: their writes may share a stream,
    where the order of each document's lines is the run's)."""
    if len(reporters) != 1:
        return None
    documents: Callable[[list[DocumentResult]], None] | None = getattr(
        reporters[0], "documents", None
    )
    return documents


def plain_writer(reporters: list[Any]) -> Callable[[str], object] | None:
    """Where the run's one report, plain text, takes :class:`Rendered` text (its stream's
    ``write``); None where there are several reports or it is not plain text."""
    if len(reporters) != 1:
        return None
    write: Callable[[str], object] | None = getattr(reporters[0], "plain_writer", None)
    return write


def one_by_one(
    summary: Summary,
    results: list[DocumentResult] | Rendered,
    batch: Callable[[list[DocumentResult]], None] | None,
    write: Callable[[str], object] | None,
) -> list[DocumentResult] | None:
    """A task's results counted in ``summary`` and reported together where they can be (each
    result as the run's loop would add and report it): text a worker made for the one plain
    report (``write``), or results all of valid documents given to ``batch`` (the one report's
    :func:`batch_reporter`, None where the run changes their warnings); else the results, for
    the run's loop to take one by one."""
    if isinstance(results, Rendered):  # made for the one plain report: as it is
        count_rendered(summary, results)
        if write is not None:  # always, when a worker made it
            write(results.text)
        return None
    if batch is not None and all_valid(results):
        count_valid(summary, results)
        batch(results)
        return None
    return results


def all_valid(results: list[DocumentResult]) -> bool:
    """Whether every result is of a valid document, none of a recording's response."""
    size = len(results)
    return (
        list(map(_STATUS, results)).count(Status.VALID) == size
        and list(map(_ENTRY, results)).count(None) == size
    )


def count_valid(summary: Summary, results: list[DocumentResult]) -> None:
    """:meth:`~validator.problems.Summary.add` of each result (all valid: :func:`all_valid`)."""
    if not results:
        return
    alike = _alike(results)
    if alike is None:
        for result in results:  # unlike: each as the run's loop adds it
            summary.add(result)
        return
    _count(summary, len(results), alike[1], alike[0])


def _alike(results: list[DocumentResult]) -> tuple[str, int] | None:
    """(their schema, their warnings) where the results (of valid documents, some) are counted
    together: one schema, no note that counts more warnings; else None."""
    schemas = list(map(_SCHEMA, results))
    flat = list(chain.from_iterable(map(_WARNINGS, results)))
    if schemas.count(schemas[0]) != len(schemas) or MORE_UNDECLARED in map(_SHAPE, flat):
        return None
    return schemas[0], len(flat)


class Rendered(NamedTuple):
    """A task's results, all of valid documents, as the plain text report writes them."""

    documents: int
    warnings: int
    schema: str
    text: str
    """Their warnings' lines (:func:`validator.report.text.warnings_text`)."""


def rendered(results: list[DocumentResult]) -> Rendered | None:
    """The results (a task's, numbered in their file) as :class:`Rendered`, where they are all
    of valid documents and counted together (:func:`count_valid`); else None."""
    if not results or not all_valid(results):
        return None
    alike = _alike(results)
    if alike is None:
        return None
    from validator.report.text import warnings_text

    return Rendered(len(results), alike[1], alike[0], warnings_text(results))


def count_rendered(summary: Summary, done: Rendered) -> None:
    """:func:`count_valid` of the results that ``done`` was made of."""
    _count(summary, done.documents, done.warnings, done.schema)


def _count(summary: Summary, documents: int, warnings: int, schema: str) -> None:
    summary.valid += documents
    summary.warnings += warnings
    if schema:
        summary.schema(schema)[0] += documents
