"""Config values placed: where an element of a config value's array stands
(``disable-formats = ["date",\n  "",\n]`` has its second element on line 2).  Read from the
key's place in the text (see :func:`validator.run.config.key_position`): the ``=``, then the
array's strings in order (basic and literal, one line each; comments skipped)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from validator.run.discover import ConfigError

__all__ = ["element_position", "formats_of"]

_TOKEN = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*|[\[\],]|\n|[^\s\[\],#"\']+')


def element_position(text: str, line: int, column: int, index: int) -> tuple[int, int] | None:
    """(line, column) of the ``index``-th element (from 0) of the array that the key at
    (``line``, ``column``) holds; None when the text does not show it (not an array, nested,
    shorter)."""
    lines = text.splitlines(keepends=True)
    if not 0 < line <= len(lines):
        return None
    offset = sum(len(each) for each in lines[: line - 1]) + column - 1
    equals = text.find("=", offset)
    if equals < 0:
        return None
    depth, number, at_line = 0, 0, line + text.count("\n", offset, equals)
    start_of_line = text.rfind("\n", 0, equals) + 1
    for token in _TOKEN.finditer(text, equals + 1):
        value = token.group(0)
        if value == "\n":
            at_line, start_of_line = at_line + 1, token.end()
        elif value.startswith("#") or value == ",":
            continue
        elif value == "[":
            depth += 1
            if depth > 1:
                return None
        elif value == "]" or depth == 0:
            return None
        elif number == index:
            return at_line, token.start() - start_of_line + 1
        else:
            number += 1
    return None


def formats_of(
    value: Any, names: tuple[str, ...], at: Callable[[int | None], str]
) -> frozenset[str]:
    """A ``disable-formats`` value (its ``names``): format names (or ``all``), as a list or one
    string; an error at the element that is wrong (``at(index)``; ``at(None)``: the key)."""
    from validator.checking.formats import EmptyFormat, disabled_formats

    try:
        return disabled_formats(names)
    except ValueError as exc:
        said = " " if isinstance(exc, EmptyFormat) else ": "
        wrong = [i for i, name in enumerate(names) if _refused(disabled_formats, name)]
        where = at(wrong[0] if wrong and isinstance(value, list) else None)
        raise ConfigError(f'{where}: "disable-formats"{said}{exc}') from None


def _refused(check: Callable[[tuple[str, ...]], object], name: str) -> bool:
    try:
        check((name,))
    except ValueError:
        return True
    return False
