"""How a schema file that a ``$ref`` reaches is read: as JSON Schema, or as OpenAPI 3.0.

OpenAPI 3.0's Schema Object is a dialect of its own (``nullable``, boolean
``exclusiveMinimum``, Wright-00's ``integer``, ``discriminator``, its formats), which
:mod:`validator.contracts.openapi` translates to 2020-12.  A hand-written 3.0 document is often
split (``schema: {$ref: './schemas/Pet.yaml'}``, a file that refers to ``./Tag.yaml``), and
OpenAPI tools (openapi-schema-validator's ``OAS30Validator``) read such files as 3.0 Schema
Objects.  So, while :func:`~validator.contracts.schema_files.discover` finds the files:

* a file without ``$schema`` reached by a ``$ref`` from a 3.0 schema (an OpenAPI 3.0 document's,
  or a file read as 3.0 itself: transitively) is read as a 3.0 Schema Object, translated as the
  document's own schemas are (the objects of its other members too, for ``file.yaml#/Pet``);
* a file that names its ``$schema`` is read in that dialect, whoever refers to it; an OpenAPI
  document is read as its own version says;
* a file without ``$schema`` reached both from a 3.0 schema and from a JSON Schema (or OpenAPI
  3.1) one is refused: one file cannot be judged both ways in one schema (a ``$schema`` in it
  says which).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urljoin

from validator.contracts.integers30 import is_translation
from validator.problems import NotASchema

__all__ = ["Readings"]


class Readings:
    """Which resources of a discovery speak OpenAPI 3.0, and how each file found was read."""

    def __init__(self) -> None:
        self.oas30: set[str] = set()
        """The URIs (no fragment) of the resources that are 3.0 translations."""
        self.read_as: dict[str, tuple[bool, str]] = {}
        """File URI -> read as 3.0 (True) or JSON Schema, and the base URI of the first ``$ref``
        to it, for the files without ``$schema``."""
        self.base = ""
        """The base URI of the ``$ref`` being resolved."""

    def note(self, uri: str, contents: Any) -> None:
        """A resource the registry holds (the root, what it is given, a file found)."""
        if is_translation(contents):
            self.oas30.add(urldefrag(uri)[0])

    def within(self) -> bool:
        """Whether the ``$ref`` being resolved is in a 3.0 schema."""
        return urldefrag(self.base)[0] in self.oas30

    def found(self, uri: str, raw: Any, prepared: Any, within: bool) -> None:
        """A file read for a reference (``within``: :meth:`within` then)."""
        self.note(uri, prepared)
        if isinstance(raw, dict) and "$schema" not in raw and "openapi" not in raw:
            self.read_as[uri] = (within, self.base)

    def check(self, ref: str, paths: dict[str, Path]) -> None:
        """Refuse the file ``ref`` (just resolved) leads to, when it was read the other way."""
        try:
            target = urldefrag(urljoin(self.base, ref))[0]
        except ValueError:  # pragma: no cover - resolved, so a URI reference
            return
        first = self.read_as.get(target)
        if first is None or first[0] == self.within():
            return
        path = str(paths.get(target, target))
        oas30, other = (first[1], self.base) if first[0] else (self.base, first[1])
        raise NotASchema(
            f"{path}: a schema file without $schema, reached by $ref both from an OpenAPI 3.0 "
            f"schema (in {_path(oas30, paths)}) and from a JSON Schema one (in "
            f'{_path(other, paths)}): it cannot be read both ways; give it a "$schema" to say '
            "which, or keep it to one side",
            schema=path,
        )


def _path(base: str, paths: dict[str, Path]) -> object:
    uri = urldefrag(base)[0]
    if uri in paths:
        return paths[uri]
    if uri.startswith("file:"):
        from urllib.parse import unquote, urlsplit

        return unquote(urlsplit(uri).path)
    return uri
