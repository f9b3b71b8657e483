"""The quick way for a valid document whose only news is an undeclared property or a few.

Logs grow fields all the time: a run where every tenth document carries one property the schema
does not declare is usual.  Such a document fails the hot loop's screen (which asks "valid and
quiet" at once), and the careful path (:func:`validator.checking.document._invalid`) then asks
for its errors and scans its whole text for positions.  When the document is valid after all,
its warnings need only the engine's verdict, the undeclared members
(:func:`~validator.checking.spots.spots`) and the places of their keys, found by
searching for them (:func:`validator.inputs.key_search.key_places`); each record is made by the
function the careful path uses (:func:`~validator.checking.property_warnings.warning_problem`),
in the same order (the text's), so they are the same.  Anything else (an invalid document, more
than :data:`FEW` warnings, a key the search cannot place for sure) is left to the careful path:
:func:`valid_with_warnings` then says None.
"""

from __future__ import annotations

from itertools import repeat
from typing import TYPE_CHECKING, Any

from validator.checking.property_warnings import warning_problem, wording
from validator.checking.spots import lone_spots, spots
from validator.inputs.key_search import key_places, lone_keys, lone_places
from validator.inputs.locate import member_pointer
from validator.problems import UNDECLARED, DocumentResult, Problem, Status

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from validator.checking.engine import Engine
    from validator.checking.undeclared import Undeclared

__all__ = ["FEW", "INVALID", "TOGETHER", "valid_files", "valid_run", "valid_with_warnings"]

FEW = 8
"""Undeclared members a document may have for the quick way (more: the careful path's one scan
places them all)."""

TOGETHER = 12
"""Files that warn from which :func:`valid_files` groups them (about 17 µs a call, then about
7 µs a file against 10.6 alone: fewer are each taken alone)."""

_new = tuple.__new__  # a record built from a tuple: no Python call to the record's __new__


def valid_with_warnings(
    engine: Engine,
    warnings: Undeclared,
    raw: bytes,
    document: Any,
    source: str,
    line: int,
    verdict: Callable[[Any], bool] | None = None,
    schema: str = "",
) -> DocumentResult | None:
    """The result of ``document`` (parsed from ``raw`` by orjson, no key dropped, which starts
    on line ``line`` of ``source``) when it is valid and has at most :data:`FEW` undeclared
    members, each placed for sure; else None (the careful path decides).  ``verdict``: the
    engine's native verdict or :meth:`~validator.checking.engine.Engine.is_valid` (a native no
    may be wrong, then the careful path decides; a yes never is), when the caller has it;
    ``schema``: the name of the schema, for the result."""
    if verdict is None:
        verdict = engine.native() or engine.is_valid
    try:
        if not verdict(document):
            return None
    except (ValueError, OverflowError, TypeError):  # a value the fast engine cannot take
        return None
    found = spots(warnings, document)
    if found is None:
        return None
    if not found:
        return _new(DocumentResult, (source, line, Status.VALID, (), schema, (), None))
    if len(found) > FEW:
        return None
    places = key_places(raw, document, found)
    if places is None:
        return None
    if len(places) == 1:  # the usual case
        ((pointer, key), at), *_ = places.items()
        noted: tuple[Problem, ...] = (warning_problem(warnings, document, pointer, key, at, line),)
    else:  # in the order of the text, as placed_warnings() gives them
        noted = tuple(
            warning_problem(warnings, document, pointer, key, at, line)
            for (pointer, key), at in sorted(places.items(), key=_second)
        )
    return _new(DocumentResult, (source, line, Status.VALID, (), schema, noted, None))


def _second(pair: tuple[Any, tuple[int, int]]) -> tuple[int, int]:
    return pair[1]


INVALID = False
"""What :func:`valid_run` says of a document the engine's native verdict rejects."""


def valid_run(
    engine: Engine,
    warnings: Undeclared,
    verdict: Callable[[Any], bool],
    texts: list[bytes],
    documents: list[Any],
    lines: list[int],
    source: str,
    schema: str,
) -> list[DocumentResult | bool | None]:
    """:func:`valid_with_warnings` of many documents of a JSON Lines run at once (``texts``:
    their lines, with or without their line feeds; ``lines``: their numbers): for each, its
    result; :data:`INVALID` where the native verdict (``verdict``) rejects it; None where it is
    left to :func:`valid_with_warnings`.

    Documents with one undeclared member are grouped by that member, found by one walk over
    all the documents (:func:`~validator.checking.spots.lone_spots`) where the schema allows it:
    a group's key is searched for in all its texts at once
    (:func:`~validator.inputs.key_search.lone_keys`), its warning worded once (where the
    member's pointer names no array item, every document of the group has the same declared
    names there) and its records made by builtins over the group, so that a run where many
    documents warn alike costs little more per document than its verdict."""
    done: list[DocumentResult | bool | None] = [None] * len(documents)
    try:
        valid = list(map(verdict, documents))
    except (ValueError, OverflowError, TypeError):  # a value the fast engine cannot take
        return done
    for index in [index for index, ok in enumerate(valid) if not ok]:
        done[index] = INVALID
    groups = _groups(warnings, documents, valid)
    for (_, key), members, (where, message, shape) in _worded(warnings, documents, groups):
        columns = lone_keys(list(map(texts.__getitem__, members)), key)
        numbers = list(map(lines.__getitem__, members))
        noted = zip(  # each document's one warning, made in C
            map(
                _new,
                repeat(Problem),
                zip(
                    repeat(where),
                    repeat(""),
                    repeat(message),
                    repeat(UNDECLARED),
                    repeat(None),
                    numbers,
                    columns,
                    repeat(False),
                    repeat(shape),
                ),
            )
        )
        made = map(
            _new,
            repeat(DocumentResult),
            zip(
                repeat(source),
                numbers,
                repeat(Status.VALID),
                repeat(()),
                repeat(schema),
                noted,
                repeat(None),
            ),
        )
        for index, column, result in zip(members, columns, made, strict=True):
            if column is not None:  # else its key was not placed for sure
                done[index] = result
    return done


def valid_files(
    engine: Engine,
    warnings: Undeclared,
    texts: list[bytes],
    documents: list[Any],
    sources: list[str],
    schema: str = "",
) -> list[DocumentResult | None]:
    """:func:`valid_with_warnings` of whole files (``texts``, their ``documents`` parsed by
    orjson with no key dropped, named ``sources``), at once where they warn alike: the files
    with one undeclared member grouped by it, its key searched for in all their texts together
    (:func:`~validator.inputs.key_search.lone_places`) and its warning worded once; each of
    the others on its own (all of them, when they are fewer than :data:`TOGETHER`)."""
    verdict = engine.native() or engine.is_valid
    done: list[DocumentResult | None] = [None] * len(documents)
    valid = [True] * len(documents)  # each decided on its own below, unless grouped
    groups: dict[tuple[str, str], list[int]] = {}
    if len(documents) >= TOGETHER:
        try:
            valid = list(map(verdict, documents))
        except (ValueError, OverflowError, TypeError):  # a value the fast engine cannot take
            pass
        else:
            groups = _groups(warnings, documents, valid)
    for (_, key), members, (where, message, shape) in _worded(warnings, documents, groups):
        places = lone_places(list(map(texts.__getitem__, members)), key)
        for index, at in zip(members, places, strict=True):
            if at is not None:  # else its key was not placed for sure
                noted = _new(Problem, (where, "", message, UNDECLARED, None, *at, False, shape))
                result = (sources[index], 1, Status.VALID, (), schema, (noted,), None)
                done[index] = _new(DocumentResult, result)
    for index, ok in enumerate(valid):
        if ok and done[index] is None:
            done[index] = valid_with_warnings(
                engine, warnings, texts[index], documents[index], sources[index], 1, verdict, schema
            )
    return done


def _worded(
    warnings: Undeclared, documents: list[Any], groups: dict[tuple[str, str], list[int]]
) -> Iterator[tuple[tuple[str, str], list[int], tuple[str, str, str]]]:
    """Each group of :func:`_groups` with its warning's (member pointer, message, shape), worded
    once; a group with an array item on the way is left out (its declared names may differ
    from one document to another)."""
    for (pointer, key), members in groups.items():
        if any(token.isdigit() for token in pointer.split("/")):
            continue
        message, shape = wording(warnings, warnings.names_at(pointer, documents[members[0]]), key)
        yield (pointer, key), members, (member_pointer(pointer, key), message, shape)


def _groups(
    warnings: Undeclared, documents: list[Any], valid: list[bool]
) -> dict[tuple[str, str], list[int]]:
    """The valid documents with one undeclared member, grouped by that member (see
    :func:`~validator.checking.spots.lone_spots`; each walked alone where it says so)."""
    groups = lone_spots(warnings, documents)
    if groups is not None:
        if all(valid):
            return groups
        kept = {m: [i for i in at if valid[i]] for m, at in groups.items()}
        return {member: at for member, at in kept.items() if at}
    groups = {}
    for index, (ok, document) in enumerate(zip(valid, documents, strict=True)):
        if ok:
            found = spots(warnings, document)
            if found is not None and len(found) == 1:
                groups.setdefault(found[0], []).append(index)
    return groups
