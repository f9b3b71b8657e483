"""OpenAPI path templates (``/users/{id}``, ``/reports/{id}.json``) matched against the
percent-decoded segments of a URL's path, and ranked as :mod:`validator.contracts.routes`
says (its docstring holds the rules)."""

from __future__ import annotations

import re
from typing import NamedTuple
from urllib.parse import unquote

__all__ = ["Template", "by_rank", "match", "parse"]

_PARAMETER = re.compile(r"\{([^{}/]*)\}")


class Template(NamedTuple):
    """A path template taken apart: its segments and their parameters, and its rank."""

    path: str
    segments: tuple[str | tuple[str, ...] | None, ...]  # literal, texts around, None: any
    names: tuple[tuple[str, ...], ...]  # the parameters of each segment
    rank: tuple[int, ...]


def parse(path: str, index: int) -> Template:
    """The template ``path``, the ``index``-th of its document (the last tie-break)."""
    segments: list[str | tuple[str, ...] | None] = []
    names: list[tuple[str, ...]] = []
    rank = []
    for raw in path.split("/")[1:]:
        found = _PARAMETER.findall(raw)
        if not found:
            segments.append(unquote(raw))
            rank.append(0)
        elif _PARAMETER.fullmatch(raw):
            segments.append(None)
            rank.append(2)
        else:
            pieces = _PARAMETER.split(raw)  # text, name, text, name, ..., text
            segments.append(tuple(unquote(piece) for piece in pieces[::2]))
            rank.append(1)
        names.append(tuple(found))
    templated = sum(1 for r in rank if r)
    return Template(path, tuple(segments), tuple(names), (templated, *rank, index))


def by_rank(template: Template) -> tuple[int, ...]:
    """The sort key of templates: the best first."""
    return template.rank


def match(template: Template, segments: list[str]) -> dict[str, str] | None:
    """The path parameters, or None when the template does not match."""
    found: dict[str, str] = {}
    for expected, names, segment in zip(template.segments, template.names, segments, strict=True):
        if isinstance(expected, str):
            if expected != segment:
                return None
        elif expected is None:
            if not segment:
                return None
            found[names[0]] = segment
        else:
            parts = _values(expected, segment)
            if parts is None:
                return None
            found.update(zip(names, parts, strict=True))
    return found


def _values(texts: tuple[str, ...], segment: str) -> list[str] | None:
    """The parameters' values in a segment mixing ``texts`` and parameters (``{id}.json``:
    ``("", ".json")``), each non-empty: every parameter but the last takes the shortest part that
    lets the rest match, the last what remains (``{name}.{ext}`` on ``a.b.c``: ``a``, ``b.c``),
    in time linear in the segment (no regular expression, no backtracking)."""
    first, last = texts[0], texts[-1]
    end = len(segment) - len(last)
    if not segment.startswith(first) or not segment.endswith(last):
        return None
    values, at = [], len(first)
    for text in texts[1:-1]:
        found = segment.find(text, at + 1, end)
        if found < 0:
            return None
        values.append(segment[at:found])
        at = found + len(text)
    if end - at < 1:
        return None
    values.append(segment[at:end])
    return values
