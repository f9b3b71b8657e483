"""A task's results taken together where they are all of valid documents (the results a run
lists when documents warn: a JSON Lines run at 10% undeclared properties has thousands), as the
run's loop takes each (:func:`validator.run.runner.run`): counted in the summary as
:meth:`~validator.problems.Summary.add` counts each, and reported by a reporter's
``documents`` (one write of all their lines, see
:meth:`validator.report.text.TextReporter.documents`) where the run has one reporter.  Builtins
over the whole list decide and count: no Python step per result where they are alike (one
schema, no note that counts more warnings)."""

from __future__ import annotations

from collections.abc import Callable
from itertools import chain
from operator import itemgetter
from typing import Any

from validator.problems import MORE_UNDECLARED, DocumentResult, Status, Summary

__all__ = ["all_valid", "batch_reporter", "count_valid"]

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
    schemas = list(map(_SCHEMA, results))
    warnings = list(map(_WARNINGS, results))
    flat = list(chain.from_iterable(warnings))
    if schemas.count(schemas[0]) != len(schemas) or MORE_UNDECLARED in map(_SHAPE, flat):
        for result in results:  # unlike: each as the run's loop adds it
            summary.add(result)
        return
    summary.valid += len(results)
    summary.warnings += len(flat)
    if schemas[0]:
        summary.schema(schemas[0])[0] += len(results)
