"""Format assertion exactly as the reference engine does it.

The reference, ``jsonschema``'s ``FORMAT_CHECKER``, asserts the formats it has a checker for
and treats every other format as an annotation.  The fast engine is handed the very same checks
for every format a schema uses, so that the two engines agree by construction:

* ``uuid`` (the first contract's format) by :func:`is_uuid`, a copy of the reference's check that
  needs no ``jsonschema`` import at start-up (a differential test keeps the two equal);
* any other format by the reference's own checker function (``jsonschema`` is imported then);
* a format the reference does not check is not asserted by the fast engine either;
* ``regex`` by :func:`is_ecma_regex` in both engines (ECMA-262, as ``pattern`` is read), not by
  the reference's Python ``re.compile``.

A format whose check takes time superlinear in the string's length (``uri-template``) is checked
only up to :data:`validator.checking.limits.FORMAT_LENGTHS` characters, in both engines (the
reference gets the same bound through :func:`reference_format_checker`): a longer string raises
:class:`~validator.checking.limits.FormatTooLong`, and its document is reported ``cannot-check``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any
from uuid import UUID

from validator.checking.limits import FORMAT_LENGTHS, FormatTooLong
from validator.contracts.openapi_formats import OPENAPI_FORMATS
from validator.contracts.schema_walk import subschemas

if TYPE_CHECKING:
    from validator.contracts.catalog import Schema

__all__ = [
    "ALL",
    "KNOWN_FORMATS",
    "EmptyFormat",
    "disabled_formats",
    "fast_formats",
    "formats_used",
    "is_ecma_regex",
    "is_uuid",
    "reference_format_checker",
    "without_formats",
]

_CANONICAL_UUID = re.compile(
    "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
).fullmatch
"""The usual spelling, which the reference always accepts: checked without building a UUID."""
_HEX = "0123456789abcdefABCDEF"
"""ASCII hex digits: a text of these and hyphens only is one ``uuid.UUID`` takes exactly when 32
digits remain once it drops the hyphens (no exception to raise and catch for the usual typos)."""
_MAYBE = frozenset(_HEX + "_+xX" + "urnid:{}" + " \t\n\x0b\x0c\r\x1c\x1d\x1e\x1f")
"""The ASCII characters ``uuid.UUID`` may take or drop: what ``int(..., 16)`` reads (digits,
``_``, a sign, ``0x``, white space), a ``urn:uuid:`` prefix and braces."""
_UUID_DIALECTS = {
    None,  # no $schema: draft 2020-12
    "https://json-schema.org/draft/2020-12/schema",
    "https://json-schema.org/draft/2020-12/schema#",
    "https://json-schema.org/draft/2019-09/schema",
    "https://json-schema.org/draft/2019-09/schema#",
}
"""The dialects whose reference format checker has ``uuid`` (it arrived in 2019-09)."""


def is_uuid(value: object) -> bool:
    """The reference's ``uuid`` check: ``uuid.UUID`` accepts it, with hyphens at 8/13/18/23."""
    if not isinstance(value, str):
        return True
    if _CANONICAL_UUID(value):
        return True
    if value[8:9] != "-" or value[13:14] != "-" or value[18:19] != "-" or value[23:24] != "-":
        return False  # the hyphens the reference asks for besides uuid.UUID's consent
    digits = value.replace("-", "")
    if not digits.strip(_HEX):  # its typos: no exception to raise and catch
        return len(digits) == 32
    if digits.isascii() and not _MAYBE.issuperset(digits):
        return False  # a character uuid.UUID refuses whatever else the text holds
    try:
        UUID(value)
    except ValueError:
        return False
    return True


def formats_used(schemas: Iterable[Any]) -> set[str]:
    """Every string value of a ``format`` key in the schemas' objects (see
    :func:`validator.contracts.schema_walk.subschemas`: a superset of the format keywords, harmless,
    since a format override only ever copies the reference)."""
    return {value for node in subschemas(*schemas) if isinstance(value := node.get("format"), str)}


def _always(value: str) -> bool:
    return True


def _reference_check(
    function: Callable[[Any], Any], raises: Any, name: str = ""
) -> Callable[[str], bool]:
    longest = FORMAT_LENGTHS.get(name)

    def check(value: str) -> bool:
        if longest is not None and len(value) > longest:
            raise FormatTooLong(name, len(value))
        try:
            return bool(function(value))
        except raises:
            return False

    return check


def _bounded(function: Callable[[Any], Any], name: str) -> Callable[[Any], Any]:
    """The reference's check of format ``name``, refusing a string longer than it is checked
    for (:class:`~validator.checking.limits.FormatTooLong`: the reference gives up)."""
    longest = FORMAT_LENGTHS[name]

    def check(value: Any) -> Any:
        if isinstance(value, str) and len(value) > longest:
            raise FormatTooLong(name, len(value))
        return function(value)

    return check


_CHECKERS: dict[Any, Any] = {}


def is_ecma_regex(value: object) -> bool:
    """The ``regex`` format, in both engines: an ECMA-262 regular expression read with the ``u``
    flag (:func:`validator.contracts.patterns.ecma_error`), as ``pattern`` is; the reference's own
    check compiled it with Python's ``re``."""
    if not isinstance(value, str):
        return True
    from validator.contracts.patterns import ecma_error

    return ecma_error(value) is None


_OWN: dict[str, Callable[[Any], bool]] = {"regex": is_ecma_regex}
"""Formats both engines check with this module's check instead of the reference's."""


def reference_format_checker(cls: Any) -> Any:
    """The format checker of a jsonschema validator class, each format of
    :data:`~validator.checking.limits.FORMAT_LENGTHS` bounded (a copy, made once per class; the
    class's own is left alone)."""
    found = _CHECKERS.get(cls)
    if found is None:
        from jsonschema import FormatChecker

        own = cls.FORMAT_CHECKER
        found = FormatChecker(formats=())
        found.checkers = dict(own.checkers)
        for name in FORMAT_LENGTHS.keys() & own.checkers.keys():
            function, raises = own.checkers[name]
            found.checkers[name] = (_bounded(function, name), raises)
        for name in _OWN.keys() & own.checkers.keys():
            found.checkers[name] = (_OWN[name], ())
        _CHECKERS[cls] = found
    return found


def fast_formats(used: set[str], schema: Any = None) -> dict[str, Callable[[str], bool]]:
    """Format checks for the fast engine that give the reference's verdicts for ``used``."""
    checks: dict[str, Callable[[str], bool]] = {}
    dialect = schema.get("$schema") if isinstance(schema, dict) else None
    others = set(used)
    if "uuid" in used and dialect in _UUID_DIALECTS:
        checks["uuid"] = is_uuid
        others.discard("uuid")
    if others.isdisjoint(KNOWN_FORMATS):  # none the reference checks (OpenAPI's int64...)
        checks.update(dict.fromkeys(others, _always))  # and jsonschema is not imported
        return checks
    if others:
        from jsonschema import Draft202012Validator, validators

        cls = validators.validator_for(
            schema if isinstance(schema, dict) else {}, default=Draft202012Validator
        )
        known = cls.FORMAT_CHECKER.checkers
        for name in others:
            if name in _OWN and name in known:
                checks[name] = _OWN[name]
            elif name in known:
                function, raises = known[name]
                checks[name] = _reference_check(function, raises or (), name)
            else:
                checks[name] = _always
    return checks


# --- --disable-formats ---------------------------------------------------------------------------

ALL = "all"
"""``--disable-formats all``: no format is checked."""

KNOWN_FORMATS = (
    *("date-time", "date", "time", "duration", "email", "idn-email", "hostname", "idn-hostname"),
    *("ipv4", "ipv6", "uri", "uri-reference", "iri", "iri-reference", "uuid", "uri-template"),
    *("json-pointer", "relative-json-pointer", "regex"),
    *("color", "host-name", "ip-address", "utc-millisec"),  # draft 3's
)
"""The format names of JSON Schema's dialects (drafts 3 to 2020-12): with OpenAPI 3.0's own
(:data:`~validator.contracts.openapi_formats.OPENAPI_FORMATS`), the names ``--disable-formats``
takes (a test holds every format jsonschema checks among them)."""
_NAMES = (*KNOWN_FORMATS, *OPENAPI_FORMATS)


class EmptyFormat(ValueError):
    """A ``--disable-formats`` value, or an item of its list, that names nothing: worded to
    follow the option's name (``--disable-formats needs a format name or 'all'``)."""


def disabled_formats(values: Iterable[str]) -> frozenset[str]:
    """The formats ``--disable-formats`` (or the config's ``disable-formats``) names: each value
    ``all`` (or ``*``), or a comma-separated list of format names.  ``{ALL}`` when all are.
    ValueError, worded for the user, for an unknown name (with the known name it looks like);
    :class:`EmptyFormat` for an empty value or an empty item of a list (``date,,uri``)."""
    names: set[str] = set()
    for value in values:
        for name in (part.strip() for part in value.split(",")):
            if not name:
                import json

                given = json.dumps(value, ensure_ascii=False)[:80]
                raise EmptyFormat(
                    "needs a format name or 'all'"
                    + (f" (an empty name in {given})" if value.strip() else "")
                )
            if name in (ALL, "*"):
                names.add(ALL)
            elif name in _NAMES:
                names.add(name)
            else:
                import json

                from validator.near_miss import suggest

                hint = suggest(name, _NAMES) or _swapped(name) or _cased(name)
                shown = json.dumps(name, ensure_ascii=False)[:80]
                raise ValueError(
                    f'unknown format {shown}; did you mean "{hint}"?'
                    if hint
                    else f"unknown format {shown} (give all, or names among {', '.join(_NAMES)})"
                )
    return frozenset({ALL}) if ALL in names else frozenset(names)


def _swapped(name: str) -> str | None:
    """The known format that ``name`` is with two neighbouring letters swapped (``emial``)."""
    for known in _NAMES:
        if len(known) == len(name) and known != name:
            differ = [i for i, (a, b) in enumerate(zip(known, name, strict=True)) if a != b]
            if len(differ) == 2 and differ[1] == differ[0] + 1:
                i = differ[0]
                if name[i] == known[i + 1] and name[i + 1] == known[i]:
                    return known
    return None


def _cased(name: str) -> str | None:
    """The name ``name`` is in other letter case (``ALL``, ``Date-Time``)."""
    lower = name.lower()
    return next((known for known in (ALL, *_NAMES) if known == lower), None)


def without_formats(schema: Schema, disabled: frozenset[str]) -> Schema:
    """``schema`` with the ``format`` keywords of the ``disabled`` formats (every one for
    ``{ALL}``) left out, in every resource, and the checks an OpenAPI 3.0 translation made of
    its own formats emptied: neither engine checks them then.  ``schema`` itself
    when nothing is disabled."""
    if not disabled:
        return schema
    every = ALL in disabled

    def drop(key: str, value: Any, newer: bool) -> bool:
        return key == "format" and isinstance(value, str) and (every or value in disabled)

    from validator.checking.annotations import strip
    from validator.contracts.integers30 import is_translation
    from validator.contracts.openapi_formats import without_translated

    def judged(value: Any) -> Any:
        if is_translation(value):  # its own formats too
            value = without_translated(value, disabled, every)
        return strip(value, drop)

    contents = judged(schema.contents)
    resources = {uri: judged(value) for uri, value in schema.resources.items()}
    return schema._replace(contents=contents, resources=resources)
