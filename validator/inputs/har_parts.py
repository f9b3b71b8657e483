"""A large HAR file cut into parts, one per task, so that ``--jobs`` workers share its entries:
each part is a byte range of the file, and holds the entries whose ``{`` lies in it.

A worker walks the file from its start (entry numbers and line:column places are counted on the
way, in one count of the bytes) and reads each entry before its range only as far as finding the
entry's end: none of its fields is decoded, its body neither checked nor decoded.  It stops at
the first entry past its range.  So the parts of a file, each walked by another process, give
together exactly what one walk gives (:func:`validator.inputs.har.iter_entries`): the same
entries, in order, with the same numbers and places; at the price of a lighter walk over the
entries before each part.

A file that stops being a HAR is said once, by the part whose range holds where it went wrong
(the place of the entry that broke, or where the walk stood): the walk is the same in every
part up to there.
"""

from __future__ import annotations

from collections.abc import Iterator

from validator.inputs.har import HarEntry, open_local, walk
from validator.inputs.har_entry import Skipped
from validator.inputs.har_scan import Chunks, NotAHar, PartDone, Placed

__all__ = ["iter_part"]


def iter_part(
    path: str, *, limit: int, start: int, stop: int | None, skipped: Skipped | None = None
) -> Iterator[HarEntry]:
    """The entries of the local HAR file ``path`` whose ``{`` lies at a file offset in
    ``[start, stop)`` (``stop`` None: to the end of the file), as
    :func:`~validator.inputs.har.iter_entries` gives them (``skipped`` too); its
    :class:`NotAHar` only when it is this part's to say (see the module's docstring)."""
    with open_local(path) as stream:
        chunks = Chunks(stream, path)
        try:
            yield from walk(chunks, limit, (start, stop), skipped)
        except PartDone:
            return
        except Placed as placed:
            if _in_range(placed.offset, start, stop):
                raise placed.error from None
        except NotAHar:
            if _in_range(chunks.here(), start, stop):
                raise


def _in_range(offset: int, start: int, stop: int | None) -> bool:
    return offset >= start and (stop is None or offset < stop)
