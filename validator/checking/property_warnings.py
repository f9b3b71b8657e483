"""Warnings as records: the warning about an undeclared property (placed at its key, with the
nearest declared name), the finder of each engine, and the strict profile, in which warnings
are errors (:func:`harden`).  Warnings never change a verdict otherwise.

A document gets at most :data:`MAX_WARNINGS` of them, the first in its text, and then one more
that says how many more there are (``... and 39,900 more undeclared properties``, placed at the
first of those): 40,000 undeclared keys in one document took over a minute, each warning
worded and placed on its own.  The strict profile makes the warnings errors after the cap (the
note too: the document is invalid), and ``--max-errors`` then cuts those errors as any others
(the headline kept)."""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from typing import Any

from validator.checking.undeclared import Undeclared
from validator.contracts.documents import memo_of
from validator.problems import (
    MORE_UNDECLARED,
    UNDECLARED,
    DocumentResult,
    Problem,
    Status,
    more_undeclared,
)

__all__ = [
    "MAX_WARNINGS",
    "UNDECLARED",
    "for_engine",
    "harden",
    "placed_warnings",
    "suggestion",
    "warning_problem",
    "wording",
]

_FINDERS: weakref.WeakKeyDictionary[Any, Undeclared] = weakref.WeakKeyDictionary()

MAX_WARNINGS = 100
"""Undeclared-property warnings a document gets at most (then one that counts the rest)."""


def for_engine(engine: Any) -> Undeclared:
    """The finder of an engine's schema, made once per engine (a cache, not a setting)."""
    found = _FINDERS.get(engine)
    if found is None:
        schema = engine.schema
        shared = schema.resources if isinstance(schema.resources, dict) else None
        resources = shared if memo_of(shared) is not None else dict(schema.resources)
        found = _FINDERS[engine] = Undeclared(schema.uri, schema.contents, resources)
    return found


_WORDED = 4096
"""Wordings of (declared names, key) a finder keeps (the same few keys warn in every document)."""

_new = tuple.__new__  # a record built from a tuple: no Python call to the record's __new__


def warning_problem(
    finder: Undeclared, document: Any, pointer: str, key: str, at: tuple[int, int] | None, line: int
) -> Problem:
    """The warning about member ``key`` of the object at ``pointer``, placed at its key."""
    message, shape = wording(finder, finder.names_at(pointer, document), key)
    return _new(
        Problem,
        (
            _member(pointer, key),
            "",
            message,
            UNDECLARED,
            None,
            None if at is None else line + at[0] - 1,
            None if at is None else at[1],
            False,
            shape,
        ),
    )


def wording(finder: Undeclared, names: dict[str, None], key: str) -> tuple[str, str]:
    """The message and the shape of the warning about ``key`` where ``names`` (a node's of
    ``finder``) are declared, made once per (names, key)."""
    worded = finder.worded.get((id(names), key))  # the names belong to the finder's nodes
    if worded is None:
        worded = _worded(key, names)
        if len(key) <= 256:  # a long key of a hostile document is not kept
            if len(finder.worded) >= _WORDED:
                finder.worded.clear()
            finder.worded[(id(names), key)] = worded
    return worded


def _worded(key: str, names: dict[str, None]) -> tuple[str, str]:
    """The message and the shape of the warning about ``key`` where ``names`` are declared."""
    guess = suggestion(key, names)
    from validator.checking.messages import show

    hint = "" if guess is None else f"; did you mean {show(guess)}?"
    return f"undeclared property{hint}", f"undeclared property {show(key)}{hint}"


def harden(result: DocumentResult, max_errors: int | None = None) -> DocumentResult:
    """The strict profile: a document's warnings become errors (a valid document with warnings
    is invalid; its first warning is the headline), at most ``max_errors`` of them in all (the
    headline always kept, as for any document's errors)."""
    if not result.warnings or result.status is Status.UNREADABLE:
        return result
    from validator.checking.to_problems import cut

    problems: list[Problem] = list(result.problems)
    warnings: Iterable[Problem] = result.warnings
    if result.status is Status.VALID:
        first, *rest = result.warnings
        warnings = [first._replace(headline=True), *rest]
    problems.extend(warnings)
    problems.sort(key=lambda p: (p.line or 0, p.column or 0))
    best = next((i for i, p in enumerate(problems) if p.headline), 0)
    hardened = cut(problems, best, max_errors)
    return result._replace(status=Status.INVALID, problems=hardened, warnings=())


def suggestion(key: str, names: dict[str, None]) -> str | None:
    """The declared name nearest to ``key``: equal ignoring case and separators, a few edits
    away (:func:`validator.near_miss.look_alike`), or two neighbouring letters swapped."""
    from validator.near_miss import look_alike

    return look_alike(key, names) or _swapped(key, names)


_SEPARATORS = str.maketrans("", "", "_-. ")


def _swapped(key: str, names: Iterable[str]) -> str | None:
    """The first name that is ``key`` with two neighbouring letters swapped (``nmae`` for
    ``name``; case and separators ignored): one slip of the fingers, two edits apart."""
    plain = key.casefold().translate(_SEPARATORS)
    for name in names:
        other = name.casefold().translate(_SEPARATORS)
        if len(other) != len(plain) or other == plain:
            continue
        differ = [i for i, (a, b) in enumerate(zip(plain, other, strict=True)) if a != b]
        if len(differ) == 2 and differ[1] == differ[0] + 1:
            i = differ[0]
            if plain[i] == other[i + 1] and plain[i + 1] == other[i]:
                return name
    return None


def placed_warnings(
    finder: Undeclared,
    document: Any,
    found: list[tuple[str, str]],
    keys: dict[str, tuple[int, int]],
    line: int,
) -> tuple[Problem, ...]:
    """The warnings of ``found`` (``(object pointer, key)`` from :meth:`Undeclared.find`),
    placed at their keys (``keys``: member pointer -> position in the document's text, whose
    first line is ``line``), in the order of the text: the first :data:`MAX_WARNINGS`, and a
    note that counts the others."""
    at = [keys.get(_member(p, k)) for p, k in found]
    order = sorted(range(len(found)), key=lambda i: at[i] or (0, 0))  # stable: found's order
    made = [warning_problem(finder, document, *found[i], at[i], line) for i in order[:MAX_WARNINGS]]
    if len(found) > MAX_WARNINGS:
        first = order[MAX_WARNINGS]
        where = at[first]
        more = len(found) - MAX_WARNINGS
        made.append(
            Problem(
                _member(*found[first]),
                "",
                more_undeclared(more),
                UNDECLARED,
                line=None if where is None else line + where[0] - 1,
                column=None if where is None else where[1],
                shape=MORE_UNDECLARED,
            )
        )
    return tuple(made)


def _member(pointer: str, key: str) -> str:
    return f"{pointer}/{key.replace('~', '~0').replace('/', '~1')}"
