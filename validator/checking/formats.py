"""Format assertion exactly as the reference engine does it.

The reference, ``jsonschema``'s ``FORMAT_CHECKER``, asserts the formats it has a checker for
and treats every other format as an annotation.  The fast engine is handed the very same checks
for every format a schema uses, so that the two engines agree by construction:

* ``uuid`` (the first contract's format) by :func:`is_uuid`, a copy of the reference's check that
  needs no ``jsonschema`` import at start-up (a differential test keeps the two equal);
* any other format by the reference's own checker function (``jsonschema`` is imported then);
* a format the reference does not check is not asserted by the fast engine either.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any
from uuid import UUID

from validator.contracts.schema_walk import subschemas

__all__ = ["fast_formats", "formats_used", "is_uuid"]

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


def _reference_check(function: Callable[[Any], Any], raises: Any) -> Callable[[str], bool]:
    def check(value: str) -> bool:
        try:
            return bool(function(value))
        except raises:
            return False

    return check


def fast_formats(used: set[str], schema: Any = None) -> dict[str, Callable[[str], bool]]:
    """Format checks for the fast engine that give the reference's verdicts for ``used``."""
    checks: dict[str, Callable[[str], bool]] = {}
    dialect = schema.get("$schema") if isinstance(schema, dict) else None
    others = set(used)
    if "uuid" in used and dialect in _UUID_DIALECTS:
        checks["uuid"] = is_uuid
        others.discard("uuid")
    if others:
        from jsonschema import Draft202012Validator, validators

        cls = validators.validator_for(
            schema if isinstance(schema, dict) else {}, default=Draft202012Validator
        )
        known = cls.FORMAT_CHECKER.checkers
        for name in others:
            if name in known:
                function, raises = known[name]
                checks[name] = _reference_check(function, raises or ())
            else:
                checks[name] = _always
    return checks
