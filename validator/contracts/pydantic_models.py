"""Contracts kept as pydantic v2 models: ``py:package.module:Model`` to a JSON Schema.

The schema is the model's JSON Schema in pydantic's *serialization* mode: a response payload is
what the server serialises (``model.model_dump_json()``), so its contract is the shape of the
output (computed fields included, ``Decimal`` as the string it is written as), not the looser
shape the model would accept as input.

The module is imported as ``python -m`` would import it: the current directory is searched
first, then the installed packages.  The current directory is on ``sys.path`` only during the
import and the schema's generation.  pydantic itself is imported only here, and only when such a
schema is asked for (it is the optional extra ``casefile-validator[pydantic]``).
"""

from __future__ import annotations

import contextlib
import importlib
import os
import re
import sys
import traceback
from collections.abc import Iterator
from typing import Any

from validator.near_miss import suggest
from validator.problems import NoSuchSchema, NotASchema, SchemaUnreadable

__all__ = ["DIALECT", "model_schema"]

DIALECT = "https://json-schema.org/draft/2020-12/schema"

_TARGET = re.compile(
    r"(?P<module>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)"
    r":(?P<attribute>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)"
)


def _last_line(exc: BaseException) -> str:
    """An exception as one line: its type and message (a syntax error with its file and line)."""
    if isinstance(exc, SyntaxError) and exc.filename:
        return f"{exc.filename}:{exc.lineno}: {type(exc).__name__}: {exc.msg}"
    lines = [line for line in traceback.format_exception_only(type(exc), exc) if line.strip()]
    return lines[-1].strip().splitlines()[-1] if lines else type(exc).__name__


@contextlib.contextmanager
def _cwd_on_path() -> Iterator[None]:
    """The current directory first on ``sys.path``, as ``python -m`` has it, for the duration."""
    here = os.getcwd()
    if here in sys.path or "" in sys.path:
        yield
        return
    sys.path.insert(0, here)
    try:
        yield
    finally:
        with contextlib.suppress(ValueError):
            sys.path.remove(here)


def model_schema(target: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12, serialization mode) of the pydantic model ``target``,
    written ``package.module:Model`` (``Outer.Inner`` after the colon reaches a nested class).

    Raises a :class:`~validator.problems.SchemaProblem` (exit code 2) saying why when the
    module cannot be imported, has no such attribute, or the attribute is not something pydantic
    can describe, and when pydantic is not installed.
    """
    name = f"py:{target}"
    match = _TARGET.fullmatch(target)
    if not match:
        raise NoSuchSchema(
            f"{name}: expected py:package.module:Model (a module path, a colon, a class)",
            schema=name,
        )
    try:
        import pydantic
    except ImportError:
        raise NoSuchSchema(
            f"{name}: pydantic is not installed: install casefile-validator[pydantic] (in a "
            "pre-commit hook: additional_dependencies: [pydantic], with what the models import)",
            schema=name,
        ) from None
    module_name, attribute = match.group("module"), match.group("attribute")
    with _cwd_on_path():
        try:
            module = importlib.import_module(module_name)
        except (Exception, SystemExit) as exc:
            raise SchemaUnreadable(
                f"{name}: cannot import {module_name}: {_last_line(exc)}{_needs(exc, module_name)}",
                schema=name,
            ) from None
        found: Any = module
        reached = module_name
        for part in attribute.split("."):
            if not hasattr(found, part):
                known = [n for n in dir(found) if not n.startswith("_")]
                near = suggest(part, known)
                hint = f"; did you mean {near!r}?" if near else ""
                raise NoSuchSchema(
                    f"{name}: {reached} has no attribute {part!r}{hint}", schema=name
                )
            found = getattr(found, part)
            reached = f"{reached}.{part}"
        return _schema_of(pydantic, found, name)


def _needs(exc: BaseException, module_name: str) -> str:
    """How to install a module that the models' module imports and that is missing (not the
    models' module itself, nor a package of its path: a name to check, not to install)."""
    missing = getattr(exc, "name", None) if isinstance(exc, ModuleNotFoundError) else None
    if not isinstance(missing, str) or f"{module_name}.".startswith(f"{missing}."):
        return ""
    return (
        f" ({module_name} imports it: install it; in a pre-commit hook, add the package that "
        "provides it to additional_dependencies)"
    )


def _schema_of(pydantic: Any, found: Any, name: str) -> dict[str, Any]:
    """``found``'s JSON Schema: a BaseModel subclass, a TypeAdapter, or a type pydantic can
    describe (a dataclass, a TypedDict, ``list[Model]``)."""
    try:
        if isinstance(found, type) and issubclass(found, pydantic.BaseModel):
            model: Any = found
            generated = model.model_json_schema(mode="serialization")
        elif isinstance(found, pydantic.TypeAdapter):
            generated = found.json_schema(mode="serialization")
        elif _is_type(found):
            generated = pydantic.TypeAdapter(found).json_schema(mode="serialization")
        else:
            raise NotASchema(
                f"{name}: not a pydantic model (a BaseModel subclass, a TypeAdapter, or a type "
                f"such as a dataclass or TypedDict) but a value of type {type(found).__name__}",
                schema=name,
            )
    except (pydantic.PydanticUserError, pydantic.PydanticSchemaGenerationError) as exc:
        raise NotASchema(
            f"{name}: pydantic cannot describe it: {_first_line(exc)}", schema=name
        ) from None
    except (TypeError, ValueError, NameError, AttributeError) as exc:
        raise NotASchema(
            f"{name}: pydantic cannot describe it: {type(exc).__name__}: {_first_line(exc)}",
            schema=name,
        ) from None
    if not isinstance(generated, dict):  # pragma: no cover - pydantic always gives an object
        raise NotASchema(f"{name}: pydantic gave no JSON object", schema=name)
    return {"$schema": DIALECT, **{k: v for k, v in generated.items() if k != "$schema"}}


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _is_type(found: Any) -> bool:
    """A class, or a typing construct such as ``list[Model]`` or ``Annotated[...]``."""
    import typing

    if isinstance(found, type):
        return True
    return typing.get_origin(found) is not None
