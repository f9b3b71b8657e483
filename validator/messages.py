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
from collections.abc import Mapping, Sequence
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


def suggest(value: Any, options: Sequence[Any]) -> Any | None:
    """The allowed string closest to a string that is not allowed: equal ignoring case, or a few
    edits away (none for words of up to 3 characters, 1 up to 6, else 2).  ``None`` when
    nothing is close."""
    if not isinstance(value, str) or len(value) > 200:
        return None
    strings = tuple(o for o in options if isinstance(o, str))
    return _closest(value, strings)


@functools.lru_cache(maxsize=1024)
def _closest(value: str, strings: tuple[str, ...]) -> str | None:
    # Cached: the same wrong value tends to come back in document after document.
    for option in strings:
        if option.casefold() == value.casefold():
            return option
    limit = 0 if len(value) <= 3 else 1 if len(value) <= 6 else 2
    best: tuple[int, str] | None = None
    for option in strings:
        d = _distance(value.casefold(), option.casefold(), limit)
        if d <= limit and (best is None or d < best[0]):
            best = (d, option)
    return best[1] if best else None


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

_ONE_PASS = frozenset(
    {"required", "additionalProperties", "unevaluatedProperties", "type", "enum", "const"}
    | {"format", "pattern", "multipleOf", "uniqueItems", "additionalItems", "unevaluatedItems"}
    | {"falseSchema", "not", "contains", "oneOfMultipleValid", *_LIMITS, *_SIZES}
)
"""The keywords whose message and shape differ only where the instance value is shown."""


def describe_with_shape(failure: Failure, *, redact: bool = False) -> tuple[str, str]:
    """``(describe(failure, redact=redact), describe(failure, redact=redact, shape=True))``,
    worded once where the keyword allows (this runs for every problem of every document)."""
    if failure.keyword not in _ONE_PASS or any(
        isinstance(v, str) and _MARK in v for v in (failure.fallback, *failure.details.values())
    ):
        return describe(failure, redact=redact), describe(failure, redact=redact, shape=True)
    template = describe(failure, redact=redact, _shown=_MARK)
    if _MARK not in template:
        return template, template
    message = template.replace(_MARK, show(failure.instance, redact=redact))
    if failure.keyword == "enum" and not redact:
        guess = suggest(failure.instance, failure.details.get("options", []))
        if guess is not None:
            message += f"; did you mean {show(guess)}?"
    return message, template.replace(_MARK, PLACEHOLDER)


def describe(
    failure: Failure, *, redact: bool = False, shape: bool = False, _shown: str | None = None
) -> str:
    """One short line that says what is wrong, in JSON syntax.

    With ``shape=True`` the line's *shape*: every instance value replaced by
    :data:`PLACEHOLDER`, so that failures that differ only in their values read the same (the
    grouped summary counts them together).
    """
    k, d, value = failure.keyword, failure.details, failure.instance
    # First the wordings that quote no instance value (``value`` may be a whole document).
    if k == "required":
        return f"missing required property {show(d.get('property'))}"
    if k in ("additionalProperties", "unevaluatedProperties"):
        names = list(d.get("unexpected", []))
        noun = "property" if len(names) == 1 else "properties"
        return f"unexpected {noun} {_one_of(names)}" if names else failure.fallback
    if _shown is not None:  # a template (see describe_with_shape): no suggestion either
        shown, shape = _shown, True
    else:
        shown = PLACEHOLDER if shape else show(value, redact=redact)
    got = f"got {json_type(value)}" + ("" if redact else f" {shown}")
    redact = redact or shape
    if k == "type":
        return f"expected {_or(list(d.get('types', [])))}, {got}"
    if k == "enum":
        options = d.get("options", [])
        message = f"{shown} is not one of {_one_of(options)}"
        guess = None if redact else suggest(value, options)
        return message + (f"; did you mean {show(guess)}?" if guess is not None else "")
    if k == "const":
        return f"expected {show(d.get('expected_value'))}, {got}"
    if k == "format":
        return f"{shown} is not a valid {d.get('format')}"
    if k == "pattern":
        return f"{shown} does not match the pattern {show(d.get('pattern'))}"
    if k in _LIMITS:
        return f"{shown} {_LIMITS[k]} {show(d.get('limit'))}"
    if k in _SIZES:
        relation, unit = _SIZES[k]
        return f"{shown} {relation} {_plural(d.get('limit'), unit)}"
    if k == "multipleOf":
        return f"{shown} is not a multiple of {show(d.get('multiple_of'))}"
    if k == "uniqueItems":
        return f"{shown} has duplicate items"
    if k in ("additionalItems", "unevaluatedItems"):
        return f"{shown} has unexpected items"
    if k == "falseSchema":
        return f"no value is allowed here (the schema is false), {got}"
    if k == "not":
        return f'{shown} must not match the schema under "not"'
    if k == "contains":
        return f'{shown} has no item that matches the schema under "contains"'
    if k == "oneOfMultipleValid":
        return f'{shown} matches more than one alternative under "oneOf" (exactly one must match)'
    if k in ("anyOf", "oneOf", "oneOfNotValid"):
        return _alternatives(failure, got, redact, shape)
    if redact:
        return f'value fails "{k}" ({json_type(value)})'
    return failure.fallback or f'{shown} fails "{k}"'


def _alternatives(failure: Failure, got: str, redact: bool, shape: bool) -> str:
    expected: list[str] = []
    for branch in failure.branches:
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
        return f"expected {_or(expected)}, {got}"
    reasons = []
    for branch in failure.branches:
        first = branch[0] if branch else None
        reasons.append(describe(first, redact=redact, shape=shape) if first else "fails")
    count = len(failure.branches)
    return f"matches none of the {count} alternatives: " + "; ".join(
        f"({i}) {reason}" for i, reason in enumerate(reasons, 1)
    )
