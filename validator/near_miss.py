"""Near misses: the allowed string, or the key of an object, closest to one that is wrong.

Both are a few edits away at most (a letter left out, added or changed, or two side by side
swapped, computed with an early exit): none for words of up to 2 characters; for 3, one letter
left out (``cty`` for ``city``, never ``cat`` for ``car``: a changed letter of so short a word
makes another word); 1 up to 6, else 2; the nearest wins, ties go to the first.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["look_alike", "pointer_miss", "suggest"]


def _distance(a: str, b: str, limit: int) -> int:
    """Edits from ``a`` to ``b``: letters left out, added, changed, or two side by side swapped
    (``Itme`` for ``Item`` is one edit; the optimal string alignment distance), giving up
    (returning limit + 1) once it exceeds ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            edits = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb and ca != cb:
                edits = min(edits, before[j - 2] + 1)  # the two letters swapped
            current.append(edits)
        if min(current) > limit and min(previous) >= limit:  # no swap gets back within reach
            return limit + 1
        before, previous = previous, current
    return previous[-1]


def _nearest(value: str, options: Sequence[str]) -> int | None:
    """The index of the option fewest edits away from ``value``, within reach (no edit for words
    of up to 2 characters, a letter left out for 3, 1 edit up to 6, else 2); ties go to the
    first.  ``None`` when none is."""
    limit = 0 if len(value) <= 2 else 1 if len(value) <= 6 else 2
    best, fewest = None, limit + 1
    for index, option in enumerate(options):
        if len(value) == 3 and option != value and len(option) != 4:
            continue  # three letters: only one left out (cty -> city)
        edits = _distance(value, option, limit)
        if edits < fewest:
            best, fewest = index, edits
            if not edits:
                break
    return best


def suggest(value: Any, options: Sequence[Any]) -> Any | None:
    """The allowed string closest to a string that is not allowed: equal ignoring case, or a few
    edits away (see :func:`_nearest`; the nearest wins, ties go to the first in ``options``).
    ``None`` when nothing is close.

    >>> suggest("complet", ["completed", "complete"])
    'complete'
    """
    if not isinstance(value, str) or len(value) > 200:
        return None
    strings = tuple(o for o in options if isinstance(o, str))
    return _closest(value, strings)


@functools.lru_cache(maxsize=1024)
def _closest(value: str, strings: tuple[str, ...]) -> str | None:
    # Cached: the same wrong value tends to come back in document after document.
    index = _nearest(value.casefold(), [option.casefold() for option in strings])
    return None if index is None else strings[index]


_SEPARATORS = str.maketrans("", "", "_-. ")


def look_alike(name: Any, keys: Any) -> str | None:
    """The key of an object that looks like the property ``name`` it lacks: the same ignoring
    case and the separators ``_ - .`` and space (``requestId``, ``request-id`` for
    ``request_id``), else a few edits away as in :func:`suggest`.  The nearest wins, ties go to
    the first key; ``None`` when none looks alike.

    >>> look_alike("request_id", {"status": 1, "requestId": 2})
    'requestId'
    """
    if not isinstance(name, str) or len(name) > 200:
        return None
    if type(keys) is not dict and not isinstance(keys, Mapping):  # dict first: the usual, cheap
        return None
    names = tuple(keys)
    return _look_alike_cached(name, names) if len(names) <= 64 else _nearest_key(name, names)


def _nearest_key(name: str, keys: tuple[Any, ...]) -> str | None:
    names = [key for key in keys if isinstance(key, str) and key != name and len(key) <= 200]
    index = _nearest(
        name.casefold().translate(_SEPARATORS),
        [key.casefold().translate(_SEPARATORS) for key in names],
    )
    return None if index is None else names[index]


# Cached: the objects of a stream of documents tend to have the same keys and miss the same one.
_look_alike_cached = functools.lru_cache(maxsize=1024)(_nearest_key)


def pointer_miss(contents: Any, pointer: str) -> str | None:
    """Where a JSON Pointer (RFC 6901, unescaped already of its URI form) leads nowhere in
    ``contents``: ``no 'Iten' in #/$defs; did you mean 'Item'?`` (else ``(it has ...)``, the
    first 12 keys), or None when it leads somewhere.

    >>> pointer_miss({"$defs": {"Item": {}}}, "/$defs/Iten")
    "no 'Iten' in #/$defs; did you mean 'Item'?"
    """
    node, walked = contents, ""
    for raw in pointer.split("/")[1:] if pointer else []:
        token = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and _index(token) and int(token) < len(node):
            node = node[int(token)]
        else:
            hint = ""
            if isinstance(node, dict):
                close = suggest(token, [k for k in node if isinstance(k, str)])
                hint = f"; did you mean {close!r}?" if close is not None else ""
                if not hint and node:
                    names = ", ".join(list(node)[:12]) + (", ..." if len(node) > 12 else "")
                    hint = f" (it has {names})"
            shown = token if len(token) <= 100 else token[:99] + "…"
            return f"no {shown!r} in #{walked[:100]}{hint}"
        walked += f"/{raw}"
    return None


def _index(token: str) -> bool:
    """Whether a pointer token is an array index (RFC 6901: no leading zero)."""
    return token == "0" or (token[:1] in "123456789" and token.isascii() and token.isdigit())
