"""The tasks of a large HAR file: cut into one part per worker so that ``--jobs`` workers share
its entries (each part holds the entries whose ``{`` lies in its byte range; see
:mod:`validator.inputs.har_parts` for how a worker walks one, and why the parts together give
exactly what one walk of the file gives).

A worker walks the file from its start, reading the entries before its part only as far as
finding their ends (and a key twice in one, which stops the file): :data:`SKIP_COST` of what
checking them costs (measured on a recording of 3,000 entries of ~3 KB, most of them bodies
checked against a schema: 0.16 s to walk its 9 MB, 0.86 s to check them).  So the parts are
not of equal size: each later one is shorter by what its walk to its start costs, so that
every worker has the same work (part ``k`` starts at
``C (1 - (1 - r)^k) / r`` of the file, ``r`` the skip cost, ``C`` what makes the last part end
at the file's end).  Each walk of a prefix costs that prefix again, so the parts are as few as
the workers, never more: a file of ``N`` bytes costs ``N`` checked and at most ``N (P - 1) / 2``
walked over ``P`` workers.
"""

from __future__ import annotations

import os
import stat
from typing import NamedTuple

__all__ = ["HAR_SPLIT_BYTES", "SKIP_COST", "HarPart", "har_parts"]

HAR_SPLIT_BYTES = 8 << 20
"""HAR files larger than this are cut into parts (smaller ones: one worker checks each)."""
SKIP_COST = 0.2
"""What walking over an entry costs, as a share of checking it (see the module's docstring)."""


class HarPart(NamedTuple):
    """A large HAR file's entries whose ``{`` is in the bytes ``[start, stop)`` (``stop`` None:
    to the end), for a recordings check."""

    path: str
    start: int
    stop: int | None
    check: int = 0


def har_parts(path: str, check: int, workers: int) -> list[HarPart]:
    """The parts of the HAR file ``path``, one per worker, when it is larger than
    :data:`HAR_SPLIT_BYTES` (none for a smaller file, or one that is no regular file: one
    worker reads it whole, or says why not)."""
    try:
        info = os.stat(path)
    except OSError:
        return []
    size = info.st_size
    if not stat.S_ISREG(info.st_mode) or size <= HAR_SPLIT_BYTES or workers < 2:
        return []
    rate = SKIP_COST
    share = rate / (1 - (1 - rate) ** workers)  # of the file, what each worker does
    starts = [int(size * share * (1 - (1 - rate) ** k) / rate) for k in range(workers)]
    stops: list[int | None] = [*starts[1:], None]
    return [HarPart(path, start, stop, check) for start, stop in zip(starts, stops, strict=True)]
