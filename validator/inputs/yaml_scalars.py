"""The scalars of YAML documents by the YAML 1.2 core schema (the documents are built by
:mod:`validator.inputs.yaml_parse`), and the error of a node that the rules refuse."""

from __future__ import annotations

import math
import re
from typing import Any

__all__ = ["CORE", "Refused", "key_text", "scalar", "shown"]

CORE = "tag:yaml.org,2002:"
_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_NOT_JSON = re.compile(r"[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)")
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


class Refused(Exception):
    """A node the rules refuse: the message and its place (1-based line and column)."""

    def __init__(self, message: str, mark: Any) -> None:
        super().__init__(message)
        self.message, self.line, self.column = message, mark.line + 1, mark.column + 1


def shown(tag: str) -> str:
    """A tag as it is usually written (``!!str``, not ``tag:yaml.org,2002:str``)."""
    return "!!" + tag[len(CORE) :] if tag.startswith(CORE) else tag


def scalar(event: Any) -> Any:
    """The value of a scalar event by the YAML 1.2 core schema (or Refused)."""
    tag, value = event.tag, event.value
    if tag is None:
        if not event.implicit[0]:  # quoted
            return value
        return _plain(value, event)
    if tag == "!" or tag == CORE + "str":
        return value
    if tag == CORE + "null":
        if value in _NULLS:
            return None
    elif tag == CORE + "bool":
        if value in _BOOLS:
            return _BOOLS[value]
    elif tag == CORE + "int":
        if _INT.fullmatch(value):
            return _plain(value, event)
    elif tag == CORE + "float":
        if _FLOAT.fullmatch(value) or _INT.fullmatch(value) or _NOT_JSON.fullmatch(value):
            return float(_plain(value, event))
    else:
        raise Refused(
            f"tag {shown(tag)} is not allowed (only the YAML core schema's)", event.start_mark
        )
    raise Refused(f"{value!r} is not a valid {tag[len(CORE) :]}", event.start_mark)


def _plain(value: str, event: Any) -> Any:
    if not value:
        return None
    first = value[0]
    if first in "0123456789+-.":
        if _INT.fullmatch(value):
            try:
                if value[:2] == "0o":
                    return int(value[2:], 8)
                if value[:2] == "0x":
                    return int(value[2:], 16)
                return int(value, 10)
            except ValueError:  # past Python's int <-> str limit
                raise Refused("integer too long", event.start_mark) from None
        if _FLOAT.fullmatch(value):
            number = float(value)
            if math.isinf(number):
                raise Refused(f"number {value} is out of range", event.start_mark)
            return number
        if _NOT_JSON.fullmatch(value):
            raise Refused(f"{value} is not a JSON number", event.start_mark)
    if value in _NULLS:
        return None
    if value in _BOOLS:
        return _BOOLS[value]
    return value


def key_text(key: Any) -> str:
    if isinstance(key, str):
        return key
    import json

    return json.dumps(key)
