"""Bounds for the engines, each set for the work that needs it and restored after it.

* Python's int <-> str digit limit (4,300 digits by default), for the fast engine: jsonschema_rs
  reads an integer beyond 64 bits through its decimal text, and one past the limit silently
  becomes a value of no JSON type there (``{"maximum": 5}`` then accepts ``10**5000``,
  ``{"type": "number"}`` rejects it); Python's own ``str()`` of such an integer (in a message)
  raises.  :func:`lift_int_limit` / :func:`restore_int_limit` raise the limit to
  :data:`validator.inputs.parse.MAX_INT_DIGITS` around a piece of work, and :func:`long_integers`
  does the same as a ``with`` block.  The engine lifts it for compiling and for the details of a
  document; its verdict methods, hot paths, leave it to the caller that may hold such a
  document (one from the exact parser, a Python value): setting it costs more than a verdict's
  own overhead.
* For the reference engine (:func:`reference_limits`): recursion deep enough for any document the
  parser accepts, and integers of any length.  Its regex keywords need no time budget: they match
  with jsonschema_rs's regex engine, which takes bounded time (:func:`matcher`; see
  :mod:`validator.checking.reference`).
* For ``patternProperties`` outside the engines (the undeclared-property warnings):
  :func:`matcher` too.
* For format checks, in both engines: :data:`FORMAT_LENGTHS`, the longest string a format whose
  check takes superlinear time is checked for (:class:`FormatTooLong` beyond it).

Nothing here changes the interpreter beyond the call or ``with`` block it serves.
"""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Callable, Iterator

from validator.inputs.depth import frame_limit, on_main_thread
from validator.inputs.parse import MAX_INT_DIGITS

__all__ = [
    "FORMAT_LENGTHS",
    "GIVE_UP",
    "FormatTooLong",
    "lift_int_limit",
    "long_integers",
    "matcher",
    "reference_limits",
    "restore_int_limit",
]

FORMAT_LENGTHS = {"uri-template": 4_096}
"""The longest string (in characters) checked for each format whose check (the reference's:
both engines use it) takes time superlinear in its length; a longer one is not checked, and its
document is reported ``cannot-check``.  ``uri-template`` (the ``uri_template`` package) takes
quadratic time: 15 ms at 4,096 characters of ``{``, 1.6 s at 40,000, minutes at 300,000.  The
other formats' checks take linear time (at most about 11 microseconds a character, ``regex``)."""


# --- Python's int <-> str digit limit ----------------------------------------------------------


def _unlimited() -> int:  # pragma: no cover - a Python without the limit
    return 0


def _unchanged(limit: int) -> None:  # pragma: no cover - a Python without the limit
    pass


_get_int_limit: Callable[[], int] = getattr(sys, "get_int_max_str_digits", _unlimited)
_set_int_limit: Callable[[int], None] = getattr(sys, "set_int_max_str_digits", _unchanged)


def lift_int_limit() -> int:
    """Let every integer the parser accepts (at most :data:`validator.inputs.parse.MAX_INT_DIGITS`
    digits) be converted to text, never lowering the limit.  Returns the limit to hand to
    :func:`restore_int_limit` afterwards (0: nothing was changed)."""
    digits = _get_int_limit()
    if 0 < digits < MAX_INT_DIGITS:
        _set_int_limit(MAX_INT_DIGITS)
        return digits
    return 0


def restore_int_limit(previous: int) -> None:
    """Undo :func:`lift_int_limit` (given what it returned)."""
    if previous:
        _set_int_limit(previous)


class long_integers:
    """:func:`lift_int_limit` for the duration of a ``with`` block (a class: three times cheaper
    than a generator-based context manager, for a block around every document)."""

    __slots__ = ("_previous",)

    def __enter__(self) -> None:
        self._previous = lift_int_limit()

    def __exit__(self, *exc_info: object) -> None:
        restore_int_limit(self._previous)


# --- the reference engine ----------------------------------------------------------------------


class FormatTooLong(ValueError):
    """A string longer than its format is checked for (see :data:`FORMAT_LENGTHS`).  A
    ValueError, as for any value the fast engine cannot take: the reference then judges, and
    gives up."""

    def __init__(self, name: str, length: int) -> None:
        super().__init__(f"{name}: {length} characters")
        self.name = name
        self.length = length


GIVE_UP: tuple[type[BaseException], ...] = (RecursionError, re.error, FormatTooLong)
"""What makes the reference engine give up on a document (a ``cannot-check`` finding)."""


@contextlib.contextmanager
def reference_limits() -> Iterator[None]:
    """Run the reference engine within bounds, on the main thread (the CLI's, and each worker
    process's): recursion deep enough for any document the parser accepts, and conversion of
    integers of any length (the parser accepts at most
    :data:`validator.inputs.parse.MAX_INT_DIGITS` digits, so ``repr`` in jsonschema's messages
    stays cheap).  Elsewhere the interpreter's own limits apply: a RecursionError there makes the
    reference give up (a ``cannot-check`` finding).  Every limit is restored on the way out,
    however the block ends."""
    if not on_main_thread():
        yield
        return
    frames = sys.getrecursionlimit()
    digits = _get_int_limit()
    try:
        sys.setrecursionlimit(max(frames, frame_limit()))
        _set_int_limit(0)
        yield
    finally:
        _set_int_limit(digits)
        sys.setrecursionlimit(frames)


# --- patterns outside the engines --------------------------------------------------------------


def matcher(pattern: object) -> Callable[[str], bool] | None:
    """Whether a name matches ``pattern`` (searched for, as ``patternProperties`` does), by
    jsonschema_rs's regex engine: bounded time whatever the pattern.  None if it cannot be
    compiled (or is not a string).  The one the reference engine matches with too (see
    :func:`validator.contracts.patterns.bounded`)."""
    from validator.contracts.patterns import bounded

    return bounded(pattern)
