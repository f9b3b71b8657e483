"""Regular expressions of a schema: ECMA-262, read with the ``u`` flag, checked before any document
is read, and matched in bounded time by one engine whichever engine judges.

* **Syntax** (:func:`check_patterns`): every ``pattern`` and every ``patternProperties`` name of
  a schema must compile with ``regress``, an implementation of ECMA-262 regular expressions (the
  one check-jsonschema uses for this), with the ``u`` flag JSON Schema's test suite expects
  (``\\p{L}``, ``\\u{1F600}``; no ``\\a``, no ``(?P<name>...)``, no stray ``]``).  A pattern it
  refuses is a schema error (exit 2) naming the schema and the JSON pointer of the keyword.
  ``regress`` is imported only for a schema that has a pattern.
* **Matching** (:func:`bounded`): jsonschema_rs's regex engine, the fast engine's own: the
  ``regex`` crate (linear time) or, for look-around and back-references, ``fancy-regex`` under a
  backtracking step limit.  The reference engine matches with it too (see
  :mod:`validator.checking.reference`), so the two engines give one verdict by construction, in
  bounded time.  ``regress`` is never used for matching: it backtracks without bound
  (``^(a+)+$`` against 24 ``a``\\ s and a ``!``: 1.4 s, four times more for every two more
  ``a``\\ s), inside Rust code that a ``SIGALRM`` handler cannot interrupt.  A pattern that is
  ECMA-262 but that jsonschema_rs cannot run (``[^]``, ``\\k<name>``, a repetition too large for
  its size limit) is refused as well, saying so: no engine could judge it in bounded time.
  So is a back-reference whose group may not take part in the match where it is
  (:mod:`validator.contracts.backrefs`): ECMA-262 lets it match the empty string, that engine
  does not.  The pattern that engine is given has ECMA-262's ASCII ``\\b``, ``\\B``, ``\\d``,
  ``\\w`` and ``\\s`` written out (:mod:`validator.contracts.ecma_boundaries`).

The walk follows the keywords that hold subschemas (in any dialect), not the values of ``enum``,
``const``, ``default`` or ``examples``, nor an unknown keyword's object.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Callable, Iterator
from typing import Any

from validator.contracts.backrefs import unsure_reference
from validator.contracts.ecma_boundaries import ascii_boundaries
from validator.contracts.pattern_hints import quantified_boundary, rewrites
from validator.contracts.schema_walk import DATA, KEYWORDS, NAMED
from validator.problems import BadPattern

__all__ = ["bounded", "check_patterns", "ecma_error", "patterns_in"]

_KEYWORDS = frozenset().union(*KEYWORDS.values()) - DATA
"""Keywords whose values are walked (a subschema, a list or map of them, or plain data that
holds no object)."""

_MATCHERS: dict[str, Callable[[str], bool] | None] = {}
_MATCHER_CACHE = 4096
"""Patterns whose matchers :func:`bounded` remembers; beyond that they are compiled each time."""


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def patterns_in(contents: Any) -> Iterator[tuple[str, str]]:
    """(JSON pointer of the keyword, pattern) for every ``pattern`` and ``patternProperties``
    name of a schema, breadth first."""
    todo: deque[tuple[Any, str]] = deque([(contents, "")])
    while todo:
        node, where = todo.popleft()
        if isinstance(node, list):
            todo.extend((each, f"{where}/{index}") for index, each in enumerate(node))
            continue
        if not isinstance(node, dict):
            continue
        if isinstance(pattern := node.get("pattern"), str):
            yield f"{where}/pattern", pattern
        named = node.get("patternProperties")
        if isinstance(named, dict):
            for name in named:
                yield f"{where}/patternProperties/{_escape(name)}", name
        for key, value in node.items():
            if key not in _KEYWORDS or not isinstance(value, (dict, list)):
                continue
            here = f"{where}/{_escape(key)}"
            if key in NAMED and isinstance(value, dict):
                todo.extend((each, f"{here}/{_escape(name)}") for name, each in value.items())
            else:
                todo.append((value, here))


def ecma_error(pattern: str) -> str | None:
    """Why ``pattern`` is not an ECMA-262 regular expression (read with the ``u`` flag), or None
    when it is one."""
    import regress  # only where a schema has a pattern

    try:
        regress.Regex(pattern, "u")
    except regress.RegressError as exc:
        return str(exc) or "not a regular expression"
    return "Quantifier not allowed here" if quantified_boundary(pattern) else None


def bounded(pattern: object) -> Callable[[str], bool] | None:
    """Whether a string matches ``pattern`` (searched for, as ``pattern`` and
    ``patternProperties`` do), by jsonschema_rs's regex engine: bounded time whatever the
    pattern.  None if it cannot be compiled (or is not a string)."""
    if not isinstance(pattern, str):
        return None
    if pattern in _MATCHERS:
        return _MATCHERS[pattern]
    import jsonschema_rs  # the fast engine's: already loaded by any run that checks

    found: Callable[[str], bool] | None
    try:
        found = jsonschema_rs.validator_for({"pattern": ascii_boundaries(pattern)}).is_valid
    except BaseException as exc:  # a panic of the Rust code too: a pattern it cannot compile
        if not isinstance(exc, (ValueError, jsonschema_rs.ValidationError)) and (
            type(exc).__name__ != "PanicException"
        ):
            raise
        found = None
    if len(_MATCHERS) < _MATCHER_CACHE:
        _MATCHERS[pattern] = found
    return found


def check_patterns(contents: Any, origin: str) -> None:
    """Refuse (:class:`~validator.problems.BadPattern`, exit 2) the first pattern of a schema that
    is not ECMA-262, or that no engine can match in bounded time."""
    for pointer, pattern in patterns_in(contents):
        shown = json.dumps(pattern, ensure_ascii=False)
        if len(shown) > 80:
            shown = shown[:77] + '..."'
        error = ecma_error(pattern)
        if error is not None:
            reason = f"is not an ECMA-262 regular expression ({error})"
        elif (unsure := unsure_reference(pattern)) is not None:
            reason = (
                f"has a back-reference {unsure[0]} to a group that may not take part in the "
                f"match there ({unsure[1]}); ECMA-262 lets such a reference match the empty "
                "string, the bounded regex engine both engines match with (jsonschema_rs's) "
                "does not: write it another way (e.g. ^(?:aa|b)$ for ^(?:(a)|b)\\1$)"
            )
        elif bounded(pattern) is None:
            reason = (
                "is ECMA-262, but beyond the bounded regex engine both engines match with "
                f"(jsonschema_rs's): write it another way (e.g. {rewrites(pattern)})"
            )
        else:
            continue
        from validator.contracts.schema_positions import placed

        # a patternProperties name is placed at its key, a pattern at its value
        at, where = placed(origin, pointer, key=not pointer.endswith("/pattern"))
        where = where if len(where) <= 200 else where[:197] + "..."
        raise BadPattern(
            f"{at}: pattern {shown} at {where} {reason}",
            schema=origin,
            pattern=pattern,
            pointer=pointer,
        )
