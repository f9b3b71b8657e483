"""Short, precise messages in JSON syntax for validation failures.

Values are quoted as JSON (``null``, ``true``, ``"done"``), never as Python reprs, and cut to
:data:`MAX_SHOWN` characters with their full length stated.  With ``redact=True`` no instance value
appears at all: only its JSON type (and size), so that reports can be shared when payloads hold
tokens or personal data.  Values from the schema (enum members, patterns, limits) are shown."""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

import orjson

from validator.near_miss import look_alike, suggest
from validator.problems import CANNOT_CHECK, PLACEHOLDER

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


class Failure(NamedTuple):
    """What an engine reports about one failed keyword, before it is put into words.

    ``details`` holds the keyword's own facts (``types``, ``options``, ``limit``, ...);
    ``fallback`` is the engine's own message, used for keywords without a wording here;
    ``branches`` holds, for ``anyOf``/``oneOf``, the failures of each alternative, and ``nested``
    is the pointer (in the document) of a failure below the instance the alternatives were
    applied to (empty for one at that instance).
    """

    keyword: str
    details: Mapping[str, Any]
    instance: Any
    fallback: str = ""
    branches: tuple[tuple[Failure, ...], ...] = ()
    nested: str = ""


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


_MARK = "\x00"
"""Where the instance value goes in a wording built once for both the message and its shape
(:func:`describe_with_shape`): never part of a value shown, since JSON text escapes it."""


# --- one wording per keyword ---------------------------------------------------------------------


_Wording = Callable[[Failure, str, str, bool, bool], str]
"""A keyword's wording: ``(failure, shown, got, quiet, shape) -> message``, where ``shown`` is
the instance value as the message shows it (the placeholder in a shape), ``got`` is ``got TYPE
VALUE`` (``got TYPE`` when redacted) and ``quiet`` says that no instance value may appear (the
message is redacted, or it is a shape)."""


def _required(failure: Failure, shown: str, got: str, quiet: bool, shape: bool) -> str:
    return f"missing required property {show(failure.details.get('property'))}"


def _unexpected(failure: Failure, shown: str, got: str, quiet: bool, shape: bool) -> str:
    names = sorted(failure.details.get("unexpected", []), key=str)  # either engine's order
    noun = "property" if len(names) == 1 else "properties"
    shown = PLACEHOLDER if shape else _one_of(names)  # from the document: one kind, any name
    return f"unexpected {noun} {shown}" if names else failure.fallback


def _type(failure: Failure, shown: str, got: str, quiet: bool, shape: bool) -> str:
    return f"expected {_or(list(failure.details.get('types', [])))}, {got}"


def _enum(failure: Failure, shown: str, got: str, quiet: bool, shape: bool) -> str:
    return f"{shown} is not one of {_one_of(failure.details.get('options', []))}"


def _const(failure: Failure, shown: str, got: str, quiet: bool, shape: bool) -> str:
    return f"expected {show(failure.details.get('expected_value'))}, {got}"


def _format(failure: Failure, shown: str, got: str, quiet: bool, shape: bool) -> str:
    name = failure.details.get("format")  # OpenAPI 3.0's byte, in the user's terms:
    wording = "valid base64 (format byte)" if name == "byte" else f"a valid {name}"
    return f"{shown} is not {wording}"


def _pattern(failure: Failure, shown: str, got: str, quiet: bool, shape: bool) -> str:
    return f"{shown} does not match the pattern {show(failure.details.get('pattern'))}"


def _limit(failure: Failure, shown: str, got: str, quiet: bool, shape: bool) -> str:
    return f"{shown} {_LIMITS[failure.keyword]} {show(failure.details.get('limit'))}"


def _size_limit(failure: Failure, shown: str, got: str, quiet: bool, shape: bool) -> str:
    relation, unit = _SIZES[failure.keyword]
    return f"{shown} {relation} {_plural(failure.details.get('limit'), unit)}"


def _multiple_of(failure: Failure, shown: str, got: str, quiet: bool, shape: bool) -> str:
    return f"{shown} is not a multiple of {show(failure.details.get('multiple_of'))}"


def _unique_items(failure: Failure, shown: str, got: str, quiet: bool, shape: bool) -> str:
    return f"{shown} has duplicate items"


def _unexpected_items(failure: Failure, shown: str, got: str, quiet: bool, shape: bool) -> str:
    return f"{shown} has unexpected items"


def _false_schema(failure: Failure, shown: str, got: str, quiet: bool, shape: bool) -> str:
    return f"no value is allowed here (the schema is false), {got}"


def _not(failure: Failure, shown: str, got: str, quiet: bool, shape: bool) -> str:
    return f'{shown} must not match the schema under "not"'


def _contains(failure: Failure, shown: str, got: str, quiet: bool, shape: bool) -> str:
    return f'{shown} has no item that matches the schema under "contains"'


def _alternatives(failure: Failure, shown: str, got: str, quiet: bool, shape: bool) -> str:
    if failure.details.get("several"):  # a oneOf that more than one matches
        return f'{shown} matches more than one alternative under "oneOf" (exactly one must match)'
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
        reason = describe(first, redact=quiet, shape=shape) if first else "fails"
        reasons.append(f"{first.nested}: {reason}" if first and first.nested else reason)
    count = len(failure.branches)
    return f"matches none of the {count} alternatives: " + "; ".join(
        f"({i}) {reason}" for i, reason in enumerate(reasons, 1)
    )


def _other(failure: Failure, shown: str, got: str, quiet: bool, shape: bool) -> str:
    """A keyword without a wording of its own: the engine's message, unless it may show the
    instance value."""
    k, value = failure.keyword, failure.instance
    if quiet:
        return f'value fails "{k}" ({json_type(value)})'
    return failure.fallback or f'{shown} fails "{k}"'


_OWN_WORDS = (CANNOT_CHECK, "discriminator", "more-errors")  # the tool's words (and OAS 3.0's)
_WORDINGS: dict[str, _Wording] = {
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
    "anyOf": _alternatives,
    "oneOf": _alternatives,
    "oneOfNotValid": _alternatives,
    **dict.fromkeys(_OWN_WORDS, lambda failure, *_: failure.fallback),  # no value in them
}
"""Keyword -> its wording (a keyword not listed is worded by :func:`_other`)."""

_UNEXPECTED = ("additionalProperties", "unevaluatedProperties")
_VALUELESS = frozenset({"required", *_UNEXPECTED, *_OWN_WORDS})
"""The wordings that quote no instance value (which may be a whole document: not shown)."""

_ONE_PASS = frozenset(_WORDINGS) - {"anyOf", "oneOf", "oneOfNotValid", *_UNEXPECTED}
"""The keywords whose message and shape differ only where the instance value is shown (not the
alternatives, nor a member not allowed: named in the message, not in the shape)."""


def _suggestion(failure: Failure, redact: bool) -> str:
    if redact:  # the suggestion would tell how close the hidden value is
        return ""
    guess = suggest(failure.instance, failure.details.get("options", []))
    return "" if guess is None else f"; did you mean {show(guess)}?"


def _look_alike(failure: Failure, redact: bool) -> str:
    # A key is a property name, not a value: shown even when values are redacted.
    key = look_alike(failure.details.get("property"), failure.instance)
    return "" if key is None else f"; the object has {show(key)}"


_HINTS: dict[str, Callable[[Failure, bool], str]] = {"enum": _suggestion, "required": _look_alike}
"""Keyword -> what a message adds after the wording (from the instance: never in a shape)."""


def one_pass(failure: Failure) -> bool:
    """Whether :func:`describe_with_shape` words ``failure`` once for its message and its shape
    (else it calls :func:`describe` twice)."""
    return failure.keyword in _ONE_PASS and not any(
        isinstance(v, str) and _MARK in v for v in (failure.fallback, *failure.details.values())
    )


_TEMPLATES: dict[tuple[Any, ...], tuple[str, str, bool]] = {}
"""(keyword, details as JSON, instance type, redact, the fallback _unexpected may use) -> what
the instance does not decide in a one-pass wording (template, shape, whether it shows the value)."""


def describe_with_shape(failure: Failure, *, redact: bool = False) -> tuple[str, str]:
    """``(describe(failure, redact=redact), describe(failure, redact=redact, shape=True))``,
    worded once where the keyword allows (this runs for every problem of every document).

    >>> describe_with_shape(Failure("enum", {"options": ["done"]}, "Done"))
    ('"Done" is not one of "done"; did you mean "done"?', '<value> is not one of "done"')
    """
    keyword, details, instance, fallback, _, _ = failure
    if keyword not in _ONE_PASS or _MARK in fallback:
        return describe(failure, redact=redact), describe(failure, redact=redact, shape=True)
    try:  # orjson refuses an integer beyond 64 bits (its JSONEncodeError is a TypeError), ...
        as_json = orjson.dumps(details) if type(details) is dict else b""
    except TypeError:
        as_json = b""
    key = (keyword, as_json, type(instance), redact, fallback if keyword in _VALUELESS else "")
    found = _TEMPLATES.get(key) if 0 < len(as_json) <= 512 else None
    if found is None:
        if not one_pass(failure):  # a detail holds the mark
            return describe(failure, redact=redact), describe(failure, redact=redact, shape=True)
        template = describe(failure, redact=redact, _shown=_MARK)
        found = (template, template.replace(_MARK, PLACEHOLDER), _MARK in template)
        if 0 < len(as_json) <= 512:
            if len(_TEMPLATES) >= 4096:
                _TEMPLATES.clear()
            _TEMPLATES[key] = found
    template, shape, shows = found
    message = template.replace(_MARK, show(instance, redact=redact)) if shows else template
    hint = _HINTS.get(keyword)
    return (message if hint is None else message + hint(failure, redact)), shape


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
        text = wording(failure, "", "", True, shape)
    else:
        if _shown is not None:  # a template (see describe_with_shape)
            shown, shape = _shown, True
        else:
            shown = PLACEHOLDER if shape else show(failure.instance, redact=redact)
        quiet = redact or failure.instance is None  # null is its type: not "got null null"
        got = f"got {json_type(failure.instance)}" + ("" if quiet else f" {shown}")
        text = wording(failure, shown, got, redact or shape, shape)
    if shape or _shown is not None:
        return text
    hint = _HINTS.get(k)
    return text if hint is None else text + hint(failure, redact)
