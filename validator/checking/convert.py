"""Each engine's errors -> :class:`Finding` records holding a
:class:`~validator.checking.messages.Failure`.

Both engines' errors have the same shape (a keyword, its details, the instance, the engine's own
message and, for ``anyOf``/``oneOf``, the errors of each branch): :func:`_failure` builds it once,
and a small reader per engine (:func:`_read_fast`, :func:`_read_reference`) says where each part
is found in that engine's error.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from operator import attrgetter
from sys import intern
from typing import Any, NamedTuple

from validator.checking.limits import FORMAT_LENGTHS, FormatTooLong
from validator.checking.messages import Failure
from validator.checking.ref_paths import absolute_location
from validator.checking.retold_errors import RETOLD, may_retell, retold
from validator.problems import CANNOT_CHECK, DISAGREEMENT

__all__ = [
    "Finding",
    "disagreement",
    "fast_findings",
    "from_fast",
    "from_reference",
    "gave_up",
    "several",
    "to_pointer",
    "too_costly",
]


class Finding(NamedTuple):
    """One failed keyword, located in the instance and in the schema (not yet in the text)."""

    instance_location: str
    keyword_location: str
    absolute_keyword_location: str | None
    failure: Failure


def _escape(segment: str | int) -> str:
    return str(segment).replace("~", "~0").replace("/", "~1")


def to_pointer(path: Sequence[str | int]) -> str:
    """A JSON Pointer from path segments."""
    if not path:
        return ""
    joined = "/".join(map(str, path))
    if "~" in joined or joined.count("/") != len(path) - 1:  # a segment needs escaping
        return "".join("/" + _escape(p) for p in path)
    return "/" + joined


# --- one shape for both engines -----------------------------------------------------------------

Reading = tuple[str, dict[str, Any], Sequence[str | int], Sequence[Sequence[Any]]]
"""What a reader finds in one error: its keyword, the keyword's details, the path of its instance
in the document, and the errors of each branch of an ``anyOf``/``oneOf`` (else empty)."""


def _failure(error: Any, read: Callable[[Any], Reading], base: int | None = None) -> Failure:
    """The failure of one error; ``base`` is the depth of the ``anyOf``/``oneOf`` it is a branch
    error of (None for a top-level error): deeper ones are ``nested``, by their pointer in the
    document (an alternative of the document's root is at depth 0: its branches' errors at
    ``/a`` are nested too)."""
    keyword, details, path, branches = read(error)
    depth = len(path)
    return Failure(
        keyword,
        details,
        error.instance,
        error.message,  # the fallback wording
        tuple(tuple(_failure(e, read, depth) for e in b) for b in branches) if branches else (),
        to_pointer(list(path)) if base is not None and depth > base else "",
    )


def _read_fast(error: Any) -> Reading:
    kind = error.kind
    name: str = kind.name
    path = error.instance_path
    if name in ("anyOf", "oneOfNotValid", "oneOf"):
        if several(kind):
            return name, _SEVERAL, path, ()
        return name, {}, path, kind.context
    try:
        details = kind.as_dict()
    except Exception:  # pragma: no cover - depends on the engine's version
        details = {}
    details = details if isinstance(details, dict) else {}
    return name, _as_written(details) if name == "pattern" else details, path, ()


def _as_written(details: dict[str, Any]) -> dict[str, Any]:
    """A ``pattern`` error's details with the schema's own pattern (the fast engine judged its
    translation: see :mod:`validator.contracts.ecma_boundaries`)."""
    from validator.contracts.ecma_boundaries import as_written

    return {**details, "pattern": as_written(details.get("pattern"))}


def several(kind: Any) -> bool:
    """Whether a ``jsonschema_rs`` error kind is of a ``oneOf`` that more than one alternative
    matches (named ``oneOf``, as the kind of one that none matches)."""
    return bool(getattr(kind, "several", False)) or type(kind).__name__ == "OneOfMultipleValid"


_SEVERAL: dict[str, Any] = {"several": True}
"""The details of a ``oneOf`` that more than one alternative matches (both engines name it as
the one that none matches)."""

_DETAIL_NAMES = {
    "const": "expected_value",
    "format": "format",
    "pattern": "pattern",
    "multipleOf": "multiple_of",
}
"""The reference keywords whose value is their one detail, under the fast engine's name for it."""


def _read_reference(error: Any) -> Reading:
    keyword = "falseSchema" if error.validator is None else str(error.validator)  # the fast's
    value = error.validator_value
    details: dict[str, Any] = {}
    if keyword == "type":
        details["types"] = [value] if isinstance(value, str) else sorted(value, key=_type_order)
    elif keyword == "enum":
        details["options"] = list(value)
    elif keyword == "required":
        details["property"] = _required_property(error)
    elif keyword in _DEPENDENCIES and " is a dependency of " in str(error.message):
        keyword, details["property"] = "required", _dependency(error)  # as the fast reads it
    elif keyword in _DETAIL_NAMES:
        details[_DETAIL_NAMES[keyword]] = value
    elif keyword.startswith(("min", "max", "exclusive")):
        details["limit"] = value
    elif keyword in ("additionalProperties", "unevaluatedProperties"):
        details["unexpected"] = _named(str(error.message))
    branches: list[list[Any]] = []
    if keyword == "oneOf" and " is valid under each of " in str(error.message):
        details = _SEVERAL
    elif keyword in ("anyOf", "oneOf") and error.context:
        grouped: dict[int, list[Any]] = {}
        for sub in error.context:
            index = sub.relative_schema_path[0] if sub.relative_schema_path else 0
            grouped.setdefault(int(index), []).append(sub)
        branches = [grouped[i] for i in sorted(grouped)]
    return keyword, details, tuple(error.absolute_path), branches


_REPRS = re.compile(r"""(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")(?:, |(?= ))""")
_NAMES_AFTER = ("are not allowed (", "under the given schema (")


def _named(message: str) -> list[str]:
    """The members a reference error about members not allowed names: its message's reprs of
    them (``Additional properties are not allowed ('x', 'y' were unexpected)``, ``'x', 'y' do
    not match any of the regexes: ...``)."""
    from ast import literal_eval

    at = next((message.index(p) + len(p) for p in _NAMES_AFTER if p in message), 0)
    names, end = [], at
    while (match := _REPRS.match(message, end)) is not None:
        names.append(literal_eval(match.group().rstrip(", ")))
        end = match.end()
    return [name for name in names if isinstance(name, str)]


_DEPENDENCIES = ("dependentRequired", "dependencies")
_TYPES = ("null", "boolean", "integer", "number", "string", "array", "object")


def _type_order(name: Any) -> int:
    """A type's place in the fast engine's wording of a ``type`` failure (``expected null or
    integer``), whatever the schema's order: the reference words it the same."""
    return _TYPES.index(name) if name in _TYPES else len(_TYPES)


def _dependency(error: Any) -> Any:
    """The property a reference error of ``dependentRequired`` (or ``dependencies``' array
    form) is about: ``'y' is a dependency of 'x'``, one error per missing property."""
    for key, needed in error.validator_value.items():
        if key in error.instance and isinstance(needed, list):
            for name in needed:
                if name not in error.instance and str(error.message) == (
                    f"{name!r} is a dependency of {key!r}"
                ):
                    return name
    return ""


def _required_property(error: Any) -> Any:
    """The property a reference ``required`` error is about (one error per missing property)."""
    missing = [p for p in error.validator_value if p not in error.instance]
    for name in missing:
        if str(error.message).startswith(repr(name)):
            return name
    return missing[0] if missing else ""


# --- findings ------------------------------------------------------------------------------------


_POINTERS: dict[tuple[str | int, ...], str] = {}
"""Path -> JSON Pointer, for the paths seen lately (documents fail at the same few places)."""
_MAX_POINTERS = 4096
_LONGEST = 256


def _pointer(path: Sequence[str | int]) -> str:
    """:func:`to_pointer` of a path, interned and remembered: schema locations repeat from
    document to document, and so do most instance locations; interned, a schema location is one
    object, which pickle sends once per batch of results."""
    key = tuple(path)
    pointer = _POINTERS.get(key)
    if pointer is None:
        pointer = intern(to_pointer(key))
        if len(pointer) <= _LONGEST:  # a long key of a hostile document is not kept
            if len(_POINTERS) >= _MAX_POINTERS:
                _POINTERS.clear()
            _POINTERS[key] = pointer
    return pointer


_ALTERNATIVES = frozenset({"anyOf", "oneOfNotValid", "oneOf"})
_new = tuple.__new__  # a record built from a tuple: no Python call to the record's __new__


def fast_findings(errors: Iterable[Any], document: Any) -> list[Finding]:
    """The findings of ``jsonschema_rs`` errors about ``document`` (some are told as the
    reference tells them: see :mod:`validator.checking.retold_errors`)."""
    errors = list(errors)
    found = list(map(from_fast, errors))
    if RETOLD.isdisjoint(map(_keyword, found)):  # the usual case: no Python loop
        return found
    kept: list[Finding] = []
    for error, finding in zip(errors, found, strict=True):
        told = retold(error, document) if may_retell(finding.failure) else [error]
        if len(told) == 1 and told[0] is error:
            kept.append(finding)
        else:  # converted again
            kept += map(from_fast, told)
    return kept


_keyword = attrgetter("failure.keyword")


def from_fast(error: Any) -> Finding:
    """The finding of a ``jsonschema_rs`` error."""
    kind = error.kind
    keyword: str = kind.name
    if keyword in _ALTERNATIVES:
        failure = _failure(error, _read_fast)
    else:  # what _failure(error, _read_fast) gives a keyword without branches, inline
        try:
            details = kind.as_dict()
        except Exception:  # pragma: no cover - depends on the engine's version
            details = {}
        if not isinstance(details, dict):  # pragma: no cover - depends on the engine's version
            details = {}
        if keyword == "pattern":
            details = _as_written(details)
        failure = _new(Failure, (keyword, details, error.instance, error.message, (), ""))
    absolute = error.absolute_keyword_location
    path, location = tuple(error.instance_path), tuple(error.evaluation_path)
    return _new(
        Finding,
        (
            _POINTERS.get(path) or _pointer(path),  # _pointer(), its usual case inline
            _POINTERS.get(location) or _pointer(location),
            None if absolute is None else intern(absolute),
            failure,
        ),
    )


def from_reference(error: Any, root: str = "") -> Finding:
    """The finding of a ``jsonschema`` error of a schema whose URI is ``root``."""
    location = to_pointer(list(error.absolute_schema_path))
    return Finding(
        instance_location=to_pointer(list(error.absolute_path)),
        keyword_location=location,
        absolute_keyword_location=absolute_location(error, root, location),
        failure=_failure(error, _read_reference),
    )


def _problem(keyword: str, message: str) -> Finding:
    return Finding("", "", None, Failure(keyword, {}, None, message))


def disagreement(fast: str, other: str, who: str = "the reference (jsonschema)") -> Finding:
    """The finding that the engines disagree on a document (reported, never passed)."""
    return _problem(
        DISAGREEMENT,
        f"engines disagree: the fast engine (jsonschema_rs) {fast} this document but {who} "
        f"{other} it; please report this as a bug",
    )


def gave_up(exc: BaseException) -> Finding:
    """The finding that the reference engine gave up (one of
    :data:`validator.checking.limits.GIVE_UP`)."""
    if isinstance(exc, re.error):
        message = (
            f"cannot check: the reference engine (jsonschema) cannot use a pattern of the schema "
            f"(Python's re: {exc}); reported invalid unchecked. --engine fast supports the "
            "ECMA 262 patterns JSON Schema specifies"
        )
    elif isinstance(exc, FormatTooLong):
        message = (
            f"cannot check: a string of {exc.length:,} characters is longer than the "
            f"{FORMAT_LENGTHS[exc.name]:,} a {json.dumps(exc.name)} format is checked for (the "
            "check takes time that grows faster than the string); reported invalid unchecked"
        )
    else:
        message = (
            "cannot check: the reference engine (jsonschema) ran out of recursion depth (a schema "
            "that recurses without end?); reported invalid unchecked"
        )
    return _problem(CANNOT_CHECK, message)


def too_costly(pointer: str, applied: int) -> Finding:
    """The finding that a document was not checked: at ``pointer`` the schema would apply
    ``applied`` schema objects, past the bound (see :mod:`validator.contracts.expansion`)."""
    from validator.contracts.expansion import MAX_APPLIED

    return Finding(
        pointer,
        "",
        None,
        Failure(
            CANNOT_CHECK,
            {},
            None,
            f"cannot check: the schema would apply {applied:,} schema objects here, over the "
            f"bound of {MAX_APPLIED:,} per place (a $ref/allOf/anyOf fan-out that this "
            "document's nesting multiplies); reported invalid unchecked",
        ),
    )
