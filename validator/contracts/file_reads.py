"""The schema files a load reads, for the Python API's compile caches.

A schema named by path is compiled once while its file stays the same; one built from other files
too (a ``$ref``'d file beside it, a schema dir's file found by ``$id``) must be compiled again when
any of them changes.  :func:`recording` collects the files read (or found already read) while a
schema is loaded, :func:`note` is told of each by the loaders
(:mod:`validator.contracts.documents`, :mod:`validator.contracts.given_schema`), and
:func:`stamps` gives their identities (device, inode, modification time, size) to compare later.
Outside :func:`recording` nothing is kept (a run's files do not change while it runs).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

__all__ = ["Read", "note", "recording", "stamps"]

Read = tuple[str, Any]
"""A file read, and its identity (:func:`stamps`) when it was read."""

_READS: ContextVar[dict[str, Any] | None] = ContextVar("casefile_schema_reads", default=None)


@contextmanager
def recording() -> Iterator[dict[str, Any]]:
    """The files :func:`note` is told of in this context (this thread) -> their identities when
    read (the first told)."""
    reads: dict[str, Any] = {}
    token = _READS.set(reads)
    try:
        yield reads
    finally:
        _READS.reset(token)


def note(reads: Iterable[Read]) -> None:
    """Files a load has read (or found read already), for :func:`recording`."""
    found = _READS.get()
    if found is not None:
        for path, stamp in reads:
            found.setdefault(path, stamp)


def stamps(paths: Iterable[str]) -> tuple[Any, ...]:
    """The identity of each file as it is now: (device, inode, modification time, size), None
    for one that cannot be stat'ed."""
    out: list[Any] = []
    for path in paths:
        try:
            found = os.stat(path)
        except (OSError, ValueError):
            out.append(None)
            continue
        out.append((found.st_dev, found.st_ino, found.st_mtime_ns, found.st_size))
    return tuple(out)
