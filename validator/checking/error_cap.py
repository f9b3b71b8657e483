"""The bound on the errors one document's check collects: at most :data:`MAX_FINDINGS`.

An invalid document's errors are worded, placed in its text and reported one by one; their
number grows with the document, and a YAML document whose aliases share one value many times
(900,000 values from 263 bytes) failed 900,000 times: 34 s, 2.2 GB and 114 MB of report, whatever
``--max-errors`` said (it cuts what is *printed*, after every error was gathered).  So a check
collects at most :data:`MAX_FINDINGS` errors (in the order its engine finds them), and then one
note, placed where the next error is, that says more were not collected.  The headline is chosen
among those collected; a real document has far fewer errors (the headline of one with fewer
than :data:`MAX_FINDINGS` never changes).

A document that shares values (:data:`SHARED_VALUES` or more added by YAML aliases) gets its
errors from the reference engine, which yields them one at a time and so stops at the bound
(the fast engine's ``iter_errors`` makes every error before giving the first: 18 s and 1.6 GB for
those 900,000).
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from validator.checking.convert import Finding

__all__ = ["MAX_FINDINGS", "MORE_ERRORS", "SHARED_VALUES", "capped", "first", "more_errors"]

MAX_FINDINGS = 1000
"""Errors one document's check collects, at most (see the module's text)."""

SHARED_VALUES = 10_000
"""Values YAML aliases add to a document from which its errors come from the reference engine,
one at a time (see the module's text)."""

MORE_ERRORS = "more-errors"
"""The keyword of the note that ends the errors of a document that has more than are collected."""


def more_errors() -> str:
    """The message of the note that ends a document's errors when more were not collected."""
    return (
        f"... and more errors, not collected (a document's check collects at most "
        f"{MAX_FINDINGS:,}; see docs/security-bounds.md)"
    )


def first(items: Iterable[object]) -> list[object]:
    """The first :data:`MAX_FINDINGS` + 1 of ``items`` (one more tells whether there are more)."""
    return list(islice(items, MAX_FINDINGS + 1))


def capped(found: list[Finding]) -> list[Finding]:
    """``found`` with at most :data:`MAX_FINDINGS` errors: past it, the first ones and the
    note, placed at the first error not kept."""
    if len(found) <= MAX_FINDINGS:
        return found
    from validator.checking.messages import Failure  # loaded by then: the findings need it

    note = found[MAX_FINDINGS]._replace(
        keyword_location="",
        absolute_keyword_location=None,
        failure=Failure(MORE_ERRORS, {}, None, more_errors()),
    )
    return [*found[:MAX_FINDINGS], note]
