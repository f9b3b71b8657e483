"""OpenAPI 3.0's ``integer``: a number written without a fraction or an exponent.

OpenAPI 3.0 takes its schema object from JSON Schema draft Wright-00, whose ``integer`` is a
number without a fraction or exponent part; JSON Schema since draft 6 (and so 2020-12, which the
translation speaks, and OpenAPI 3.1) counts any number whose fraction is zero (``1.0``,
``1e2``).  openapi-schema-validator's OAS30Validator asks Python whether the value is an ``int``:
``1.0``, ``-0.0`` and ``1e2`` are not.  Both parsers of documents (orjson for JSON, the YAML
reader) give a ``float`` for exactly the numbers written with a fraction or an exponent, so
"is not a ``float``" is Wright-00's integer.

The translation puts :data:`KEYWORD` beside every ``type: integer`` of a 3.0 schema; both
engines are given it for the schemas that hold a 3.0 translation
(:func:`holds_translation`): a whole ``float`` fails it (any other value passes: ``type`` judges
those).  Its failures are told as failures of ``type`` (:func:`as_type`), at the ``type`` of the
user's schema object.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

__all__ = ["FILE_MARK", "KEYWORD", "as_type", "holds_translation", "is_translation"]

KEYWORD = "x-casefile-oas30-integer"
"""The keyword the translation adds beside ``type: integer`` (a 3.0 schema's own ``x-`` keywords
are left out of its translation, so none is the user's; the engines know it only where a 3.0
translation is among the schema's resources, so that elsewhere it stays an unknown keyword)."""

FILE_MARK = "x-casefile-oas30-file"
"""The keyword at the top of a schema file read as an OpenAPI 3.0 Schema Object (a file without
``$schema`` that a 3.0 schema's ``$ref`` reaches: :mod:`validator.contracts.oas30_files`)."""

_TYPES = {"types": ["integer"]}


def is_translation(contents: Any) -> bool:
    """Whether a resource is a 3.0 translation: an OpenAPI 3.0 document's, or a schema file's
    read as a 3.0 Schema Object."""
    if not isinstance(contents, dict):
        return False
    version = contents.get("openapi")
    return (isinstance(version, str) and version.startswith("3.0")) or FILE_MARK in contents


def holds_translation(resources: Iterable[Any]) -> bool:
    """Whether any of a schema's resources is a 3.0 translation (:func:`is_translation`)."""
    return any(is_translation(contents) for contents in resources)


def as_type(failure: Any) -> Any:
    """A failure (:class:`~validator.checking.messages.Failure`) with any failure of
    :data:`KEYWORD` in it (or in its branches) told as the ``type`` failure it stands for."""
    if failure.keyword == KEYWORD:
        return failure._replace(keyword="type", details=_TYPES)
    if not failure.branches:
        return failure
    branches = tuple(tuple(as_type(each) for each in branch) for branch in failure.branches)
    return failure._replace(branches=branches)
