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
"""

from __future__ import annotations

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
