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
  parser accepts, integers of any length, and :data:`REGEX_BUDGET` seconds of regex matching,
  spent by :func:`search` and :func:`within_budget` (the reference's regex keywords call them: see
  :mod:`validator.checking.reference`); and, for the whole run (each process of it),
  :data:`RUN_BUDGET` seconds of slow regex matching, after which the rest gives up at once.
* For ``patternProperties`` outside the engines (the undeclared-property warnings):
  :func:`matcher`, jsonschema_rs's regex engine, which takes bounded time.
* For format checks, in both engines: :data:`FORMAT_LENGTHS`, the longest string a format whose
  check takes superlinear time is checked for (:class:`FormatTooLong` beyond it).

Nothing here changes the interpreter beyond the call or ``with`` block it serves.
"""

from __future__ import annotations

import contextlib
import re
import sys
import time
from _thread import _local
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from validator.inputs.depth import frame_limit, on_main_thread
from validator.inputs.parse import MAX_INT_DIGITS

__all__ = [
    "FORMAT_LENGTHS",
    "GIVE_UP",
    "REGEX_BUDGET",
    "RUN_BUDGET",
    "SLOW",
    "FormatTooLong",
    "OverBudget",
    "RunBudget",
    "lift_int_limit",
    "long_integers",
    "matcher",
    "reference_limits",
    "restore_int_limit",
    "search",
    "within_budget",
]

T = TypeVar("T")

REGEX_BUDGET = 1.0
"""Seconds of regular expression matching the reference engine may spend on one evaluation of one
document.  Python's ``re`` backtracks without bound (``^(a+)+$`` against ``"a" * 30 + "!"`` takes
about a minute), so on the main thread each search of the reference's regex keywords runs under a
``SIGALRM`` timer; when the budget is spent the reference gives up and the document is reported
invalid with a ``cannot-check`` finding.  jsonschema_rs needs no such budget: its regex engine is
linear-time, or backtracking with a step limit (it then reports the value as not matching)."""

RUN_BUDGET = 10.0
"""Seconds of slow regex matching the reference engine may spend on one schema's documents in a
whole run (a :class:`RunBudget` per compiled schema, in each process of the run: each ``--jobs``
worker has its own): the time of every evaluation that spends more than :data:`SLOW` on regex
matching (or gives up) counts.  Once it is spent, every later evaluation
that comes to a regex keyword gives up at once (``cannot-check``): 10,000 documents against a
backtracking pattern take seconds, not the hours of :data:`REGEX_BUDGET` twice (the verdict, then
the details) for each.  Ordinary patterns spend microseconds: a run of millions of documents
never counts any."""

SLOW = 0.01
"""Seconds of regex matching in one evaluation beyond which all of it counts against
:data:`RUN_BUDGET`."""

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


class OverBudget(Exception):
    """The reference engine spent :data:`REGEX_BUDGET` on regular expressions (``run``: the run
    had already spent :data:`RUN_BUDGET`)."""

    def __init__(self, pattern: str, run: bool = False) -> None:
        super().__init__(pattern)
        self.pattern = pattern
        self.run = run


class FormatTooLong(ValueError):
    """A string longer than its format is checked for (see :data:`FORMAT_LENGTHS`).  A
    ValueError, as for any value the fast engine cannot take: the reference then judges, and
    gives up."""

    def __init__(self, name: str, length: int) -> None:
        super().__init__(f"{name}: {length} characters")
        self.name = name
        self.length = length


GIVE_UP: tuple[type[BaseException], ...] = (RecursionError, OverBudget, re.error, FormatTooLong)
"""What makes the reference engine give up on a document (a ``cannot-check`` finding)."""


class RunBudget:
    """The slow regex matching of a schema's reference evaluations so far in a run (see
    :data:`RUN_BUDGET`): the engine holds one and hands it to :func:`reference_limits`."""

    __slots__ = ("slow",)

    def __init__(self) -> None:
        self.slow = 0.0

    @property
    def spent(self) -> bool:
        return self.slow >= RUN_BUDGET


class _Budget(_local):  # threading.local, without importing threading at start-up
    remaining: float | None = None  # seconds left for regex matching; None: unbounded
    spent: bool = False  # whether this evaluation started with its RunBudget spent


_BUDGET = _Budget()


@contextlib.contextmanager
def reference_limits(run: RunBudget | None = None) -> Iterator[None]:
    """Run the reference engine within bounds, on the main thread (the CLI's, and each worker
    process's): recursion deep enough for any document the parser accepts, conversion of integers
    of any length (the parser accepts at most :data:`validator.inputs.parse.MAX_INT_DIGITS` digits,
    so ``repr`` in jsonschema's messages stays cheap) and :data:`REGEX_BUDGET` seconds of regex
    matching.  Elsewhere the interpreter's own limits apply: a RecursionError there, like an
    exhausted budget here, makes the reference give up (a ``cannot-check`` finding).  ``run``:
    the schema's :class:`RunBudget` (this evaluation gets no regex matching at all once it is
    spent, and its slow matching counts against it).  Every limit is restored on the way out,
    however the block ends."""
    if not on_main_thread():
        yield
        return
    frames = sys.getrecursionlimit()
    digits = _get_int_limit()
    budget, spent = _BUDGET.remaining, _BUDGET.spent
    outermost = budget is None
    start = 0.0 if run is not None and run.spent else REGEX_BUDGET
    try:
        sys.setrecursionlimit(max(frames, frame_limit()))
        _set_int_limit(0)
        _BUDGET.remaining, _BUDGET.spent = start, not start
        yield
    finally:
        used = start - (_BUDGET.remaining or 0.0)
        if run is not None and outermost and used > SLOW:
            run.slow += used
        _BUDGET.remaining, _BUDGET.spent = budget, spent
        _set_int_limit(digits)
        sys.setrecursionlimit(frames)


def within_budget(pattern: str, work: Callable[[], T]) -> T:
    """Run regex ``work`` (searches for ``pattern``, which names it if the budget runs out) under
    what is left of the budget of :func:`reference_limits`; outside it, or off the main thread,
    or while someone else's ``ITIMER_REAL`` timer runs, just run it."""
    import signal  # only around the reference engine: not at start-up

    remaining = _BUDGET.remaining
    if (
        remaining is None
        or not on_main_thread()
        or signal.getitimer(signal.ITIMER_REAL)[0] > 0  # someone else's timer: leave it alone
    ):
        return work()
    if remaining <= 0:
        raise OverBudget(pattern, run=_BUDGET.spent)

    def expire(signum: int, frame: Any) -> None:
        raise OverBudget(pattern)

    previous = signal.signal(signal.SIGALRM, expire)
    start = time.monotonic()
    try:
        signal.setitimer(signal.ITIMER_REAL, remaining)
        try:
            return work()
        finally:  # an alarm that fires in here still leaves the handler restored (outer finally)
            signal.setitimer(signal.ITIMER_REAL, 0)
    finally:
        signal.signal(signal.SIGALRM, signal.SIG_DFL if previous is None else previous)
        _BUDGET.remaining = remaining - (time.monotonic() - start)


def search(pattern: str, string: str) -> re.Match[str] | None:
    """``re.search(pattern, string)`` under the budget (see :func:`within_budget`)."""
    return within_budget(pattern, lambda: re.search(pattern, string))


# --- patterns outside the engines --------------------------------------------------------------


def matcher(pattern: object) -> Callable[[str], bool] | None:
    """Whether a name matches ``pattern`` (searched for, as ``patternProperties`` does), by
    jsonschema_rs's regex engine: bounded time whatever the pattern.  None if it cannot be
    compiled (or is not a string).  The one the reference engine matches with too (see
    :func:`validator.contracts.patterns.bounded`)."""
    from validator.contracts.patterns import bounded

    return bounded(pattern)
