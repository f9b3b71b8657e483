"""OpenAPI 3.0's own formats, as the translation (:mod:`validator.contracts.openapi`) asserts
them, and what ``--disable-formats`` does to them.

``int32`` and ``int64`` bound integers, ``byte`` is base64 (what OAS30Validator's checker
asks); ``float`` and ``double`` always pass.  The translation turns each asserted one into a
subschema of its own (:func:`format_check`) under ``allOf``, marked as standing for the user's
``format`` keyword, so that ``--disable-formats all`` (or ``int32``, ``byte``...) cannot drop it
as it drops a ``format`` keyword: :func:`without_translated` empties those subschemas instead
(their places stay, so that the locations of other failures keep their meaning).
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "OPENAPI_FORMATS",
    "TRANSLATED",
    "format_check",
    "translated_format",
    "without_translated",
]

OPENAPI_FORMATS = ("int32", "int64", "float", "double", "byte")
"""OpenAPI 3.0's format names that ``--disable-formats`` takes besides JSON Schema's (``float``
and ``double`` always pass: disabling them changes nothing)."""

TRANSLATED = "translated from OpenAPI 3.0: "
"""How the ``$comment`` of a subschema that the translation added begins; the rest is where
the keyword it stands for is in the user's schema object (``format``, ``discriminator``,
``discriminator/mapping/dog``), so that locations are reported in the document's terms
(:mod:`validator.contracts.openapi_terms`)."""

_MARK = TRANSLATED + "format"
_INT_BOUNDS = {"int32": 2**31, "int64": 2**63}
_BASE64 = (
    "^(?:(?:[A-Za-z0-9+/]{4})+=*|(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=))?$"
)
"""What ``base64.b64decode(value, validate=True)`` accepts (OAS30Validator's ``byte``): whole
quanta (any ``=`` after them ignored), or a last quantum padded exactly; no line break (``$``
is ECMA-262's, the end of the string, in both engines: see :mod:`validator.contracts.patterns`)."""
_DEPTH = 500


def format_check(name: str) -> dict[str, Any] | None:
    """The subschema the translation adds to ``allOf`` for OpenAPI 3.0 format ``name``, or None
    for a format that is no 3.0 format of its own."""
    if name in _INT_BOUNDS:
        bound = _INT_BOUNDS[name]
        then = {"minimum": -bound, "maximum": bound - 1}
        if name == "int64":  # a number out of its range is integral (no float of 2**53 or
            return {"$comment": _MARK, **then}  # more has a fraction): no if
        return {"$comment": _MARK, "if": {"type": "integer"}, "then": then}
    if name == "byte":
        return {"$comment": _MARK, "pattern": _BASE64}
    return None


_CHECKS = {name: check for name in OPENAPI_FORMATS if (check := format_check(name)) is not None}


def translated_format(node: Any) -> str | None:
    """The 3.0 format a subschema of the translation stands for, or None when it is none."""
    if not isinstance(node, dict) or node.get("$comment") != _MARK:
        return None
    return next((name for name, check in _CHECKS.items() if node == check), None)


def without_translated(contents: Any, disabled: frozenset[str], every: bool) -> Any:
    """A translation's ``contents`` with the subschemas of the ``disabled`` 3.0 formats (all of
    them for ``every``) emptied (their ``$comment`` alone stays); ``contents`` itself when none
    is there."""
    return _without(contents, disabled, every, 0)


def _without(node: Any, disabled: frozenset[str], every: bool, depth: int) -> Any:
    if depth > _DEPTH:
        return node
    if isinstance(node, list):
        items = [_without(each, disabled, every, depth + 1) for each in node]
        return node if all(a is b for a, b in zip(items, node, strict=True)) else items
    if not isinstance(node, dict):
        return node
    name = translated_format(node)
    if name is not None and (every or name in disabled):
        return {"$comment": _MARK}
    out = {key: _without(value, disabled, every, depth + 1) for key, value in node.items()}
    return node if all(out[key] is node[key] for key in node) else out
