"""JSON Lines files cut into parts for the scale-out engines (:mod:`validator.dask`,
:mod:`validator.spark`), each part read by whoever checks it, keeping each document's file and line.

Inputs are local paths (globs and folders too) or fsspec URLs (``s3://bucket/logs/*.jsonl.gz``,
where the user has the fsspec backend).  A compressed file (compression inferred from its name:
``.gz``, ``.bz2``, ``.xz``, ...) is one part, read as a stream; a large uncompressed local file
is cut into byte ranges at line starts, as ``--jobs`` cuts it
(:func:`~validator.inputs.ranges.read_range`), whose first line numbers come from counting line
ends range by range (:func:`count_ends`, :func:`first_lines`); other files are one part each,
streamed.  A ``.yaml``/``.yml`` file (compressed or not) is one part, read whole as one YAML
stream (as the command line reads it: :func:`is_yaml`).
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, NamedTuple

from validator.inputs.boundary import MAX_DOCUMENT_BYTES
from validator.inputs.ranges import read_range
from validator.inputs.sources import BLOCK_SIZE, YAML_SUFFIXES, Batch, Item, _batches, _read

__all__ = [
    "BLOCKSIZE",
    "Part",
    "count_ends",
    "first_lines",
    "is_url",
    "is_yaml",
    "list_parts",
    "read_part",
    "remote_names",
]

BLOCKSIZE = 32 << 20
"""Bytes of an uncompressed local file per part, by default."""

_LINES = (".jsonl", ".ndjson", ".json")


class Part(NamedTuple):
    """The lines of ``url`` (a local path or an fsspec URL) starting in ``[start, stop)`` (``stop``
    None: to the end), reported as ``source``."""

    source: str
    url: str
    start: int = 0
    stop: int | None = None
    compression: str | None = None


def is_url(name: str) -> bool:
    """Whether ``name`` is an fsspec URL (``s3://...``, ``file://...``) rather than a path."""
    return "://" in name


def _compression(name: str) -> str | None:
    from fsspec.utils import infer_compression  # type: ignore[import-untyped]

    found: str | None = infer_compression(name)
    return found


def _stem(name: str) -> str:
    """The name without its compression suffix (``.gz``, ...), in lower case."""
    return (os.path.splitext(name)[0] if _compression(name) else name).lower()


def _lines_name(name: str) -> bool:
    """Whether a file found in a folder is JSON Lines (compressed or not)."""
    return _stem(name).endswith(_LINES)


def is_yaml(name: str) -> bool:
    """Whether a file is a YAML stream: its name (compressed or not) ends in ``.yaml``/``.yml``."""
    return _stem(name).endswith(YAML_SUFFIXES)


def _local(pattern: str) -> list[str]:
    if glob.has_magic(pattern):
        found = sorted(glob.glob(pattern, recursive=True))
        if not found:
            raise FileNotFoundError(f"{pattern}: no file matches")
        return found
    if os.path.isdir(pattern):
        found = sorted(
            os.path.join(folder, name)
            for folder, _, names in os.walk(pattern)
            for name in names
            if _lines_name(name)
        )
        if not found:
            raise FileNotFoundError(f"{pattern}: the folder holds no JSON Lines file")
        return found
    return [pattern]  # a file that is missing is reported as unreadable, as the CLI does


def remote_names(url: str) -> list[str]:
    """The files an fsspec URL names (a glob: those it matches, sorted; a folder: every file
    below it), as URLs."""
    from fsspec.core import url_to_fs  # type: ignore[import-untyped]

    fs, path = url_to_fs(url)
    if glob.has_magic(path):
        found = sorted(fs.glob(path))
        if not found:
            raise FileNotFoundError(f"{url}: no file matches")
    elif fs.isdir(path):
        found = sorted(fs.find(path))
    else:
        found = [path]
    return [str(fs.unstrip_protocol(p)) for p in found]


def list_parts(
    inputs: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    blocksize: int | None = BLOCKSIZE,
) -> list[Part]:
    """The parts of the inputs, in order; ``blocksize`` None: one part per file."""
    names = [inputs] if isinstance(inputs, (str, os.PathLike)) else list(inputs)
    if not names:
        raise ValueError("no input given")
    parts: list[Part] = []
    for given in names:
        given = os.fspath(given)
        for name in remote_names(given) if is_url(given) else _local(given):
            compression = _compression(name)
            url = name if is_url(name) else os.path.abspath(name)
            size = None
            if not is_url(name) and compression is None and blocksize and not is_yaml(name):
                try:
                    size = os.stat(url).st_size
                except OSError:
                    size = None
            if size is None or blocksize is None or size <= blocksize:
                parts.append(Part(name, url, 0, None, compression))
                continue
            for start in range(0, size, blocksize):
                stop = start + blocksize if start + blocksize < size else None
                parts.append(Part(name, url, start, stop, None))
    return parts


def count_ends(part: Part) -> int:
    """Line ends in the bytes from ``start - 1`` (0 for the first range) to ``stop - 1`` (the
    part's share of the counts :func:`first_lines` needs); 0 for a part that is a whole file."""
    if part.stop is None:
        return 0
    begin, end = max(part.start - 1, 0), part.stop - 1
    count = 0
    try:
        with open(part.url, "rb") as stream:
            stream.seek(begin)
            left = end - begin
            while left > 0:
                chunk = stream.read(min(BLOCK_SIZE * 4, left))
                if not chunk:
                    break
                count += chunk.count(b"\n")
                left -= len(chunk)
    except OSError:  # the checking of the part says why
        return 0
    return count


def first_lines(parts: Sequence[Part], counts: Sequence[int]) -> list[int]:
    """The number of each part's first line, from the :func:`count_ends` of every part."""
    numbers: list[int] = []
    ends = 0
    previous: str | None = None
    for part, count in zip(parts, counts, strict=True):
        if part.start == 0 or part.url != previous:
            ends = 0
            numbers.append(1)
        else:
            numbers.append(2 + ends)
        ends += count
        previous = part.url
    return numbers


def read_part(part: Part, first_line: int = 1) -> Iterator[Batch | Item]:
    """The blocks of a part's lines (a file that cannot be read: one :class:`Item` saying why)."""
    if part.stop is not None or (part.start and not is_url(part.url)):
        for found in read_range(part.url, part.start, part.stop, first_line):
            yield found._replace(source=part.source)
        return
    try:
        stream = _open(part)
        with stream:
            if is_yaml(part.source):  # one YAML stream, read whole (see check_document)
                yield from _read(part.source, stream, False, MAX_DOCUMENT_BYTES)
            else:
                yield from _batches(part.source, stream)
    except (OSError, EOFError) as exc:  # EOFError: a compressed stream cut short
        yield Item(part.source, 1, None, _reason(exc) if isinstance(exc, OSError) else str(exc))


def _open(part: Part) -> Any:
    if not is_url(part.url) and part.compression is None:
        return open(part.url, "rb")
    import fsspec  # type: ignore[import-untyped]

    return fsspec.open(part.url, "rb", compression=part.compression).open()


def _reason(exc: OSError) -> str:
    from validator.inputs.sources import _reason as reason

    return reason(exc)
