"""OpenAPI 3.0's ``integer`` (see :mod:`validator.contracts.integers30`) for both engines: the
keyword the translation puts beside ``type: integer``, given to the engines of the schemas that
hold a 3.0 translation only."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote

from validator.contracts.integers30 import KEYWORD, holds_translation

__all__ = ["ERROR_PARTS", "REFERENCE_KEYWORDS", "Placed", "fast_keywords"]


class _Integer:
    """The keyword for jsonschema_rs (a whole ``float`` fails it)."""

    __slots__ = ()

    def __init__(self, parent: Any, value: Any, path: Any) -> None:
        pass

    def validate(self, instance: Any) -> None:
        if type(instance) is float and instance.is_integer():
            raise ValueError(f'{instance!r} is not of type "integer"')


def _integer(validator: Any, value: Any, instance: Any, schema: Any) -> list[Any] | None:
    """The keyword for jsonschema (a whole ``float`` fails it): None, or the error (jsonschema
    takes a keyword's errors as any iterable or None, which costs less than a generator)."""
    if type(instance) is float and instance.is_integer():
        from jsonschema.exceptions import ValidationError

        return [ValidationError(f"{instance!r} is not of type 'integer'")]
    return None


def fast_keywords(schemas: list[Any]) -> dict[str, Any] | None:
    """The ``keywords`` of a jsonschema_rs validator of ``schemas`` (a schema's resources)."""
    return {KEYWORD: _Integer} if holds_translation(schemas) else None


class Placed:
    """A jsonschema_rs validator compiled with :func:`fast_keywords`: its own ``is_valid``, and
    ``iter_errors`` whose failures of the keyword are placed as every other error is.

    jsonschema_rs (0.61) gives a custom keyword's error the keyword's place in its resource as
    its evaluation path (``/components/schemas/Pet/properties/id/<keyword>``), not the way the
    document went (``/$ref/properties/id/<keyword>``); its structured output
    (``evaluate().list()``) has that way.  So a document that fails the keyword (never a valid
    one: they cost nothing more) is evaluated again for it."""

    __slots__ = ("is_valid", "iter_errors")

    def __init__(self, validator: Any) -> None:
        errors, evaluate = validator.iter_errors, validator.evaluate

        def iter_errors(document: Any) -> Iterator[Any]:
            found = list(errors(document))
            if all(error.kind.name != KEYWORD for error in found):
                return iter(found)
            ways = _ways(evaluate(document).list())
            return iter(
                [_placed(error, ways) if error.kind.name == KEYWORD else error for error in found]
            )

        self.is_valid, self.iter_errors = validator.is_valid, iter_errors


Ways = dict[tuple[str, str], list[list[str]]]
"""(instance location, the keyword's place in its resource) -> the evaluation paths that reach
it there, in the order of the output."""


def _ways(output: Any) -> Ways:
    ways: Ways = {}
    for unit in output.get("details") or ():
        if KEYWORD in (unit.get("errors") or {}):
            place = unquote(unit["schemaLocation"].rpartition("#")[2])
            tokens = _tokens(unit["evaluationPath"])
            ways.setdefault((unit["instanceLocation"], place), []).append(tokens)
    return ways


def _placed(error: Any, ways: Ways) -> Any:
    key = (_pointer(error.instance_path), _pointer(error.evaluation_path))
    found = ways.get(key)
    return _Moved(error, found.pop(0)) if found else error


ERROR_PARTS = (
    "absolute_keyword_location",
    "evaluation_path",
    "instance",
    "instance_path",
    "kind",
    "message",
)
"""What :func:`validator.checking.convert.from_fast` reads of a jsonschema_rs error: all that an
error told otherwise holds (here, in :mod:`validator.checking.fast_compile` and
:mod:`validator.checking.retold_errors`)."""


def _pointer(path: Any) -> str:
    """A JSON Pointer from path segments (as ``convert.to_pointer`` makes them: not imported,
    which would close an import circle through the fast engine)."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


def _tokens(pointer: str) -> list[str]:
    return [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]]


class _Moved:
    """A jsonschema_rs error of the keyword with the evaluation path it was reached by."""

    __slots__ = ERROR_PARTS

    def __init__(self, error: Any, path: list[str]) -> None:
        self.instance_path, self.evaluation_path = error.instance_path, path
        self.absolute_keyword_location = error.absolute_keyword_location
        self.instance, self.message, self.kind = error.instance, error.message, error.kind


REFERENCE_KEYWORDS = {KEYWORD: _integer}
"""The keywords a jsonschema validator class of such a schema is extended with."""
