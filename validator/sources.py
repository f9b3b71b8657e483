"""The inputs stage: paths, directories and stdin -> items of raw bytes, each named by its source
and the line it starts on.

Nothing is parsed here.  An input that cannot be read becomes an item carrying the reason, so that
one bad input never stops the others from being checked.  JSON Lines inputs are streamed a line at
a time: memory stays flat whatever the size of the file.
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

__all__ = ["JSONL_SUFFIXES", "STDIN", "SUFFIXES", "Item", "is_jsonl", "iter_items"]

STDIN = "<stdin>"
JSONL_SUFFIXES = (".jsonl", ".ndjson")
SUFFIXES = (".json", *JSONL_SUFFIXES)


@dataclass(frozen=True, slots=True)
class Item:
    """One document's raw bytes, or the reason its input could not be read (``raw`` is None)."""

    source: str
    line: int
    raw: bytes | None
    problem: str | None = None


def is_jsonl(name: str) -> bool:
    return name.lower().endswith(JSONL_SUFFIXES)


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOENT:
        return "no such file or directory"
    if exc.errno == errno.EACCES:
        return "permission denied"
    if exc.errno == errno.EISDIR:
        return "is a directory"
    return (exc.strerror or str(exc)).lower()


def _lines(source: str, stream: BinaryIO) -> Iterator[Item]:
    for number, line in enumerate(stream, 1):
        body = line.rstrip(b"\r\n")
        if body.strip(b" \t\r"):
            yield Item(source, number, body)


def _read(source: str, stream: BinaryIO, jsonl: bool) -> Iterator[Item]:
    if jsonl:
        yield from _lines(source, stream)
    else:
        yield Item(source, 1, stream.read())


def _walk(directory: Path) -> list[Path]:
    found: list[Path] = []
    for root, dirs, files in os.walk(directory, onerror=None):
        dirs.sort()
        for name in sorted(files):
            if name.lower().endswith(SUFFIXES):
                found.append(Path(root) / name)
    return found


def _from_path(name: str, jsonl: bool) -> Iterator[Item]:
    path = Path(name)
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        yield Item(name, 1, None, _reason(exc))
        return
    if stat.S_ISDIR(mode):
        files = _walk(path)
        if not files:
            yield Item(name, 1, None, "directory holds no *.json, *.jsonl or *.ndjson files")
        for file in files:
            yield from _from_path(str(file), jsonl)
        return
    try:
        with open(path, "rb") as stream:
            yield from _read(name, stream, jsonl or is_jsonl(name))
    except OSError as exc:
        yield Item(name, 1, None, _reason(exc))


def iter_items(inputs: Iterable[str], *, jsonl: bool = False) -> Iterator[Item]:
    """Every document of every input, in order.  ``-`` is standard input; a directory is searched
    recursively for ``*.json``, ``*.jsonl`` and ``*.ndjson``; ``.jsonl``/``.ndjson`` files (and
    every input when ``jsonl`` is set) hold one document per line, blank lines skipped."""
    for name in inputs:
        if name == "-":
            if sys.stdin is None:  # started with standard input closed
                yield Item(STDIN, 1, None, "standard input is closed")
                continue
            try:
                yield from _read(STDIN, sys.stdin.buffer, jsonl)
            except OSError as exc:
                yield Item(STDIN, 1, None, _reason(exc))
        else:
            yield from _from_path(name, jsonl)
