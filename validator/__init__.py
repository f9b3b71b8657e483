"""casefile-validator: check API response documents against their documented JSON Schemas.

The public API is small::

    >>> import validator
    >>> report = validator.validate({"request_id": "not-a-uuid"})
    >>> report.valid
    False
    >>> [e.instance_location for e in report.errors]
    ['', '', '/request_id']

Verdicts are those of ``jsonschema.Draft202012Validator`` with format assertion on; documents
given as bytes or files are parsed strictly (RFC 8259) and their errors carry line and column.

The names below are imported on first use, so that the command line tool starts fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from validator.api import (
        Report,
        assert_valid,
        is_valid,
        load_schema,
        schema_names,
        validate,
        validate_bytes,
        validate_file,
    )
    from validator.catalog import Schema
    from validator.problems import Problem, SchemaProblem, Status

__all__ = [
    "Problem",
    "Report",
    "Schema",
    "SchemaProblem",
    "Status",
    "assert_valid",
    "is_valid",
    "load_schema",
    "schema_names",
    "validate",
    "validate_bytes",
    "validate_file",
]

_HOMES = {
    "Schema": "validator.catalog",
    "Problem": "validator.problems",
    "SchemaProblem": "validator.problems",
    "Status": "validator.problems",
}


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module 'validator' has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOMES.get(name, "validator.api")), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
