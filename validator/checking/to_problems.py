"""An invalid document's findings -> its problems: worded, placed at their line:column, ordered,
the headline marked.

This runs for every problem of every invalid document (:mod:`validator.checking.document` imports it
with the first one, not at start-up): its imports are at the top, since an import statement inside a
function costs more than the wording of a problem.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from validator.checking.messages import describe_with_shape
from validator.inputs.locate import locate_all, member_pointer
from validator.problems import Problem

if TYPE_CHECKING:
    from collections.abc import Callable

    from validator.checking.convert import Finding
    from validator.checking.engine import Engine
    from validator.checking.undeclared import Undeclared
    from validator.inputs.locate import Position

__all__ = ["cut", "finish", "placed_problems", "problems"]

_WEAK = frozenset({"anyOf", "oneOf", "oneOfNotValid"})
_UNEXPECTED = frozenset({"additionalProperties", "unevaluatedProperties"})
"""Keywords whose failure names the object's members that are not allowed: placed at the key."""

_MORE = "more-errors"  # error_cap.MORE_ERRORS, the note that more errors were not collected
_new = tuple.__new__  # a record built from a tuple: no Python call to the record's __new__


def _unexpected_keys(finding: Finding) -> list[str]:
    """The pointers of the members a finding says are not allowed (none for most keywords)."""
    if finding.failure.keyword not in _UNEXPECTED:
        return []
    names = finding.failure.details.get("unexpected") or ()
    return [member_pointer(finding.instance_location, n) for n in names if isinstance(n, str)]


def _per_key(findings: list[Finding]) -> list[Finding]:
    """The findings, one for each member a finding says is not allowed (each at its own key)."""
    found = []
    for finding in findings:
        failure = finding.failure
        names = failure.details.get("unexpected") if failure.keyword in _UNEXPECTED else None
        if not isinstance(names, list) or len(names) < 2:
            found.append(finding)
            continue
        for name in names:
            details = {**failure.details, "unexpected": [name]}
            found.append(finding._replace(failure=failure._replace(details=details)))
    return found


def problems(
    findings: list[Finding],
    redact: bool,
    positions: dict[str, Position] | None = None,
    first_line: int = 1,
    keys: dict[str, Position] | None = None,
) -> list[Problem]:
    """Problems from findings, placed at ``positions`` (instance pointer -> line, column); a
    member that is not allowed at its key (in ``keys``): one problem for each such member."""
    found = []
    before = first_line - 1
    for finding in findings:
        pointer, location, absolute, failure = finding
        at = positions.get(pointer) if positions is not None else None
        if failure.keyword in _UNEXPECTED:
            names = failure.details.get("unexpected")
            if isinstance(names, list) and len(names) > 1:  # one problem for each member
                found += problems(_per_key([finding]), redact, positions, first_line, keys)
                continue
            if keys:
                placed = [keys[p] for p in _unexpected_keys(finding) if p in keys]
                at = min(placed) if placed else at
        message, shape = describe_with_shape(failure, redact=redact)
        keyword = location[location.rfind("/") + 1 :] or failure.keyword  # the last segment
        line, column = (None, None) if at is None else (before + at[0], at[1])
        found.append(
            _new(
                Problem, (pointer, location, message, keyword, absolute, line, column, False, shape)
            )
        )
    return found


def placed_problems(
    engine: Engine,
    text: str,
    raw: bytes,
    document: Any,
    first_line: int,
    redact: bool,
    warnings: Undeclared | None,
    locator: Callable[..., tuple[dict[str, Position], dict[str, Position]]] = locate_all,
    shared: bool = False,
) -> tuple[list[Problem], list[tuple[str, str]], dict[str, Position]]:
    """The problems of a document (``document`` parsed from ``raw``, decoded to ``text``),
    placed; its undeclared properties (``warnings`` finds them, when the run wants them) and the
    positions of the keys of both.  ``locator``: how pointers are placed in ``text``
    (:func:`~validator.inputs.locate.locate_all`'s arguments and result; YAML has its own);
    ``shared``: see :meth:`~validator.checking.engine.Engine.findings`."""
    findings = engine.findings(document, long_integers=False, shared=shared)
    keys: list[str] = []
    for finding in findings:
        if finding.failure.keyword in _UNEXPECTED:
            keys += _unexpected_keys(finding)
    undeclared = warnings.find(document) if warnings is not None else []
    if undeclared:
        keys += [member_pointer(pointer, key) for pointer, key in undeclared]
    positions, key_positions = locator(
        text, [finding.instance_location for finding in findings], keys, document, raw
    )
    return (
        problems(findings, redact, positions, first_line, key_positions),
        undeclared,
        key_positions,
    )


def _place(problem: Problem) -> tuple[int, int]:
    return problem.line or 0, problem.column or 0


_HEADLINE = Problem._fields.index("headline")


def finish(found: list[Problem], max_errors: int | None) -> tuple[Problem, ...]:
    """Order by position in the document, mark the headline, cut to ``max_errors``.

    The headline is the deepest problem, one that is not about alternatives (``anyOf``,
    ``oneOf``) before one that is, the first in the text of equals; never the note that more
    errors were not collected (:mod:`validator.checking.error_cap`).
    """
    if not found:
        return ()
    best = 0
    if len(found) > 1:
        found.sort(key=_place)
        rank = (-1, False)
        for index, problem in enumerate(found):
            this = (problem.instance_location.count("/"), problem.keyword not in _WEAK)
            if this > rank and problem.keyword != _MORE:
                best, rank = index, this
    chosen = found[best]  # headline=True: what _replace() does, at a fraction of the cost
    found[best] = _new(Problem, (*chosen[:_HEADLINE], True, *chosen[_HEADLINE + 1 :]))
    return cut(found, best, max_errors)


def cut(found: list[Problem], best: int, max_errors: int | None) -> tuple[Problem, ...]:
    """At most ``max_errors`` of ``found`` (in order), the headline (at ``best``) always among
    them, the first others in the text beside it."""
    if max_errors is not None and len(found) > max_errors:
        keep = sorted({best, *range(max_errors - 1 if best >= max_errors else max_errors)})
        found = [found[i] for i in keep]
    return tuple(found)
