"""The values OpenAPI 3.0's own keywords must have in a schema object, checked as a 3.0 schema is
translated (:mod:`validator.contracts.openapi`): what the translation would otherwise pass over
without a word, and judge by silently.

* ``exclusiveMinimum``/``exclusiveMaximum`` are booleans in 3.0 (draft Wright-00: they make
  ``minimum``/``maximum`` exclusive); a number there is OpenAPI 3.1's (JSON Schema's) form, a
  common slip, and would leave the bound unapplied (openapi-schema-validator's
  ``OAS30Validator.check_schema`` refuses it);
* ``nullable`` is a boolean;
* a ``discriminator`` is an object whose ``propertyName`` is a string (OpenAPI 3.0 requires it);
* ``enum`` is an array of at least one value (its metaschema says so: an empty one accepts
  nothing).

Each is :class:`~validator.problems.NotASchema` naming ``FILE#/pointer`` of the keyword, placed at
its line:column as the translation's other errors are.
"""

from __future__ import annotations

import json
from typing import Any, NoReturn

from validator.problems import NotASchema

__all__ = ["check_keywords"]


def check_keywords(node: dict[str, Any], where: str) -> None:
    """Refuse a malformed OpenAPI 3.0 keyword of the schema object ``node`` (at ``where``)."""
    for key in ("exclusiveMinimum", "exclusiveMaximum"):
        if key in node and not isinstance(node[key], bool):
            _refuse(where, key, f"OpenAPI 3.0 {key} must be a boolean{_bound_hint(node, key)}")
    if "nullable" in node and not isinstance(node["nullable"], bool):
        _refuse(where, "nullable", "OpenAPI 3.0 nullable must be a boolean")
    if "discriminator" in node:
        discriminator = node["discriminator"]
        if not isinstance(discriminator, dict):
            _refuse(where, "discriminator", "must be an object with a propertyName")
        if not isinstance(discriminator.get("propertyName"), str):
            _refuse(where, "discriminator", "propertyName is missing (or not a string)")
    if "enum" in node and not (isinstance(node["enum"], list) and node["enum"]):
        _refuse(where, "enum", "must be an array of at least one value")


def _bound_hint(node: dict[str, Any], key: str) -> str:
    value = node[key]
    if not isinstance(value, (int, float)):
        return ""
    bound = "minimum" if key == "exclusiveMinimum" else "maximum"
    return f" (a number is OpenAPI 3.1's form: write {bound}: {json.dumps(value)} and {key}: true)"


def _refuse(where: str, key: str, why: str) -> NoReturn:
    raise NotASchema(f"{where}/{key}: {why}", schema=where)
