"""What ``--show-schema`` prints is one schema that needs nothing else: every schema the printed
one reaches by ``$ref`` (in its own document, or in another file the tool resolved) is copied
into the output's ``$defs`` (``definitions`` in drafts 4 to 7) and each ``$ref`` rewritten to
point there.

A subschema printed alone (``FILE#/components/schemas/User``) keeps its ``$ref``\\ s as written
(``#/components/schemas/User``), which resolve to nothing in the printed JSON.  Each ``$ref`` is
resolved as the judging resolves it (``referencing``, over the schema's own offline registry,
nothing fetched) and rewritten: to ``#`` when it names the printed schema itself (a cycle back
to the root), to its JSON Pointer in the output when it names a place inside it, else to
``#/$defs/NAME``, where NAME is the name of the place it names (the component's name, ``User``;
a file's stem for a whole file), made of letters, digits, ``_``, ``.`` and ``-`` and made unique
with a suffix (``User_2``).  Cycles end there: a schema gets its name once, before its own
``$ref``\\ s are followed.  Once anything is rewritten, every ``$ref`` of the output is a
fragment of the output itself, so the ``$id``\\ s and ``$anchor``\\ s below its root (which
would change what such a fragment means) are left out.  A schema whose ``$ref``\\ s all stay
inside it (a whole file with ``$defs`` of its own) is printed as it is, the very object.

``$dynamicRef`` and ``$recursiveRef`` are printed as written.  A definition copied from a file of
another dialect is judged in the printed schema's dialect.
"""

from __future__ import annotations

import posixpath
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote, urldefrag, urljoin, urlsplit

from validator.contracts.dialects import LEGACY, METASCHEMA_URIS
from validator.contracts.schema_walk import DATA, NAMED

if TYPE_CHECKING:
    from validator.contracts.catalog import Schema

__all__ = ["self_contained"]

_LEGACY_URIS = frozenset(METASCHEMA_URIS[name].rstrip("#") for name in LEGACY)
_SAFE = "/~!$&'()*+,;=:@"
"""What a JSON Pointer in a URI fragment may hold as it is (RFC 3986's pchar)."""
_UNNAMED = re.compile(r"[^A-Za-z0-9_.-]+")
_PLACE_IDS = frozenset({"$id", "$anchor"})


def self_contained(schema: Schema, target: Any, base: str, dialect: Any = None) -> Any:
    """``target`` (a schema of ``schema``'s resources, whose base URI is ``base``) with every
    schema its ``$ref``\\ s reach in its ``$defs`` (see the module's doc); ``target`` itself
    when every ``$ref`` of it stays inside it.  ``dialect``: the ``$schema`` it is judged in."""
    if not isinstance(target, dict):
        return target
    from validator.contracts.references import registry

    declared = target.get("$schema", dialect)
    legacy = isinstance(declared, str) and declared.rstrip("#") in _LEGACY_URIS
    bundle = _Bundle(registry(schema).crawl(), target, "definitions" if legacy else "$defs")
    return bundle.run(base)


def _token(text: str) -> str:
    return text.replace("~", "~0").replace("/", "~1")


class _Bundle:
    def __init__(self, registry: Any, root: dict[str, Any], key: str) -> None:
        self.registry = registry
        self.root = root
        self.key = key
        self.places: dict[int, str] = {}  # id of a schema object -> its pointer in the output
        self.booleans: dict[bool, str] = {}
        self.defs: dict[str, Any] = {}
        held = root.get(key)
        self.taken = set(held) if isinstance(held, dict) else set()
        self.todo: list[tuple[str, Any, str]] = []
        self.needed = False
        self._index(root, "")

    def run(self, base: str) -> Any:
        out = self._copy(self.root, base, strip=False)
        while self.todo:
            name, node, where = self.todo.pop(0)
            self.defs[name] = self._copy(node, where, strip=True)
        if not (self.needed or self.defs):
            return self.root
        if self.defs:
            held = out.get(self.key)
            out[self.key] = {**(held if isinstance(held, dict) else {}), **self.defs}
        return out

    def _index(self, node: Any, pointer: str) -> None:
        """Note the pointer of every schema object at and below ``node`` (the first seen)."""
        todo = [(node, pointer)]
        while todo:
            node, pointer = todo.pop()
            if isinstance(node, list):
                todo.extend((each, f"{pointer}/{at}") for at, each in enumerate(node))
            if not isinstance(node, dict):
                continue
            self.places.setdefault(id(node), pointer)
            for key, value in node.items():
                here = f"{pointer}/{_token(key)}"
                if key in DATA:
                    continue
                if key in NAMED and isinstance(value, dict):
                    todo.extend((each, f"{here}/{_token(name)}") for name, each in value.items())
                else:
                    todo.append((value, here))

    def _copy(self, node: Any, base: str, strip: bool) -> Any:
        """A copy of ``node`` with its ``$ref``\\ s rewritten (``strip``: without the ``$id``
        and ``$anchor`` of ``node`` itself; always without those below it)."""
        if isinstance(node, list):
            items = []
            for each in node:  # loops, not comprehensions: one frame a level, as json's own
                items.append(self._copy(each, base, True))
            return items
        if not isinstance(node, dict):
            return node
        if isinstance(node.get("$id"), str):
            base = urljoin(base, node["$id"])
        out: dict[str, Any] = {}
        for key, value in node.items():
            if key in DATA:
                out[key] = value
            elif strip and key in _PLACE_IDS:
                continue
            elif key == "$ref" and isinstance(value, str):
                out[key] = self._ref(value, base)
            elif key in NAMED and isinstance(value, dict):
                named = out[key] = {}
                for name, each in value.items():
                    named[name] = self._copy(each, base, True)
            else:
                out[key] = self._copy(value, base, True)
        return out

    def _ref(self, ref: str, base: str) -> str:
        """What a ``$ref`` becomes in the output (as written when it resolves nowhere)."""
        from referencing.exceptions import Unresolvable

        try:
            resolved = self.registry.resolver(base_uri=base).lookup(ref)
        except (Unresolvable, ValueError, LookupError, TypeError, AttributeError):
            return ref
        target = resolved.contents
        if target is self.root:
            new = "#"
        elif isinstance(target, dict) and id(target) in self.places:
            new = "#" + quote(self.places[id(target)], safe=_SAFE)
        elif isinstance(target, bool) and target in self.booleans:
            new = f"#/{self.key}/{self.booleans[target]}"  # true and false: one copy each
        else:
            where = str(getattr(resolved.resolver, "_base_uri", "") or urljoin(base, ref))
            new = f"#/{self.key}/{self._name(ref, base, target, where)}"
        self.needed = self.needed or new != ref
        return new

    def _name(self, ref: str, base: str, target: Any, where: str) -> str:
        """A new name in the output's definitions for the schema a ``$ref`` names."""
        uri, fragment = urldefrag(urljoin(base, ref))
        fragment = unquote(fragment)
        if fragment.startswith("/"):
            said = fragment.rsplit("/", 1)[-1].replace("~1", "/").replace("~0", "~")
        else:
            said = fragment or posixpath.splitext(posixpath.basename(urlsplit(uri).path))[0]
        stem = _UNNAMED.sub("_", said).strip("_")[:60] or "schema"
        name, suffix = stem, 1
        while name in self.taken:
            suffix += 1
            name = f"{stem}_{suffix}"
        self.taken.add(name)
        if isinstance(target, dict):
            self._index(target, f"/{self.key}/{name}")
        elif isinstance(target, bool):
            self.booleans[target] = name
        self.todo.append((name, target, where))
        return name
