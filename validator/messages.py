"""Short, precise messages in JSON syntax for validation failures.

Values are quoted as JSON (``null``, ``true``, ``"done"``), never as Python reprs, and cut to
:data:`MAX_SHOWN` characters with their full length stated.  With ``redact=True`` no instance value
appears at all: only its JSON type (and size), so that reports can be shared when payloads hold
tokens or personal data.  Values taken from the schema (enum members, patterns, limits) are not
instance data and are always shown.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

import orjson

__all__ = [
    "MAX_SHOWN",
    "PLACEHOLDER",
    "Failure",
    "describe",
    "describe_with_shape",
    "json_type",
    "show",
    "suggest",
]

MAX_SHOWN = 80
"""The most characters of one value that a message quotes."""


def json_type(value: Any) -> str:
    """The JSON Schema type name of a Python value from a JSON document."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, (list, tuple)):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def _int_text(value: int) -> str:
    try:
        return str(value)
    except ValueError:  # longer than Python's int -> str guard allows
        digits = int(value.bit_length() * math.log10(2)) + 1
        return f"<integer of about {digits} digits>"


def _dump(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return _int_text(value)
    try:
        return orjson.dumps(value).decode("utf-8")
    except (TypeError, orjson.JSONEncodeError):
        try:  # integers beyond 64 bits, lone surrogates from Python callers, ...
            return json.dumps(value, ensure_ascii=True, default=repr)
        except (ValueError, RecursionError):
            return f"<{json_type(value)}>"


def _size(value: Any) -> str:
    if isinstance(value, str):
        return f"{len(value)} characters"
    if isinstance(value, (list, tuple)):
        return f"{len(value)} items"
    if isinstance(value, dict):
        return f"{len(value)} properties"
    return ""


def show(value: Any, *, redact: bool = False) -> str:
    """A value as it appears in a message: JSON text, cut to :data:`MAX_SHOWN` characters."""
    if redact:
        size = _size(value)
        return f"<{json_type(value)}{', ' + size if size else ''}>"
    text = _dump(value)
    if len(text) <= MAX_SHOWN:
        return text
    size = _size(value) or f"{len(text)} characters"
    return f"{text[: MAX_SHOWN - 1]}… ({size})"


def _distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, giving up (returning limit + 1) once it exceeds ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def _nearest(value: str, options: Sequence[str]) -> int | None:
    """The index of the option fewest edits away from ``value``, within reach (no edit for words
    of up to 3 characters, 1 up to 6, else 2); ties go to the first.  ``None`` when none is."""
    limit = 0 if len(value) <= 3 else 1 if len(value) <= 6 else 2
    best, fewest = None, limit + 1
    for index, option in enumerate(options):
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
    if not isinstance(name, str) or not isinstance(keys, Mapping) or len(name) > 200:
        return None
    names = [key for key in keys if isinstance(key, str) and key != name and len(key) <= 200]
    index = _nearest(
        name.casefold().translate(_SEPARATORS),
        [key.casefold().translate(_SEPARATORS) for key in names],
    )
    return None if index is None else names[index]


class Failure(NamedTuple):
    """What an engine reports about one failed keyword, before it is put into words.

    ``details`` holds the keyword's own facts (``types``, ``options``, ``limit``, ...);
    ``fallback`` is the engine's own message, used for keywords without a wording here;
    ``branches`` holds, for ``anyOf``/``oneOf``, the failures of each alternative, and ``nested``
    tells whether a failure lies below the instance the alternatives were applied to.
    """

    keyword: str
    details: Mapping[str, Any]
    instance: Any
    fallback: str = ""
    branches: tuple[tuple[Failure, ...], ...] = ()
    nested: bool = False


def _one_of(values: Sequence[Any]) -> str:
    try:
        return _one_of_cached(tuple(values))
    except TypeError:  # an unhashable value (an object or array)
        return ", ".join(show(v) for v in values)


@functools.lru_cache(maxsize=256)
def _one_of_cached(values: tuple[Any, ...]) -> str:
    # The same enum's options are listed again and again: worded once.
    return ", ".join(show(v) for v in values)


def _or(words: Sequence[str]) -> str:
    unique = list(dict.fromkeys(words))
    return unique[0] if len(unique) == 1 else ", ".join(unique[:-1]) + " or " + unique[-1]


_LIMITS = {
    "minimum": "is less than the minimum of",
    "maximum": "is greater than the maximum of",
    "exclusiveMinimum": "is not greater than the exclusive minimum of",
    "exclusiveMaximum": "is not less than the exclusive maximum of",
}
_SIZES = {
    "minLength": ("is shorter than", "character"),
    "maxLength": ("is longer than", "character"),
    "minItems": ("has fewer than", "item"),
    "maxItems": ("has more than", "item"),
    "minProperties": ("has fewer than", "property"),
    "maxProperties": ("has more than", "property"),
}


def _plural(count: Any, word: str) -> str:
    if count == 1:
        return f"1 {word}"
    return f"{count} {'properties' if word == 'property' else word + 's'}"


PLACEHOLDER = "<value>"
"""What stands for an instance value in a message's shape (see :func:`describe`)."""


_MARK = "\x00"
"""Where the instance value goes in a wording built once for both the message and its shape
(:func:`describe_with_shape`): never part of a value shown, since JSON text escapes it."""


# --- one wording per keyword ---------------------------------------------------------------------


class _Words(NamedTuple):
    """What a keyword's wording may use besides the failure itself."""

    failure: Failure
    shown: str
    """The instance value as the message shows it (the placeholder in a shape)."""
    got: str
    """``got TYPE VALUE`` (``got TYPE`` when redacted)."""
    quiet: bool
    """No instance value may appear: the message is redacted, or it is a shape."""
    shape: bool


def _required(w: _Words) -> str:
    return f"missing required property {show(w.failure.details.get('property'))}"


def _unexpected(w: _Words) -> str:
    names = list(w.failure.details.get("unexpected", []))
    noun = "property" if len(names) == 1 else "properties"
    return f"unexpected {noun} {_one_of(names)}" if names else w.failure.fallback


def _type(w: _Words) -> str:
    return f"expected {_or(list(w.failure.details.get('types', [])))}, {w.got}"


def _enum(w: _Words) -> str:
    return f"{w.shown} is not one of {_one_of(w.failure.details.get('options', []))}"


def _const(w: _Words) -> str:
    return f"expected {show(w.failure.details.get('expected_value'))}, {w.got}"


def _format(w: _Words) -> str:
    return f"{w.shown} is not a valid {w.failure.details.get('format')}"


def _pattern(w: _Words) -> str:
    return f"{w.shown} does not match the pattern {show(w.failure.details.get('pattern'))}"


def _limit(w: _Words) -> str:
    return f"{w.shown} {_LIMITS[w.failure.keyword]} {show(w.failure.details.get('limit'))}"


def _size_limit(w: _Words) -> str:
    relation, unit = _SIZES[w.failure.keyword]
    return f"{w.shown} {relation} {_plural(w.failure.details.get('limit'), unit)}"


def _multiple_of(w: _Words) -> str:
    return f"{w.shown} is not a multiple of {show(w.failure.details.get('multiple_of'))}"


def _unique_items(w: _Words) -> str:
    return f"{w.shown} has duplicate items"


def _unexpected_items(w: _Words) -> str:
    return f"{w.shown} has unexpected items"


def _false_schema(w: _Words) -> str:
    return f"no value is allowed here (the schema is false), {w.got}"


def _not(w: _Words) -> str:
    return f'{w.shown} must not match the schema under "not"'


def _contains(w: _Words) -> str:
    return f'{w.shown} has no item that matches the schema under "contains"'


def _one_of_many(w: _Words) -> str:
    return f'{w.shown} matches more than one alternative under "oneOf" (exactly one must match)'


def _alternatives(w: _Words) -> str:
    expected: list[str] = []
    for branch in w.failure.branches:
        kinds = {f.keyword for f in branch if not f.nested}
        if kinds == {"type"} and len(branch) == 1:
            expected.extend(branch[0].details.get("types", []))
        elif kinds == {"const"} and len(branch) == 1:
            expected.append(show(branch[0].details.get("expected_value")))
        elif kinds == {"enum"} and len(branch) == 1:
            expected.extend(show(v) for v in branch[0].details.get("options", []))
        else:
            expected = []
            break
    if expected:
        return f"expected {_or(expected)}, {w.got}"
    reasons = []
    for branch in w.failure.branches:
        first = branch[0] if branch else None
        reasons.append(describe(first, redact=w.quiet, shape=w.shape) if first else "fails")
    count = len(w.failure.branches)
    return f"matches none of the {count} alternatives: " + "; ".join(
        f"({i}) {reason}" for i, reason in enumerate(reasons, 1)
    )


def _other(w: _Words) -> str:
    """A keyword without a wording of its own: the engine's message, unless it may show the
    instance value."""
    k, value = w.failure.keyword, w.failure.instance
    if w.quiet:
        return f'value fails "{k}" ({json_type(value)})'
    return w.failure.fallback or f'{w.shown} fails "{k}"'


_WORDINGS: dict[str, Callable[[_Words], str]] = {
    "required": _required,
    "additionalProperties": _unexpected,
    "unevaluatedProperties": _unexpected,
    "type": _type,
    "enum": _enum,
    "const": _const,
    "format": _format,
    "pattern": _pattern,
    **dict.fromkeys(_LIMITS, _limit),
    **dict.fromkeys(_SIZES, _size_limit),
    "multipleOf": _multiple_of,
    "uniqueItems": _unique_items,
    "additionalItems": _unexpected_items,
    "unevaluatedItems": _unexpected_items,
    "falseSchema": _false_schema,
    "not": _not,
    "contains": _contains,
    "oneOfMultipleValid": _one_of_many,
    "anyOf": _alternatives,
    "oneOf": _alternatives,
    "oneOfNotValid": _alternatives,
}
"""Keyword -> its wording (a keyword not listed is worded by :func:`_other`)."""

_VALUELESS = frozenset({"required", "additionalProperties", "unevaluatedProperties"})
"""The wordings that quote no instance value (which may be a whole document: it is not even
shown)."""

_ONE_PASS = frozenset(_WORDINGS) - {"anyOf", "oneOf", "oneOfNotValid"}
"""The keywords whose message and shape differ only where the instance value is shown (the
alternatives word each branch's reason, message and shape apart)."""


def _suggestion(failure: Failure, redact: bool) -> str:
    if redact:  # the suggestion would tell how close the hidden value is
        return ""
    guess = suggest(failure.instance, failure.details.get("options", []))
    return "" if guess is None else f"; did you mean {show(guess)}?"


def _look_alike(failure: Failure, redact: bool) -> str:
    # A key is a property name, not a value: shown even when values are redacted.
    key = look_alike(failure.details.get("property"), failure.instance)
    return "" if key is None else f"; the object has {show(key)}"


_HINTS: dict[str, Callable[[Failure, bool], str]] = {
    "enum": _suggestion,
    "required": _look_alike,
}
"""Keyword -> what a message adds after the wording (from the instance: never in a shape)."""


def _hint(failure: Failure, redact: bool) -> str:
    hint = _HINTS.get(failure.keyword)
    return "" if hint is None else hint(failure, redact)


def one_pass(failure: Failure) -> bool:
    """Whether :func:`describe_with_shape` words ``failure`` once for its message and its shape
    (else it calls :func:`describe` twice)."""
    return failure.keyword in _ONE_PASS and not any(
        isinstance(v, str) and _MARK in v for v in (failure.fallback, *failure.details.values())
    )


def describe_with_shape(failure: Failure, *, redact: bool = False) -> tuple[str, str]:
    """``(describe(failure, redact=redact), describe(failure, redact=redact, shape=True))``,
    worded once where the keyword allows (this runs for every problem of every document).

    >>> describe_with_shape(Failure("enum", {"options": ["done"]}, "Done"))
    ('"Done" is not one of "done"; did you mean "done"?', '<value> is not one of "done"')
    """
    if not one_pass(failure):
        return describe(failure, redact=redact), describe(failure, redact=redact, shape=True)
    template = describe(failure, redact=redact, _shown=_MARK)
    if _MARK not in template:
        return template + _hint(failure, redact), template
    message = template.replace(_MARK, show(failure.instance, redact=redact))
    return message + _hint(failure, redact), template.replace(_MARK, PLACEHOLDER)


def describe(
    failure: Failure, *, redact: bool = False, shape: bool = False, _shown: str | None = None
) -> str:
    """One short line that says what is wrong, in JSON syntax.

    With ``shape=True`` the line's *shape*: every instance value replaced by
    :data:`PLACEHOLDER`, so that failures that differ only in their values read the same (the
    grouped summary counts them together).

    >>> describe(Failure("type", {"types": ["integer"]}, "3"))
    'expected integer, got string "3"'
    >>> describe(Failure("type", {"types": ["integer"]}, "3"), shape=True)
    'expected integer, got string <value>'
    """
    k = failure.keyword
    wording = _WORDINGS.get(k, _other)
    if k in _VALUELESS:
        text = wording(_Words(failure, "", "", True, shape))
    else:
        if _shown is not None:  # a template (see describe_with_shape)
            shown, shape = _shown, True
        else:
            shown = PLACEHOLDER if shape else show(failure.instance, redact=redact)
        got = f"got {json_type(failure.instance)}" + ("" if redact else f" {shown}")
        text = wording(_Words(failure, shown, got, redact or shape, shape))
    if shape or _shown is not None:
        return text
    return text + _hint(failure, redact)
